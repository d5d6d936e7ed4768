"""A one- or two-way table of counts (and sums) with its margins, as one augmented grid.

A two-way table with ``R`` row labels and ``C`` column labels is held as an
``(R + 1) × (C + 1)`` array: the last column holds the row totals, the last row the column
totals, and the bottom-right cell the grand total. A one-way table with ``R`` labels is an
``(R + 1) × 1`` array whose last row is the total. Margins live in the same grid as the
cells because they are published like cells, can be small like cells, and take part in the
same equations (``row cells = row total``), which is what suppression has to reason about.

Cells are addressed by their position in the augmented grid, :class:`Cell` ``(row, column)``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = ["COUNT", "TOTAL_LABEL", "Cell", "CrossTable", "Level", "sum_layer", "with_margins"]

COUNT = "count"
"""Name of the count layer; sum layers are named ``sum_<column>`` (:func:`sum_layer`)."""

TOTAL_LABEL = "Total"
"""Label of the margins in rendered and written tables (the ``level`` column disambiguates
it from a real category that happens to be called "Total")."""


def sum_layer(column: str) -> str:
    """The name of the layer holding the sums of ``column``."""
    return f"sum_{column}"


class Cell(NamedTuple):
    """A position in the augmented grid: ``row == R`` is the total row, ``column == C``
    the row-total column of a two-way table."""

    row: int
    column: int


class Level(StrEnum):
    """What a cell of the augmented grid is."""

    CELL = "cell"
    ROW_TOTAL = "row_total"
    COLUMN_TOTAL = "column_total"
    TOTAL = "total"


@dataclass(frozen=True)
class CrossTable:
    """Counts (layer ``count``) and sums (layers ``sum_<column>``) by one or two columns.

    ``layers`` maps a layer name to its augmented grid; every grid has the same shape.
    ``nonnegative`` names the layers an observer may assume are never negative (counts
    always; sums when every value summed was at least 0): the audit uses it.
    """

    by: tuple[str, ...]
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    layers: Mapping[str, npt.NDArray[np.float64]]
    nonnegative: frozenset[str] = field(default_factory=lambda: frozenset({COUNT}))

    def __post_init__(self) -> None:
        if len(self.by) not in (1, 2):
            raise ValueError("a table is grouped by one or two columns")
        if COUNT not in self.layers:
            raise ValueError("a table always has a count layer")
        for name, grid in self.layers.items():
            if grid.shape != self.shape:
                raise ValueError(f"layer {name!r} has shape {grid.shape}, expected {self.shape}")

    @classmethod
    def from_counts(
        cls,
        counts: npt.ArrayLike,
        *,
        by: Sequence[str] | None = None,
        row_labels: Sequence[str] | None = None,
        column_labels: Sequence[str] | None = None,
    ) -> CrossTable:
        """A table from counts already aggregated: a list (one-way) or a list of rows
        (two-way), margins added. Labels default to ``r0, r1...`` and ``c0, c1...``."""
        inner = np.asarray(counts, dtype=np.float64)
        if inner.ndim not in (1, 2) or inner.size == 0 or np.any(inner < 0):
            raise ValueError("counts are a non-empty list or list of rows of numbers >= 0")
        two_way = inner.ndim == 2
        grid = with_margins(inner if two_way else inner[:, None], two_way=two_way)
        rows = row_labels or [f"r{i}" for i in range(inner.shape[0])]
        columns = (column_labels or [f"c{j}" for j in range(inner.shape[1])]) if two_way else []
        return cls(
            by=tuple(by or (("row", "column") if two_way else ("row",))),
            row_labels=tuple(rows),
            column_labels=tuple(columns),
            layers={COUNT: grid},
        )

    @property
    def two_way(self) -> bool:
        return len(self.by) == 2

    @property
    def shape(self) -> tuple[int, int]:
        """The shape of the augmented grid (margins included)."""
        columns = len(self.column_labels) + 1 if self.two_way else 1
        return (len(self.row_labels) + 1, columns)

    @property
    def counts(self) -> npt.NDArray[np.float64]:
        return self.layers[COUNT]

    def level(self, cell: Cell) -> Level:
        last_row, last_column = self.shape[0] - 1, self.shape[1] - 1
        at_total_row = cell.row == last_row
        if not self.two_way:
            return Level.TOTAL if at_total_row else Level.CELL
        at_total_column = cell.column == last_column
        if at_total_row and at_total_column:
            return Level.TOTAL
        if at_total_row:
            return Level.COLUMN_TOTAL
        if at_total_column:
            return Level.ROW_TOTAL
        return Level.CELL

    def labels(self, cell: Cell) -> tuple[str, ...]:
        """The group labels of a cell, ``Total`` for margins (one per ``by`` column)."""
        row = self.row_labels[cell.row] if cell.row < len(self.row_labels) else TOTAL_LABEL
        if not self.two_way:
            return (row,)
        column = (
            self.column_labels[cell.column]
            if cell.column < len(self.column_labels)
            else TOTAL_LABEL
        )
        return (row, column)

    def cells(self) -> Iterator[Cell]:
        """Every cell of the augmented grid, row by row, margins last in each row."""
        rows, columns = self.shape
        for i in range(rows):
            for j in range(columns):
                yield Cell(i, j)

    def lines(self) -> list[list[Cell]]:
        """The published equations, one list of cells each: a line's cells other than its
        margin add up to its margin. Two-way: every row and every column of the augmented
        grid (the margins' own row and column included). One-way: the single column."""
        rows, columns = self.shape
        by_column = [[Cell(i, j) for i in range(rows)] for j in range(columns)]
        if not self.two_way:
            return by_column
        by_row = [[Cell(i, j) for j in range(columns)] for i in range(rows)]
        return by_row + by_column


def with_margins(inner: npt.NDArray[np.float64], *, two_way: bool) -> npt.NDArray[np.float64]:
    """The augmented grid: ``inner`` plus a total row (and a row-total column if two-way)."""
    if not two_way:
        return np.vstack([inner, inner.sum(axis=0, keepdims=True)])
    with_row_totals = np.hstack([inner, inner.sum(axis=1, keepdims=True)])
    return np.vstack([with_row_totals, with_row_totals.sum(axis=0, keepdims=True)])
