"""De-identifying tables in every format: column rules, free text, untouched columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.protect.deidentify import ColumnAction, Deidentifier
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.policy import parse_policy
from cityprivacy.protect.table_io import read_table, write_table

KEY = SecretKey(b"table-tests-key-0123456789abcdef")
POLICY = parse_policy(
    """\
version: 1
default: replace
subject_column: client_id
columns:
  client_id: {operator: pseudonymize, prefix: CLIENT}
  visit: date_shift
entities:
  US_SSN: mask
  EMAIL_ADDRESS: redact
"""
)
ROWS = 120  # more than one batch of the test settings (50 rows)


def _table(rows: int = ROWS) -> pa.Table:
    return pa.table(
        {
            "client_id": [f"C{i % 40:04d}" for i in range(rows)],
            "ssn": [f"{100 + i:03d}-45-{1000 + i:04d}" for i in range(rows)],
            "visit": [
                (dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(rows)
            ],
            "notes": [
                f"Client called on a weekday, wrote from client{i}@example.org and said "
                f"the number is {200 + i:03d}-12-{3000 + i:04d} for the form"
                for i in range(rows)
            ],
            "color": [("red", "green", "blue")[i % 3] for i in range(rows)],
        }
    )


@pytest.fixture
def deid(settings: Settings, analyzer: TextAnalyzer) -> Deidentifier:
    return Deidentifier(POLICY, KEY, settings, analyzer, workers=1)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".jsonl", ".xlsx"])
def test_every_table_format_is_written_back_in_its_format(
    tmp_path: Path, deid: Deidentifier, suffix: str
) -> None:
    source, target = tmp_path / f"in{suffix}", tmp_path / f"out{suffix}"
    write_table(_table(), source)
    summary = deid.files(source, target)
    assert summary.all_problems == []
    out = read_table(target)
    assert out.column_names == ["client_id", "ssn", "visit", "notes", "color"]
    assert out.num_rows == ROWS
    rows = out.to_pylist()
    original = _table().to_pylist()
    for before, after in zip(original, rows, strict=True):
        assert after["client_id"].startswith("CLIENT_")
        assert after["ssn"] == "***-**-" + before["ssn"][-4:]
        assert after["visit"] != before["visit"]
        assert "@" not in after["notes"]
        assert "-12-" not in after["notes"]
        assert after["notes"].startswith("Client called on a weekday, wrote from  and said")
        assert after["color"] == before["color"]
    (file,) = summary.files
    assert file.written
    assert file.rows == ROWS
    assert file.untouched_columns == ["color"]
    assert file.counts[("US_SSN", "mask")] == 2 * ROWS  # the column and the notes
    assert file.counts[("EMAIL_ADDRESS", "redact")] == ROWS


def test_each_column_says_what_was_done_and_by_which_rule(
    tmp_path: Path, deid: Deidentifier
) -> None:
    write_table(_table(), tmp_path / "in.csv")
    (table,) = deid.files(tmp_path / "in.csv", tmp_path / "out.csv").files[0].tables
    got = {c.column: (c.action, c.entity_type, c.rule, c.operator) for c in table.columns}
    assert got["client_id"][0] is ColumnAction.RULE
    assert got["client_id"][2:] == ("columns.client_id", "pseudonymize")
    assert got["ssn"] == (ColumnAction.RULE, "US_SSN", "entities.US_SSN", "mask")
    assert got["visit"][2:] == ("columns.visit", "date_shift")
    assert got["notes"] == (ColumnAction.FREE_TEXT, None, None, None)
    assert got["color"] == (ColumnAction.UNTOUCHED, None, None, None)
    assert table.rows == ROWS


def test_dates_of_one_subject_shift_together(tmp_path: Path, deid: Deidentifier) -> None:
    write_table(_table(), tmp_path / "in.parquet")
    deid.files(tmp_path / "in.parquet", tmp_path / "out.parquet")
    before, after = _table().to_pylist(), read_table(tmp_path / "out.parquet").to_pylist()
    shifts: dict[str, set[int]] = {}
    for b, a in zip(before, after, strict=True):
        delta = dt.date.fromisoformat(a["visit"]) - dt.date.fromisoformat(b["visit"])
        shifts.setdefault(b["client_id"], set()).add(delta.days)
    assert all(len(days) == 1 for days in shifts.values())  # one offset per client
    assert len({next(iter(d)) for d in shifts.values()}) > 1  # not the same for everyone


def test_the_extension_of_out_chooses_the_format(tmp_path: Path, deid: Deidentifier) -> None:
    write_table(_table(), tmp_path / "in.csv")
    deid.files(tmp_path / "in.csv", tmp_path / "out.parquet")
    assert (tmp_path / "out.parquet").read_bytes()[:4] == b"PAR1"
    assert read_table(tmp_path / "out.parquet").num_rows == ROWS


def test_every_sheet_of_a_workbook_is_kept(tmp_path: Path, deid: Deidentifier) -> None:
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "clients"
    first.append(["ssn", "color"])
    first.append(["123-45-6789", "red"])
    second = book.create_sheet("contacts")
    second.append(["email", "notes"])
    second.append(["ana@example.org", "called back"])
    book.save(tmp_path / "in.xlsx")
    summary = deid.files(tmp_path / "in.xlsx", tmp_path / "out.xlsx")
    out = load_workbook(tmp_path / "out.xlsx", read_only=True)
    assert out.sheetnames == ["clients", "contacts"]
    values = {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in out.worksheets}
    assert values["clients"] == [["ssn", "color"], ["***-**-6789", "red"]]
    assert values["contacts"][1] == [None, "called back"]
    assert summary.files[0].untouched_columns == ["clients!color", "contacts!notes"]


def test_a_header_only_csv_keeps_its_header(tmp_path: Path, deid: Deidentifier) -> None:
    (tmp_path / "in.csv").write_text("client_id,ssn\n", encoding="utf-8")
    summary = deid.files(tmp_path / "in.csv", tmp_path / "out.csv")
    assert summary.all_problems == []
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").strip() == '"client_id","ssn"'


def test_a_json_key_first_seen_after_the_sample_is_classified(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    lines = [f'{{"id": "{i}"}}' for i in range(60)] + ['{"id": "x", "ssn": "123-45-6789"}']
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    deid = Deidentifier(POLICY, KEY, settings.model_copy(update={"sample_rows": 10}), analyzer)
    summary = deid.files(tmp_path / "in.jsonl", tmp_path / "out.jsonl")
    assert read_table(tmp_path / "out.jsonl").to_pylist()[-1]["ssn"] == "***-**-6789"
    assert "ssn" not in summary.files[0].untouched_columns


def test_a_free_text_column_named_in_the_policy_is_analyzed_even_if_short(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    policy = parse_policy("version: 1\ndefault: redact\nfree_text_columns: [code]\n")
    write_table(pa.table({"code": ["x 123-45-6789", "y"]}), tmp_path / "in.csv")
    deid = Deidentifier(policy, None, settings, analyzer, workers=1)
    deid.files(tmp_path / "in.csv", tmp_path / "out.csv")
    assert read_table(tmp_path / "out.csv").column("code").to_pylist() == ["x ", "y"]


def test_a_value_an_operator_cannot_take_is_removed_and_counted(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    policy = parse_policy("version: 1\ndefault: redact\ncolumns:\n  n: encrypt\n")
    write_table(pa.table({"k": ["a", "b"], "n": ["12", "12345678"]}), tmp_path / "in.csv")
    deid = Deidentifier(policy, KEY, settings, analyzer, workers=1)
    summary = deid.files(tmp_path / "in.csv", tmp_path / "out.csv")
    cells = read_table(tmp_path / "out.csv").column("n").to_pylist()
    assert cells[0] in ("", None)  # too short for FF3-1: removed, never passed through
    assert cells[1] != "12345678"
    assert len(cells[1]) == 8
    assert summary.counts == {(None, "encrypt-failed"): 1, (None, "encrypt"): 1}


def test_json_lines_whose_keys_change_within_the_sample_are_classified(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    # The sample (200 rows) spans batches (50 rows) that have different columns.
    lines = [f'{{"id": "{i}"}}' for i in range(60)]
    lines += [f'{{"id": "{i}", "ssn": "{100 + i}-45-6789"}}' for i in range(60, 120)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    deid = Deidentifier(POLICY, KEY, settings, analyzer, workers=1)
    summary = deid.files(tmp_path / "in.jsonl", tmp_path / "out.jsonl")
    rows = read_table(tmp_path / "out.jsonl").to_pylist()
    assert rows[0]["ssn"] is None
    assert rows[-1]["ssn"] == "***-**-6789"
    assert summary.files[0].untouched_columns == ["id"]
