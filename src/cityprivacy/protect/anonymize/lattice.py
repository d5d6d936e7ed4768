"""The generalization lattice: every combination of one level per quasi-identifier.

A node is a tuple of levels; node ``a`` is below node ``b`` when every level of ``a`` is
at most that of ``b`` (``b`` generalizes ``a``). Nodes are numbered in mixed radix (the
last quasi-identifier fastest), so a node's number is never smaller than the number of a
node below it. Predictive tagging (a property holding for every node above or below a
checked one) is one vectorized comparison over the node table.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np
import numpy.typing as npt

from cityprivacy.errors import InputError

__all__ = ["MAX_NODES", "Lattice"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
MAX_NODES = 2_000_000


class Lattice:
    """All level combinations for hierarchies of the given ``heights`` (levels per column)."""

    def __init__(self, heights: Sequence[int]) -> None:
        self.heights = tuple(int(h) for h in heights)
        if max(self.heights, default=1) > 127:
            raise InputError("a hierarchy has more than 127 levels")
        size = int(np.prod(self.heights, dtype=np.float64))
        if size > MAX_NODES:
            raise InputError(
                f"{size:,} level combinations to search (more than {MAX_NODES:,}): use fewer "
                "quasi-identifiers or hierarchies with fewer levels"
            )
        grids = np.indices(self.heights, dtype=np.int8).reshape(len(self.heights), -1)
        self.nodes: npt.NDArray[np.int8] = np.ascontiguousarray(grids.T)
        self.level: IntArray = self.nodes.sum(axis=1, dtype=np.int64)
        strides = np.ones(len(self.heights), dtype=np.int64)
        for i in range(len(self.heights) - 2, -1, -1):
            strides[i] = strides[i + 1] * self.heights[i + 1]
        self.strides = strides

    @property
    def size(self) -> int:
        return int(self.nodes.shape[0])

    @property
    def top(self) -> int:
        return self.size - 1

    @cached_property
    def max_level(self) -> int:
        return sum(self.heights) - len(self.heights)

    def levels(self, node: int) -> tuple[int, ...]:
        return tuple(self.nodes[node].tolist())

    def index(self, levels: Sequence[int]) -> int:
        return int(np.dot(np.asarray(levels, dtype=np.int64), self.strides))

    def successors(self, node: int) -> list[int]:
        """Nodes one level above ``node`` (one column generalized one step more)."""
        levels = self.nodes[node]
        return [
            node + int(self.strides[d])
            for d in range(len(self.heights))
            if levels[d] + 1 < self.heights[d]
        ]

    def above(self, node: int) -> BoolArray:
        """Mask of ``node`` and every node that generalizes it."""
        out: BoolArray = np.all(self.nodes >= self.nodes[node], axis=1)
        return out

    def below(self, node: int) -> BoolArray:
        """Mask of ``node`` and every node it generalizes."""
        out: BoolArray = np.all(self.nodes <= self.nodes[node], axis=1)
        return out
