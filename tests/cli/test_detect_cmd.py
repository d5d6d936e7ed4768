"""``cityprivacy detect``: one text, or JSON lines through stdin/stdout and files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "source", [pytest.param([], id="no-file-means-stdin"), pytest.param(["-"], id="dash")]
)
def test_jsonl_stdin_to_stdout_keeps_objects_and_order(source: list[str]) -> None:
    lines = [
        {"id": 1, "text": "write to ann.k@example.org today"},
        {"id": 2, "text": "nothing here", "findings": "old"},
        {"id": 3, "text": "ssn 123-45-6789"},
    ]
    stdin = "".join(json.dumps(x) + "\n" for x in lines)
    result = runner.invoke(app, ["detect", "--jsonl", *source, "--workers", "1"], input=stdin)
    assert result.exit_code == 0
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in out] == [1, 2, 3]
    assert out[0]["findings"] == [
        {
            "entity_type": "EMAIL_ADDRESS",
            "start": 9,
            "end": 26,
            "score": 0.9,
            "category": "contact_information",
        }
    ]
    assert out[1]["findings"] == []
    assert [f["entity_type"] for f in out[2]["findings"]] == ["US_SSN"]
    assert set(out[2]["findings"][0]) == {"entity_type", "start", "end", "score", "category"}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param("{broken", "invalid JSON", id="invalid-json"),
        pytest.param('{"body": "x"}', "no 'text' field", id="no-text"),
        pytest.param('{"text": 42}', "'text' is a int", id="text-not-string"),
        pytest.param("[1, 2]", "not an object", id="not-object"),
    ],
)
def test_bad_lines_are_reported_skipped_and_exit_2(line: str, reason: str) -> None:
    stdin = f'{{"text": "a"}}\n{line}\n{{"text": "ssn 123-45-6789"}}\n'
    result = runner.invoke(app, ["detect", "--jsonl", "-", "-w", "1"], input=stdin)
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2
    assert "line 2" in result.stderr
    assert reason in result.stderr
    assert "123-45-6789" not in result.stderr


def test_files_in_and_out(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "ssn 123-45-6789"}\n{"text": "caf\xe9"}\n')
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["detect", "--jsonl", str(source), "-o", str(target), "-w", "1"])
    assert result.exit_code == 2  # line 2 is not UTF-8
    assert "line 2: invalid UTF-8" in result.stderr
    [only] = [json.loads(x) for x in target.read_text().splitlines()]
    assert only["findings"][0]["entity_type"] == "US_SSN"


def test_missing_input_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["detect", "--jsonl", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "nope.jsonl" in result.stderr


def test_single_text_and_entity_filter() -> None:
    text = "ssn 123-45-6789, mail ann.k@example.org"
    result = runner.invoke(app, ["detect", text, "--entities", "us_ssn"])
    assert result.exit_code == 0
    assert [f["entity_type"] for f in json.loads(result.stdout)] == ["US_SSN"]
    assert runner.invoke(app, ["detect", text, "-e", "NOPE"]).exit_code == 2
    assert runner.invoke(app, ["detect"]).exit_code == 2
