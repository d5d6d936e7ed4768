"""Population uniqueness: Zayatz by hand, Pitman on a synthetic population with known uniques.

The synthetic population is drawn from a Pitman–Yor random distribution (stick-breaking,
Pitman 2006): N independent draws from it form a Pitman(θ, α) partition, and so does
any simple random sample of those draws. That is the model the Pitman estimator assumes,
so its estimate must come close to the true number of population uniques, which we count.

Tolerance: over six seeds at a 5% sampling fraction (n = 25,000 of N = 500,000) the
estimate was within 8% of the truth (−0.9%…+7.8%); the test allows 15%, about twice the
spread seen, so it fails on a wrong estimator (Zayatz is +6…+18% here and +100% at 1%)
and not on sampling noise. Zayatz, whose assumption holds when the sample is large, is
checked at a 50% sampling fraction within 10% (+1.6% seen).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pytest

from cityprivacy.protect.risk import (
    PitmanFit,
    assess_risk,
    estimate_population_uniques,
    fit_pitman,
    pitman_uniques,
    zayatz_uniques,
)
from cityprivacy.protect.risk.population import hypergeometric_one

POPULATION = 500_000
THETA, ALPHA = 200.0, 0.5


def pitman_population(size: int, seed: int) -> npt.NDArray[np.int64]:
    """Class label of each of ``size`` people, drawn from a Pitman–Yor(θ, α) distribution."""
    rng = np.random.default_rng(seed)
    sticks = 1_000_000
    k = np.arange(1, sticks + 1)
    broken = rng.beta(1 - ALPHA, THETA + k * ALPHA)
    left = np.concatenate(([0.0], np.cumsum(np.log1p(-broken))[:-1]))
    labels = np.searchsorted(np.cumsum(broken * np.exp(left)), rng.random(size), side="right")
    beyond = labels >= sticks  # the mass left after the last stick: each draw a new class
    labels[beyond] = sticks + np.arange(int(beyond.sum()))
    return labels.astype(np.int64)


def histogram(labels: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    _, sizes = np.unique(labels, return_counts=True)
    size, count = np.unique(sizes, return_counts=True)
    return [(int(s), int(c)) for s, c in zip(size, count, strict=True)]


@pytest.fixture(scope="module")
def population() -> tuple[npt.NDArray[np.int64], int]:
    labels = pitman_population(POPULATION, seed=7)
    _, sizes = np.unique(labels, return_counts=True)
    return labels, int((sizes == 1).sum())


def sample(labels: npt.NDArray[np.int64], fraction: float, seed: int) -> npt.NDArray[np.int64]:
    rng = np.random.default_rng(seed)
    return labels[rng.choice(labels.size, int(labels.size * fraction), replace=False)]


def test_pitman_estimates_population_uniques_of_a_pitman_population(
    population: tuple[npt.NDArray[np.int64], int],
) -> None:
    labels, true_uniques = population
    estimate = pitman_uniques(histogram(sample(labels, 0.05, seed=1)), POPULATION)
    assert estimate is not None
    assert estimate == pytest.approx(true_uniques, rel=0.15)


def test_pitman_fit_recovers_the_parameters(population: tuple[npt.NDArray[np.int64], int]) -> None:
    labels, _ = population
    fit = fit_pitman(histogram(sample(labels, 0.05, seed=2)))
    assert fit is not None
    assert fit.alpha == pytest.approx(ALPHA, abs=0.05)
    assert fit.theta == pytest.approx(THETA, rel=0.3)


def test_pitman_fit_is_a_maximum_of_the_likelihood(
    population: tuple[npt.NDArray[np.int64], int],
) -> None:
    from cityprivacy.protect.risk.population import _PitmanLikelihood

    hist = histogram(sample(population[0], 0.02, seed=3))
    fit = fit_pitman(hist)
    assert fit is not None
    likelihood = _PitmanLikelihood(hist)
    best = likelihood.value(fit.theta, fit.alpha)
    for d_theta, d_alpha in [(1.0, 0), (-1.0, 0), (0, 0.005), (0, -0.005), (0.5, 0.002)]:
        assert likelihood.value(fit.theta + d_theta, fit.alpha + d_alpha) < best


def test_zayatz_is_close_when_half_the_population_is_sampled(
    population: tuple[npt.NDArray[np.int64], int],
) -> None:
    labels, true_uniques = population
    estimate = zayatz_uniques(histogram(sample(labels, 0.5, seed=4)), POPULATION)
    assert estimate == pytest.approx(true_uniques, rel=0.10)


@pytest.mark.parametrize(
    ("fit", "people", "expected"),
    [
        # Ewens (α = 0): E[singletons] = Nθ/(θ+N−1) = 10·3/12
        pytest.param(PitmanFit(theta=3.0, alpha=0.0), 10, 2.5, id="ewens"),
        # two people sit apart with probability (θ+α)/(θ+1): E = 2·(2+0.5)/3
        pytest.param(PitmanFit(theta=2.0, alpha=0.5), 2, 5 / 3, id="two-people"),
        pytest.param(PitmanFit(theta=2.0, alpha=0.5), 1, 1.0, id="one-person"),
    ],
)
def test_expected_singletons_of_the_pitman_partition(
    fit: PitmanFit, people: int, expected: float
) -> None:
    assert fit.expected_uniques(people) == pytest.approx(expected)


def test_zayatz_by_hand() -> None:
    # Sample: 2 classes of size 1, 1 of size 2 (n = 4, u = 3) from N = 10.
    # P(1 | size s) = s·C(10−s, 3) / C(10, 4):  s = 1: 84/210 = 0.4;  s = 2: 112/210 = 8/15
    # P(unique | sample unique) = (2/3 · 0.4) / (2/3 · 0.4 + 1/3 · 8/15) = 0.6
    # estimate = 2 · 0.6 · N/n = 1.2 · 10/4 = 3
    assert zayatz_uniques([(1, 2), (2, 1)], 10) == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("population_size", "successes", "draws"),
    [(10, 1, 4), (10, 2, 4), (1000, 7, 50), (8_000_000, 3, 100_000), (10, 5, 10), (20, 3, 19)],
)
def test_hypergeometric_probability_matches_scipy(
    population_size: int, successes: int, draws: int
) -> None:
    stats = pytest.importorskip("scipy.stats")
    expected = stats.hypergeom.pmf(1, population_size, successes, draws)
    ours = hypergeometric_one(population_size, np.array([successes]), draws)[0]
    assert ours == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_a_census_has_exactly_its_sample_uniques() -> None:
    # N = n: every population class is in the sample whole, so P(unique | sample unique) = 1.
    assert zayatz_uniques([(1, 5), (3, 2)], 11) == pytest.approx(5.0)


@pytest.mark.parametrize(
    "hist",
    [
        pytest.param([(1, 50)], id="all-unique"),
        pytest.param([(40, 1)], id="one-class"),
    ],
)
def test_pitman_has_no_solution_without_a_finite_maximum(hist: list[tuple[int, int]]) -> None:
    assert fit_pitman(hist) is None
    assert pitman_uniques(hist, 10_000) is None


def test_dankar_rule_picks_pitman_up_to_ten_percent_and_zayatz_above(
    population: tuple[npt.NDArray[np.int64], int],
) -> None:
    labels, _ = population
    small = estimate_population_uniques(histogram(sample(labels, 0.05, seed=5)), POPULATION)
    assert small.model == "pitman"
    assert small.uniques == small.pitman
    assert small.zayatz is not None
    large = estimate_population_uniques(histogram(sample(labels, 0.3, seed=5)), POPULATION)
    assert large.model == "zayatz"
    assert large.uniques == large.zayatz
    assert large.uniques_share == pytest.approx(large.uniques / POPULATION)


def test_no_sample_uniques_means_no_population_uniques() -> None:
    estimate = estimate_population_uniques([(2, 10), (5, 3)], 1_000_000)
    assert estimate.model == "none"
    assert estimate.uniques == 0.0


def test_assess_risk_reports_the_estimate_with_the_sampling_fraction(
    population: tuple[npt.NDArray[np.int64], int],
) -> None:
    labels = sample(population[0], 0.02, seed=6)
    table = pa.table({"cls": pa.array(labels.astype(str))})
    report = assess_risk(table, ["cls"], population_size=POPULATION)
    assert report.population is not None
    assert report.population.model == "pitman"
    assert report.population.sampling_fraction == pytest.approx(0.02)
    assert report.population.population_size == POPULATION
    zayatz_report = assess_risk(table, ["cls"], population_size=labels.size * 4)
    assert zayatz_report.population is not None
    assert zayatz_report.population.model == "zayatz"
    assert any("SNB is not implemented" in note for note in zayatz_report.notes)
