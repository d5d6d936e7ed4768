"""What a release publishes (an Arrow table, one row per cell or group) and what it reports
to the analyst (a JSON-ready dict and plain sentences on the budget and accuracy).

The published table never says *why* a cell is suppressed: a "primary" mark would point at
the small groups. The report gives only how many cells each rule suppressed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from cityprivacy.protect.release.audit import Interval, feasible_intervals, recoverable_cells
from cityprivacy.protect.release.budget import DPPlan
from cityprivacy.protect.release.crosstab import COUNT, Cell
from cityprivacy.protect.release.dp import DPRelease
from cityprivacy.protect.release.suppressed import Status, SuppressedTable

__all__ = [
    "accuracy_sentences",
    "dp_report",
    "dp_rows",
    "plan_report",
    "table_report",
    "table_rows",
]

PUBLISHED = "published"
SUPPRESSED = "suppressed"


def _cell_value(layer: str, value: float) -> int | float:
    return round(value) if layer == COUNT else float(value)


def table_rows(result: SuppressedTable, layers: Sequence[str]) -> pa.Table:
    """One row per cell of the augmented grid (margins included), as published: the group
    labels (``Total`` for a margin), ``level``, each layer (null when suppressed), ``status``.
    """
    table = result.table
    cells = list(table.cells())
    columns: dict[str, pa.Array] = {}
    for position, name in enumerate(table.by):
        columns[name] = pa.array([table.labels(c)[position] for c in cells], pa.string())
    columns["level"] = pa.array([str(table.level(c)) for c in cells], pa.string())
    hidden = result.suppressed
    for layer in layers:
        grid = table.layers[layer]
        kind = pa.int64() if layer == COUNT else pa.float64()
        columns[layer] = pa.array(
            [None if hidden[c] else _cell_value(layer, grid[c]) for c in cells], kind
        )
    columns["status"] = pa.array([SUPPRESSED if hidden[c] else PUBLISHED for c in cells])
    return pa.table(columns)


def _labels(result: SuppressedTable, cell: Cell) -> dict[str, str]:
    return dict(zip(result.table.by, result.table.labels(cell), strict=True))


def _range(result: SuppressedTable, layer: str, cell: Cell, interval: Interval) -> dict[str, Any]:
    return {
        "cell": _labels(result, cell),
        "layer": layer,
        "lower": interval.lower,
        "upper": None if math.isinf(interval.upper) else interval.upper,
    }


def table_report(result: SuppressedTable, layers: Sequence[str]) -> dict[str, Any]:
    """The analyst's report of a small-cell release: settings, cells, suppression counts and
    the audit: recoverable cells (in any layer; must be none) and, for the published
    layers, the range each suppressed cell could take (``upper`` null when unbounded).
    The ranges are what anyone can derive from the published table, nothing more."""
    ranges: list[dict[str, Any]] = []
    narrowest: dict[str, dict[str, Any]] = {}
    for layer in layers:
        found = feasible_intervals(result, layer)
        entries = [_range(result, layer, cell, interval) for cell, interval in found.items()]
        ranges.extend(entries)
        if found:
            cell = min(found, key=lambda c: found[c].width)
            narrowest[layer] = _range(result, layer, cell, found[cell])
    return {
        "release": "small_cell_table",
        "by": list(result.table.by),
        "threshold": result.threshold,
        "zeros_sensitive": result.zeros_sensitive,
        "statistics": list(layers),
        "cells": table_rows(result, layers).to_pylist(),
        "suppressed": {
            "primary": result.count(Status.PRIMARY),
            "complementary": result.count(Status.COMPLEMENTARY),
            "cells": int(result.table.counts.size),
        },
        "audit": {
            "recoverable": [_labels(result, c) for c in recoverable_cells(result)],
            "narrowest_range": narrowest,
            "ranges": ranges,
        },
    }


def plan_report(plan: DPPlan) -> dict[str, Any]:
    """The budget split and accuracy of a DP release, as JSON-ready data."""
    request = plan.request
    return {
        "release": "differential_privacy",
        "by": list(request.by),
        "epsilon": request.epsilon,
        "delta": request.delta,
        "groups": "from the data (stability-based)" if request.keys_from_data else "declared",
        "threshold": plan.threshold,
        "contributions_per_person": request.contributions,
        "confidence": request.confidence,
        "budget": [
            {
                "statistic": s.name,
                "epsilon": s.epsilon,
                "mechanism": s.mechanism,
                "sensitivity": s.sensitivity,
                "scale": s.scale,
                "accuracy": s.accuracy,
            }
            for s in plan.statistics
        ],
        "mean_accuracy_by_group_size": {
            column: {str(n): _finite(plan.mean_accuracy(column, n)) for n in (100, 1000)}
            for column in request.means
        },
        "notes": accuracy_sentences(plan),
    }


def dp_rows(release: DPRelease) -> pa.Table:
    """One row per group: the group labels, then ``count``, ``sum_<c>``, ``mean_<c>``."""
    request = release.plan.request
    columns: dict[str, pa.Array] = {}
    for position, name in enumerate(request.by):
        columns[name] = pa.array([k[position] for k in release.keys], pa.string())
    if release.counts is not None:
        columns[COUNT] = pa.array(release.counts, pa.int64())
    for column, values in release.sums.items():
        columns[f"sum_{column}"] = pa.array(values, pa.float64())
    for column, means in release.means.items():
        columns[f"mean_{column}"] = pa.array(means, pa.float64())
    return pa.table(columns)


def dp_report(release: DPRelease) -> dict[str, Any]:
    """The plan, what OpenDP says was spent, the released rows and the out-of-keys count."""
    report = plan_report(release.plan)
    report["epsilon_spent"] = release.epsilon_spent
    report["rows"] = dp_rows(release).to_pylist()
    report["rows_outside_declared_keys"] = release.outside_keys
    return report


def _finite(value: float) -> float | None:
    return None if math.isinf(value) else value


def _number(value: float) -> str:
    if math.isinf(value):
        return "∞"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.3g}" if value < 10 else f"{value:,.1f}"


def accuracy_sentences(plan: DPPlan) -> list[str]:
    """How to read the noise, one sentence per statistic (and per mean)."""
    request = plan.request
    share = f"{request.confidence:.0%}"
    sentences = []
    for s in plan.statistics:
        spend = f"{s.name}: epsilon {s.epsilon:.4g} ({s.mechanism}, scale {_number(s.scale)})"
        if s.kind == "count":
            # A discrete error: the floor of OpenDP's accuracy keeps the coverage.
            sentences.append(
                f"{spend}: {share} of noisy counts are within ±{math.floor(s.accuracy)} of "
                "the true count."
            )
        else:
            bounds = request.summed_columns[s.column or ""]
            sentences.append(
                f"{spend}: {share} of noisy sums are within ±{_number(s.accuracy)} of the sum "
                f"of the values clamped to [{bounds.lower:g}, {bounds.upper:g}]."
            )
    for column in request.means:
        at = ", ".join(
            f"±{_number(plan.mean_accuracy(column, n))} for a group of {n:,}" for n in (100, 1000)
        )
        sentences.append(
            f"mean of {column} (noisy sum / noisy count, no extra budget): {share} within {at}."
        )
    if plan.threshold is not None:
        sentences.append(
            f"groups come from the data: a group is published only when its noisy count "
            f"reaches {plan.threshold}, so groups of about that size or smaller are usually "
            f"missing (delta {request.delta:g} bounds the chance of revealing a rare group)."
        )
    return sentences
