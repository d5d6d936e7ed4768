"""Excel workbooks (.xlsx, .xlsm): every sheet, streamed with openpyxl's read-only mode.

The first non-empty row of a sheet is its header. Short rows are padded with empty cells
(Excel does not store trailing empty cells, so a short row is normal there, unlike CSV).
An encrypted workbook is an OLE2 compound file (it starts with ``D0 CF 11 E0``), not a
zip: it is recognized and reported as such instead of as a corrupt file.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa

from cityprivacy.detect.files.base import FileFormat, ProblemSink, TableBatch
from cityprivacy.errors import UnreadableFileError

__all__ = ["OLE2_MAGIC", "ExcelReader"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _cell(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ExcelReader:
    """Yields :class:`TableBatch` per sheet (``table`` is the sheet name)."""

    format = FileFormat.EXCEL

    def __init__(self, path: Path, sink: ProblemSink, *, batch_rows: int) -> None:
        self.path = path
        self.sink = sink
        self.batch_rows = batch_rows

    def read(self) -> Iterator[TableBatch]:
        import openpyxl  # imported here: only Excel scans pay for it

        with self.path.open("rb") as raw:
            magic = raw.read(len(OLE2_MAGIC))
        if magic == OLE2_MAGIC:
            reason = (
                "legacy .xls workbooks are not supported; save as .xlsx"
                if self.path.suffix.lower() == ".xls"
                else "encrypted or password-protected workbook, skipped"
            )
            raise UnreadableFileError(self.path, reason)
        try:
            workbook = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise UnreadableFileError(
                self.path, f"corrupt or unreadable workbook ({type(exc).__name__}), skipped"
            ) from None
        try:
            for sheet in workbook.worksheets:
                yield from self._sheet(sheet.title, sheet.iter_rows(values_only=True))
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise UnreadableFileError(
                self.path, f"corrupt workbook part ({type(exc).__name__}), rest skipped"
            ) from None
        finally:
            workbook.close()

    def _sheet(self, title: str, rows: Iterator[Sequence[object]]) -> Iterator[TableBatch]:
        names: list[str] = []
        header_line = 0
        buffer: list[list[str | None]] = []
        lines: list[int] = []
        next_row = 1
        for line, values in enumerate(rows, start=1):
            cells = [_cell(v) for v in values]
            if not names:
                if any(c is not None for c in cells):
                    names = _unique(cells)
                    header_line = line
                continue
            if all(c is None for c in cells):
                continue
            if len(cells) > len(names):
                names.extend(_unique([None] * (len(cells) - len(names)), start=len(names)))
            buffer.append(cells)
            lines.append(line)
            if len(buffer) >= self.batch_rows:
                yield self._batch(title, names, buffer, lines, next_row)
                next_row += len(buffer)
                buffer, lines = [], []
        if buffer:
            yield self._batch(title, names, buffer, lines, next_row)
        elif names and header_line:
            empty = pa.RecordBatch.from_arrays(
                [pa.array([], pa.string()) for _ in names], names=names
            )
            yield TableBatch(title, empty, 1, header_line + 1)

    def _batch(
        self,
        title: str,
        names: list[str],
        rows: list[list[str | None]],
        lines: list[int],
        first: int,
    ) -> TableBatch:
        width = len(names)
        arrays = [
            pa.array([r[i] if i < len(r) else None for r in rows], pa.string())
            for i in range(width)
        ]
        batch = pa.RecordBatch.from_arrays(arrays, names=names)
        return TableBatch(title, batch, first, lines[0], 0, tuple(lines))


def _unique(cells: Sequence[str | None], start: int = 0) -> list[str]:
    names: list[str] = []
    for i, cell in enumerate(cells, start=start + 1):
        name = (cell or "").strip() or f"column_{i}"
        base, n = name, 2
        while name in names:
            name, n = f"{base}_{n}", n + 1
        names.append(name)
    return names
