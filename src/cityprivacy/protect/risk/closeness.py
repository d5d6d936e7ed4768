"""t-closeness: how far each class's sensitive values are from the whole table's.

Li, Li and Venkatasubramanian (2007) measure the distance between the distribution ``Q``
of the sensitive values in a class and their distribution ``P`` in the whole table with
the Earth Mover's Distance, and call the table t-close when every class is within t.
The report gives the largest distance (the smallest t the table satisfies):

* **equal distance** (categorical values): every two values are 1 apart, so the EMD is
  half the L1 distance, ``½ Σ_v |q_v − p_v|``;
* **ordered distance** (numbers): values are sorted, neighbours are ``1/(m−1)`` apart,
  and the EMD is ``1/(m−1) · Σ_i |Σ_{j≤i} (q_j − p_j)|``, i.e. the area between the two
  cumulative distributions.

These are the definitions of the paper, of ARX's ``EDDistance`` / ordered-distance
t-closeness and of pycanon's ``t_closeness`` (which picks the ordered distance for
numeric columns). With a single sensitive value every class equals the table: t = 0.

The ordered sum is not computed over all m values for every class: between two values
a class holds, its cumulative share is constant while the table's (``P``) increases, so
each stretch sums ``|q − P(i)|`` in closed form with prefix sums of ``P`` and a binary
search for where ``P`` crosses ``q``. The cost grows with the (class, value) pairs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from cityprivacy.protect.risk.sensitive import ClassValueCounts

__all__ = ["equal_distance_emd", "ordered_emd"]

FloatArray = npt.NDArray[np.float64]


def equal_distance_emd(counts: ClassValueCounts) -> FloatArray:
    """Per class, half the L1 distance between its value shares and the table's."""
    table_share = counts.value_counts / counts.records
    class_share = counts.pair_count / counts.class_sizes[counts.pair_class]
    p_held = table_share[counts.pair_value]
    # Values a class does not hold contribute their table share p_v: 1 − Σ(p of held).
    held = np.bincount(
        counts.pair_class, weights=np.abs(class_share - p_held), minlength=counts.classes
    )
    p_sum = np.bincount(counts.pair_class, weights=p_held, minlength=counts.classes)
    return np.asarray(0.5 * (held + np.clip(1.0 - p_sum, 0.0, None)), dtype=np.float64)


def ordered_emd(counts: ClassValueCounts) -> FloatArray:
    """Per class, the ordered-distance EMD (values numbered in increasing order)."""
    m = counts.distinct
    if m <= 1:
        return np.zeros(counts.classes, dtype=np.float64)
    table_cdf = np.cumsum(counts.value_counts) / counts.records  # P(i), i = 0..m-1
    prefix = np.concatenate(([0.0], np.cumsum(table_cdf)))  # Σ_{i<x} P(i), x = 0..m

    # Stretches of constant class CDF: [pair value, next pair value of the class or m).
    cls, start = counts.pair_class, counts.pair_value
    last_of_class = np.ones(cls.size, dtype=np.bool_)
    last_of_class[:-1] = cls[1:] != cls[:-1]
    end = np.empty_like(start)
    end[:-1] = start[1:]
    end[last_of_class] = m
    first_of_class = np.ones(cls.size, dtype=np.bool_)
    first_of_class[1:] = last_of_class[:-1]
    # Records of earlier classes, subtracted from the running count of the sorted pairs.
    before_class = np.cumsum(counts.class_sizes) - counts.class_sizes
    within = np.cumsum(counts.pair_count) - before_class[cls]
    class_cdf = within / counts.class_sizes[cls]

    totals = np.bincount(
        cls,
        weights=_stretch_sums(start, end, class_cdf, table_cdf, prefix),
        minlength=counts.classes,
    )
    # Before its first value a class's CDF is 0: that stretch sums P(i) for i < first value.
    totals += np.bincount(
        cls[first_of_class], weights=prefix[start[first_of_class]], minlength=counts.classes
    )
    return np.asarray(totals / (m - 1), dtype=np.float64)


def _stretch_sums(
    start: npt.NDArray[np.int64],
    end: npt.NDArray[np.int64],
    q: FloatArray,
    table_cdf: FloatArray,
    prefix: FloatArray,
) -> FloatArray:
    """``Σ_{i=start}^{end-1} |q − P(i)|`` for each stretch, with P increasing."""
    cross = np.clip(np.searchsorted(table_cdf, q, side="right"), start, end)
    below = q * (cross - start) - (prefix[cross] - prefix[start])  # P(i) ≤ q
    above = (prefix[end] - prefix[cross]) - q * (end - cross)  # P(i) > q
    return np.asarray(below + above, dtype=np.float64)
