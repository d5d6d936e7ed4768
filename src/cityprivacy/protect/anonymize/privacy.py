"""The privacy models a release must satisfy, and which classes fail them.

* **k-anonymity**: every class has at least ``k`` records.
* **distinct l-diversity**: every class holds at least ``l`` distinct sensitive values.
* **t-closeness**: in every class, the Earth Mover's Distance between the sensitive
  values' distribution and the whole table's is at most ``t``: ordered distance
  (``1/(m−1) · Σ_i |Σ_{j≤i} (q_j − p_j)|``) when every sensitive value is a number,
  equal distance (``½ Σ |q_v − p_v|``) otherwise, as the risk report measures it.

Records of failing classes are suppressed (ARX's rule), and a node satisfies the model
when no more than ``floor(max_suppression × records)`` records are (ARX's absolute
limit). Monotonicity, which lets the search tag whole parts of the lattice from one
check: k-anonymity and distinct l-diversity stay satisfied when a node is generalized
further, with or without suppression (a record's class only grows, so a record that
passes keeps passing). t-closeness does too without suppression (the distance of a union
of classes is at most the largest of theirs), but not with it: a passing class merged
with a failing one can fail. ARX draws the same line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cityprivacy.errors import InputError
from cityprivacy.protect.anonymize.classes import Classes
from cityprivacy.protect.anonymize.encoding import EncodedTable

__all__ = ["ModelChecker", "PrivacyModel"]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
_EPSILON = 1e-12
_CHUNK_CELLS = 1 << 22


@dataclass(frozen=True, slots=True)
class PrivacyModel:
    """What the anonymized table must satisfy, and how many records may be suppressed."""

    k: int = 5
    l: int | None = None  # noqa: E741 - the model's name is l-diversity
    t: float | None = None
    sensitive: str | None = None
    max_suppression: float = 0.0

    def __post_init__(self) -> None:
        if self.k < 1:
            raise InputError(f"k must be at least 1 (got {self.k})")
        if self.l is not None and self.l < 1:
            raise InputError(f"l must be at least 1 (got {self.l})")
        if self.t is not None and not 0.0 <= self.t <= 1.0:
            raise InputError(f"t must be between 0 and 1 (got {self.t})")
        if not 0.0 <= self.max_suppression <= 1.0:
            raise InputError(
                f"the suppression limit is a share of records between 0 and 1 "
                f"(got {self.max_suppression})"
            )
        if (self.l is not None or self.t is not None) and self.sensitive is None:
            raise InputError("l-diversity and t-closeness need the sensitive column (--sensitive)")

    @property
    def monotone(self) -> bool:
        """Whether satisfying the whole model is monotone in the lattice (see the module)."""
        return self.t is None or self.max_suppression == 0.0

    def suppression_limit(self, records: int) -> int:
        """How many records may be suppressed out of ``records``."""
        return math.floor(self.max_suppression * records + _EPSILON)

    def describe(self) -> str:
        parts = [f"{self.k}-anonymity"]
        if self.l is not None:
            parts.append(f"distinct {self.l}-diversity of {self.sensitive!r}")
        if self.t is not None:
            parts.append(f"{self.t:g}-closeness of {self.sensitive!r}")
        return ", ".join(parts)


class ModelChecker:
    """Which classes of a node fail a :class:`PrivacyModel` on one encoded table."""

    def __init__(self, model: PrivacyModel, encoded: EncodedTable) -> None:
        self.model = model
        self.encoded = encoded
        self.limit = model.suppression_limit(encoded.records)
        self._table_share: FloatArray | None = None
        if model.t is not None and encoded.sensitive is not None:
            totals = np.bincount(
                encoded.sensitive, weights=encoded.counts, minlength=encoded.sensitive_distinct
            )
            self._table_share = totals / encoded.records

    def failing(self, classes: Classes, *, monotone_part: bool = False) -> BoolArray:
        """Mask of the classes that fail the model (only its monotone part if asked)."""
        fails: BoolArray = classes.sizes < self.model.k
        if self.model.l is not None and self.model.l > 1:
            fails |= self._distinct(classes) < self.model.l
        if self.model.t is not None and not monotone_part:
            fails |= self._closeness(classes) > self.model.t + _EPSILON
        return fails

    def _distinct(self, classes: Classes) -> npt.NDArray[np.int64]:
        sensitive = self.encoded.sensitive
        assert sensitive is not None
        width = max(self.encoded.sensitive_distinct, 1)
        pairs = np.unique(classes.of_item * width + sensitive)
        return np.bincount(pairs // width, minlength=classes.count)

    def _closeness(self, classes: Classes) -> FloatArray:
        """The EMD of each class from the table (see the module for the two distances)."""
        sensitive, share = self.encoded.sensitive, self._table_share
        assert sensitive is not None
        assert share is not None
        width = share.size
        out = np.zeros(classes.count, dtype=np.float64)
        if width <= 1:
            return out
        step = max(1, _CHUNK_CELLS // width)
        for start in range(0, classes.count, step):
            stop = min(start + step, classes.count)
            inside = (classes.of_item >= start) & (classes.of_item < stop)
            cells = (classes.of_item[inside] - start) * width + sensitive[inside]
            counts = np.bincount(
                cells, weights=self.encoded.counts[inside], minlength=(stop - start) * width
            ).reshape(stop - start, width)
            gap = counts / classes.sizes[start:stop, None] - share
            if self.encoded.sensitive_ordered:
                out[start:stop] = np.abs(np.cumsum(gap, axis=1)).sum(axis=1) / (width - 1)
            else:
                out[start:stop] = 0.5 * np.abs(gap).sum(axis=1)
        return out
