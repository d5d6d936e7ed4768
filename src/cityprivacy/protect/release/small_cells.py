"""Small-cell suppression: hide the groups smaller than the threshold, then enough other
cells that the hidden ones cannot be worked out from the totals.

**Primary suppression.** Every cell of the augmented grid, margins included, whose count is
below ``threshold`` (the city publishes no group smaller than 5). A zero is not a group of
people and is published, unless ``zeros_sensitive`` (when an empty cell itself says
something, e.g. "no one of this origin in this program"). Sums are suppressed wherever the
count is: a sum over fewer than ``threshold`` people is as sensitive as their count.

**Complementary suppression**, a documented heuristic (not an optimum):

1. While some line (row or column of the augmented grid; the single column of a one-way
   table) holds exactly one suppressed cell, suppress one more cell of that line. The
   candidate is chosen by, in order: it also completes a crossing line that holds exactly
   one suppressed cell ("fixes a row and a column at once"); it does not start a new line
   with a single suppression; it is not zero (a zero beside a small cell protects little);
   the smallest count; its position.
2. Lines holding 0 or at least 2 suppressed cells are necessary but not sufficient: a
   suppressed cell may still be pinned by a chain of equations, or by non-negativity. The
   exact audit (:mod:`.audit`) finds such cells; for each, the smallest unsuppressed cell
   (same preferences) whose suppression frees it is added, and step 1 runs again.

Every step adds a suppression, and a fully suppressed table reveals nothing, so the loop
ends; at the end :func:`~cityprivacy.protect.release.audit.recoverable_cells` is empty.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from cityprivacy.protect.release.audit import is_recoverable, recoverable_cells
from cityprivacy.protect.release.crosstab import Cell, CrossTable
from cityprivacy.protect.release.suppressed import Status, SuppressedTable

__all__ = ["primary_suppression", "suppress_small_cells"]


def primary_suppression(
    table: CrossTable, threshold: int, *, zeros_sensitive: bool = False
) -> npt.NDArray[np.bool_]:
    """The cells whose count is below ``threshold`` (zeros only if ``zeros_sensitive``)."""
    if threshold < 1:
        raise ValueError("the small-cell threshold must be at least 1")
    counts = table.counts
    small: npt.NDArray[np.bool_] = counts < threshold
    if not zeros_sensitive:
        small &= counts > 0
    return small


def suppress_small_cells(
    table: CrossTable, threshold: int, *, zeros_sensitive: bool = False
) -> SuppressedTable:
    """Primary and complementary suppression of ``table`` (see the module docstring)."""
    primary = primary_suppression(table, threshold, zeros_sensitive=zeros_sensitive)
    status = np.where(primary, Status.PRIMARY, Status.PUBLISHED).astype(np.int8)
    _Complementer(table, status).run()
    return SuppressedTable(table, status, threshold, zeros_sensitive)


class _Complementer:
    """Adds complementary suppressions to ``status`` in place."""

    def __init__(self, table: CrossTable, status: npt.NDArray[np.int8]) -> None:
        self.table = table
        self.status = status
        self.lines = table.lines()
        self.lines_of: dict[Cell, list[int]] = {}
        for index, line in enumerate(self.lines):
            for cell in line:
                self.lines_of.setdefault(cell, []).append(index)

    @property
    def suppressed(self) -> npt.NDArray[np.bool_]:
        mask: npt.NDArray[np.bool_] = self.status != Status.PUBLISHED
        return mask

    def run(self) -> None:
        while True:
            self._complete_lines()
            snapshot = SuppressedTable(self.table, self.status, threshold=1)
            pinned = recoverable_cells(snapshot)
            if not pinned:
                return
            self._free(pinned[0])

    def _hidden_in(self, line: int) -> int:
        return sum(1 for c in self.lines[line] if self.status[c] != Status.PUBLISHED)

    def _add(self, cell: Cell) -> None:
        self.status[cell] = Status.COMPLEMENTARY

    def _preference(self, cell: Cell, line: int | None) -> tuple[int, int, float, Cell]:
        crossing = [self._hidden_in(other) for other in self.lines_of[cell] if other != line]
        if any(n == 1 for n in crossing):
            structure = 0  # completes another line too
        elif all(n >= 1 for n in crossing):
            structure = 1  # neutral
        else:
            structure = 2  # starts a line with a single suppression
        value = float(self.table.counts[cell])
        return (structure, int(value == 0), value, cell)

    def _candidates(self, cells: Iterable[Cell], line: int | None) -> list[Cell]:
        open_cells = [c for c in cells if self.status[c] == Status.PUBLISHED]
        return sorted(open_cells, key=lambda c: self._preference(c, line))

    def _complete_lines(self) -> None:
        while True:
            single = [i for i in range(len(self.lines)) if self._hidden_in(i) == 1]
            if not single:
                return
            line = single[0]
            candidates = self._candidates(self.lines[line], line)
            if not candidates:  # cannot happen: a line has at least two cells
                raise AssertionError("a line with one suppressed cell and no other cell")
            self._add(candidates[0])

    def _free(self, pinned: Cell) -> None:
        everything = self._candidates(self.table.cells(), None)
        for candidate in everything:
            trial = self.suppressed.copy()
            trial[candidate] = True
            if not is_recoverable(self.table, trial, pinned):
                self._add(candidate)
                return
        # No single cell frees it: suppress one more in its own lines (or anywhere) and
        # try again. A fully suppressed table pins nothing, so this cannot run out.
        nearby = [c for line in self.lines_of[pinned] for c in self.lines[line]]
        fallback = self._candidates(nearby, None) or everything
        if not fallback:
            raise AssertionError("a pinned cell in a fully suppressed table")
        self._add(fallback[0])
