"""Finding the optimal node: Flash's binary search with predictive tagging, then utility.

Following ARX's FLASH (Kohlmayer et al., 2012, and ``FLASHAlgorithmImpl``):

1. **Binary phase.** Level by level from the bottom, for every node whose property is
   still unknown (in FLASH's order: lower, less generalized, more distinct values first),
   walk a greedy path up to the top through unknown nodes and binary-search it. A node
   with the property tags every node above it; a node without tags every node below it
   (*predictive tagging*), so most of the lattice is classified without a check. The
   property is "satisfies the privacy model within the suppression limit" when that is
   monotone, else its monotone part (k-anonymity and l-diversity), which every solution
   satisfies too: ARX's *partial* monotonicity.
2. **Utility phase.** The metric is not monotone once records are suppressed, so the
   optimum need not be a minimal node: the candidates (nodes with the property) are
   checked in order of a lower bound of their utility, and the search stops when the
   bound cannot beat the best node found. A checked node whose own bound (one that only
   grows up the lattice) already loses prunes every node above it: ARX's "insufficient
   utility" tagging.

The result is the exact optimum over the whole lattice: ties go to the lower node (fewer
generalization steps, as ARX prefers), then to the lower node number.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cityprivacy.protect.anonymize.lattice import Lattice

__all__ = ["NodeCheck", "SearchOutcome", "flash_search"]

FloatArray = npt.NDArray[np.float64]
UNKNOWN, NO, YES = -1, 0, 1


@dataclass(frozen=True, slots=True)
class NodeCheck:
    """What checking one node found.

    ``property`` is the monotone property the binary phase tags with; ``anonymous``
    whether the node satisfies the whole model; ``value`` and ``bound`` the metric and a
    lower bound for this node and all nodes above (None when not anonymous).
    """

    property: bool
    anonymous: bool
    value: float | None = None
    bound: float | None = None


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """The optimal node (None when no node satisfies the model) and how much was checked."""

    node: int | None
    value: float | None
    checks: int
    nodes: int


def flash_search(
    lattice: Lattice,
    check: Callable[[int], NodeCheck],
    prior: FloatArray,
    order: npt.NDArray[np.int64],
) -> SearchOutcome:
    """Search ``lattice`` (``prior``: lower bounds per node, ``order``: FLASH's node order)."""
    return _Flash(lattice, check, prior, order).run()


class _Flash:
    def __init__(
        self,
        lattice: Lattice,
        check: Callable[[int], NodeCheck],
        prior: FloatArray,
        order: npt.NDArray[np.int64],
    ) -> None:
        self.lattice = lattice
        self._check = check
        self.prior = prior
        self.rank = np.empty(lattice.size, dtype=np.int64)
        self.rank[order] = np.arange(lattice.size, dtype=np.int64)
        self.property = np.full(lattice.size, UNKNOWN, dtype=np.int8)
        self.pruned = np.zeros(lattice.size, dtype=np.bool_)
        self.results: dict[int, NodeCheck] = {}
        self.best: tuple[float, int, int] | None = None  # (value, level, node)

    def run(self) -> SearchOutcome:
        lattice = self.lattice
        for level in range(lattice.max_level + 1):
            on_level = np.flatnonzero(lattice.level == level)
            for node in on_level[np.argsort(self.rank[on_level], kind="stable")]:
                if not self._known(int(node)):
                    self._binary(int(node))
        self._utility_phase()
        best = self.best
        return SearchOutcome(
            node=None if best is None else best[2],
            value=None if best is None else best[0],
            checks=len(self.results),
            nodes=lattice.size,
        )

    # -- phase 1 ---------------------------------------------------------------------------

    def _binary(self, start: int) -> None:
        queue: list[tuple[int, int]] = [(int(self.rank[start]), start)]
        while queue:
            _, head = heapq.heappop(queue)
            if self._known(head):
                continue
            path = self._path(head)
            low, high = 0, len(path) - 1
            while low <= high:
                mid = (low + high) // 2
                node = path[mid]
                if self._known(node):
                    high = mid - 1
                    continue
                result = self._check_and_tag(node)
                if result.property:
                    high = mid - 1
                else:
                    for up in self.lattice.successors(node):
                        if not self._known(up):
                            heapq.heappush(queue, (int(self.rank[up]), up))
                    low = mid + 1

    def _path(self, node: int) -> list[int]:
        """A greedy path from ``node`` up through unknown nodes, FLASH's order first."""
        path = [node]
        while True:
            ups = [u for u in self.lattice.successors(node) if not self._known(u)]
            if not ups:
                return path
            node = min(ups, key=lambda u: int(self.rank[u]))
            path.append(node)

    def _known(self, node: int) -> bool:
        return bool(self.property[node] != UNKNOWN or self.pruned[node] or self._hopeless(node))

    # -- phase 2 ---------------------------------------------------------------------------

    def _utility_phase(self) -> None:
        candidates = np.flatnonzero((self.property == YES) & ~self.pruned)
        keys = np.lexsort((candidates, self.lattice.level[candidates], self.prior[candidates]))
        for node in candidates[keys]:
            node = int(node)
            if self._hopeless(node):
                break
            if self.pruned[node] or node in self.results:
                continue
            self._check_and_tag(node)

    # -- checking, tagging, pruning --------------------------------------------------------

    def _check_and_tag(self, node: int) -> NodeCheck:
        result = self.results.get(node)
        if result is None:
            result = self._check(node)
            self.results[node] = result
        if result.property:
            mask = self.lattice.above(node) & (self.property == UNKNOWN)
            self.property[mask] = YES
        else:
            mask = self.lattice.below(node) & (self.property == UNKNOWN)
            self.property[mask] = NO
        if result.anonymous and result.value is not None:
            key = (result.value, int(self.lattice.level[node]), node)
            if self.best is None or key < self.best:
                self.best = key
        if result.bound is not None and self._loses(result.bound, node):
            self.pruned |= self.lattice.above(node)
        return result

    def _loses(self, bound: float, node: int) -> bool:
        """Whether a node with this lower bound, and every node above it, cannot win."""
        return self.best is not None and (bound, int(self.lattice.level[node]), node) > self.best

    def _hopeless(self, node: int) -> bool:
        return self._loses(float(self.prior[node]), node)
