"""Reading the records to link: the columns a schema needs, normalized, with problems by line.

Shared by both methods (Bloom-filter encodings and clear values for Splink). Rows are
never dropped silently: a row the reader cannot read (a ragged CSV row, a bad JSON line),
a row without an id, and a value that is not valid for its kind are reported with their
line as :class:`RecordProblem`; the rest of the file is processed. A problem never holds
the value itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.config import Settings
from cityprivacy.detect.files import TableBatch, open_reader
from cityprivacy.errors import InputError, UnreadableFileError
from cityprivacy.link.normalize import normalize_with_missing
from cityprivacy.link.schema import LinkSchema

__all__ = [
    "NormalizedBatch",
    "RecordProblem",
    "check_columns",
    "normalize_batch",
    "read_batches",
    "read_raw_batches",
]


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """A row that was skipped, or a value left out. Names the line and field, not the value."""

    line: int
    reason: str
    field: str | None = None

    def describe(self) -> str:
        where = f"line {self.line}"
        return (
            f"{where}, field {self.field!r}: {self.reason}"
            if self.field
            else f"{where}: {self.reason}"
        )


@dataclass
class NormalizedBatch:
    """One batch of rows: ids, each field's normalized values, rows to keep, problems."""

    ids: pa.Array
    values: dict[str, pa.Array]
    keep: np.ndarray
    lines: np.ndarray
    problems: list[RecordProblem] = field(default_factory=list)


def check_columns(schema: LinkSchema, names: Iterable[str], source: str) -> None:
    """Refuse a table that lacks a column the schema reads (naming every missing one)."""
    present = set(names)
    wanted = [f.source_column for f in schema.fields]
    if schema.id_column:
        wanted.insert(0, schema.id_column)
    missing = [c for c in wanted if c not in present]
    if missing:
        raise InputError(
            f"{source}: no column {', '.join(repr(c) for c in missing)} "
            f"(schema {schema.name!r} reads {', '.join(wanted)})"
        )


def _column(table: pa.Table | pa.RecordBatch, name: str) -> pa.Array:
    column = table.column(name)
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return pc.cast(column, pa.string())


def normalize_batch(
    schema: LinkSchema, table: pa.Table | pa.RecordBatch, lines: np.ndarray | None = None
) -> NormalizedBatch:
    """Ids and normalized fields of ``table``; ``lines`` are the rows' file lines (default:
    2, 3, ... as in a CSV file with a header)."""
    n = table.num_rows
    lines = np.arange(2, n + 2) if lines is None else lines
    check_columns(schema, table.column_names, "the table")
    problems: list[RecordProblem] = []
    if schema.id_column is None:
        ids = pa.array([str(line) for line in lines.tolist()], pa.string())
    else:
        ids = pc.utf8_trim_whitespace(_column(table, schema.id_column))
        ids = pc.if_else(pc.equal(ids, ""), None, ids)
    keep = np.asarray(pc.fill_null(pc.is_valid(ids), False), dtype=bool)
    problems += [
        RecordProblem(int(lines[i]), "no record id; row skipped") for i in np.flatnonzero(~keep)
    ]
    values = {}
    for spec in schema.fields:
        raw = _column(table, spec.source_column)
        normalized, missing = normalize_with_missing(spec.kind, raw, spec.options)
        invalid = ~missing & ~np.asarray(normalized.is_valid(), dtype=bool)
        problems += [
            RecordProblem(int(lines[i]), f"not a valid {spec.kind.value}; left out", spec.name)
            for i in np.flatnonzero(invalid & keep)
        ]
        values[spec.name] = normalized
    present = np.zeros(n, dtype=bool)
    for normalized in values.values():
        present |= np.asarray(pc.is_valid(normalized), dtype=bool)
    problems += [
        RecordProblem(int(lines[i]), "no field to link on; row skipped")
        for i in np.flatnonzero(keep & ~present)
    ]
    problems.sort(key=lambda p: p.line)
    return NormalizedBatch(ids, values, keep & present, lines, problems)


def read_raw_batches(
    path: Path,
    schema: LinkSchema,
    problems: list[RecordProblem],
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[pa.RecordBatch, np.ndarray]]:
    """Stream a table file (CSV/TSV, Parquet, JSON lines, Excel) as ``(batch, lines)``.

    Rows the reader skips are appended to ``problems`` with their line. Raises
    :class:`~cityprivacy.errors.InputError` for an empty or unreadable file, a file with no
    data rows, or one without a column the schema reads. ``progress`` gets bytes read.
    """
    settings = settings or Settings()
    read_problems: list[UnreadableFileError] = []
    reader = open_reader(Path(path), read_problems.append, settings)
    if not reader.format.is_table:
        raise InputError(f"{path}: not a table (read as plain text)")
    rows = 0
    for item in reader.read():
        assert isinstance(item, TableBatch)
        if rows == 0:
            check_columns(schema, item.batch.schema.names, str(path))
        rows += item.num_rows
        lines = (
            np.array(item.row_lines, dtype=np.int64)
            if item.row_lines
            else np.arange(item.first_line, item.first_line + item.num_rows, dtype=np.int64)
        )
        yield item.batch, lines
        if progress is not None:
            progress(item.bytes_done)
    problems.extend(RecordProblem(p.line or 0, p.reason) for p in read_problems)
    if rows == 0:
        raise InputError(f"{path}: no rows to link (the file is empty or has only a header)")


def read_batches(
    path: Path,
    schema: LinkSchema,
    problems: list[RecordProblem],
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[NormalizedBatch]:
    """:func:`read_raw_batches`, normalized."""
    for batch, lines in read_raw_batches(path, schema, problems, settings, progress):
        yield normalize_batch(schema, batch, lines)
