"""JSON lines read as a table: one object per line, its top-level keys are the columns.

Read line by line. A line that is not valid JSON, or not an object, is reported with its
line number and skipped; blank lines are ignored. Nested values become their JSON text so
that a nested free-text field is still analyzed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from cityprivacy.detect.files.base import FileFormat, ProblemSink, TableBatch
from cityprivacy.errors import UnreadableFileError

__all__ = ["JsonLinesReader", "cell_text"]


def cell_text(value: object) -> str | None:
    """A JSON value as the string the scanner analyzes (``None`` stays missing)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class JsonLinesReader:
    """Yields :class:`TableBatch` of at most ``batch_rows`` objects."""

    format = FileFormat.JSONL

    def __init__(self, path: Path, sink: ProblemSink, *, batch_rows: int) -> None:
        self.path = path
        self.sink = sink
        self.batch_rows = batch_rows

    def read(self) -> Iterator[TableBatch]:
        rows: list[dict[str, object]] = []
        lines: list[int] = []
        next_row = 1
        with self.path.open("rb") as raw:
            for number, line in enumerate(raw, start=1):
                record = self._parse(line, number)
                if record is None:
                    continue
                rows.append(record)
                lines.append(number)
                if len(rows) >= self.batch_rows:
                    yield self._batch(rows, lines, next_row, raw.tell())
                    next_row += len(rows)
                    rows, lines = [], []
            if rows:
                yield self._batch(rows, lines, next_row, raw.tell())

    def _parse(self, line: bytes, number: int) -> dict[str, object] | None:
        if not line.strip():
            return None
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.sink(
                UnreadableFileError(
                    self.path,
                    f"invalid UTF-8 at byte {exc.start} of the line; line skipped",
                    line=number,
                )
            )
            return None
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            self.sink(
                UnreadableFileError(
                    self.path,
                    f"invalid JSON ({exc.msg}, column {exc.colno}); line skipped",
                    line=number,
                )
            )
            return None
        if not isinstance(value, dict):
            self.sink(
                UnreadableFileError(
                    self.path,
                    f"a JSON {type(value).__name__}, not an object; line skipped",
                    line=number,
                )
            )
            return None
        return value

    def _batch(
        self, rows: list[dict[str, object]], lines: list[int], first_row: int, done: int
    ) -> TableBatch:
        names: dict[str, None] = {}
        for record in rows:
            names.update(dict.fromkeys(str(k) for k in record))
        arrays = [pa.array([cell_text(r.get(name)) for r in rows], pa.string()) for name in names]
        batch = pa.RecordBatch.from_arrays(arrays, names=list(names))
        return TableBatch(None, batch, first_row, lines[0], done, tuple(lines))
