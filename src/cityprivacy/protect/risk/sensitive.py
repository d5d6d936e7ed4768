"""The sensitive column, counted per equivalence class: the input of l-diversity and t-closeness.

Both measures look at how often each sensitive value occurs in each class. Those counts
come from one :func:`numpy.unique` over ``class * distinct + value`` (one integer per
record), so the work grows with the number of (class, value) pairs, never with a
classes × values matrix.

Values are numbered in sorted order: by text for categorical values (the order pycanon's
``numpy.unique`` gives), by number for an ordered (numeric) attribute, where ``7`` and
``7.0`` are the same value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.protect._arrow import float_values, integer_values
from cityprivacy.protect.risk.classes import IntArray, dictionary_codes

__all__ = ["ClassValueCounts", "as_numbers", "numeric_codes", "sorted_codes"]

FloatArray = npt.NDArray[np.float64]


def sorted_codes(column: pa.ChunkedArray | pa.Array) -> tuple[IntArray, int]:
    """Codes numbering the distinct values of ``column`` in sorted order (nulls last)."""
    codes, dictionary = dictionary_codes(column)
    order = integer_values(pc.array_sort_indices(dictionary, null_placement="at_end"))
    rank = np.empty(len(dictionary), dtype=np.int64)
    rank[order] = np.arange(len(dictionary), dtype=np.int64)
    return rank[codes], len(dictionary)


def as_numbers(column: pa.ChunkedArray) -> FloatArray | None:
    """The column as finite floats, or None when some value is missing or not a number."""
    if column.null_count:
        return None
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        column = pc.utf8_trim_whitespace(column)
    elif not (pa.types.is_integer(column.type) or pa.types.is_floating(column.type)):
        return None
    try:
        numbers = pc.cast(column, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    values = float_values(numbers.combine_chunks())
    if not np.isfinite(values).all():
        return None
    return values


def numeric_codes(values: FloatArray) -> tuple[IntArray, int]:
    """Codes numbering distinct numbers in increasing order."""
    uniques, codes = np.unique(values, return_inverse=True)
    return codes.astype(np.int64, copy=False), int(uniques.size)


@dataclass(frozen=True, slots=True, eq=False)
class ClassValueCounts:
    """How many records of each class hold each sensitive value (only pairs that occur).

    ``pair_class``, ``pair_value`` and ``pair_count`` are sorted by class, then value.
    ``value_counts[v]`` counts value ``v`` over the whole table; ``class_sizes[c]`` is
    the size of class ``c``.
    """

    pair_class: IntArray
    pair_value: IntArray
    pair_count: IntArray
    value_counts: IntArray
    class_sizes: IntArray

    @classmethod
    def of(
        cls, class_of_row: IntArray, class_sizes: IntArray, codes: IntArray, distinct: int
    ) -> ClassValueCounts:
        width = max(distinct, 1)
        if class_sizes.size and class_sizes.size >= (2**63 - 1) // width:
            raise OverflowError("too many classes × sensitive values to count")  # pragma: no cover
        keys, counts = np.unique(class_of_row * width + codes, return_counts=True)
        return cls(
            pair_class=keys // width,
            pair_value=keys % width,
            pair_count=counts.astype(np.int64, copy=False),
            value_counts=np.bincount(codes, minlength=distinct).astype(np.int64, copy=False),
            class_sizes=class_sizes,
        )

    @property
    def classes(self) -> int:
        return int(self.class_sizes.size)

    @property
    def distinct(self) -> int:
        return int(self.value_counts.size)

    @property
    def records(self) -> int:
        return int(self.class_sizes.sum())
