"""The bundled demo dataset is small, synthetic, complete and reproducible from its script."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cityprivacy.datasets import sample_dir
from cityprivacy.datasets.generate import write_sample
from cityprivacy.datasets.records import CLIENT_COLUMNS

SAMPLE = sample_dir()


def _clients() -> list[dict[str, str]]:
    with (SAMPLE / "clients.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_sample_is_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert total < 300 * 1024


def test_sample_has_every_part() -> None:
    notes = sorted(p.suffix for p in (SAMPLE / "case_notes").iterdir())
    assert len(notes) >= 10
    assert set(notes) == {".md", ".txt"}
    assert (SAMPLE / "benefits.parquet").is_file()


def test_committed_sample_matches_the_generator(tmp_path: Path) -> None:
    write_sample(tmp_path)
    for path in SAMPLE.rglob("*"):
        if path.is_file() and path.suffix != ".parquet":
            fresh = tmp_path / path.relative_to(SAMPLE)
            assert fresh.read_bytes() == path.read_bytes(), path.name
    assert pq.read_table(tmp_path / "benefits.parquet").equals(
        pq.read_table(SAMPLE / "benefits.parquet")
    )


def test_clients_table_columns_and_size() -> None:
    rows = _clients()
    assert len(rows) == 200
    assert tuple(rows[0]) == CLIENT_COLUMNS
    assert len({r["client_id"] for r in rows}) == len(rows)


@pytest.mark.parametrize(
    ("column", "pattern"),
    [
        pytest.param("phone", r".*555\D?01\d\d", id="fiction-phone-range"),
        pytest.param("email", r".+@(mail\.)?example\.(org|com|net)", id="reserved-email-domain"),
        pytest.param(
            "ssn", r"(|(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4})", id="ssn-valid-or-blank"
        ),
        pytest.param("dob", r"(19|20)\d\d-\d\d-\d\d", id="iso-dob"),
        pytest.param("zip", r"1[01]\d{3}", id="nyc-zip"),
    ],
)
def test_client_values_are_synthetic_and_well_formed(column: str, pattern: str) -> None:
    for row in _clients():
        assert re.fullmatch(pattern, row[column]), (column, row["client_id"])


def test_benefits_table_holds_quasi_identifiers() -> None:
    table = pq.read_table(SAMPLE / "benefits.parquet")
    assert table.num_rows == 500
    assert {"zip", "birth_year", "sex", "program"} <= set(table.column_names)
    assert "first_name" not in table.column_names


def test_intake_messages_are_json_lines_with_text() -> None:
    lines = (SAMPLE / "intake_messages.jsonl").read_text(encoding="utf-8").splitlines()
    assert 25 <= len(lines) <= 40
    for line in lines:
        record = json.loads(line)
        assert isinstance(record["text"], str)
        assert record["text"]
