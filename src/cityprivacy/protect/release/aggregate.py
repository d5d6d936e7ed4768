"""Counts and sums grouped by one or two columns, with row and column margins and a total.

Every combination of the observed labels gets a cell (a combination nobody falls in is a
true zero), so the published grid is complete and its margins add up. Labels are sorted as
text; a missing group value is the empty label.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from cityprivacy.errors import InputError
from cityprivacy.protect.release.columns import (
    decimal_places,
    label_column,
    numeric_column,
    require_columns,
)
from cityprivacy.protect.release.crosstab import COUNT, CrossTable, sum_layer, with_margins

__all__ = ["cross_tabulate"]


def cross_tabulate(
    table: pa.Table,
    by: Sequence[str],
    sums: Sequence[str] = (),
    *,
    source: str = "input",
) -> CrossTable:
    """Count the rows of ``table`` by the one or two ``by`` columns, and sum ``sums``.

    ``source`` names the input in error messages (a missing column, a summed column with
    cells that are not numbers, an empty table).
    """
    by = tuple(by)
    if len(by) not in (1, 2):
        raise InputError(f"group by one or two columns, not {len(by)}")
    if len(set(by)) != len(by):
        raise InputError("the two group columns must differ")
    sums = tuple(dict.fromkeys(sums))
    require_columns(table, (*by, *sums), source=source)
    if table.num_rows == 0:
        raise InputError(f"{source}: the table has no rows")

    row_labels, row_index = np.unique(label_column(table, by[0]), return_inverse=True)
    if len(by) == 2:
        column_labels, column_index = np.unique(label_column(table, by[1]), return_inverse=True)
    else:
        column_labels, column_index = np.array([], dtype=np.str_), np.zeros_like(row_index)
    shape = (len(row_labels), max(len(column_labels), 1))
    flat = row_index * shape[1] + column_index

    two_way = len(by) == 2
    counts = np.bincount(flat, minlength=shape[0] * shape[1]).astype(np.float64)
    layers = {COUNT: with_margins(counts.reshape(shape), two_way=two_way)}
    nonnegative = {COUNT}
    for column in sums:
        values = numeric_column(table, column, source=source)
        sums_grid = _exact_sums(values, row_index, column_index, shape, two_way)
        layers[sum_layer(column)] = _rounded(sums_grid, decimal_places(table, column))
        if values.size == 0 or float(values.min()) >= 0.0:
            nonnegative.add(sum_layer(column))
    return CrossTable(
        by=by,
        row_labels=tuple(str(v) for v in row_labels),
        column_labels=tuple(str(v) for v in column_labels),
        layers=layers,
        nonnegative=frozenset(nonnegative),
    )


def _exact_sums(
    values: npt.NDArray[np.float64],
    row_index: npt.NDArray[np.intp],
    column_index: npt.NDArray[np.intp],
    shape: tuple[int, int],
    two_way: bool,
) -> npt.NDArray[np.float64]:
    """The augmented grid of sums, each cell and margin an exactly rounded sum
    (:func:`math.fsum`) of its rows, so published sums are as exact as the inputs and do not
    depend on the order of the rows."""
    rows, columns = shape
    grid = np.zeros((rows + 1, columns + 1 if two_way else 1), dtype=np.float64)

    def fill(
        keys: npt.NDArray[np.intp], size: int, place: Callable[[int], tuple[int, int]]
    ) -> None:
        order = np.argsort(keys, kind="stable")
        bounds = np.searchsorted(keys[order], np.arange(size + 1))
        for k in range(size):
            grid[place(k)] = math.fsum(values[order[bounds[k] : bounds[k + 1]]].tolist())

    fill(row_index * columns + column_index, rows * columns, lambda k: divmod(k, columns))
    grid[rows, -1] = math.fsum(values.tolist())
    if two_way:
        fill(row_index, rows, lambda k: (k, columns))
        fill(column_index, columns, lambda k: (rows, k))
    return grid


def _rounded(grid: npt.NDArray[np.float64], places: int | None) -> npt.NDArray[np.float64]:
    """Sums rounded to the decimals of their inputs, undoing binary drift (23 x 10.1 is
    232.3, not 232.29999999999998); unchanged when an input used an exponent."""
    if places is None:
        return grid
    return np.array([[round(float(v), places) for v in row] for row in grid], dtype=np.float64)
