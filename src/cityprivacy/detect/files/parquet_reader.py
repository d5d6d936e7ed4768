"""Parquet, streamed with ``pyarrow.parquet.ParquetFile.iter_batches``.

Columns of any type become strings (numbers, dates, booleans through Arrow casts; nested
values through their Python form) so that the table scanner sees one kind of value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cityprivacy.detect.files.base import FileFormat, ProblemSink, TableBatch
from cityprivacy.errors import UnreadableFileError

__all__ = ["ParquetReader", "as_strings"]


def as_strings(column: pa.Array) -> pa.Array:
    """An Arrow array of any type as a string array (nulls stay null)."""
    if pa.types.is_string(column.type):
        return column
    if pa.types.is_large_string(column.type) or pa.types.is_dictionary(column.type):
        return pc.cast(column, pa.string())
    try:
        return pc.cast(column, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pa.array(
            [None if v is None else _to_text(v) for v in column.to_pylist()], pa.string()
        )


def _to_text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str, ensure_ascii=False)


class ParquetReader:
    """Yields :class:`TableBatch` of at most ``batch_rows`` rows of string columns."""

    format = FileFormat.PARQUET

    def __init__(self, path: Path, sink: ProblemSink, *, batch_rows: int) -> None:
        self.path = path
        self.sink = sink
        self.batch_rows = batch_rows

    def read(self) -> Iterator[TableBatch]:
        try:
            file = pq.ParquetFile(self.path)
        except (pa.ArrowException, OSError) as exc:
            raise UnreadableFileError(
                self.path, f"not a readable Parquet file ({type(exc).__name__}), skipped"
            ) from None
        total_rows = max(1, file.metadata.num_rows)
        size = self.path.stat().st_size
        row = 1
        try:
            for batch in file.iter_batches(batch_size=self.batch_rows):
                strings = pa.RecordBatch.from_arrays(
                    [as_strings(c) for c in batch.columns], names=batch.schema.names
                )
                done = min(size, size * (row - 1 + batch.num_rows) // total_rows)
                yield TableBatch(None, strings, row, row, done)
                row += batch.num_rows
        except (pa.ArrowException, OSError) as exc:
            raise UnreadableFileError(
                self.path,
                f"Parquet read failed after {row - 1} rows ({type(exc).__name__}), rest skipped",
            ) from None
