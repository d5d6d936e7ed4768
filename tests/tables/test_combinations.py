"""Alone or combined: unique-row shares of column combinations."""

from __future__ import annotations

import itertools

import pyarrow as pa
import pytest

from cityprivacy.detect.tables.combinations import unique_share, uniqueness_risks

ZIPS = ["10001", "10002", "11201", "10451"]
DOBS = ["1980-01-02", "1975-06-30", "1990-12-12"]
_PEOPLE = list(itertools.product(ZIPS, DOBS, ["F", "M"]))


def _people() -> pa.Table:
    """Each of zip, dob and sex repeats; only the three together are unique per row.

    4 ZIPs x 3 dates x 2 sexes = 24 rows, every combination once. Any two columns leave
    groups of 2 to 4 rows, so no pair is unique either.
    """
    rows = _PEOPLE
    zips, dobs, sexes = zip(*rows, strict=True)
    return pa.table(
        {
            "zip": list(zips),
            "dob": list(dobs),
            "sex": list(sexes),
            "borough": ["Bronx"] * len(rows),
        }
    )


def test_zip_dob_sex_is_unique_only_together() -> None:
    risks = uniqueness_risks(
        _people(), ["zip", "dob", "sex", "borough"], threshold=0.5, sampled=False
    )
    assert [(r.columns, r.unique_share) for r in risks] == [(("zip", "dob", "sex"), 1.0)]
    assert risks[0].rows == 24
    assert not risks[0].sampled


def test_only_minimal_combinations_are_reported() -> None:
    table = _people().append_column("case_id", pa.array([str(i) for i in range(24)]))
    risks = uniqueness_risks(table, ["case_id", "zip", "dob", "sex"], threshold=0.5, sampled=False)
    # case_id is unique alone, so no combination containing it is reported again
    assert [r.columns for r in risks] == [("case_id",), ("zip", "dob", "sex")]


def test_threshold_decides() -> None:
    table = pa.table({"a": ["x", "y", "z", "z"]})  # half the rows are unique
    assert uniqueness_risks(table, ["a"], threshold=0.5, sampled=False)[0].unique_share == 0.5
    assert uniqueness_risks(table, ["a"], threshold=0.51, sampled=False) == []


@pytest.mark.parametrize(
    ("values", "share"),
    [
        pytest.param([1, 2, 3], 1.0, id="all-unique"),
        pytest.param([1, 1, 2, 2], 0.0, id="none-unique"),
        pytest.param([1, 1, 2], 1 / 3, id="one-of-three"),
        pytest.param([], 0.0, id="empty"),
    ],
)
def test_unique_share(values: list[int], share: float) -> None:
    assert unique_share(pa.array(values, pa.int64())) == pytest.approx(share)


def test_nulls_count_as_a_value() -> None:
    table = pa.table({"a": ["x", None, None]})
    assert uniqueness_risks(table, ["a"], threshold=0.3, sampled=False)[
        0
    ].unique_share == pytest.approx(1 / 3, abs=1e-4)
