"""``cityprivacy deidentify`` end to end: output, summary, exit codes, errors before writing."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app, deidentify_cmd
from cityprivacy.config import Settings, get_settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.protect.table_io import read_table, write_table

runner = CliRunner()
POLICY = """\
version: "7"
default: replace
subject_column: client_id
columns:
  client_id: {operator: pseudonymize, prefix: CLIENT}
entities:
  US_SSN: {operator: mask, keep_last: 2}
"""


@pytest.fixture(autouse=True)
def small_analyzer(monkeypatch: pytest.MonkeyPatch, analyzer: TextAnalyzer) -> None:
    """The command builds the small analyzer of ``tests/conftest.py``, in a clean env."""

    def build(settings: Settings) -> TextAnalyzer:
        return TextAnalyzer(analyzer.recognizers, settings=settings)

    monkeypatch.setattr(deidentify_cmd, "build_analyzer", build)
    for name in ("CITYPRIVACY_KEY", "CITYPRIVACY_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "k.key").write_text("0123456789abcdef0123456789abcdef\n", encoding="utf-8")
    write_table(
        pa.table({"client_id": ["A1", "B2"], "ssn": ["123-45-6789", "234-56-7890"],
                  "ward": ["3", "4"]}),
        tmp_path / "in.csv",
    )  # fmt: skip
    return tmp_path


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [*map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_deidentify_writes_the_output_and_a_json_summary(files: Path) -> None:
    code, out, err = _run(
        "deidentify", files / "in.csv", files / "out.parquet", "--policy", files / "policy.yaml",
        "--key-file", files / "k.key", "--json-summary", files / "summary.json", "--workers", "1",
    )  # fmt: skip
    assert code == 0, err
    assert read_table(files / "out.parquet").column("ssn").to_pylist() == [
        "***-**-**89",
        "***-**-**90",
    ]
    assert "Protected values" in out
    assert "US_SSN" in out
    assert "ward" in out  # the untouched column is listed
    summary = json.loads((files / "summary.json").read_text(encoding="utf-8"))
    assert summary["policy_version"] == "7"
    assert summary["files"][0]["untouched_columns"] == ["ward"]
    assert len(summary["key_fingerprint"]) == 8
    assert "0123456789abcdef" not in json.dumps(summary) + out


def test_deidentify_without_a_key_fails_before_writing(files: Path) -> None:
    code, _, err = _run(
        "deidentify", files / "in.csv", files / "out.csv", "--policy", files / "policy.yaml"
    )
    assert code == 2
    assert "no key" in err
    assert not (files / "out.csv").exists()


def test_deidentify_with_a_short_key_fails_before_writing(files: Path) -> None:
    (files / "short.key").write_text("short\n", encoding="utf-8")
    code, _, err = _run(
        "deidentify", files / "in.csv", files / "out", "--policy", files / "policy.yaml",
        "--key-file", files / "short.key",
    )  # fmt: skip
    assert code == 2
    assert "5 bytes; at least 32" in err
    assert not (files / "out").exists()


def test_deidentify_with_a_policy_naming_an_unknown_type_fails_before_writing(
    files: Path,
) -> None:
    (files / "bad.yaml").write_text(POLICY + "categories:\n  socail_security: redact\n")
    code, _, err = _run(
        "deidentify", files / "in.csv", files / "out.csv", "--policy", files / "bad.yaml",
        "--key-file", files / "k.key",
    )  # fmt: skip
    assert code == 2
    assert f"{files / 'bad.yaml'}:9: unknown taxonomy category 'socail_security'" in err
    assert not (files / "out.csv").exists()


def test_deidentify_exits_2_when_a_file_has_problems_but_writes_the_rest(files: Path) -> None:
    (files / "dir").mkdir()
    (files / "dir" / "empty.txt").write_bytes(b"")
    (files / "dir" / "note.txt").write_text("SSN 123-45-6789\n", encoding="utf-8")
    code, _, err = _run(
        "deidentify", files / "dir", files / "out", "--policy", files / "policy.yaml",
        "--key-file", files / "k.key",
    )  # fmt: skip
    assert code == 2
    assert "empty.txt: empty file, skipped" in err
    assert (files / "out" / "note.txt").read_text(encoding="utf-8") == "SSN ***-**-**89\n"
