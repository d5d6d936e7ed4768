"""The OpenDP measurements a differentially private release is made of, in one place.

Everything that adds noise or states a privacy loss is OpenDP's (``contrib`` features,
secure randomness, proven privacy maps); this module only assembles it. The one argument
made here rather than by OpenDP is that sums of disjoint groups add up their sensitivity
like one sum (parallel composition): see :func:`group_sum_sensitivity`.

The privacy unit is a person contributing at most ``contributions`` rows (symmetric
distance ``contributions``: adding or removing that person's rows).

Scales, thresholds and sensitivities are pure functions of their numeric arguments, found
by OpenDP's binary searches; they are cached because the searches are slow-ish.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import Any

__all__ = [
    "count_measurement",
    "count_scale",
    "group_sum_sensitivity",
    "laplace_accuracy",
    "opendp",
    "sum_noise",
    "sum_scale",
    "sum_transformation",
    "threshold_measurement",
    "threshold_scale_and_cut",
]

_PLACEHOLDER_CATEGORIES = [0]


@cache
def opendp() -> ModuleType:
    """``opendp.prelude`` with the ``contrib`` features on (done on first use, not import)."""
    import opendp.prelude as dp

    dp.enable_features("contrib")
    return dp


def count_measurement(categories: list[int], scale: float) -> Any:
    """Counts of each declared category (plus one for everything else), with discrete
    Laplace noise. Input: a vector of category indices (int32); -1 for no category."""
    dp = opendp()
    domain = dp.vector_domain(dp.atom_domain(T=int))
    counts = dp.t.make_count_by_categories(
        domain, dp.symmetric_distance(), categories=categories, null_category=True
    )
    return counts >> dp.m.then_laplace(scale=scale)


@cache
def count_scale(epsilon: float, contributions: int) -> float:
    """The smallest noise scale whose count measurement spends at most ``epsilon``."""
    dp = opendp()
    scale: float = dp.binary_search_param(
        lambda s: count_measurement(_PLACEHOLDER_CATEGORIES, s),
        d_in=contributions,
        d_out=epsilon,
    )
    return scale


def threshold_measurement(scale: float, threshold: int) -> Any:
    """Counts of every key present in the data, noisy, keeping those at or above
    ``threshold`` (stability-based release: the key set itself comes from the data)."""
    dp = opendp()
    counts = dp.t.make_count_by(dp.vector_domain(dp.atom_domain(T=str)), dp.symmetric_distance())
    return counts >> dp.m.then_laplace_threshold(scale=scale, threshold=threshold)


@cache
def threshold_scale_and_cut(epsilon: float, delta: float, contributions: int) -> tuple[float, int]:
    """Scale spending ``epsilon`` and the smallest threshold keeping the chance that a key
    held by one person's rows is released below ``delta``."""
    dp = opendp()
    huge = 2**30

    def within(scale: float) -> bool:
        spent = threshold_measurement(scale, huge).map(contributions)[0]
        return bool(spent <= epsilon)

    scale: float = dp.binary_search(within, T=float)
    threshold: int = dp.binary_search_param(
        lambda t: threshold_measurement(scale, t),
        d_in=contributions,
        d_out=(epsilon, delta),
        T=int,
    )
    return scale, threshold


def sum_transformation(lower: float, upper: float) -> Any:
    """Clamp each value to ``[lower, upper]`` and add them up (OpenDP's float sum, whose
    stability accounts for floating-point rounding)."""
    dp = opendp()
    space = dp.vector_domain(dp.atom_domain(T=float, nan=False)), dp.symmetric_distance()
    return space >> dp.t.then_clamp((float(lower), float(upper))) >> dp.t.then_sum()


@cache
def group_sum_sensitivity(lower: float, upper: float, contributions: int) -> float:
    """L1 sensitivity of the vector of one clamped sum per group.

    A person's ``contributions`` rows fall in at most that many groups, and OpenDP's map
    ``m`` of one group's sum is affine in the rows changed (``m(d) <= d * m(1)``), so the
    whole vector moves by at most ``contributions * m(1)``; ``m(contributions)`` is taken
    too in case the map were not affine.
    """
    transformation = sum_transformation(lower, upper)
    one = float(transformation.map(1))
    return max(contributions * one, float(transformation.map(contributions)))


def sum_noise(scale: float) -> Any:
    """Laplace noise on a vector of floats (L1 sensitivity)."""
    dp = opendp()
    domain = dp.vector_domain(dp.atom_domain(T=float, nan=False))
    return dp.m.make_laplace(domain, dp.l1_distance(T=float), scale=scale)


@cache
def sum_scale(epsilon: float, sensitivity: float) -> float:
    """The smallest noise scale whose vector Laplace spends at most ``epsilon``."""
    dp = opendp()
    scale: float = dp.binary_search_param(sum_noise, d_in=sensitivity, d_out=epsilon)
    return scale


def laplace_accuracy(scale: float, alpha: float, *, discrete: bool) -> float:
    """Half-width of the interval holding the noise with probability ``1 - alpha``."""
    dp = opendp()
    if discrete:
        return float(dp.discrete_laplacian_scale_to_accuracy(scale=scale, alpha=alpha))
    return float(dp.laplacian_scale_to_accuracy(scale=scale, alpha=alpha))
