"""``cityprivacy scan`` end to end: formats, masking, exit codes and every bad-input case."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.cli.render.masking import mask_value
from cityprivacy.detect.files.excel_reader import OLE2_MAGIC

runner = CliRunner()
SSN = "123-45-6789"


def _scan(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["scan", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A folder with one file per format, each holding one SSN or email."""
    (tmp_path / "note.md").write_text(f"# Intake\n\nClient SSN {SSN} on file.\n")
    (tmp_path / "people.csv").write_text("name;email\nAnn;ann.k@example.org\nBo;bo@example.net\n")
    pq.write_table(pa.table({"ssn": [SSN, "234-56-7890"]}), tmp_path / "ids.parquet")
    (tmp_path / "msgs.jsonl").write_text(json.dumps({"email": "cy@example.com"}) + "\n")
    book = openpyxl.Workbook()
    book.active.append(["contact"])
    book.active.append(["di@example.org"])
    book.create_sheet("second").append(["ssn"])
    book["second"].append([SSN])
    book.save(tmp_path / "book.xlsx")
    return tmp_path


def test_every_format_is_scanned(data: Path) -> None:
    code, out, _ = _scan(data, "--format", "json")
    assert code == 1
    doc = json.loads(out)
    formats = {Path(f["path"]).name: f["format"] for f in doc["files"]}
    assert formats == {
        "book.xlsx": "excel",
        "ids.parquet": "parquet",
        "msgs.jsonl": "jsonl",
        "note.md": "text",
        "people.csv": "csv",
    }
    typed = {
        (Path(f["path"]).name, t["name"], c["column"]): c["entity_types"][0]["entity_type"]
        for f in doc["files"]
        for t in f["tables"]
        for c in t["columns"]
        if c["entity_types"]
    }
    assert typed[("people.csv", None, "email")] == "EMAIL_ADDRESS"
    assert typed[("ids.parquet", None, "ssn")] == "US_SSN"
    assert typed[("book.xlsx", "second", "ssn")] == "US_SSN"
    assert typed[("book.xlsx", "Sheet", "contact")] == "EMAIL_ADDRESS"
    [finding] = next(f for f in doc["files"] if f["path"].endswith("note.md"))["findings"]
    assert (finding["line"], finding["column"], finding["value"]) == (3, 12, "***-**-6789")


@pytest.mark.parametrize("fmt", ["human", "json", "jsonl", "csv", "sarif"])
def test_values_are_masked_unless_asked(data: Path, fmt: str) -> None:
    _, masked, _ = _scan(data / "note.md", "--format", fmt)
    _, clear, _ = _scan(data / "note.md", "--format", fmt, "--show-values")
    assert SSN not in masked
    assert "***-**-6789" in masked
    assert SSN in clear


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        pytest.param("123-45-6789", "***-**-6789", id="ssn"),
        pytest.param("(212) 555-0143", "(***) ***-0143", id="phone"),
        pytest.param("ann.k@example.org", "***.*@*******.org", id="email"),
        pytest.param("10001", "*****", id="short-fully-masked"),
        pytest.param("AB-12", "**-**", id="short-with-separator"),
    ],
)
def test_mask_value(value: str, masked: str) -> None:
    assert mask_value(value) == masked


def test_output_formats_parse(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("json", "jsonl", "csv", "sarif"):
        code, stdout, _ = _scan(data, "--format", fmt, "-o", out / f"r.{fmt}")
        assert code == 1
        assert stdout == ""
    json.loads((out / "r.json").read_text())
    lines = [json.loads(x) for x in (out / "r.jsonl").read_text().splitlines()]
    assert {x["kind"] for x in lines} >= {"finding", "column"}
    rows = list(csv.DictReader(io.StringIO((out / "r.csv").read_text())))
    assert {r["kind"] for r in rows} >= {"finding", "column"}
    sarif = json.loads((out / "r.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert "sarif-2.1.0" in sarif["$schema"]
    [run] = sarif["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "US_SSN" in rules
    assert run["results"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    text = next(
        r
        for r in run["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("note.md")
    )
    region = text["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 12, "charOffset": 21, "charLength": 11}
    assert run["invocations"][0]["executionSuccessful"] is True


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param([], 1, id="default-any-finding"),
        pytest.param(["--fail-on", "0.95"], 0, id="score-above-all"),
        pytest.param(["--fail-on", "0.8"], 1, id="score-below"),
        pytest.param(["--fail-on", "US_SSN"], 1, id="type-present"),
        pytest.param(["--fail-on", "EMAIL_ADDRESS,IMEI"], 0, id="types-absent"),
        pytest.param(["--fail-on", "ssn"], 1, id="category-present"),
        pytest.param(["--fail-on", "none"], 0, id="never"),
        pytest.param(["--fail-on", "NOT_A_TYPE"], 2, id="unknown-type-is-usage"),
        pytest.param(["--fail-on", "1.5"], 2, id="score-out-of-range"),
    ],
)
def test_fail_on(data: Path, args: list[str], code: int) -> None:
    assert _scan(data / "note.md", *args)[0] == code


def test_clean_input_exits_0(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("nothing to see here\n")
    code, out, _ = _scan(tmp_path, "--no-progress")
    assert code == 0
    assert "0 finding(s)" in out


def test_progress_goes_to_stderr_when_asked(data: Path) -> None:
    code, out, _ = _scan(data / "note.md", "--progress", "--format", "json")
    assert code == 1
    json.loads(out)  # stdout stays clean machine output


BAD_INPUTS = [
    pytest.param("bin.txt", b"\x00\x01\x02" * 10, "binary file", None, id="binary"),
    pytest.param("bad.txt", b"ok\n\xff bad\n", "invalid UTF-8", 2, id="utf8"),
    pytest.param("empty.csv", b"", "empty file", None, id="empty"),
    pytest.param("ragged.csv", f"a,b\n1,2\n3\n4,{SSN}\n".encode(), "ragged row", 3, id="ragged"),
    pytest.param(
        "locked.xlsx", OLE2_MAGIC + b"\0" * 600, "encrypted or password-protected workbook", None,
        id="encrypted",
    ),
    pytest.param("bad.xlsx", b"PK\x03\x04junk", "corrupt", None, id="corrupt-xlsx"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message", "line"), BAD_INPUTS)
def test_bad_input_is_reported_and_the_scan_goes_on(
    tmp_path: Path, name: str, content: bytes, message: str, line: int | None
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.md"
    good.write_text(f"SSN {SSN}\n")
    code, out, err = _scan(bad, good, "--format", "json")
    assert code == 2
    doc = json.loads(out)
    [problem] = [p for f in doc["files"] for p in f["problems"]]
    assert message in problem["reason"]
    assert problem["line"] == line
    assert name in err
    assert message in err
    assert SSN not in err
    good_report = next(f for f in doc["files"] if f["path"].endswith("good.md"))
    assert good_report["counts"] == {"US_SSN": 1}  # the other file was still scanned


def test_missing_path_exits_2_and_still_reports(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"SSN {SSN}\n")
    code, out, _ = _scan(tmp_path / "missing.csv", tmp_path / "a.md")
    assert code == 2
    assert "missing.csv" in out
    assert "no such file" in out
    assert "US_SSN" in out


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_directory_loop_exits_2(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_text("hello\n")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d", target_is_directory=True)
    code, out, err = _scan(tmp_path / "d", "--format", "jsonl")
    assert code == 2
    problems = [json.loads(x) for x in out.splitlines() if '"problem"' in x]
    assert [p["reason"] for p in problems] == ["directory loop (symlink cycle), not entered again"]
    assert "loop" in err


def test_combination_risk_reaches_the_report(tmp_path: Path) -> None:
    rows = [
        f"{z},{d},{s}"
        for z in ("10001", "10002")
        for d in ("1980-01-02", "1990-03-04")
        for s in "FM"
    ]
    (tmp_path / "q.csv").write_text("zip,dob,sex\n" + "\n".join(rows) + "\n")
    code, out, _ = _scan(tmp_path / "q.csv", "--format", "json", "--fail-on", "combination")
    assert code == 1
    [table] = json.loads(out)["files"][0]["tables"]
    assert [c["columns"] for c in table["combinations"]] == [["zip", "dob", "sex"]]
    assert _scan(tmp_path / "q.csv", "--no-combinations", "--fail-on", "combination")[0] == 0
