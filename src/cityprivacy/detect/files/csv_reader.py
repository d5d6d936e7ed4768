"""CSV and TSV, any delimiter, streamed with ``pyarrow.csv.open_csv``.

The dialect (delimiter and quote) is sniffed with :class:`csv.Sniffer` on the head of the
file (``.tsv``/``.tab`` force a tab); the first record is the header. Every column is read
as bytes and converted to UTF-8 strings per batch, so ZIP codes keep their leading zeros
and invalid UTF-8 is found per column and row instead of failing the whole file.

Ragged rows (more or fewer fields than the header) are **skipped**, not padded: a padded
row would put values under the wrong column names. Each skipped row is reported with its
record number (the line number, unless quoted values span lines).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from cityprivacy.detect.files.base import HEAD_BYTES, FileFormat, ProblemSink, TableBatch
from cityprivacy.errors import UnreadableFileError

__all__ = ["CsvReader", "header_names", "sniff_dialect"]

_DELIMITERS = ",;|\t:"
_MIN_BLOCK = 1 << 16
_MAX_BLOCK = 1 << 26


def sniff_dialect(head: str, suffix: str) -> tuple[str, str]:
    """The (delimiter, quote character) of a CSV file from its first kilobytes.

    :class:`csv.Sniffer` proposes; its answer is checked, with the usual delimiters, by how
    many of the first records have as many fields as the header (the Sniffer alone picks
    the comma of a free-text column over a semicolon delimiter surprisingly often).
    """
    if suffix.lower() in {".tsv", ".tab"}:
        return "\t", '"'
    sample = head[: head.rfind("\n")] if "\n" in head else head
    quote = '"'
    candidates = list(_DELIMITERS)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
        quote = dialect.quotechar or '"'
        candidates.insert(0, dialect.delimiter)
    except csv.Error:
        pass
    best, best_score = ",", (0.0, 0)
    for delimiter in candidates:
        score = _consistency(sample, delimiter, quote)
        if score > best_score:
            best, best_score = delimiter, score
    return best, quote


def _consistency(sample: str, delimiter: str, quote: str) -> tuple[float, int]:
    """(share of records with the header's field count, that count); 0 for one field."""
    rows = list(islice(csv.reader(io.StringIO(sample), delimiter=delimiter, quotechar=quote), 50))
    if not rows or len(rows[0]) < 2:
        return (0.0, 0)
    width = len(rows[0])
    body = rows[1:] or rows
    return (sum(len(r) == width for r in body) / len(body), width)


def header_names(head: str, delimiter: str, quote: str) -> list[str]:
    """Column names from the first record, made unique and non-empty."""
    row = next(
        csv.reader(io.StringIO(head.lstrip("\ufeff")), delimiter=delimiter, quotechar=quote), []
    )
    names: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate(row, start=1):
        name = raw.strip() or f"column_{i}"
        base, n = name, 2
        while name in seen:
            name, n = f"{base}_{n}", n + 1
        seen.add(name)
        names.append(name)
    return names


class CsvReader:
    """Yields :class:`TableBatch` of at most ``batch_rows`` rows of string columns."""

    format = FileFormat.CSV

    def __init__(self, path: Path, sink: ProblemSink, *, batch_rows: int) -> None:
        self.path = path
        self.sink = sink
        self.batch_rows = batch_rows
        self.skipped_rows = 0

    def read(self) -> Iterator[TableBatch]:
        with self.path.open("rb") as raw:
            head_bytes = raw.read(HEAD_BYTES)
            head = head_bytes.decode("utf-8", "replace")
            delimiter, quote = sniff_dialect(head, self.path.suffix)
            names = header_names(head, delimiter, quote)
            if not names:
                raise UnreadableFileError(self.path, "no header row, skipped", line=1)
            raw.seek(0)
            lines = max(1, head_bytes.count(b"\n"))
            block = min(_MAX_BLOCK, max(_MIN_BLOCK, len(head_bytes) // lines * self.batch_rows * 2))
            try:
                reader = pacsv.open_csv(
                    raw,
                    read_options=pacsv.ReadOptions(
                        use_threads=False, block_size=block, column_names=names, skip_rows=1
                    ),
                    parse_options=pacsv.ParseOptions(
                        delimiter=delimiter,
                        quote_char=quote,
                        newlines_in_values=True,
                        invalid_row_handler=self._ragged,
                    ),
                    convert_options=pacsv.ConvertOptions(
                        column_types={n: pa.binary() for n in names},
                        strings_can_be_null=False,
                        quoted_strings_can_be_null=False,
                    ),
                )
                yield from self._batches(reader, raw)
            except pa.ArrowInvalid as exc:
                raise UnreadableFileError(self.path, _safe_reason(exc)) from None

    def _ragged(self, row: pacsv.InvalidRow) -> str:
        self.skipped_rows += 1
        fields = "fewer" if row.actual_columns < row.expected_columns else "more"
        self.sink(
            UnreadableFileError(
                self.path,
                f"ragged row: {row.actual_columns} fields where the header has "
                f"{row.expected_columns} ({fields}); row skipped",
                line=row.number,
            )
        )
        return "skip"

    def _batches(
        self, reader: pacsv.CSVStreamingReader, raw: io.BufferedReader
    ) -> Iterator[TableBatch]:
        row = 1
        bad_utf8_reported = False
        for batch in reader:
            columns = []
            for name, column in zip(batch.schema.names, batch.columns, strict=True):
                try:
                    columns.append(pc.cast(column, pa.string()))
                except pa.ArrowInvalid:
                    values = column.to_pylist()
                    if not bad_utf8_reported:
                        bad = next(i for i, v in enumerate(values) if not _is_utf8(v))
                        self.sink(
                            UnreadableFileError(
                                self.path,
                                f"invalid UTF-8 in column {name!r}, data row {row + bad}; "
                                "invalid bytes replaced with U+FFFD and the scan continued",
                                line=row + bad + 1 + self.skipped_rows,
                            )
                        )
                        bad_utf8_reported = True
                    columns.append(
                        pa.array([v.decode("utf-8", "replace") for v in values], pa.string())
                    )
            strings = pa.RecordBatch.from_arrays(columns, names=batch.schema.names)
            for start in range(0, max(1, strings.num_rows), self.batch_rows):
                piece = strings.slice(start, self.batch_rows)
                if piece.num_rows == 0:
                    continue
                yield TableBatch(None, piece, row, row + 1 + self.skipped_rows, raw.tell())
                row += piece.num_rows


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _safe_reason(exc: Exception) -> str:
    """A parse error without the row text pyarrow likes to quote after a colon."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "straddling" in message or "block" in message:
        return "a record is longer than the read block (very long line), file skipped"
    head = message.split(":", 1)[0]
    return f"CSV parse error ({head}), file skipped"
