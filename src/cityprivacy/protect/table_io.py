"""Reading a whole table and writing tables atomically, for the commands that need every row.

Risk measurement, anonymization and statistical release look at all rows at once (an
equivalence class can span the whole file), so they read the table whole, through the
same readers as ``scan`` (CSV/TSV sniffed, Parquet, JSON lines, Excel), every column as
strings. A file the readers had to repair or skip rows of is refused: a risk figure
computed on part of a file would be wrong without saying so.

Every output goes through :func:`atomic_output`: written to a temporary file next to the
target and renamed over it only when complete, so a failure never leaves a half-written
file (and never destroys an earlier good one).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cityprivacy.config import Settings
from cityprivacy.detect.files import FileFormat, TableBatch, open_reader
from cityprivacy.errors import InputError, UnreadableFileError, UnsupportedFormatError

__all__ = [
    "OUTPUT_FORMATS",
    "atomic_output",
    "excel_row",
    "output_format",
    "read_table",
    "write_table",
]

OUTPUT_FORMATS: dict[str, FileFormat] = {
    ".csv": FileFormat.CSV,
    ".tsv": FileFormat.CSV,
    ".parquet": FileFormat.PARQUET,
    ".pq": FileFormat.PARQUET,
    ".jsonl": FileFormat.JSONL,
    ".ndjson": FileFormat.JSONL,
    ".xlsx": FileFormat.EXCEL,
}


def output_format(path: Path) -> FileFormat:
    """The table format to write ``path`` in, from its extension."""
    fmt = OUTPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(OUTPUT_FORMATS))
        raise UnsupportedFormatError(
            f"{path}: cannot write a table as {path.suffix or 'a file without extension'!r}; "
            f"use one of {known}"
        )
    return fmt


def read_table(
    path: Path, settings: Settings | None = None, *, sheet: str | None = None
) -> pa.Table:
    """The whole table in ``path``, every column a string column.

    An Excel workbook gives its first sheet, or ``sheet``. Raises
    :class:`~cityprivacy.errors.UnreadableFileError` for an unreadable file or one with
    rows the readers could not read as written (the message names the first such line
    and how many there were), :class:`UnsupportedFormatError` for a text file.
    """
    settings = settings or Settings()
    problems: list[UnreadableFileError] = []
    reader = open_reader(Path(path), problems.append, settings)
    if not reader.format.is_table:
        raise UnsupportedFormatError(f"{path}: not a table (read as plain text)")
    batches: list[pa.RecordBatch] = []
    chosen = sheet
    for item in reader.read():
        assert isinstance(item, TableBatch)
        if chosen is None:
            chosen = item.table
        if item.table == chosen:
            batches.append(item.batch)
    if problems:
        first = problems[0]
        more = f" ({len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise UnreadableFileError(
            path, f"{first.reason}{more}; fix the file before measuring it", line=first.line
        )
    if sheet is not None and chosen == sheet and not batches:
        raise InputError(f"{path}: no sheet named {sheet!r} (or it is empty)")
    if not batches:
        return pa.table({})
    return pa.Table.from_batches(batches)


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it to ``path`` if the block succeeds.

    On any exception the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{path}: the output directory {directory} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


def write_table(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` atomically, in the format its extension names."""
    fmt = output_format(Path(path))
    with atomic_output(Path(path)) as tmp:
        if fmt is FileFormat.CSV:
            delimiter = "\t" if Path(path).suffix.lower() == ".tsv" else ","
            pacsv.write_csv(table, tmp, pacsv.WriteOptions(delimiter=delimiter))
        elif fmt is FileFormat.PARQUET:
            pq.write_table(table, tmp)
        elif fmt is FileFormat.JSONL:
            with tmp.open("w", encoding="utf-8") as out:
                for batch in table.to_batches():
                    for row in batch.to_pylist():
                        out.write(json.dumps(row, ensure_ascii=False))
                        out.write("\n")
        else:
            _write_excel(table, tmp)


def excel_row(sheet: Any, values: Iterable[object]) -> list[object]:
    """``values`` ready for a write-only sheet's ``append``, with text kept as text.

    openpyxl stores a string that starts with ``=`` as a formula: a cell of the data
    reading ``=HYPERLINK(...)`` would run in the reader's spreadsheet (formula injection).
    Such strings are written as explicit text cells instead.
    """
    from openpyxl.cell import WriteOnlyCell

    row: list[object] = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row


def _write_excel(table: pa.Table, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(excel_row(sheet, table.column_names))
    for batch in table.to_batches():
        for row in batch.to_pylist():
            sheet.append(excel_row(sheet, (row[name] for name in table.column_names)))
    book.save(path)
