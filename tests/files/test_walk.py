"""Discovery (recursion, loops, missing paths) and format detection."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cityprivacy.detect.files.base import FileFormat
from cityprivacy.detect.files.walk import detect_format, discover
from cityprivacy.errors import UnreadableFileError


def _discover(*paths: Path) -> tuple[list[Path], list[UnreadableFileError]]:
    problems: list[UnreadableFileError] = []
    files = [f.path for f in discover(list(paths), problems.append)]
    return files, problems


def test_folders_are_walked_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ["a.csv", "b/c.txt", "b/deep/d.jsonl", ".git/config", "b/photo.png"]:
        (tmp_path / name).write_text("x\n")
    files, problems = _discover(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a.csv",
        "b/c.txt",
        "b/deep/d.jsonl",
    ]
    assert problems == []


def test_a_file_named_twice_is_scanned_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    files, _ = _discover(tmp_path / "a.txt", tmp_path, tmp_path / "a.txt")
    assert files == [tmp_path / "a.txt"]


def test_missing_path_is_reported_and_the_rest_is_scanned(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    files, problems = _discover(tmp_path / "nope.csv", tmp_path / "a.txt")
    assert files == [tmp_path / "a.txt"]
    [problem] = problems
    assert problem.path == tmp_path / "nope.csv"
    assert "no such file" in problem.reason


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_cycle_is_reported_once_and_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "data.txt").write_text("x")
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    files, problems = _discover(root)
    assert files == [root / "sub" / "data.txt"]
    [problem] = problems
    assert problem.path == root / "sub" / "back"
    assert "directory loop" in problem.reason


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        pytest.param("a.csv", b"a,b\n1,2\n", FileFormat.CSV, id="csv"),
        pytest.param("a.TSV", b"a\tb\n", FileFormat.CSV, id="tsv-upper"),
        pytest.param("a.parquet", b"PAR1\x15\x04", FileFormat.PARQUET, id="parquet"),
        pytest.param("a.dat", b"PAR1\x15\x04", FileFormat.PARQUET, id="parquet-sniffed"),
        pytest.param("a.ndjson", b'{"text": "x"}\n', FileFormat.JSONL, id="ndjson"),
        pytest.param(
            "a.json", b'{"text": "x"}\n{"text": "y"}\n', FileFormat.JSONL, id="json-lines"
        ),
        pytest.param("a.json", b'{\n  "text": "x"\n}\n', FileFormat.TEXT, id="pretty-json-is-text"),
        pytest.param("a.log", b"started\n", FileFormat.TEXT, id="log"),
        pytest.param("README", b"# Title\n", FileFormat.TEXT, id="no-extension"),
        pytest.param("a.xlsx", b"PK\x03\x04rest", FileFormat.EXCEL, id="xlsx"),
    ],
)
def test_format_from_extension_and_content(name: str, head: bytes, expected: FileFormat) -> None:
    assert detect_format(Path(name), head) is expected


@pytest.mark.parametrize(
    ("name", "head", "message"),
    [
        pytest.param("a.csv", b"a,b\n\x00\x01", "binary file", id="nul-in-csv"),
        pytest.param("a.bin", b"\x7fELF\x00\x00", "binary file", id="nul-unknown"),
        pytest.param("a.parquet", b"a,b\n", "not a Parquet file", id="parquet-mismatch"),
        pytest.param("a.xlsx", b"a,b\n", "not an Excel workbook", id="xlsx-mismatch"),
        pytest.param("a.txt", b"", "empty file", id="empty"),
    ],
)
def test_content_that_does_not_fit_is_refused(name: str, head: bytes, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        detect_format(Path(name), head)
