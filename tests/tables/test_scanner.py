"""TableScanner over streamed batches: classification, free text, combinations, sampling."""

from __future__ import annotations

import itertools
from pathlib import Path

import pyarrow as pa
import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType as E
from cityprivacy.detect.files.base import TableBatch
from cityprivacy.detect.report import TableReport
from cityprivacy.detect.tables.sampling import RowReservoir
from cityprivacy.detect.tables.scanner import TableScanner

ZIPS = ["10001", "10002", "11201", "10451"]
DOBS = ["1980-01-02", "1975-06-30", "1990-12-12"]
_PEOPLE = list(itertools.product(ZIPS, DOBS, ["F", "M"]))


def _batches(columns: dict[str, list[str | None]], size: int) -> list[TableBatch]:
    batch = pa.RecordBatch.from_pydict({k: pa.array(v, pa.string()) for k, v in columns.items()})
    return [
        TableBatch(None, batch.slice(start, size), start + 1, start + 2)
        for start in range(0, batch.num_rows, size)
    ]


def _scan(
    scanner: TableScanner, columns: dict[str, list[str | None]], size: int = 50
) -> TableReport:
    [report] = scanner.scan(_batches(columns, size), Path("t.csv"))
    return report


def test_columns_free_text_and_combinations(analyzer: TextAnalyzer, settings: Settings) -> None:
    people = _PEOPLE
    rows = people * 5  # 120 rows, each (zip, dob, sex) five times: nothing unique
    n = len(rows)
    notes = [
        f"client wrote from person{i}@example.org about the rent"
        if i % 3 == 0
        else "no contact today at all"
        for i in range(n)
    ]
    columns: dict[str, list[str | None]] = {
        "ssn": [f"{100 + i:03d}-45-{6000 + i:04d}" for i in range(n)],
        "zip": [r[0] for r in rows],
        "dob": [r[1] for r in rows],
        "sex": [r[2] for r in rows],
        "case_notes": notes,
    }
    scanner = TableScanner(analyzer, settings, recognizable=analyzer.entities)
    report = _scan(scanner, columns)
    by_name = {c.column: c for c in report.columns}
    assert report.rows == n
    assert by_name["ssn"].top is not None
    assert by_name["ssn"].top.entity_type is E.US_SSN
    assert by_name["ssn"].top.source == "both"
    assert by_name["ssn"].top.match_rate == 1.0
    assert by_name["zip"].top is not None
    assert by_name["zip"].top.entity_type is E.ZIP_CODE
    assert by_name["case_notes"].is_free_text
    tally = by_name["case_notes"].free_text
    assert tally is not None
    assert tally.counts[E.EMAIL_ADDRESS] == 40
    assert tally.rows[E.EMAIL_ADDRESS][:3] == [1, 4, 7]
    # SSN is a direct identifier and notes are free text: neither is combined.
    assert all(
        "ssn" not in r.columns and "case_notes" not in r.columns for r in report.combinations
    )
    assert not report.uniqueness_sampled
    assert scanner.counts[E.EMAIL_ADDRESS] == 40
    first = scanner.findings[0]
    assert (first.location.row, first.location.field, first.location.line) == (1, "case_notes", 2)
    assert first.value == "person0@example.org"


def test_zip_dob_sex_flagged_on_a_table_unique_only_in_combination(
    analyzer: TextAnalyzer, settings: Settings
) -> None:
    rows = _PEOPLE
    columns: dict[str, list[str | None]] = {
        "zip": [r[0] for r in rows], "dob": [r[1] for r in rows], "sex": [r[2] for r in rows],
    }  # fmt: skip
    report = _scan(TableScanner(analyzer, settings), columns, size=7)
    assert [r.columns for r in report.combinations] == [("zip", "dob", "sex")]


def test_big_tables_are_measured_on_a_sample(analyzer: TextAnalyzer) -> None:
    settings = Settings(sample_rows=50)
    scanner = TableScanner(analyzer, settings, uniqueness_rows=100)
    report = _scan(scanner, {"id": [str(i) for i in range(1000)]}, size=64)
    assert report.rows == 1000
    assert report.uniqueness_sampled
    assert report.uniqueness_rows == 100
    [risk] = report.combinations
    assert risk.columns == ("id",)
    assert risk.sampled
    assert risk.rows == 100


def test_reservoir_is_uniform_enough_and_bounded() -> None:
    reservoir = RowReservoir(100, seed=3)
    batch = pa.RecordBatch.from_pydict({"i": pa.array([str(i) for i in range(1000)])})
    for _ in range(10):
        reservoir.offer(batch, 100)
    assert reservoir.seen == 10_000
    assert len(reservoir.rows) == 100
    assert reservoir.sampled
    assert len({r["i"] for r in reservoir.rows}) > 60  # from all over the stream, not one batch


@pytest.mark.parametrize("combinations", [True, False])
def test_combinations_can_be_switched_off(
    analyzer: TextAnalyzer, settings: Settings, combinations: bool
) -> None:
    scanner = TableScanner(analyzer, settings, combinations=combinations)
    report = _scan(scanner, {"code": [str(i) for i in range(30)]})
    assert bool(report.combinations) is combinations


def test_each_sheet_is_its_own_table(analyzer: TextAnalyzer, settings: Settings) -> None:
    one = pa.RecordBatch.from_pydict({"email": ["a.b@example.org"]})
    two = pa.RecordBatch.from_pydict({"zip": ["10001"]})
    batches = [TableBatch("people", one, 1, 2), TableBatch("places", two, 1, 2)]
    reports = list(TableScanner(analyzer, settings).scan(batches, Path("b.xlsx")))
    assert [(r.name, [c.column for c in r.columns]) for r in reports] == [
        ("people", ["email"]),
        ("places", ["zip"]),
    ]
