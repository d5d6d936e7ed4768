"""What every reader produces, the reader Protocol, and the byte-level checks readers share.

A reader turns one file into a stream of :class:`TableBatch` (tabular formats) or
:class:`TextChunk` (text formats). Problems that let the read go on (a ragged row, a bad
JSON line, invalid UTF-8) go to a :data:`ProblemSink`; problems that end the read of the
file raise :class:`~cityprivacy.errors.UnreadableFileError`. Neither ever carries a value
read from the file, only the path, line and reason.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from cityprivacy.errors import UnreadableFileError

__all__ = [
    "HEAD_BYTES",
    "FileFormat",
    "ProblemSink",
    "Reader",
    "TableBatch",
    "TextChunk",
    "Utf8Repair",
    "check_head",
]

HEAD_BYTES = 64 * 1024
"""Bytes read from the start of a file to sniff its format, dialect and binary-ness."""

ProblemSink = Callable[[UnreadableFileError], None]


class FileFormat(StrEnum):
    """The formats the scanner reads."""

    CSV = "csv"
    PARQUET = "parquet"
    JSONL = "jsonl"
    EXCEL = "excel"
    TEXT = "text"

    @property
    def is_table(self) -> bool:
        return self is not FileFormat.TEXT


@dataclass(frozen=True, slots=True)
class TableBatch:
    """A slice of rows of one table, every column as an Arrow string array.

    ``table`` names the table inside the file (an Excel sheet) or is ``None``.
    ``first_row`` is the 1-based data row of the first row (headers not counted);
    ``first_line`` is the file line of that row, for locations in reports (exact for JSON
    lines; for CSV it assumes one line per record, as is nearly always the case).
    ``bytes_done`` is how far into the file the reader is, for progress bars;
    ``row_lines``, when given, is the exact line of each row (readers that skip lines).
    """

    table: str | None
    batch: pa.RecordBatch
    first_row: int
    first_line: int
    bytes_done: int = 0
    row_lines: tuple[int, ...] = ()

    @property
    def num_rows(self) -> int:
        return int(self.batch.num_rows)

    def line_of(self, index: int) -> int:
        """The file line of row ``index`` of this batch (0-based index)."""
        if self.row_lines:
            return self.row_lines[index]
        return self.first_line + index


@dataclass(frozen=True, slots=True)
class TextChunk:
    """A piece of a text file: its text, its character offset and its first line (1-based)."""

    text: str
    offset: int
    line: int
    column: int
    bytes_done: int = 0


class Reader(Protocol):
    """One file, read as a stream. ``read`` yields batches or chunks, never the whole file."""

    path: Path
    format: FileFormat

    def read(self) -> Iterator[TableBatch] | Iterator[TextChunk]: ...


def check_head(path: Path, head: bytes) -> None:
    """Refuse empty and binary files before any reader starts on them."""
    if not head:
        raise UnreadableFileError(path, "empty file, skipped")
    if b"\x00" in head:
        raise UnreadableFileError(path, "binary file (NUL bytes), skipped")


class Utf8Repair:
    """Incremental UTF-8 decoding that replaces invalid bytes and reports the first one.

    Invalid bytes become U+FFFD so the rest of the file is still scanned; the first bad
    byte's offset and line go to the problem sink once, as a warning (the scan still
    exits 2, because part of the file could not be read as written).
    """

    def __init__(self, path: Path, sink: ProblemSink) -> None:
        self.path = path
        self.sink = sink
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._fed = 0
        self._lines = 0
        self.reported = False

    def decode(self, block: bytes, final: bool = False) -> str:
        if not self.reported:
            pending, _ = self._decoder.getstate()
            try:
                strict = codecs.getincrementaldecoder("utf-8")("strict")
                strict.setstate((pending, 0))
                strict.decode(block, final)
            except UnicodeDecodeError as exc:
                data = pending + block
                offset = self._fed - len(pending) + exc.start
                line = self._lines + data[: exc.start].count(b"\n") + 1
                self.reported = True
                self.sink(
                    UnreadableFileError(
                        self.path,
                        f"invalid UTF-8 at byte offset {offset}; "
                        "invalid bytes replaced with U+FFFD and the scan continued",
                        line=line,
                    )
                )
        self._fed += len(block)
        self._lines += block.count(b"\n")
        return self._decoder.decode(block, final)
