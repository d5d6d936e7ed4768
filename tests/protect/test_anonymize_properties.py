"""Property tests: every anonymized table satisfies its model within the suppression limit,
and it is the optimum under the metric, checked by brute force over the whole lattice.

The reference here is written independently of the library: plain Python over rows,
dictionaries for classes, the metric definitions straight from the README.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cityprivacy.protect.anonymize import NoSolutionError, anonymize
from cityprivacy.protect.hierarchy import Hierarchy

SUPPRESSED = "*"


@dataclass(frozen=True)
class Case:
    hierarchies: dict[str, Hierarchy]
    rows: list[dict[str, str]]
    k: int
    l: int | None  # noqa: E741
    t: float | None
    max_suppression: float
    metric: str

    @property
    def qi(self) -> list[str]:
        return list(self.hierarchies)


@st.composite
def hierarchies(draw: st.DrawFn, column: str) -> Hierarchy:
    """A random valid hierarchy: each level groups the labels of the level below."""
    count = draw(st.integers(1, 5))
    values = [f"{column}{i}" for i in range(count)]
    levels = [values]
    for depth in range(draw(st.integers(0, 2))):
        below = sorted(set(levels[-1]))
        groups = draw(st.lists(st.integers(0, 2), min_size=len(below), max_size=len(below)))
        parent = {label: f"{column}L{depth}g{g}" for label, g in zip(below, groups, strict=True)}
        levels.append([parent[label] for label in levels[-1]])
    if draw(st.booleans()):
        levels.append(["*"] * count)
    rows = tuple(tuple(level[i] for level in levels) for i in range(count))
    return Hierarchy(column, rows)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    columns = ["a", "b", "c"][: draw(st.integers(1, 3))]
    found = {c: draw(hierarchies(c)) for c in columns}
    numeric = draw(st.booleans())
    sensitive = ["1", "2", "3", "5"] if numeric else ["flu", "cold", "gout"]
    rows = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    **{c: st.sampled_from(found[c].values) for c in columns},
                    "s": st.sampled_from(sensitive),
                }
            ),
            min_size=1,
            max_size=25,
        )
    )
    return Case(
        hierarchies=found,
        rows=rows,
        k=draw(st.integers(1, 4)),
        l=draw(st.none() | st.integers(1, 3)),
        t=draw(st.none() | st.sampled_from([0.1, 0.3, 0.6])),
        max_suppression=draw(st.sampled_from([0.0, 0.1, 0.25, 0.5])),
        metric=draw(st.sampled_from(["loss", "discernibility", "entropy"])),
    )


def run(case: Case) -> tuple[pa.Table, list[bool], float, tuple[int, ...]] | None:
    table = pa.Table.from_pylist(case.rows)
    try:
        result = anonymize(
            table,
            case.qi,
            case.hierarchies,
            k=case.k,
            l=case.l,
            t=case.t,
            sensitive="s" if case.l or case.t is not None else None,
            max_suppression=case.max_suppression,
            metric=case.metric,
        )
    except NoSolutionError:
        return None
    assert result.utility.records_suppressed == int(result.suppressed_rows.sum())
    levels = tuple(result.levels[c] for c in case.qi)
    return result.table, result.suppressed_rows.tolist(), result.utility.information_loss, levels


# -- the reference ---------------------------------------------------------------------------


def emd(inside: Counter[str], table: Counter[str]) -> float:
    values = sorted(table, key=float) if all(_number(v) for v in table) else sorted(table)
    n_in, n_all = sum(inside.values()), sum(table.values())
    gaps = [inside[v] / n_in - table[v] / n_all for v in values]
    if all(_number(v) for v in table):
        if len(values) < 2:
            return 0.0
        return sum(abs(x) for x in itertools.accumulate(gaps)) / (len(values) - 1)
    return 0.5 * sum(abs(x) for x in gaps)


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def evaluate(case: Case, levels: tuple[int, ...]) -> float | None:
    """The metric of one node, or None when it does not satisfy the model within the limit."""
    n = len(case.rows)
    label = {
        c: {row[0]: row[level] for row in h.rows}
        for (c, h), level in zip(case.hierarchies.items(), levels, strict=True)
    }
    keys = [tuple(label[c][r[c]] for c in case.qi) for r in case.rows]
    members: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        members[key].append(i)
    table = Counter(r["s"] for r in case.rows)
    failing = set()
    for key, rows in members.items():
        values = Counter(case.rows[i]["s"] for i in rows)
        too_small = len(rows) < case.k
        too_few = case.l is not None and len(values) < case.l
        too_far = case.t is not None and emd(values, table) > case.t + 1e-12
        if too_small or too_few or too_far:
            failing.add(key)
    removed = [i for key in failing for i in members[key]]
    if len(removed) > math.floor(case.max_suppression * n + 1e-12):
        return None
    if case.metric == "discernibility":
        kept = sum(len(rows) ** 2 for key, rows in members.items() if key not in failing)
        return float(kept + len(removed) * n)
    if case.metric == "entropy":
        total = 0.0
        for c in case.qi:
            original = Counter(r[c] for r in case.rows)
            general = Counter(label[c][r[c]] for r in case.rows)
            total -= sum(a * math.log2(a / general[label[c][v]]) for v, a in original.items())
            if removed:
                gone = Counter(label[c][case.rows[i][c]] for i in removed)
                total -= sum(x * math.log2(x / len(removed)) for x in gone.values())
        return total
    losses = []
    for c, level in zip(case.qi, levels, strict=True):
        hierarchy = case.hierarchies[c]
        domain = len(hierarchy.rows)
        covers = Counter(hierarchy.level(level))
        cost = sum(
            1.0 if i in set(removed) else covers[label[c][r[c]]] / domain
            for i, r in enumerate(case.rows)
        )
        floor = n / domain
        losses.append(0.0 if domain == 1 else max(0.0, (cost - floor) / (n - floor)))
    return float(math.prod((1 + v) ** (1 / len(losses)) for v in losses)) - 1


def brute_force(case: Case) -> float | None:
    heights = [h.height for h in case.hierarchies.values()]
    values = [evaluate(case, node) for node in itertools.product(*map(range, heights))]
    found = [v for v in values if v is not None]
    return min(found) if found else None


def satisfied(case: Case, output: pa.Table, suppressed: list[bool]) -> None:
    rows = output.to_pylist()
    kept = [r for r, gone in zip(rows, suppressed, strict=True) if not gone]
    assert sum(suppressed) <= math.floor(case.max_suppression * len(rows) + 1e-12)
    removed = [r for r, gone in zip(rows, suppressed, strict=True) if gone]
    assert all(r[c] == SUPPRESSED for r in removed for c in case.qi)
    classes: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for r in kept:
        classes[tuple(r[c] for c in case.qi)][r["s"]] += 1
    table = Counter(r["s"] for r in case.rows)
    for values in classes.values():
        assert sum(values.values()) >= case.k
        if case.l is not None:
            assert len(values) >= case.l
        if case.t is not None:
            assert emd(values, table) <= case.t + 1e-9
    assert [r["s"] for r in rows] == [r["s"] for r in case.rows]


def generalized(
    case: Case, output: pa.Table, suppressed: list[bool], levels: tuple[int, ...]
) -> None:
    """Every kept value is its original's label at the chosen level of its column."""
    for original, row, gone in zip(case.rows, output.to_pylist(), suppressed, strict=True):
        for c, level in zip(case.qi, levels, strict=True):
            hierarchy = case.hierarchies[c]
            label = dict(zip(hierarchy.values, hierarchy.level(level), strict=True))
            assert row[c] == (SUPPRESSED if gone else label[original[c]])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_output_satisfies_the_model_and_is_optimal(case: Case) -> None:
    outcome = run(case)
    best = brute_force(case)
    if outcome is None:
        assert best is None
        return
    output, suppressed, value, levels = outcome
    satisfied(case, output, suppressed)
    generalized(case, output, suppressed, levels)
    assert evaluate(case, levels) == pytest.approx(value, rel=1e-9, abs=1e-9)
    assert best is not None
    assert value == pytest.approx(best, rel=1e-9, abs=1e-9)
