"""Writing de-identified output as it streams: one batch or text piece at a time.

Each writer writes to a path it is given (the engine gives it the temporary file of
:func:`~cityprivacy.protect.table_io.atomic_output`, so a failure never leaves a
half-written output) and keeps only what its format needs in memory: an open CSV,
Parquet or JSON lines stream, or openpyxl's write-only workbook for Excel (one sheet per
input sheet). Every column is written as text, as the readers read it.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cityprivacy.detect.files import FileFormat
from cityprivacy.protect.table_io import excel_row

__all__ = ["TableWriter", "TextWriter", "delimiter_for", "open_table_writer"]

_DELIMITERS = {".tsv": "\t", ".tab": "\t", ".psv": "|"}
DEFAULT_SHEET = "data"


def delimiter_for(path: Path) -> str:
    """The CSV delimiter an output path's extension implies (tab for ``.tsv``)."""
    return _DELIMITERS.get(path.suffix.lower(), ",")


class TableWriter(Protocol):
    """Writes record batches of one file; ``table`` names the sheet (or is ``None``)."""

    def write(self, table: str | None, batch: pa.RecordBatch) -> None: ...

    def close(self) -> None: ...


class TextWriter:
    """Writes text pieces to a UTF-8 file."""

    def __init__(self, path: Path) -> None:
        self._handle: IO[str] = path.open("w", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        self._handle.write(text)

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> TextWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open_table_writer(fmt: FileFormat, path: Path, *, delimiter: str = ",") -> TableWriter:
    """The writer for ``fmt`` writing to ``path``."""
    if fmt is FileFormat.CSV:
        return _CsvWriter(path, delimiter)
    if fmt is FileFormat.PARQUET:
        return _ParquetWriter(path)
    if fmt is FileFormat.JSONL:
        return _JsonLinesWriter(path)
    if fmt is FileFormat.EXCEL:
        return _ExcelWriter(path)
    raise ValueError(f"not a table format: {fmt}")


class _CsvWriter:
    def __init__(self, path: Path, delimiter: str) -> None:
        self._path = path
        self._options = pacsv.WriteOptions(delimiter=delimiter)
        self._writer: pacsv.CSVWriter | None = None
        self._schema: pa.Schema | None = None

    def write(self, table: str | None, batch: pa.RecordBatch) -> None:
        if self._writer is None:
            self._schema = batch.schema
            self._writer = pacsv.CSVWriter(self._path, batch.schema, write_options=self._options)
        self._writer.write_batch(_conform(batch, self._schema))

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


class _ParquetWriter:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._writer: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None

    def write(self, table: str | None, batch: pa.RecordBatch) -> None:
        if self._writer is None:
            self._schema = batch.schema
            self._writer = pq.ParquetWriter(self._path, batch.schema)
        self._writer.write_batch(_conform(batch, self._schema))

    def close(self) -> None:
        if self._writer is None:
            pq.write_table(pa.table({}), self._path)
        else:
            self._writer.close()


class _JsonLinesWriter:
    def __init__(self, path: Path) -> None:
        self._handle = path.open("w", encoding="utf-8", newline="\n")

    def write(self, table: str | None, batch: pa.RecordBatch) -> None:
        for row in batch.to_pylist():
            self._handle.write(json.dumps(row, ensure_ascii=False))
            self._handle.write("\n")

    def close(self) -> None:
        self._handle.close()


class _ExcelWriter:
    def __init__(self, path: Path) -> None:
        from openpyxl import Workbook  # imported here: only Excel output pays for it

        self._path = path
        self._book: Any = Workbook(write_only=True)
        self._sheets: dict[str, Any] = {}

    def write(self, table: str | None, batch: pa.RecordBatch) -> None:
        title = table or DEFAULT_SHEET
        sheet = self._sheets.get(title)
        if sheet is None:
            sheet = self._sheets[title] = self._book.create_sheet(title)
            sheet.append(excel_row(sheet, batch.schema.names))
        for row in zip(*(c.to_pylist() for c in batch.columns), strict=True):
            sheet.append(excel_row(sheet, row))

    def close(self) -> None:
        if not self._sheets:
            self._book.create_sheet(DEFAULT_SHEET)
        self._book.save(self._path)


def _conform(batch: pa.RecordBatch, schema: pa.Schema | None) -> pa.RecordBatch:
    """``batch`` with the columns of the first batch, in its order (missing ones null)."""
    if schema is None or batch.schema.names == schema.names:
        return batch
    names = batch.schema.names
    arrays = [
        batch.column(names.index(n)) if n in names else pa.nulls(batch.num_rows, pa.string())
        for n in schema.names
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)
