"""Equivalence classes: the groups of records that share every quasi-identifier value.

Every risk measure starts here. A record can only be told apart from the others of its
class, so the class sizes decide the re-identification risks and each class's sensitive
values decide l-diversity and t-closeness.

Grouping is vectorized: each quasi-identifier column is dictionary-encoded by Arrow (a
null is a value of its own, as in ARX), the per-column codes are combined into one
integer per record (mixed radix, compacted with :func:`numpy.unique` whenever the radix
product would overflow 64 bits), and :func:`numpy.unique` numbers the classes. A million
records with five quasi-identifiers take well under a second; nothing loops per record.

Suppressed records follow ARX's convention: a record whose quasi-identifiers all hold the
suppression marker (``*``) was removed by the anonymization, belongs to no class and is
counted apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.protect._arrow import bool_values, integer_values, string_scalar

__all__ = [
    "EquivalenceClasses",
    "combine_codes",
    "dictionary_codes",
    "encode_column",
    "group_codes",
    "suppressed_mask",
]

IntArray = npt.NDArray[np.int64]

# Beyond this the mixed-radix product of two codes could overflow an int64.
_RADIX_LIMIT = 2**62


def encode_column(column: pa.ChunkedArray | pa.Array) -> tuple[IntArray, int]:
    """Codes ``0..distinct-1`` for the values of ``column`` (null is a value) and how many.

    Codes follow the order in which values first appear; they carry no meaning beyond
    equality, so the grouping is the same whatever the column's type.
    """
    codes, dictionary = dictionary_codes(column)
    return codes, len(dictionary)


def dictionary_codes(column: pa.ChunkedArray | pa.Array) -> tuple[IntArray, pa.Array]:
    """The dictionary encoding of ``column``: a code per record and the distinct values."""
    chunked = column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column])
    if pa.types.is_dictionary(chunked.type):  # re-encode: its nulls must become a value
        chunked = pc.cast(chunked, chunked.type.value_type)
    if len(chunked) == 0:
        return np.zeros(0, dtype=np.int64), pa.nulls(0, chunked.type)
    encoded = pc.dictionary_encode(chunked, null_encoding="encode")
    chunks = [c for c in encoded.chunks if len(c)]
    dictionary = chunks[0].dictionary
    if any(not c.dictionary.equals(dictionary) for c in chunks[1:]):
        # Arrow encodes the chunks of one array with one memo table, so this does not
        # happen today; should it ever, encode one contiguous array instead.
        chunks = [pc.dictionary_encode(chunked.combine_chunks(), null_encoding="encode")]
        dictionary = chunks[0].dictionary
    codes = np.concatenate([integer_values(c.indices) for c in chunks])
    return codes, dictionary


def combine_codes(columns: Sequence[tuple[IntArray, int]], size: int) -> tuple[IntArray, int]:
    """One code per position for several code columns (mixed radix), and the code range.

    ``columns`` holds ``(codes, distinct)`` pairs of length ``size``. When the product of
    the ranges would overflow, the running codes are renumbered densely first, so any
    number of columns works. Equal codes mean equal values in every column.
    """
    key = np.zeros(size, dtype=np.int64)
    radix = 1
    for codes, distinct in columns:
        width = max(distinct, 1)
        if radix * width >= _RADIX_LIMIT:
            uniques, key = np.unique(key, return_inverse=True)
            key = key.astype(np.int64, copy=False)
            radix = max(int(uniques.size), 1)
        key = key * width + codes
        radix *= width
    return key, radix


def group_codes(columns: Sequence[tuple[IntArray, int]], rows: int) -> tuple[IntArray, IntArray]:
    """Class of every record and size of every class, from per-column codes.

    ``columns`` holds ``(codes, distinct)`` pairs of equal length ``rows``. Returns
    ``(class_of_row, class_sizes)``: class ids run ``0..classes-1``.
    """
    combined, _ = combine_codes(columns, rows)
    if rows == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    _, class_of_row, sizes = np.unique(combined, return_inverse=True, return_counts=True)
    return class_of_row.astype(np.int64, copy=False), sizes.astype(np.int64, copy=False)


def suppressed_mask(
    table: pa.Table, qi: Sequence[str], marker: str | None
) -> npt.NDArray[np.bool_]:
    """True for the records whose quasi-identifiers all hold ``marker`` (ARX: suppressed)."""
    mask = np.zeros(table.num_rows, dtype=np.bool_)
    if marker is None or not qi or table.num_rows == 0:
        return mask
    mask[:] = True
    for name in qi:
        column = table.column(name)
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            column = pc.cast(column, pa.string())
        equal = pc.equal(column, string_scalar(marker).cast(column.type))
        mask &= bool_values(equal.combine_chunks())  # a missing value is not the marker
    return mask


@dataclass(frozen=True, slots=True, eq=False)
class EquivalenceClasses:
    """The records kept (not suppressed), the class of each, and each class's size."""

    kept: npt.NDArray[np.bool_]
    class_of_row: IntArray
    sizes: IntArray

    @classmethod
    def of(cls, table: pa.Table, qi: Sequence[str], marker: str | None) -> EquivalenceClasses:
        """Group the records of ``table`` on the columns ``qi``, leaving out suppressed ones."""
        kept = ~suppressed_mask(table, qi, marker)
        rows = int(kept.sum())
        columns = [_codes_of_kept(encode_column(table.column(name)), kept) for name in qi]
        class_of_row, sizes = group_codes(columns, rows)
        return cls(kept=kept, class_of_row=class_of_row, sizes=sizes)

    @property
    def records(self) -> int:
        """Records in classes (suppressed ones left out)."""
        return int(self.class_of_row.size)

    @property
    def count(self) -> int:
        """Number of classes."""
        return int(self.sizes.size)

    def histogram(self) -> tuple[tuple[int, int], ...]:
        """``(class size, number of classes of that size)``, by increasing size."""
        if self.sizes.size == 0:
            return ()
        sizes, counts = np.unique(self.sizes, return_counts=True)
        return tuple((int(s), int(c)) for s, c in zip(sizes, counts, strict=True))


def _codes_of_kept(
    encoded: tuple[IntArray, int], kept: npt.NDArray[np.bool_]
) -> tuple[IntArray, int]:
    codes, distinct = encoded
    if kept.all():
        return codes, distinct
    return codes[kept], distinct
