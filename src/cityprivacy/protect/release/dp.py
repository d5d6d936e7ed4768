"""Differentially private counts, sums and means by group, through OpenDP.

**Groups.** By default the groups are *declared*: a public list of keys (every borough,
every age band) given by the caller, never read from the data, so that a group's presence
in the output reveals nothing; every declared key gets a noisy count even when nobody is in
it, and rows whose group is not declared are counted together (that noisy count is
reported, not published as a group). With ``delta`` set instead, the groups come from the
data through OpenDP's stability-based release (``make_count_by`` then
``make_laplace_threshold``): a group is published only when its noisy count clears a
threshold chosen so that a group held by a single person shows up with probability below
``delta``. The released keys are then public (they are a private output) and the sums are
computed for them.

**Statistics.** Counts: OpenDP's ``make_count_by_categories`` with discrete Laplace noise.
Sums: each value is clamped to the declared bounds and summed per group with OpenDP's
float sum; the vector of group sums gets Laplace noise scaled to its L1 sensitivity
(:func:`~.mechanisms.group_sum_sensitivity`). Means: the noisy sum over the noisy count,
clamped to the bounds (empty when the noisy count is below 1). Published counts are
rounded up to 0 when the noise makes them negative. All of that after the noise is
post-processing and costs no privacy. The randomness is OpenDP's (a secure generator);
nothing here seeds or replaces it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from cityprivacy.errors import InputError
from cityprivacy.protect.release.budget import DPPlan, DPRequest, plan_release
from cityprivacy.protect.release.columns import label_column, numeric_column, require_columns
from cityprivacy.protect.release.mechanisms import (
    count_measurement,
    sum_noise,
    sum_transformation,
    threshold_measurement,
)

__all__ = ["DPRelease", "declared_keys", "release_dp"]

Key = tuple[str, ...]
_TOLERANCE = 1e-9  # relative slack when checking OpenDP's privacy map against a share


@dataclass(frozen=True)
class DPRelease:
    """Noisy statistics, one entry per group in ``keys`` (in that order).

    ``counts`` is ``None`` unless counts were asked for; ``outside_keys`` is the noisy
    number of rows whose group was not declared (``None`` when groups came from the data).
    ``epsilon_spent`` is what OpenDP's privacy maps say the release spent.
    """

    plan: DPPlan
    keys: tuple[Key, ...]
    counts: tuple[int, ...] | None
    sums: Mapping[str, tuple[float, ...]]
    means: Mapping[str, tuple[float | None, ...]]
    outside_keys: int | None
    epsilon_spent: float


def declared_keys(table: pa.Table, by: Sequence[str], *, source: str) -> list[Key]:
    """The distinct rows of the ``by`` columns of a keys table, in order of first appearance."""
    require_columns(table, by, source=source)
    columns = [label_column(table, name) for name in by]
    keys = list(dict.fromkeys(zip(*(c.tolist() for c in columns), strict=True)))
    if not keys:
        raise InputError(f"{source}: no keys declared")
    return [tuple(str(part) for part in key) for key in keys]


def _encode(key: Sequence[str]) -> str:
    return key[0] if len(key) == 1 else json.dumps(list(key), ensure_ascii=False)


def _check_spent(spent: float, share: float, what: str) -> float:
    if spent > share * (1 + _TOLERANCE):  # pragma: no cover - OpenDP's search guarantees it
        raise AssertionError(f"{what} would spend {spent} > {share}")
    return spent


def release_dp(
    table: pa.Table,
    request: DPRequest,
    keys: Sequence[Key] | None = None,
    *,
    source: str = "input",
) -> DPRelease:
    """Release ``request``'s statistics of ``table`` by group (see the module docstring).

    ``keys`` are the declared groups (tuples as long as ``request.by``); they are required
    unless ``request.delta`` is set, and refused if it is.
    """
    if keys is not None and request.keys_from_data:
        raise InputError("give either the declared groups (keys) or delta, not both")
    if keys is None and not request.keys_from_data:
        raise InputError(
            "declare the groups (keys), or give delta to select them from the data "
            "(stability-based release)"
        )
    plan = plan_release(request)
    require_columns(table, (*request.by, *request.summed_columns), source=source)
    values = {c: numeric_column(table, c, source=source) for c in request.summed_columns}
    encoded = _row_keys(table, request.by)
    spent = 0.0
    raw_counts: npt.NDArray[np.float64] | None = None
    outside: int | None = None
    count = plan.count
    if keys is not None:
        keys = [tuple(k) for k in dict.fromkeys(tuple(k) for k in keys)]
        if any(len(k) != len(request.by) for k in keys):
            raise InputError(f"every declared key needs {len(request.by)} part(s)")
        index = {_encode(k): i for i, k in enumerate(keys)}
        codes = np.fromiter((index.get(e, -1) for e in encoded), np.int32, len(encoded))
        if count is not None:
            measurement = count_measurement(list(range(len(keys))), count.scale)
            spent += _check_spent(
                float(measurement.map(request.contributions)), count.epsilon, "count"
            )
            noisy = np.asarray(measurement(codes), dtype=np.float64)
            raw_counts, outside = noisy[:-1], max(0, int(noisy[-1]))
    else:
        assert count is not None
        assert plan.threshold is not None
        measurement = threshold_measurement(count.scale, plan.threshold)
        epsilon, _ = measurement.map(request.contributions)
        spent += _check_spent(float(epsilon), count.epsilon, "count")
        released: dict[str, int] = measurement(list(encoded))
        ordered = sorted(released)
        keys = [_decode(e, len(request.by)) for e in ordered]
        codes = _codes_for(encoded, ordered)
        raw_counts = np.asarray([released[e] for e in ordered], dtype=np.float64)

    sums: dict[str, tuple[float, ...]] = {}
    means: dict[str, tuple[float | None, ...]] = {}
    for column, bounds in request.summed_columns.items():
        planned = plan.sum_of(column)
        noisy_sums, used = _noisy_group_sums(
            values[column],
            codes,
            len(keys),
            bounds.lower,
            bounds.upper,
            planned.scale,
            planned.sensitivity,
        )
        spent += _check_spent(used, planned.epsilon, f"sum of {column}")
        if column in request.sums:
            sums[column] = tuple(float(v) for v in noisy_sums)
        if column in request.means:
            assert raw_counts is not None
            means[column] = tuple(
                None if n < 1 else float(np.clip(s / n, bounds.lower, bounds.upper))
                for s, n in zip(noisy_sums, raw_counts, strict=True)
            )
    published_counts = (
        tuple(max(0, int(n)) for n in raw_counts)
        if request.count and raw_counts is not None
        else None
    )
    return DPRelease(
        plan=plan,
        keys=tuple(keys),
        counts=published_counts,
        sums=sums,
        means=means,
        outside_keys=outside,
        epsilon_spent=spent,
    )


def _row_keys(table: pa.Table, by: Sequence[str]) -> list[str]:
    columns = [label_column(table, name).tolist() for name in by]
    if len(columns) == 1:
        return [str(v) for v in columns[0]]
    return [_encode((str(a), str(b))) for a, b in zip(*columns, strict=True)]


def _decode(encoded: str, parts: int) -> Key:
    if parts == 1:
        return (encoded,)
    decoded = json.loads(encoded)
    return (str(decoded[0]), str(decoded[1]))


def _codes_for(encoded: list[str], ordered: list[str]) -> npt.NDArray[np.int32]:
    index = {e: i for i, e in enumerate(ordered)}
    return np.fromiter((index.get(e, -1) for e in encoded), np.int32, len(encoded))


def _noisy_group_sums(
    values: npt.NDArray[np.float64],
    codes: npt.NDArray[np.int32],
    groups: int,
    lower: float,
    upper: float,
    scale: float,
    sensitivity: float,
) -> tuple[npt.NDArray[np.float64], float]:
    """One clamped sum per group (OpenDP's float sum), then Laplace noise on the vector.

    Returns the noisy sums and the epsilon OpenDP's map gives for ``sensitivity``.
    """
    transformation = sum_transformation(lower, upper)
    order = np.argsort(codes, kind="stable")
    starts = np.searchsorted(codes[order], np.arange(groups + 1))
    exact = [float(transformation(values[order[starts[g] : starts[g + 1]]])) for g in range(groups)]
    noise = sum_noise(scale)
    noisy = np.asarray(noise(exact), dtype=np.float64)
    return noisy, float(noise.map(sensitivity))
