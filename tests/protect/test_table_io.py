"""Whole-table reading and atomic writing shared by risk, anonymize and release."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from cityprivacy.errors import InputError, UnreadableFileError, UnsupportedFormatError
from cityprivacy.protect.table_io import atomic_output, read_table, write_table

TABLE = pa.table(
    {
        "age": ["34", "35", None, "80"],
        "zip": ["10027", "11201", "10027", "10301"],
        "note": ['a, "quoted" cell', "línea", "", "x\ny"],
    }
)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".jsonl", ".xlsx"])
def test_round_trip_keeps_every_cell(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"t{suffix}"
    write_table(TABLE, path)
    back = read_table(path)
    assert back.column_names == TABLE.column_names
    rows = back.to_pylist()
    expected = TABLE.to_pylist()
    if suffix in {".csv", ".tsv", ".xlsx"}:  # these cannot tell an empty cell from a null
        expected = [{k: (v if v is not None else "") for k, v in r.items()} for r in expected]
        rows = [{k: (v if v is not None else "") for k, v in r.items()} for r in rows]
    assert rows == expected


def test_semicolon_csv_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "adult.csv"
    path.write_text("sex;age\nMale;39\nFemale;50\n", encoding="utf-8")
    assert read_table(path).to_pydict() == {"sex": ["Male", "Female"], "age": ["39", "50"]}


def test_a_failed_write_leaves_the_earlier_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")

    def write_half() -> None:
        with atomic_output(path) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_half()
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_unknown_output_suffix_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"\.docx"):
        write_table(TABLE, tmp_path / "t.docx")
    assert list(tmp_path.iterdir()) == []


def test_missing_output_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_table(TABLE, tmp_path / "nowhere" / "t.csv")


def test_text_file_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Just words.\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match="not a table"):
        read_table(path)


def test_ragged_rows_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n3,4,5\n6,7\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError) as info:
        read_table(path)
    assert info.value.line == 3
    assert "3,4,5" not in str(info.value)


def test_header_only_file_gives_an_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("a,b\n", encoding="utf-8")
    assert read_table(path).num_rows == 0


def test_excel_output_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "t.xlsx"
    write_table(pa.table({"=cmd": ['=HYPERLINK("http://x")', "plain"]}), path)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert [c.data_type for c in sheet[1]] == ["s"]
    assert [c.data_type for c in sheet[2]] == ["s"]
    assert read_table(path).to_pydict() == {"=cmd": ['=HYPERLINK("http://x")', "plain"]}
