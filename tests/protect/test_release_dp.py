"""Differentially private release: validation, the budget split, and statistical checks of
the noise. OpenDP's randomness is never seeded, so the statistical tests compare averages
over many releases with tolerances derived from the noise scale; each states its chance of
failing on correct code."""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
import pytest

from cityprivacy.errors import InputError
from cityprivacy.protect.release import Bounds, DPRequest, plan_release, release_dp

KEYS = [(f"k{i:02d}",) for i in range(20)]


def grouped(sizes: dict[str, int], values: list[float] | None = None) -> pa.Table:
    """``sizes[key]`` rows per key; ``values`` cycled over each group's rows."""
    keys, amounts = [], []
    for key, size in sizes.items():
        keys += [key] * size
        cycle = values or [1.0]
        amounts += [str(cycle[i % len(cycle)]) for i in range(size)]
    return pa.table({"g": keys, "v": amounts})


def discrete_laplace_mean_abs(scale: float) -> float:
    """E|X| for P(X = k) proportional to exp(-|k| / scale)."""
    p = math.exp(-1.0 / scale)
    return 2 * p / (1 - p * p)


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize("epsilon", [0.0, -1.0, math.nan, math.inf])
def test_epsilon_must_be_positive_and_finite(epsilon: float) -> None:
    with pytest.raises(InputError, match="epsilon"):
        DPRequest(by=("g",), epsilon=epsilon)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param({"delta": 0.0}, "delta", id="delta-zero"),
        pytest.param({"delta": 1.0}, "delta", id="delta-one"),
        pytest.param({"contributions": 0}, "contributions", id="no-contribution"),
        pytest.param({"confidence": 1.0}, "confidence", id="confidence-one"),
        pytest.param({"count": False}, "nothing to release", id="nothing"),
        pytest.param({"by": ("g", "g")}, "group by", id="same-column-twice"),
        pytest.param(
            {"sums": {"v": Bounds(0, 1)}, "means": {"v": Bounds(0, 2)}},
            "one set of bounds",
            id="two-bounds-for-one-column",
        ),
    ],
)
def test_bad_requests_are_refused(fields: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"by": ("g",), "epsilon": 1.0, **fields}
    with pytest.raises(InputError, match=message):
        DPRequest(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["5,1", "1,1", "a,b", "1", "0,inf"])
def test_bad_bounds_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="bounds"):
        Bounds.parse(text)


def test_keys_and_delta_are_exclusive() -> None:
    data = grouped({"k00": 3})
    with pytest.raises(InputError, match="not both"):
        release_dp(data, DPRequest(by=("g",), epsilon=1.0, delta=1e-6), KEYS)
    with pytest.raises(InputError, match="declare the groups"):
        release_dp(data, DPRequest(by=("g",), epsilon=1.0))


def test_missing_and_non_numeric_columns_are_refused() -> None:
    data = pa.table({"g": ["k00", "k01"], "v": ["1", "x"]})
    with pytest.raises(InputError, match="no column 'w'"):
        release_dp(data, DPRequest(by=("g",), epsilon=1.0, sums={"w": Bounds(0, 1)}), KEYS)
    with pytest.raises(InputError, match="column 'v' must hold numbers, but 1 cell"):
        release_dp(data, DPRequest(by=("g",), epsilon=1.0, sums={"v": Bounds(0, 1)}), KEYS)


# --- the budget ---------------------------------------------------------------------------


def test_budget_is_split_evenly_and_scales_follow_epsilon() -> None:
    request = DPRequest(
        by=("g",),
        epsilon=1.5,
        sums={"a": Bounds(-10, 40), "b": Bounds(0, 100)},
        means={"b": Bounds(0, 100)},
    )
    plan = plan_release(request)
    # count (for the mean), sum of a, sum of b (shared by the mean of b)
    assert [s.name for s in plan.statistics] == ["count", "sum of a", "sum of b"]
    assert all(s.epsilon == pytest.approx(0.5) for s in plan.statistics)
    assert plan.epsilon_spent == pytest.approx(1.5)
    count, sum_a, sum_b = plan.statistics
    assert count.scale == pytest.approx(1 / 0.5, rel=1e-6)
    # One person moves a sum of values in [-10, 40] by at least 40; OpenDP's float sum
    # proves at most the width of the bounds (plus rounding slack).
    assert 40 <= sum_a.sensitivity <= 50 * (1 + 1e-6)
    assert sum_a.scale == pytest.approx(sum_a.sensitivity / 0.5, rel=1e-6)
    assert sum_b.sensitivity == pytest.approx(100, rel=1e-6)
    assert sum_b.scale == pytest.approx(100 / 0.5, rel=1e-6)
    # Accuracy grows with the scale; a mean is more accurate for bigger groups.
    assert sum_b.accuracy > sum_a.accuracy > count.accuracy > 0
    assert plan.mean_accuracy("b", 1000) < plan.mean_accuracy("b", 100)
    assert plan.mean_accuracy("b", 1) == math.inf


def test_more_contributions_per_person_mean_more_noise() -> None:
    one = plan_release(DPRequest(by=("g",), epsilon=1.0)).statistics[0]
    three = plan_release(DPRequest(by=("g",), epsilon=1.0, contributions=3)).statistics[0]
    assert three.scale == pytest.approx(3 * one.scale, rel=1e-6)


def test_stability_based_plan_has_a_threshold_that_grows_as_delta_shrinks() -> None:
    loose = plan_release(DPRequest(by=("g",), epsilon=1.0, delta=1e-3))
    strict = plan_release(DPRequest(by=("g",), epsilon=1.0, delta=1e-9))
    assert loose.threshold is not None
    assert strict.threshold is not None
    assert strict.threshold > loose.threshold > 1


def test_release_spends_no_more_than_the_budget() -> None:
    data = grouped({"k00": 50, "k01": 60}, [1.0, 2.0])
    request = DPRequest(by=("g",), epsilon=0.7, means={"v": Bounds(0, 5)})
    release = release_dp(data, request, KEYS)
    assert release.epsilon_spent <= 0.7 * (1 + 1e-9)
    assert release.epsilon_spent == pytest.approx(0.7)


# --- the noise ----------------------------------------------------------------------------


def test_counts_are_unbiased_within_their_stated_accuracy() -> None:
    # 50 releases x 20 keys = 1000 noisy counts, discrete Laplace of scale 1 (sd 1.36).
    # Mean error: sd 0.043, tolerance 0.35 (8 sd): false failure < 1e-12.
    # Coverage of the 95% accuracy: binomial sd 0.0069, floor 0.915 (5 sd): < 1e-6.
    # Mean |error|: expected 0.851, sd 0.033, tolerance 0.2 (6 sd): < 1e-8.
    data = grouped({key: 200 for (key,) in KEYS})
    request = DPRequest(by=("g",), epsilon=1.0)
    errors: list[float] = []
    accuracy = plan_release(request).statistics[0].accuracy
    for _ in range(50):
        release = release_dp(data, request, KEYS)
        assert release.counts is not None
        errors += [n - 200 for n in release.counts]
    error = np.asarray(errors, dtype=float)
    assert abs(error.mean()) < 0.35
    assert np.mean(np.abs(error) <= math.floor(accuracy)) >= 0.915
    assert np.mean(np.abs(error)) == pytest.approx(discrete_laplace_mean_abs(1.0), abs=0.2)


def test_noise_scale_follows_epsilon() -> None:
    # epsilon 0.25 gives scale 4: expected mean |error| 3.96, sd of the mean of 1000
    # about 0.13; tolerance 0.8 (6 sd): false failure < 1e-8.
    data = grouped({key: 500 for (key,) in KEYS})
    request = DPRequest(by=("g",), epsilon=0.25)
    errors = []
    for _ in range(50):
        counts = release_dp(data, request, KEYS).counts
        assert counts is not None
        errors += [abs(n - 500) for n in counts]
    assert np.mean(errors) == pytest.approx(discrete_laplace_mean_abs(4.0), abs=0.8)


def test_sums_are_unbiased_around_the_clamped_sum() -> None:
    # Values 10, 50, 150 (clamped to 100) cycled over 99 rows per key: clamped sum 5,300.
    # Laplace scale 100 (sd 141); 40 releases x 10 keys = 400 sums: sd of the mean error
    # 7.1, tolerance 50 (7 sd): false failure < 1e-11. Coverage floor 0.90 at 95%
    # (binomial sd 0.011, 4.6 sd): < 3e-6.
    keys = KEYS[:10]
    data = grouped({key: 99 for (key,) in keys}, [10.0, 50.0, 150.0])
    request = DPRequest(by=("g",), epsilon=1.0, count=False, sums={"v": Bounds(0, 100)})
    accuracy = plan_release(request).statistics[0].accuracy
    errors: list[float] = []
    for _ in range(40):
        release = release_dp(data, request, keys)
        assert release.counts is None
        errors += [s - 5300 for s in release.sums["v"]]
    error = np.asarray(errors)
    assert abs(error.mean()) < 50
    assert np.mean(np.abs(error) <= accuracy) >= 0.90


def test_means_are_within_their_stated_accuracy() -> None:
    # Groups of 2000 with mean 30; the stated accuracy is a union bound, so coverage is at
    # least 95% (in practice about 99%): floor 0.88 over 200 means (binomial sd 0.015,
    # 4.6 sd): false failure < 3e-6.
    keys = KEYS[:10]
    data = grouped({key: 2000 for (key,) in keys}, [20.0, 40.0])
    request = DPRequest(by=("g",), epsilon=1.0, count=False, means={"v": Bounds(0, 100)})
    accuracy = plan_release(request).mean_accuracy("v", 2000)
    within = []
    for _ in range(20):
        release = release_dp(data, request, keys)
        assert release.counts is None  # the count is computed for the mean, not published
        within += [abs(m - 30) <= accuracy for m in release.means["v"] if m is not None]
    assert len(within) == 200
    assert np.mean(within) >= 0.88


def test_noise_is_fresh_on_every_release() -> None:
    # 20 counts with scale 2: the chance that two releases agree on all is below 0.3**20.
    data = grouped({key: 100 for (key,) in KEYS})
    request = DPRequest(by=("g",), epsilon=0.5)
    assert release_dp(data, request, KEYS).counts != release_dp(data, request, KEYS).counts


def test_declared_keys_are_all_published_and_nothing_else() -> None:
    # Scale 2: P(|noise| > 40) is about exp(-20), for the one noisy out-of-keys count.
    data = grouped({"k00": 300, "k01": 200, "undeclared": 150})
    keys = [("k00",), ("k01",), ("k02",)]
    release = release_dp(data, DPRequest(by=("g",), epsilon=0.5), keys)
    assert release.keys == tuple(keys)
    assert release.counts is not None
    assert len(release.counts) == 3
    assert release.outside_keys is not None
    assert abs(release.outside_keys - 150) <= 40


def test_an_empty_declared_group_has_no_mean() -> None:
    # epsilon 1e6: the noise is 0 with probability 1 - 1e-200000.
    data = grouped({"k00": 40}, [3.0])
    request = DPRequest(by=("g",), epsilon=1e6, means={"v": Bounds(0, 10)})
    release = release_dp(data, request, [("k00",), ("k01",)])
    assert release.means["v"] == (pytest.approx(3.0, abs=1e-3), None)


def test_two_column_groups() -> None:
    data = pa.table({"a": ["x", "x", "y"] * 100, "b": ["1", "2", "1"] * 100})
    keys = [("x", "1"), ("x", "2"), ("y", "1"), ("y", "2")]
    release = release_dp(data, DPRequest(by=("a", "b"), epsilon=1e6), keys)
    assert release.counts == (100, 100, 100, 0)


def test_groups_from_the_data_hide_a_lone_person() -> None:
    # With delta 1e-7 a group of one shows with probability below 1e-7 per release (30
    # releases: < 3e-6); a group of 500 is far above the threshold (< 50) every time.
    data = grouped({"big": 500, "alone": 1})
    request = DPRequest(by=("g",), epsilon=1.0, delta=1e-7)
    for _ in range(30):
        release = release_dp(data, request)
        assert release.keys == (("big",),)
        assert release.outside_keys is None
