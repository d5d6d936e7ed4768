"""Aggregation into cross tables (counts, sums, margins), sums suppressed with their counts,
the published rows and the report."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pytest

from cityprivacy.errors import InputError
from cityprivacy.protect.release import (
    Cell,
    Level,
    cross_tabulate,
    recoverable_cells,
    sum_layer,
    suppress_small_cells,
    table_report,
    table_rows,
)
from cityprivacy.protect.release.crosstab import COUNT


def people(groups: dict[tuple[str, str], int], amount: str = "10.10") -> pa.Table:
    rows = [key for key, n in groups.items() for _ in range(n)]
    return pa.table(
        {
            "borough": [b for b, _ in rows],
            "band": [a for _, a in rows],
            "amount": [amount] * len(rows),
        }
    )


GROUPS = {
    ("Bronx", "18-24"): 3,
    ("Bronx", "25-64"): 10,
    ("Bronx", "65+"): 20,
    ("Queens", "18-24"): 12,
    ("Queens", "25-64"): 2,
    ("Queens", "65+"): 30,
    ("Staten Island", "18-24"): 8,
    ("Staten Island", "25-64"): 9,
    ("Staten Island", "65+"): 7,
}


def test_two_way_counts_and_margins() -> None:
    table = cross_tabulate(people(GROUPS), ["borough", "band"])
    assert table.row_labels == ("Bronx", "Queens", "Staten Island")
    assert table.column_labels == ("18-24", "25-64", "65+")
    assert table.counts.tolist() == [
        [3, 10, 20, 33],
        [12, 2, 30, 44],
        [8, 9, 7, 24],
        [23, 21, 57, 101],
    ]
    assert table.level(Cell(0, 3)) is Level.ROW_TOTAL
    assert table.level(Cell(3, 0)) is Level.COLUMN_TOTAL
    assert table.level(Cell(3, 3)) is Level.TOTAL
    assert table.labels(Cell(3, 1)) == ("Total", "25-64")


def test_one_way_counts_and_sums_are_exact() -> None:
    table = cross_tabulate(people(GROUPS), ["band"], sums=["amount"])
    assert table.counts[:, 0].tolist() == [23, 21, 57, 101]
    # 0.1-style decimals add up without binary drift (each cell is an exact fsum).
    assert table.layers[sum_layer("amount")][:, 0].tolist() == [232.3, 212.1, 575.7, 1020.1]
    assert sum_layer("amount") in table.nonnegative


def test_absent_combinations_are_zero_cells() -> None:
    table = cross_tabulate(people({("Bronx", "a"): 6, ("Queens", "b"): 7}), ["borough", "band"])
    assert table.counts.tolist() == [[6, 0, 6], [0, 7, 7], [6, 7, 13]]


def test_missing_group_values_are_the_empty_label() -> None:
    data = pa.table({"g": ["a", None, "", "a"]})
    table = cross_tabulate(data, ["g"])
    assert table.row_labels == ("", "a")
    assert table.counts[:, 0].tolist() == [2, 2, 4]


def test_negative_values_are_not_assumed_nonnegative() -> None:
    data = pa.table({"g": ["a", "b"], "v": ["-1.5", "3"]})
    assert sum_layer("v") not in cross_tabulate(data, ["g"], ["v"]).nonnegative


@pytest.mark.parametrize(
    ("by", "sums", "message"),
    [
        pytest.param(["nope"], [], "no column 'nope'", id="missing-group-column"),
        pytest.param(["g"], ["missing"], "no column 'missing'", id="missing-sum-column"),
        pytest.param(["g", "g"], [], "must differ", id="same-column-twice"),
        pytest.param(["g", "v", "w"], [], "one or two", id="three-columns"),
        pytest.param(
            ["g"], ["v"], "3 cells are not numeric (1 empty); data rows 2, 3, 4", id="bad"
        ),
    ],
)
def test_bad_input(by: list[str], sums: list[str], message: str) -> None:
    data = pa.table(
        {"g": ["a", "b", "c", "d"], "v": ["1", "1e", "", "212-45-7788"], "w": ["1"] * 4}
    )
    with pytest.raises(InputError) as error:
        cross_tabulate(data, by, sums, source="in.csv")
    assert message in str(error.value)
    assert "212-45" not in str(error.value)  # never a value from the file


def test_empty_table_is_refused() -> None:
    with pytest.raises(InputError, match="no rows"):
        cross_tabulate(pa.table({"g": pa.array([], pa.string())}), ["g"])


def test_sums_are_suppressed_where_counts_are() -> None:
    table = cross_tabulate(people(GROUPS), ["borough", "band"], sums=["amount"])
    result = suppress_small_cells(table, 5)
    rows = table_rows(result, [COUNT, sum_layer("amount")]).to_pylist()
    assert len(rows) == 16
    for row in rows:
        hidden = row["status"] == "suppressed"
        assert (row["count"] is None) == hidden
        assert (row["sum_amount"] is None) == hidden
    small = next(r for r in rows if r["borough"] == "Bronx" and r["band"] == "18-24")
    assert small["status"] == "suppressed"
    assert recoverable_cells(result) == []


def test_published_rows_do_not_say_which_cells_are_small() -> None:
    result = suppress_small_cells(cross_tabulate(people(GROUPS), ["borough", "band"]), 5)
    rows = table_rows(result, [COUNT])
    assert rows.column_names == ["borough", "band", "level", "count", "status"]
    assert set(rows.column("status").to_pylist()) == {"published", "suppressed"}


def test_report_is_json_and_has_the_audit() -> None:
    result = suppress_small_cells(cross_tabulate(people(GROUPS), ["borough", "band"]), 5)
    report = json.loads(json.dumps(table_report(result, [COUNT])))
    assert report["suppressed"] == {"primary": 2, "complementary": 2, "cells": 16}
    assert report["audit"]["recoverable"] == []
    assert report["audit"]["narrowest_range"]["count"]["lower"] >= 0
    assert len(report["audit"]["ranges"]) == 4
    assert all(np.isfinite(r["upper"]) for r in report["audit"]["ranges"])


def test_public_surface_is_sorted_and_complete() -> None:
    import cityprivacy.protect.release as release

    assert list(release.__all__) == sorted(release.__all__)
    assert all(hasattr(release, name) for name in release.__all__)
