"""Taking the columns a release needs out of a table of strings, with errors that say which.

Tables arrive with every column as text (:func:`cityprivacy.protect.table_io.read_table`).
Group columns become arrays of labels (a missing value is the empty label); summed columns
must hold numbers in every row. Errors name the file, the column, how many cells are wrong
and the first data rows, never a value.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.errors import InputError

__all__ = [
    "decimal_places",
    "label_column",
    "numeric_column",
    "parse_columns",
    "require_columns",
]

_NUMBER = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"
_SHOWN_ROWS = 5


def parse_columns(spec: str | Iterable[str]) -> tuple[str, ...]:
    """``"a,b"`` or ``["a", "b"]`` as a tuple of stripped, non-empty column names."""
    parts = spec.split(",") if isinstance(spec, str) else list(spec)
    names = tuple(p.strip() for p in parts if p.strip())
    if len(set(names)) != len(names):
        raise InputError(f"a column is named twice in {', '.join(names)}")
    return names


def require_columns(table: pa.Table, names: Iterable[str], *, source: str) -> None:
    """Raise :class:`InputError` naming every column of ``names`` that ``table`` lacks."""
    present = set(table.column_names)
    missing = [n for n in names if n not in present]
    if missing:
        listed = ", ".join(repr(n) for n in missing)
        known = ", ".join(repr(n) for n in table.column_names) or "none"
        plural = "s" if len(missing) > 1 else ""
        raise InputError(f"{source}: no column{plural} {listed} (columns: {known})")


def label_column(table: pa.Table, name: str) -> npt.NDArray[np.str_]:
    """The column as an array of labels; a missing value is the empty label ``""``."""
    column = pc.cast(table.column(name), pa.string()).fill_null("")
    return np.asarray(column.to_pylist(), dtype=np.str_)


def numeric_column(table: pa.Table, name: str, *, source: str) -> npt.NDArray[np.float64]:
    """The column as floats; every cell must be a decimal number (``12``, ``-3.5``, ``1e3``).

    Raises :class:`InputError` with the number of bad cells (and of empty ones among them)
    and the first data rows (1-based, header not counted) that hold them.
    """
    column = pc.cast(table.column(name), pa.string())
    valid = pc.fill_null(pc.match_substring_regex(column, _NUMBER), False)
    bad_rows = np.flatnonzero(~np.asarray(valid.to_numpy(zero_copy_only=False), dtype=bool))
    if bad_rows.size:
        empty = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(column), ""), True)
        empty_count = int(pc.sum(pc.and_(empty, pc.invert(valid))).as_py() or 0)
        rows = ", ".join(str(int(r) + 1) for r in bad_rows[:_SHOWN_ROWS])
        more = ", ..." if bad_rows.size > _SHOWN_ROWS else ""
        raise InputError(
            f"{source}: column {name!r} must hold numbers, but {bad_rows.size} cell"
            f"{'s are' if bad_rows.size > 1 else ' is'} not numeric ({empty_count} empty); "
            f"data rows {rows}{more}"
        )
    numbers = pc.cast(pc.utf8_trim_whitespace(column), pa.float64())
    values: npt.NDArray[np.float64] = np.asarray(
        numbers.to_numpy(zero_copy_only=False), dtype=np.float64
    )
    if not np.all(np.isfinite(values)):
        raise InputError(f"{source}: column {name!r} holds numbers too large to add up")
    return values


def decimal_places(table: pa.Table, name: str) -> int | None:
    """The most digits after the decimal point among the column's numbers, so that sums can
    be rounded back to the precision they were given in (``None`` if any has an exponent)."""
    column = pc.utf8_trim_whitespace(pc.cast(table.column(name), pa.string()))
    if pc.any(pc.match_substring_regex(column, "[eE]")).as_py():
        return None
    fraction = pc.replace_substring_regex(column, r"^[^.]*\.?", "")
    longest = pc.max(pc.utf8_length(fraction)).as_py()
    return int(longest or 0)
