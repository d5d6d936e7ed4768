"""Utility metrics: how much a generalization (plus suppression) costs, lower is better.

* ``loss``: ARX's default "Loss" (``MetricMDNMLoss``, generalization and suppression
  weighted equally). Per column, each record costs the *domain share* of its label (the
  share of the hierarchy's rows the label covers: 1/domain for an original value, 1 for
  ``*``); a suppressed record costs 1. The column's sum is normalized to 0..1 as
  ``(sum − n/domain) / (n − n/domain)`` and the columns are combined by ARX's geometric
  mean, ``Π (1 + loss_c)^(1/d) − 1``.
* ``discernibility``: ``Σ |class|²`` over the classes kept, plus ``n`` for each
  suppressed record (a suppressed record is indistinguishable from all n).
* ``entropy``: non-uniform entropy (ARX's ``MetricMDNUNMEntropy``). Per column,
  ``−Σ_records log2(P(original | generalized))`` with frequencies taken in the table,
  plus, for the suppressed records, the entropy of their generalized values among
  themselves, ``−Σ_g c_g log2(c_g / suppressed)``; summed over the columns.

Each comes with a lower bound that can only grow up the lattice, which the search uses
to skip nodes that cannot beat the best so far: for loss and entropy their generalization
part alone (known for every node before any grouping, since it is a sum per column); for
discernibility ``Σ |class|²`` over all classes, suppressed ones included.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import numpy.typing as npt

from cityprivacy.protect.anonymize.classes import Classes
from cityprivacy.protect.anonymize.encoding import EncodedTable
from cityprivacy.protect.anonymize.lattice import Lattice

__all__ = ["Metric", "UtilityModel"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
DIGITS = 10  # ARX compares information loss rounded to 10 decimal digits


class Metric(StrEnum):
    """The utility metric the search minimizes."""

    LOSS = "loss"
    DISCERNIBILITY = "discernibility"
    ENTROPY = "entropy"


class UtilityModel:
    """The three metrics for the nodes of one encoded table."""

    def __init__(self, encoded: EncodedTable) -> None:
        self.encoded = encoded
        n = float(encoded.records)
        self._loss_sum: list[FloatArray] = []  # per column: generalization cost per level
        self._loss_floor: list[float] = []
        self._entropy: list[FloatArray] = []  # per column: generalization entropy per level
        for dim in encoded.dimensions:
            leaf_counts = np.bincount(dim.items, weights=encoded.counts, minlength=dim.domain)
            self._loss_sum.append(
                np.array([float(leaf_counts @ share) for share in dim.shares], dtype=np.float64)
            )
            self._loss_floor.append(n / dim.domain)
            held = leaf_counts > 0
            entropy = []
            for codes in dim.maps:
                label_counts = np.bincount(codes, weights=leaf_counts)
                a = leaf_counts[held]
                entropy.append(float(-(a * np.log2(a / label_counts[codes[held]])).sum()))
            self._entropy.append(np.asarray(entropy, dtype=np.float64))

    # -- bounds known before grouping ------------------------------------------------------

    def prior_bounds(self, metric: Metric, lattice: Lattice) -> FloatArray:
        """A lower bound of ``metric`` for every node, monotone up the lattice."""
        nodes = lattice.nodes.astype(np.int64)
        if metric is Metric.LOSS:
            columns = [
                self._normalize(d, self._loss_sum[d][nodes[:, d]])
                for d in range(len(self._loss_sum))
            ]
            return np.round(_geometric(np.stack(columns, axis=1)), DIGITS)
        if metric is Metric.ENTROPY:
            total = np.zeros(lattice.size, dtype=np.float64)
            for d, entropy in enumerate(self._entropy):
                total += entropy[nodes[:, d]]
            out: FloatArray = np.round(total, DIGITS)
            return out
        return np.zeros(lattice.size, dtype=np.float64)

    # -- measuring a node ------------------------------------------------------------------

    def measure(
        self, metric: Metric, classes: Classes, suppressed: BoolArray
    ) -> tuple[float, float]:
        """``(value, lower bound for this node and every node above it)``.

        ``suppressed`` masks the suppressed classes.
        """
        if metric is Metric.LOSS:
            return self._loss(classes, suppressed), self._loss(classes, None)
        if metric is Metric.ENTROPY:
            return self._entropy_of(classes, suppressed), self._entropy_of(classes, None)
        squares = classes.sizes.astype(np.float64) ** 2
        kept = float(squares[~suppressed].sum())
        removed = float(classes.sizes[suppressed].sum()) * self.encoded.records
        return kept + removed, float(squares.sum())

    def all_metrics(self, classes: Classes, suppressed: BoolArray) -> dict[Metric, float]:
        return {m: self.measure(m, classes, suppressed)[0] for m in Metric}

    def _normalize(self, dim: int, total: FloatArray | float) -> FloatArray:
        n, floor = float(self.encoded.records), self._loss_floor[dim]
        if n - floor <= 0:
            return np.zeros_like(np.asarray(total, dtype=np.float64))
        share = np.asarray(total, dtype=np.float64) - floor
        out: FloatArray = np.maximum(share / (n - floor), 0.0).round(DIGITS)
        return out

    def _loss(self, classes: Classes, suppressed: BoolArray | None) -> float:
        columns = []
        item_suppressed = None if suppressed is None else suppressed[classes.of_item]
        for d, level in enumerate(classes.levels):
            total = self._loss_sum[d][level]
            if item_suppressed is not None and item_suppressed.any():
                dim = self.encoded.dimensions[d]
                share = dim.shares[level][dim.items[item_suppressed]]
                total += float(self.encoded.counts[item_suppressed] @ (1.0 - share))
            columns.append(self._normalize(d, total))
        return float(
            np.round(_geometric(np.asarray(columns, dtype=np.float64)[None, :])[0], DIGITS)
        )

    def _entropy_of(self, classes: Classes, suppressed: BoolArray | None) -> float:
        total = sum(float(self._entropy[d][level]) for d, level in enumerate(classes.levels))
        if suppressed is not None and suppressed.any():
            item_suppressed = suppressed[classes.of_item]
            counts = self.encoded.counts[item_suppressed]
            removed = float(counts.sum())
            for d, level in enumerate(classes.levels):
                dim = self.encoded.dimensions[d]
                codes = dim.maps[level][dim.items[item_suppressed]]
                c = np.bincount(codes, weights=counts)
                c = c[c > 0]
                total += float(-(c * np.log2(c / removed)).sum())
        return float(np.round(total, DIGITS))


def _geometric(columns: FloatArray) -> FloatArray:
    """ARX's geometric mean of per-column losses (rows: nodes): ``Π (1 + v)^(1/d) − 1``."""
    width = columns.shape[1]
    out: FloatArray = np.prod((columns + 1.0) ** (1.0 / width), axis=1) - 1.0
    return out
