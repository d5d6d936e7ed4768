"""Each reader on real files in tmp_path: formats, dialects, streaming and bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cityprivacy.detect.files.base import TableBatch, TextChunk
from cityprivacy.detect.files.csv_reader import CsvReader, sniff_dialect
from cityprivacy.detect.files.excel_reader import OLE2_MAGIC, ExcelReader
from cityprivacy.detect.files.jsonl_reader import JsonLinesReader
from cityprivacy.detect.files.parquet_reader import ParquetReader
from cityprivacy.detect.files.text_reader import CHUNK_CHARS, TextReader
from cityprivacy.errors import UnreadableFileError

Problems = list[UnreadableFileError]


def _rows(batches: list[TableBatch]) -> list[dict[str, str | None]]:
    return [row for b in batches for row in b.batch.to_pylist()]


def _csv(path: Path, problems: Problems, batch_rows: int = 100) -> list[TableBatch]:
    return list(CsvReader(path, problems.append, batch_rows=batch_rows).read())


@pytest.mark.parametrize(
    ("delimiter", "suffix"),
    [
        pytest.param(";", ".csv", id="semicolon"),
        pytest.param("|", ".csv", id="pipe"),
        pytest.param("\t", ".csv", id="tab-sniffed"),
        pytest.param("\t", ".tsv", id="tab-by-extension"),
        pytest.param(",", ".csv", id="comma"),
    ],
)
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str, suffix: str) -> None:
    # The free-text column holds commas: the sniffer must not take them for the delimiter.
    lines = ["client_zip", "02139", "10001"]
    rows = [
        ["client_zip", "comment"],
        ["02139", "moved, then called back, twice"],
        ["10001", "no answer, left a note"],
    ]
    quote = '"' if delimiter == "," else ""
    body = "\n".join(
        delimiter.join(f"{quote}{c}{quote}" if quote and " " in c else c for c in r) for r in rows
    )
    path = tmp_path / f"data{suffix}"
    path.write_text(body + "\n", encoding="utf-8")
    problems: Problems = []
    got = _rows(_csv(path, problems))
    assert problems == []
    assert [r["client_zip"] for r in got] == lines[1:]  # leading zeros kept: read as text
    assert got[0]["comment"] == "moved, then called back, twice"


def test_sniffer_falls_back_to_comma_for_one_column() -> None:
    assert sniff_dialect("only\nvalues\nhere\n", ".csv")[0] == ","


def test_ragged_rows_are_skipped_and_reported_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n13,14,15\n", encoding="utf-8")
    problems: Problems = []
    got = _rows(_csv(path, problems))
    assert [r["a"] for r in got] == ["1", "6", "13"]
    assert [(p.line, "fewer" in p.reason) for p in problems] == [(3, True), (5, False)]
    assert all("skipped" in p.reason and p.path == path for p in problems)


def test_a_csv_larger_than_the_batch_is_read_in_several_batches(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("id,zip\n" + "".join(f"{i},{10000 + i}\n" for i in range(1050)))
    batches = _csv(path, [], batch_rows=100)
    assert len(batches) == 11
    assert all(b.num_rows <= 100 for b in batches)
    assert [b.first_row for b in batches[:3]] == [1, 101, 201]
    assert batches[1].line_of(0) == 102  # header is line 1
    assert sum(b.num_rows for b in batches) == 1050


def test_invalid_utf8_in_csv_is_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("name,city\nAnn,Bronx\nJos\xe9,Queens\n".encode("latin-1"))
    problems: Problems = []
    got = _rows(_csv(path, problems))
    assert got[1]["name"] == "Jos\ufffd"
    [problem] = problems
    assert "invalid UTF-8" in problem.reason
    assert "'name'" in problem.reason
    assert problem.line == 3
    assert "Jos" not in str(problem)


def test_parquet_is_streamed_in_batches_as_strings(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    table = pa.table(
        {
            "zip": pa.array(["02139"] * 250),
            "visits": pa.array(list(range(250)), pa.int64()),
            "seen": pa.array([dt.date(2024, 1, 2)] * 250),
        }
    )
    pq.write_table(table, path, row_group_size=100)
    batches = list(ParquetReader(path, [].append, batch_rows=100).read())
    assert [b.num_rows for b in batches] == [100, 100, 50]
    first = batches[0].batch.to_pylist()[1]
    assert first == {"zip": "02139", "visits": "1", "seen": "2024-01-02"}
    assert batches[-1].bytes_done == path.stat().st_size


def test_corrupt_parquet_is_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1" + b"\x01" * 100)
    with pytest.raises(UnreadableFileError, match="not a readable Parquet file"):
        list(ParquetReader(path, [].append, batch_rows=10).read())


def test_jsonl_bad_lines_are_skipped_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    lines = [
        json.dumps({"text": "first", "meta": {"k": 1}}),
        "{not json",
        "",
        json.dumps([1, 2]),
        json.dumps({"text": "last", "extra": None}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems: Problems = []
    batches = list(JsonLinesReader(path, problems.append, batch_rows=10).read())
    got = _rows(batches)
    assert [r["text"] for r in got] == ["first", "last"]
    assert got[0]["meta"] == '{"k": 1}'
    assert batches[0].row_lines == (1, 5)
    assert [(p.line, p.reason.split(" ")[1]) for p in problems] == [(2, "JSON"), (4, "JSON")]


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_excel_reads_every_sheet(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _workbook(
        path,
        {
            "clients": [["first_name", "dob"], ["Ann", dt.datetime(1980, 5, 17)], ["Bob"]],
            "empty": [],
            "visits": [[None], ["zip", "count"], ["02139", 3.0]],
        },
    )
    batches = list(ExcelReader(path, [].append, batch_rows=10).read())
    by_sheet = {b.table: b.batch.to_pylist() for b in batches}
    assert set(by_sheet) == {"clients", "visits"}
    assert by_sheet["clients"] == [
        {"first_name": "Ann", "dob": "1980-05-17"},
        {"first_name": "Bob", "dob": None},  # short rows are padded in Excel
    ]
    assert by_sheet["visits"] == [{"zip": "02139", "count": "3"}]
    visits = next(b for b in batches if b.table == "visits")
    assert visits.line_of(0) == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("locked.xlsx", OLE2_MAGIC + b"\0" * 512, "password-protected", id="encrypted"),
        pytest.param("old.xls", OLE2_MAGIC + b"\0" * 512, "legacy .xls", id="legacy-xls"),
        pytest.param("broken.xlsx", b"PK\x03\x04" + b"garbage" * 20, "corrupt", id="corrupt-zip"),
    ],
)
def test_unreadable_workbooks_say_why(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=message) as info:
        list(ExcelReader(path, [].append, batch_rows=10).read())
    assert info.value.path == path


def _chunks(path: Path, problems: Problems, size: int = CHUNK_CHARS) -> list[TextChunk]:
    return list(TextReader(path, problems.append, chunk_chars=size).read())


def test_text_chunks_keep_offsets_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    text = "".join(f"line {i} with some words\n" for i in range(200))
    path.write_text(text, encoding="utf-8")
    chunks = _chunks(path, [], size=500)
    assert len(chunks) > 5
    assert "".join(c.text for c in chunks) == text
    for c in chunks:
        assert text[c.offset : c.offset + len(c.text)] == c.text
        assert c.line == text.count("\n", 0, c.offset) + 1
        assert c.text.endswith("\n")  # cut at line breaks when there are some


def test_a_50_mb_single_line_is_read_in_bounded_chunks(tmp_path: Path) -> None:
    path = tmp_path / "one_line.txt"
    word = "lorem ipsum "
    with path.open("w", encoding="utf-8") as out:
        for _ in range(50):
            out.write(word * (1024 * 1024 // len(word) + 1))
    total = 0
    count = 0
    for chunk in TextReader(path, [].append).read():
        assert len(chunk.text) <= CHUNK_CHARS
        assert chunk.line == 1
        assert chunk.column == chunk.offset + 1
        total += len(chunk.text)
        count += 1
    assert total == path.stat().st_size
    assert count >= 50


def test_invalid_utf8_text_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"fine line\nsecond \xff\xfe here\nthird \xc3\n")
    problems: Problems = []
    chunks = _chunks(path, problems)
    assert "".join(c.text for c in chunks) == "fine line\nsecond \ufffd\ufffd here\nthird \ufffd\n"
    [problem] = problems  # reported once, at the first bad byte
    assert problem.line == 2
    assert "byte offset 17" in problem.reason
