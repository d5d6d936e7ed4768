"""What a differentially private release asks for, how its privacy budget is split, and how
accurate each statistic will be, all before any data is read.

The total ``epsilon`` is split evenly over the statistics computed: one count (when counts
are asked for, when a mean needs its denominator, or when the groups are selected from the
data) and one sum per summed or averaged column (a mean is a noisy sum over a noisy count,
so a column both summed and averaged costs one sum). By basic composition the release
spends at most ``epsilon`` (plus ``delta`` when groups are selected from the data).

Accuracy is OpenDP's: "with probability ``confidence`` the noise added to a count (sum) is
at most ±A". It covers the noise only: clamping a value to its bounds adds bias that the
bounds, not the budget, control.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from cityprivacy.errors import InputError
from cityprivacy.protect.release.mechanisms import (
    count_scale,
    group_sum_sensitivity,
    laplace_accuracy,
    sum_scale,
    threshold_scale_and_cut,
)

__all__ = ["Bounds", "DPPlan", "DPRequest", "PlannedStatistic", "plan_release"]


@dataclass(frozen=True)
class Bounds:
    """The range every value of a column is clamped to before it is summed."""

    lower: float
    upper: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.lower) and math.isfinite(self.upper)):
            raise InputError("bounds must be finite numbers")
        if self.lower >= self.upper:
            raise InputError(
                f"bounds: the lower bound ({self.lower:g}) must be below the upper ({self.upper:g})"
            )

    @classmethod
    def parse(cls, text: str) -> Bounds:
        """``"LO,HI"``, e.g. ``"0,150000"``."""
        parts = [p.strip() for p in text.split(",")]
        try:
            lower, upper = (float(p) for p in parts)
        except ValueError:
            raise InputError(f"bounds {text!r}: expected two numbers LO,HI") from None
        return cls(lower, upper)

    @property
    def magnitude(self) -> float:
        return max(abs(self.lower), abs(self.upper))


@dataclass(frozen=True)
class DPRequest:
    """The statistics to release by the ``by`` columns, and the budget for all of them.

    ``delta`` set means the groups are taken from the data (stability-based release,
    (epsilon, delta)-DP); unset, they must be declared (pure epsilon-DP).
    """

    by: tuple[str, ...]
    epsilon: float
    count: bool = True
    sums: Mapping[str, Bounds] = field(default_factory=dict)
    means: Mapping[str, Bounds] = field(default_factory=dict)
    delta: float | None = None
    contributions: int = 1
    confidence: float = 0.95

    def __post_init__(self) -> None:
        if len(self.by) not in (1, 2) or len(set(self.by)) != len(self.by):
            raise InputError("group by one or two different columns")
        if not (math.isfinite(self.epsilon) and self.epsilon > 0):
            raise InputError(f"epsilon must be a positive number, not {self.epsilon:g}")
        if self.delta is not None and not 0.0 < self.delta < 1.0:
            raise InputError(f"delta must be between 0 and 1 (exclusive), not {self.delta:g}")
        if self.contributions < 1:
            raise InputError("each person contributes at least one row (contributions >= 1)")
        if not 0.0 < self.confidence < 1.0:
            raise InputError("confidence must be between 0 and 1 (exclusive), e.g. 0.95")
        if not (self.count or self.sums or self.means):
            raise InputError("nothing to release: ask for a count, a sum or a mean")
        for column in set(self.sums) & set(self.means):
            if self.sums[column] != self.means[column]:
                raise InputError(f"column {column!r}: one set of bounds for its sum and mean")

    @property
    def keys_from_data(self) -> bool:
        return self.delta is not None

    @property
    def summed_columns(self) -> dict[str, Bounds]:
        """Every column that needs a noisy sum (summed or averaged), in request order."""
        return {**self.sums, **self.means}

    @property
    def needs_count(self) -> bool:
        return self.count or bool(self.means) or self.keys_from_data


@dataclass(frozen=True)
class PlannedStatistic:
    """One noisy statistic: its share of the budget, noise and accuracy.

    ``accuracy``: with probability ``confidence`` the noise is within ±accuracy.
    ``half_accuracy``: the same at ``(1 + confidence) / 2``, used for means (a mean is
    right when both its sum and its count are).
    """

    kind: str  # "count" or "sum"
    column: str | None
    epsilon: float
    sensitivity: float
    scale: float
    accuracy: float
    half_accuracy: float
    mechanism: str

    @property
    def name(self) -> str:
        return "count" if self.column is None else f"sum of {self.column}"


@dataclass(frozen=True)
class DPPlan:
    """The budget split and the accuracy of a :class:`DPRequest`."""

    request: DPRequest
    statistics: tuple[PlannedStatistic, ...]
    threshold: int | None = None

    @property
    def epsilon_spent(self) -> float:
        return sum(s.epsilon for s in self.statistics)

    @property
    def count(self) -> PlannedStatistic | None:
        return next((s for s in self.statistics if s.kind == "count"), None)

    def sum_of(self, column: str) -> PlannedStatistic:
        return next(s for s in self.statistics if s.column == column)

    def mean_accuracy(self, column: str, group_size: int) -> float:
        """With probability ``confidence``, the noisy mean of a group of ``group_size``
        people is within ± this of its clamped mean (infinite for groups too small).

        If the sum is off by at most ``As`` and the count by at most ``Ac`` (each at
        ``(1 + confidence) / 2``), the ratio is off by at most
        ``(As + M * Ac) / (n - Ac)`` with ``M`` the larger bound in magnitude.
        """
        count = self.count
        if count is None:
            raise ValueError("no count planned")
        total = self.sum_of(column)
        if group_size <= count.half_accuracy:
            return math.inf
        magnitude = self.request.summed_columns[column].magnitude
        spread = total.half_accuracy + magnitude * count.half_accuracy
        return spread / (group_size - count.half_accuracy)


def plan_release(request: DPRequest) -> DPPlan:
    """Split the budget and compute each statistic's noise scale and accuracy (no data)."""
    shares = int(request.needs_count) + len(request.summed_columns)
    epsilon = request.epsilon / shares
    alpha = 1.0 - request.confidence
    statistics: list[PlannedStatistic] = []
    threshold = None
    if request.needs_count:
        if request.delta is not None:
            scale, threshold = threshold_scale_and_cut(
                epsilon, request.delta, request.contributions
            )
            mechanism = "discrete Laplace, groups kept above a threshold"
        else:
            scale = count_scale(epsilon, request.contributions)
            mechanism = "discrete Laplace"
        statistics.append(
            PlannedStatistic(
                kind="count",
                column=None,
                epsilon=epsilon,
                sensitivity=float(request.contributions),
                scale=scale,
                accuracy=laplace_accuracy(scale, alpha, discrete=True),
                half_accuracy=laplace_accuracy(scale, alpha / 2, discrete=True),
                mechanism=mechanism,
            )
        )
    for column, bounds in request.summed_columns.items():
        sensitivity = group_sum_sensitivity(bounds.lower, bounds.upper, request.contributions)
        scale = sum_scale(epsilon, sensitivity)
        statistics.append(
            PlannedStatistic(
                kind="sum",
                column=column,
                epsilon=epsilon,
                sensitivity=sensitivity,
                scale=scale,
                accuracy=laplace_accuracy(scale, alpha, discrete=False),
                half_accuracy=laplace_accuracy(scale, alpha / 2, discrete=False),
                mechanism="Laplace, values clamped to their bounds",
            )
        )
    return DPPlan(request, tuple(statistics), threshold)
