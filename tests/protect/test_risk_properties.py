"""Properties every risk report must have, whatever the table."""

from __future__ import annotations

import math

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.protect.risk import assess_risk

COLUMNS = ("a", "b", "c", "d")
VALUES = st.one_of(st.none(), st.sampled_from(["", "0", "1", "x", "y", "*", "é"]))


@st.composite
def tables(draw: st.DrawFn) -> pa.Table:
    rows = draw(st.integers(min_value=1, max_value=40))
    data = {name: draw(st.lists(VALUES, min_size=rows, max_size=rows)) for name in (*COLUMNS, "s")}
    return pa.table({name: pa.array(values, pa.string()) for name, values in data.items()})


qi_sets = st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=3, unique=True)


@settings(max_examples=80, deadline=None)
@given(tables(), qi_sets)
def test_k_is_the_smallest_class_and_classes_cover_the_records(
    table: pa.Table, qi: list[str]
) -> None:
    report = assess_risk(table, qi)
    sizes = [size for size, _ in report.classes.histogram]
    assert report.k == min(sizes)
    assert all(report.k <= size for size in sizes)
    assert sum(size * count for size, count in report.classes.histogram) == table.num_rows
    assert sum(count for _, count in report.classes.histogram) == report.classes.count
    assert report.classes.count == len({tuple(row[c] for c in qi) for row in table.to_pylist()})


@settings(max_examples=80, deadline=None)
@given(tables(), qi_sets, st.floats(min_value=0.01, max_value=1.0))
def test_average_risk_never_exceeds_the_highest(
    table: pa.Table, qi: list[str], threshold: float
) -> None:
    report = assess_risk(table, qi, threshold=threshold)
    for risk in (report.prosecutor, report.journalist):
        assert 0.0 < risk.average <= risk.highest <= 1.0
        assert 0.0 <= risk.records_at_risk <= 1.0
    assert report.prosecutor.highest == pytest.approx(1 / report.k)  # type: ignore[operator]
    assert report.marketer <= report.prosecutor.highest


@settings(max_examples=80, deadline=None)
@given(tables(), qi_sets, st.sampled_from(COLUMNS))
def test_adding_a_quasi_identifier_never_raises_k(
    table: pa.Table, qi: list[str], extra: str
) -> None:
    fewer = assess_risk(table, qi)
    more = assess_risk(table, [*qi, extra])
    assert more.k is not None
    assert fewer.k is not None
    assert more.k <= fewer.k
    assert more.classes.count >= fewer.classes.count


@settings(max_examples=60, deadline=None)
@given(tables(), qi_sets)
def test_the_table_as_its_own_population_gives_prosecutor_risk(
    table: pa.Table, qi: list[str]
) -> None:
    report = assess_risk(table, qi, population=table)
    assert report.journalist.highest == pytest.approx(report.prosecutor.highest)
    assert report.journalist.records_at_risk == pytest.approx(report.prosecutor.records_at_risk)
    assert report.marketer == pytest.approx(report.prosecutor.average)
    assert report.population is not None
    assert report.population.uniques == report.classes.sample_uniques


@settings(max_examples=80, deadline=None)
@given(tables(), qi_sets)
def test_diversity_and_closeness_stay_in_their_ranges(table: pa.Table, qi: list[str]) -> None:
    report = assess_risk(table, qi, sensitive="s")
    assert report.diversity is not None
    assert report.closeness is not None
    distinct = len({row["s"] for row in table.to_pylist()})
    assert 1 <= report.diversity.distinct_l <= distinct
    # exp(H) of a class is at most its number of distinct values
    assert 1.0 - 1e-9 <= report.diversity.entropy_l <= report.diversity.distinct_l + 1e-9
    assert report.diversity.entropy_l_pycanon <= math.floor(report.diversity.entropy_l + 1e-9)
    assert 0.0 <= report.closeness.t <= 1.0 + 1e-12
    if report.classes.count == 1:
        assert report.closeness.t == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(tables(), qi_sets)
def test_suppressed_rows_are_exactly_those_all_marker(table: pa.Table, qi: list[str]) -> None:
    report = assess_risk(table, qi, suppressed_marker="*")
    suppressed = sum(all(row[c] == "*" for c in qi) for row in table.to_pylist())
    assert report.suppressed_records == suppressed
    classes_records = sum(size * count for size, count in report.classes.histogram)
    assert classes_records == table.num_rows - suppressed
