"""Problems met while reading bad files name the file, line and column, never a value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app

runner = CliRunner()
SSN = "123-45-6789"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        pytest.param(
            "ragged.csv",
            f"name,ssn\nAnn,{SSN}\nBo,{SSN},extra\n".encode(),
            "ragged",
            id="ragged-row-holding-an-ssn",
        ),
        pytest.param(
            "latin.csv",
            f"name,ssn\nJos\xe9 {SSN},{SSN}\n".encode("latin-1"),
            "UTF-8",
            id="invalid-utf8-cell-holding-an-ssn",
        ),
        pytest.param(
            "bad.jsonl",
            (json.dumps({"ssn": SSN}) + "\n{" + f'"ssn": "{SSN}"\n').encode(),
            "invalid JSON",
            id="broken-json-line-holding-an-ssn",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["human", "json", "sarif"])
def test_problems_carry_no_values(
    tmp_path: Path, name: str, content: bytes, problem: str, fmt: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["scan", str(path), "--format", fmt])
    assert result.exit_code == 2  # something was skipped
    everything = result.stdout + result.stderr
    assert problem in everything
    assert SSN not in everything
