"""Reading ARX's hierarchy files: ``;``-separated, one row per value, one column per level.

ARX (and its example data, e.g. ``adult_hierarchy_age.csv``) writes a hierarchy as a
header-less CSV: the original value first, then its label at each level, the last level
usually ``*``. Blank lines are skipped; a UTF-8 byte-order mark is ignored. A file that
uses ``,`` instead of ``;`` (no ``;`` on its first row) is read with ``,``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cityprivacy._textfile import read_text_file
from cityprivacy.errors import PolicyError
from cityprivacy.protect.hierarchy.model import Hierarchy

__all__ = ["parse_arx_csv", "read_arx_csv"]


def read_arx_csv(path: Path, column: str) -> Hierarchy:
    """The hierarchy of ``column`` in the ARX CSV file ``path``.

    Raises :class:`~cityprivacy.errors.PolicyError` (with the line) for an invalid file.
    """
    path = Path(path)
    text = read_text_file(path, label="hierarchy", error=PolicyError)
    return parse_arx_csv(text, column, source=str(path))


def parse_arx_csv(text: str, column: str, *, source: str = "<memory>") -> Hierarchy:
    """The hierarchy of ``column`` in ARX CSV ``text`` (see :func:`read_arx_csv`)."""
    text = text.removeprefix("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "," if ";" not in first and "," in first else ";"
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if not row or all(not cell.strip() for cell in row):
                continue
            rows.append(tuple(row))
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise PolicyError(f"invalid CSV ({exc})", source=source, line=reader.line_num) from None
    if not rows:
        raise PolicyError("the hierarchy file is empty", source=source)
    return Hierarchy(column, tuple(rows), source=source, lines=tuple(lines))
