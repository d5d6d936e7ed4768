"""``anonymize``: the optimal full-domain generalization of a table, with suppression.

Each quasi-identifier is generalized to one level of its hierarchy for all records
(full-domain generalization), the records of classes that still fail the privacy model
are suppressed (their quasi-identifiers become ``*``, ARX's convention; every other
column is kept), and of all level combinations that keep suppression within the limit
the one with the least information loss under the chosen metric is returned, found by
:func:`~cityprivacy.protect.anonymize.search.flash_search`. The result carries the
utility under all three metrics and the risk report of the output table.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.errors import InputError
from cityprivacy.protect._arrow import int_array, string_array
from cityprivacy.protect.anonymize.classes import Classes, Grouper
from cityprivacy.protect.anonymize.encoding import EncodedTable, encode
from cityprivacy.protect.anonymize.lattice import Lattice
from cityprivacy.protect.anonymize.metrics import Metric, UtilityModel
from cityprivacy.protect.anonymize.privacy import ModelChecker, PrivacyModel
from cityprivacy.protect.anonymize.result import (
    AnonymizationResult,
    NoSolutionError,
    SearchStats,
    Utility,
)
from cityprivacy.protect.anonymize.search import NodeCheck, flash_search
from cityprivacy.protect.hierarchy import Hierarchy, HierarchySource
from cityprivacy.protect.risk import assess_risk

__all__ = ["SUPPRESSED", "anonymize"]

SUPPRESSED = "*"
BoolArray = npt.NDArray[np.bool_]


def anonymize(
    table: pa.Table,
    qi: Sequence[str],
    hierarchies: Mapping[str, HierarchySource | Hierarchy],
    *,
    k: int = 5,
    l: int | None = None,  # noqa: E741 - the model's name is l-diversity
    t: float | None = None,
    sensitive: str | None = None,
    max_suppression: float = 0.0,
    metric: Metric | str = Metric.LOSS,
    risk_threshold: float = 0.2,
) -> AnonymizationResult:
    """Anonymize ``table`` on the quasi-identifiers ``qi``, optimally under ``metric``.

    ``hierarchies`` maps each quasi-identifier to its hierarchy (or a rule that builds
    it from the values). Raises :class:`~cityprivacy.errors.HierarchyError` for a value
    missing from its hierarchy, :class:`NoSolutionError` when nothing satisfies the model
    within ``max_suppression`` (a share of the records), InputError for bad arguments.
    """
    started = time.perf_counter()
    model = PrivacyModel(k=k, l=l, t=t, sensitive=sensitive, max_suppression=max_suppression)
    chosen = _metric(metric)
    quasi = _check_columns(table, qi, hierarchies, sensitive)
    encoded = encode(table, quasi, hierarchies, sensitive)
    lattice = Lattice(encoded.heights)
    grouper = Grouper(encoded)
    checker = ModelChecker(model, encoded)
    utility = UtilityModel(encoded)

    def check(node: int) -> NodeCheck:
        classes = grouper.group(lattice.levels(node))
        failing = checker.failing(classes, monotone_part=not model.monotone)
        within = int(classes.sizes[failing].sum()) <= checker.limit
        if within and not model.monotone:
            failing = checker.failing(classes)
            anonymous = int(classes.sizes[failing].sum()) <= checker.limit
        else:
            anonymous = within
        if not anonymous:
            return NodeCheck(property=within, anonymous=False)
        value, bound = utility.measure(chosen, classes, failing)
        return NodeCheck(property=within, anonymous=True, value=value, bound=bound)

    outcome = flash_search(
        lattice, check, utility.prior_bounds(chosen, lattice), _flash_order(lattice, encoded)
    )
    if outcome.node is None:
        raise NoSolutionError(
            f"no generalization satisfies {model.describe()} with at most "
            f"{model.max_suppression:.2%} of the records suppressed; allow more suppression "
            "(--max-suppression), give coarser hierarchies or ask for a weaker model"
        )
    classes = grouper.group(lattice.levels(outcome.node))
    suppressed = checker.failing(classes)
    row_suppressed = suppressed[classes.of_item][encoded.row_item]
    output = _output_table(table, encoded, classes, row_suppressed)
    risk = assess_risk(
        output,
        quasi,
        sensitive=sensitive,
        threshold=risk_threshold,
        suppressed_marker=_marker(encoded, classes, suppressed),
    )
    return AnonymizationResult(
        table=output,
        suppressed_rows=row_suppressed,
        model=model,
        quasi_identifiers=quasi,
        levels=dict(zip(quasi, classes.levels, strict=True)),
        heights=dict(zip(quasi, encoded.heights, strict=True)),
        utility=_utility(chosen, utility, classes, suppressed, encoded.records),
        risk=risk,
        search=SearchStats(
            nodes=outcome.nodes,
            checked=outcome.checks,
            seconds=time.perf_counter() - started,
        ),
    )


def _metric(metric: Metric | str) -> Metric:
    try:
        return Metric(metric)
    except ValueError:
        known = ", ".join(m.value for m in Metric)
        raise InputError(f"unknown metric {metric!r}; use one of {known}") from None


def _check_columns(
    table: pa.Table,
    qi: Sequence[str],
    hierarchies: Mapping[str, HierarchySource | Hierarchy],
    sensitive: str | None,
) -> tuple[str, ...]:
    quasi = tuple(dict.fromkeys(qi))
    if not quasi:
        raise InputError("name at least one quasi-identifier")
    if table.num_rows == 0:
        raise InputError("the table has no records to anonymize")
    names = set(table.column_names)
    missing = [c for c in (*quasi, *([sensitive] if sensitive else [])) if c not in names]
    if missing:
        raise InputError(f"no column {', '.join(map(repr, missing))} in the table")
    if sensitive is not None and sensitive in quasi:
        raise InputError(f"column {sensitive!r} cannot be both quasi-identifier and sensitive")
    unmapped = [c for c in quasi if c not in hierarchies]
    if unmapped:
        raise InputError(f"no hierarchy for {', '.join(map(repr, unmapped))}")
    return quasi


def _flash_order(lattice: Lattice, encoded: EncodedTable) -> npt.NDArray[np.int64]:
    """FLASH's node order: lower level, then less generalized, then more distinct values."""
    nodes = lattice.nodes.astype(np.int64)
    relative_level = lattice.level / max(lattice.max_level, 1)
    generalized = np.zeros(lattice.size)
    distinct = np.zeros(lattice.size)
    for d, dim in enumerate(encoded.dimensions):
        generalized += nodes[:, d] / max(dim.height - 1, 1)
        per_level = np.array([len(labels) for labels in dim.labels], dtype=np.float64)
        distinct += per_level[nodes[:, d]] / per_level[0]
    width = len(encoded.dimensions)
    keys = (np.arange(lattice.size), 1.0 - distinct / width, generalized / width, relative_level)
    return np.lexsort(keys).astype(np.int64)


def _output_table(
    table: pa.Table, encoded: EncodedTable, classes: Classes, suppressed_rows: BoolArray
) -> pa.Table:
    """``table`` with each quasi-identifier at its level and suppressed rows' ones ``*``."""
    output = table
    for dim, level in zip(encoded.dimensions, classes.levels, strict=True):
        labels = dim.labels[level]
        codes = dim.maps[level][dim.items][encoded.row_item]
        codes[suppressed_rows] = len(labels)  # one past the labels: the marker below
        column = pc.take(string_array([*labels, SUPPRESSED]), int_array(codes))
        index = output.column_names.index(dim.name)
        output = output.set_column(index, pa.field(dim.name, pa.string()), column)
    return output


def _marker(encoded: EncodedTable, classes: Classes, suppressed: BoolArray) -> str | None:
    """The suppression marker for the risk report, unless a kept class reads ``*`` throughout.

    A class generalized to ``*`` in every column looks exactly like suppressed records;
    then the output's all-``*`` rows are one class for an attacker, and are measured so.
    """
    starred = np.ones(classes.count, dtype=np.bool_)
    for dim, level, codes in zip(encoded.dimensions, classes.levels, classes.codes, strict=True):
        labels = np.asarray(dim.labels[level], dtype=object)
        starred &= labels[codes] == SUPPRESSED
    return None if bool((starred & ~suppressed).any()) else SUPPRESSED


def _utility(
    metric: Metric,
    model: UtilityModel,
    classes: Classes,
    suppressed: BoolArray,
    records: int,
) -> Utility:
    values = model.all_metrics(classes, suppressed)
    removed = int(classes.sizes[suppressed].sum())
    kept_classes = int((~suppressed).sum())
    return Utility(
        metric=metric,
        information_loss=values[metric],
        loss=values[Metric.LOSS],
        discernibility=values[Metric.DISCERNIBILITY],
        entropy=values[Metric.ENTROPY],
        classes=kept_classes,
        average_class_size=(records - removed) / kept_classes if kept_classes else None,
        records_suppressed=removed,
        share_suppressed=removed / records,
    )
