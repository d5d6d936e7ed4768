"""Estimating how many people are unique in the population from a sample's class sizes.

A record alone in its class in the table (a *sample unique*) may share its
quasi-identifiers with people outside the table; only *population uniques* are certain
matches for an attacker who holds a population register. When the table is a sample
(sampling fraction ``n/N`` below 1) the number of population uniques is estimated from
the class-size histogram of the sample. Two published estimators are implemented:

* **Zayatz** (1991): an equivalence class of the population is assumed to have size i
  with the probability that a sample class has size i; Bayes' rule with hypergeometric
  sampling then gives the probability that a sample unique is a population unique.
* **Pitman** (Hoshino 2001): the class sizes follow the Pitman (two-parameter
  Ewens–Pitman) partition, whose parameters θ and α are fitted to the sample by
  maximum likelihood; the partition is consistent under sampling, so the fitted
  parameters give the expected number of singletons in a population of N.

and the decision rule of Dankar, El Emam, Neisa and Roffey (2012), as ARX applies it:
Pitman when the sampling fraction is at most 10% (Zayatz when Pitman has no solution),
otherwise the smaller of Zayatz and the SNB model. The SNB model (Chen and
Keller-McNulty 1998) is not implemented here, so above 10% this module uses Zayatz.

References: L. Zayatz, "Estimation of the percent of unique population elements on a
microdata file using the sample", US Census Bureau SRD Report RR-91/08 (1991);
N. Hoshino, "Applying Pitman's sampling formula to microdata disclosure risk
assessment", J. Official Statistics 17(4):499–520 (2001); J. Pitman, "Combinatorial
Stochastic Processes", LNM 1875 (2006); F. K. Dankar et al., "Estimating the
re-identification risk of clinical data sets", BMC Med. Inform. Decis. Mak. 12:66 (2012).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cityprivacy.protect.risk.report import PopulationUniqueness, UniquenessModel

__all__ = [
    "PitmanFit",
    "estimate_population_uniques",
    "fit_pitman",
    "pitman_uniques",
    "zayatz_uniques",
]

FloatArray = npt.NDArray[np.float64]
Histogram = Sequence[tuple[int, int]]

# Dankar et al.: Pitman is the most accurate estimator for sampling fractions up to 10%.
PITMAN_MAX_SAMPLING_FRACTION = 0.1


def zayatz_uniques(histogram: Histogram, population_size: int) -> float:
    """Zayatz's (1991) estimate of the number of population uniques.

    With ``c_i`` sample classes of size i (u classes, n records) and ``P(1 | i)`` the
    hypergeometric probability that a population class of size i leaves exactly one
    record in a sample of n out of N, the probability that a sample unique is a
    population unique is ``(c_1/u)·P(1|1) / Σ_i (c_i/u)·P(1|i)``, and the estimate is
    ``c_1 · that probability · N/n``. Zayatz takes the population's class-size
    distribution to be the sample's (``c_i/u``), which overstates uniques at small
    sampling fractions: Dankar et al. therefore prefer Pitman there.
    """
    sizes = np.array([s for s, _ in histogram], dtype=np.int64)
    counts = np.array([c for _, c in histogram], dtype=np.float64)
    sample_size = int((sizes * counts).sum())
    uniques = float(counts[sizes == 1].sum())
    if uniques == 0 or sample_size == 0:
        return 0.0
    one_left = hypergeometric_one(population_size, sizes, sample_size)
    share = counts / counts.sum()
    denominator = float((share * one_left).sum())
    if denominator == 0.0:
        return 0.0
    conditional = float((share * one_left)[sizes == 1].sum())
    return uniques * (conditional / denominator) * population_size / sample_size


def hypergeometric_one(population: int, successes: npt.NDArray[np.int64], draws: int) -> FloatArray:
    """``P(X = 1)`` for ``X ~ Hypergeometric(population, s, draws)``, for each s in ``successes``.

    ``s·C(N−s, n−1)/C(N, n) = s·n·Π_{j<s−1}(N−n−j) / Π_{j<s}(N−j)``, summed in logs with
    running sums, so it stays exact to ~1e-12 for N in the millions (a difference of
    log-gamma values of size 1e8 would lose half the digits) and costs O(largest s).
    """
    result = np.zeros(successes.shape, dtype=np.float64)
    possible = (successes >= 1) & (successes - 1 <= population - draws) & (draws >= 1)
    if not possible.any():
        return result
    s = successes[possible]
    largest = int(s.max())
    # left[j] = Σ_{i<j} ln(N−n−i), j = 0..largest−1 (terms stay ≥ 1 where possible)
    unsampled = np.arange(
        population - draws, population - draws - largest + 1, -1, dtype=np.float64
    )
    left = np.concatenate(([0.0], np.cumsum(np.log(np.maximum(unsampled, 1.0)))))
    everyone = np.arange(population, population - largest, -1, dtype=np.float64)
    right = np.concatenate(([0.0], np.cumsum(np.log(everyone))))
    log_p = np.log(s) + math.log(draws) + left[s - 1] - right[s]
    result[possible] = np.exp(log_p)
    return result


@dataclass(frozen=True, slots=True)
class PitmanFit:
    """Maximum-likelihood parameters of the Pitman partition: θ > −α, 0 ≤ α < 1."""

    theta: float
    alpha: float

    def expected_uniques(self, population_size: int) -> float:
        """Expected singletons of a Pitman(θ, α) partition of N people (Pitman 2006).

        ``E[M_1] = N · (θ+α)_{N−1↑} / (θ+1)_{N−1↑}`` with rising factorials, written
        with log-gamma; for large N it tends to Hoshino's ``Γ(θ+1)/Γ(θ+α) · N^α``.
        """
        t, a, n = self.theta, self.alpha, population_size
        log_ratio = (
            math.lgamma(t + a + n - 1)
            - math.lgamma(t + a)
            - math.lgamma(t + n)
            + math.lgamma(t + 1)
        )
        return n * math.exp(log_ratio)


class _PitmanLikelihood:
    """Log-likelihood of the Pitman sampling formula for one class-size histogram.

    ``L(θ,α) = Σ_{i=1}^{u−1} ln(θ+iα) − Σ_{i=1}^{n−1} ln(θ+i) + Σ_{j≥1} W_j ln(j−α)``
    where ``W_j`` counts the classes larger than j (each contributes ``ln(j−α)`` for
    ``j = 1..size−1``). Vectorized over i and j.
    """

    def __init__(self, histogram: Histogram) -> None:
        sizes = np.array([s for s, _ in histogram], dtype=np.int64)
        counts = np.array([c for _, c in histogram], dtype=np.int64)
        self.classes = int(counts.sum())
        self.records = int((sizes * counts).sum())
        self.i = np.arange(1, self.classes, dtype=np.float64)
        self.k = np.arange(1, self.records, dtype=np.float64)
        largest = int(sizes.max())
        larger_than = np.zeros(largest + 1, dtype=np.float64)
        np.add.at(larger_than, sizes, counts)
        # W_j = classes of size > j = Σ_{s > j} c_s, for j = 1..largest-1
        self.j = np.arange(1, largest, dtype=np.float64)
        self.w = (larger_than[::-1].cumsum()[::-1])[2:] if largest > 1 else np.zeros(0)

    @staticmethod
    def inside(theta: float, alpha: float) -> bool:
        return 0.0 <= alpha < 1.0 and theta > -alpha

    def value(self, theta: float, alpha: float) -> float:
        return float(
            np.log(theta + self.i * alpha).sum()
            - np.log(theta + self.k).sum()
            + (self.w * np.log(self.j - alpha)).sum()
        )

    def converged(self, theta: float, alpha: float, tolerance: float = 1e-6) -> bool:
        """Both score equations hold, relative to the size of their terms (or α sits on
        the boundary 0 with the likelihood falling into it: the Ewens special case)."""
        a = 1.0 / (theta + self.i * alpha)
        b = 1.0 / (theta + self.k)
        c = self.w / (self.j - alpha)
        score_theta = abs(a.sum() - b.sum()) / (a.sum() + b.sum())
        score_alpha = ((self.i * a).sum() - c.sum()) / ((self.i * a).sum() + c.sum())
        if not (math.isfinite(score_theta) and math.isfinite(score_alpha)):
            return False
        on_boundary = alpha < 1e-9 and score_alpha < 0.0
        return score_theta < tolerance and (abs(score_alpha) < tolerance or on_boundary)

    def gradient_hessian(self, theta: float, alpha: float) -> tuple[FloatArray, FloatArray]:
        a = 1.0 / (theta + self.i * alpha)
        b = 1.0 / (theta + self.k)
        c = 1.0 / (self.j - alpha)
        a2, ia2 = a * a, self.i * a * a
        grad = np.array(
            [a.sum() - b.sum(), (self.i * a).sum() - (self.w * c).sum()], dtype=np.float64
        )
        h_tt = -a2.sum() + (b * b).sum()
        h_ta = -ia2.sum()
        h_aa = -(self.i * ia2).sum() - (self.w * c * c).sum()
        return grad, np.array([[h_tt, h_ta], [h_ta, h_aa]], dtype=np.float64)


def fit_pitman(histogram: Histogram, *, max_iterations: int = 200) -> PitmanFit | None:
    """Fit θ and α by maximum likelihood (Hoshino 2001); None when there is no solution.

    Newton's method on the gradient with backtracking (every step must not lower the
    likelihood and must stay inside ``0 ≤ α < 1, θ > −α``; α is projected onto 0 when a
    step crosses it), falling back to gradient ascent where the Hessian is not negative
    definite. When the maximum lies on α = 0 (the Ewens special case) only θ is fitted.
    Started from Hoshino's moment estimates, as ARX does. Without a finite maximum
    (every class of size one, or a single class) there is no fit.
    """
    model = _PitmanLikelihood(histogram)
    if model.classes < 2 or model.w.size == 0 or not model.w.any():
        return None
    theta, alpha = _initial_guess(histogram, model.records, model.classes)
    current = model.value(theta, alpha)
    for _ in range(max_iterations):
        if model.converged(theta, alpha):
            return PitmanFit(theta=float(theta), alpha=float(alpha))
        grad, hessian = model.gradient_hessian(theta, alpha)
        if alpha == 0.0 and grad[1] <= 0.0:  # on the boundary: fit θ alone
            step = np.array([_newton_1d(grad[0], hessian[0, 0]), 0.0])
        else:
            step = _ascent_direction(grad, hessian)
        scale = 1.0
        while scale > 1e-12:
            t = theta + scale * step[0]
            a = max(alpha + scale * step[1], 0.0)
            if model.inside(t, a):
                value = model.value(t, a)
                if value >= current:
                    theta, alpha, current = t, a, value
                    break
            scale /= 2.0
        else:
            break
    if not model.converged(theta, alpha):
        return None
    return PitmanFit(theta=float(theta), alpha=float(alpha))


def _newton_1d(gradient: float, second: float) -> float:
    if second < 0.0:
        return -gradient / second
    return 1.0 if gradient > 0 else -1.0


def _initial_guess(histogram: Histogram, n: int, u: int) -> tuple[float, float]:
    """Hoshino's moment estimates (ARX's starting point), or a safe point inside."""
    c1 = float(sum(c for s, c in histogram if s == 1))
    c2 = float(sum(c for s, c in histogram if s == 2)) or 1.0
    c = c1 * (c1 - 1.0) / c2
    denominator = 2.0 * c1 * u + c1 * c - n * c
    if denominator != 0.0:
        theta = (n * u * c - c1 * (n - 1.0) * (2.0 * u + c)) / denominator
        alpha = (theta * (c1 - n) + (n - 1.0) * c1) / (n * u)
        if _PitmanLikelihood.inside(theta, alpha) and math.isfinite(theta):
            return theta, alpha
    return float(u), 0.5


def _ascent_direction(grad: FloatArray, hessian: FloatArray) -> FloatArray:
    negative_definite = hessian[0, 0] < 0 and np.linalg.det(hessian) > 0
    if negative_definite:
        return np.asarray(-np.linalg.solve(hessian, grad), dtype=np.float64)
    norm = float(np.abs(grad).max()) or 1.0
    return np.asarray(grad / norm, dtype=np.float64)


def pitman_uniques(histogram: Histogram, population_size: int) -> float | None:
    """Pitman's estimate of the number of population uniques, None when it has no solution."""
    fit = fit_pitman(histogram)
    if fit is None:
        return None
    estimate = fit.expected_uniques(population_size)
    if not math.isfinite(estimate) or not 0.0 <= estimate <= population_size:
        return None
    return estimate


def estimate_population_uniques(histogram: Histogram, population_size: int) -> PopulationUniqueness:
    """Population uniques by Dankar et al.'s decision rule (without SNB, see the module)."""
    sample_size = sum(s * c for s, c in histogram)
    fraction = sample_size / population_size
    if not any(s == 1 for s, _ in histogram):
        return PopulationUniqueness(population_size, fraction, 0.0, 0.0, "none")
    zayatz = zayatz_uniques(histogram, population_size)
    pitman = pitman_uniques(histogram, population_size) if fraction < 1.0 else None
    model: UniquenessModel = "zayatz"
    uniques = zayatz
    if fraction <= PITMAN_MAX_SAMPLING_FRACTION and pitman is not None and pitman > 0.0:
        uniques, model = pitman, "pitman"
    return PopulationUniqueness(
        population_size=population_size,
        sampling_fraction=fraction,
        uniques=uniques,
        uniques_share=uniques / population_size,
        model=model,
        pitman=pitman,
        zayatz=zayatz,
    )
