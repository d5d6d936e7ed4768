"""A cross table with the cells that will not be published, and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from cityprivacy.protect.release.crosstab import Cell, CrossTable

__all__ = ["Status", "SuppressedTable"]


class Status(IntEnum):
    """Why a cell is, or is not, published.

    Only the release report distinguishes primary from complementary suppression; a
    published table must show both the same way, or it would say which cells are small.
    """

    PUBLISHED = 0
    PRIMARY = 1
    COMPLEMENTARY = 2


@dataclass(frozen=True)
class SuppressedTable:
    """``table`` and, for each cell of its augmented grid, a :class:`Status`."""

    table: CrossTable
    status: npt.NDArray[np.int8]
    threshold: int
    zeros_sensitive: bool = False

    def __post_init__(self) -> None:
        if self.status.shape != self.table.shape:
            raise ValueError("the status grid must have the shape of the table")

    @property
    def suppressed(self) -> npt.NDArray[np.bool_]:
        mask: npt.NDArray[np.bool_] = self.status != Status.PUBLISHED
        return mask

    def status_of(self, cell: Cell) -> Status:
        return Status(int(self.status[cell]))

    def count(self, status: Status) -> int:
        return int(np.count_nonzero(self.status == status))

    def suppressed_cells(self) -> list[Cell]:
        return [Cell(int(i), int(j)) for i, j in np.argwhere(self.suppressed)]
