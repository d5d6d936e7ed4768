"""Can anyone work a suppressed cell back out of what is published? An exact audit.

What an observer knows: every published cell, that each line's cells add up to its
margin (:meth:`CrossTable.lines`), and that counts (and sums of values that are never
negative) cannot be negative. The suppressed cells are then the unknowns of a linear
system with bounds, and a cell is *recoverable* when that system pins it to one value.

The system has the structure of a network, which makes the audit exact without a linear
programming solver. Give every line a node (a two-way table: one per row and one per
column of the augmented grid; a one-way table: its column, plus one "ground" node for the
rows, which carry no equation). Each suppressed cell is an edge between its row node and
its column node, carrying ``y = ±x``: ``-x`` for a row or column total, ``+x`` otherwise,
so that every node's edges add up to a known constant. Changing the suppressed cells while
keeping every published figure true is then exactly a *circulation* on these edges, and:

* a cell can move at all, ignoring bounds, iff its edge lies on a cycle (a bridge is
  determined: this is the "alone in an equation" case, generalised);
* with the bounds, a cell can increase (decrease) iff a cycle through it can push flow
  without driving a cell below zero, and by exactly the maximum flow around that cycle.

:func:`feasible_intervals` computes that maximum flow (Dinic's algorithm), so the interval of
each suppressed cell is the same one a linear program would find (the tests check it
against ``scipy.optimize.linprog``); :func:`recoverable_cells` only needs reachability.

Limits: the observer is assumed not to know the suppression rule itself (that primary
cells are below the threshold and above zero), nor anything from outside the table (other
tables from the same data, earlier releases); intervals are over real values, and a
count's interval of width ``w > 0`` always holds at least two whole numbers.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cityprivacy.protect.release.crosstab import Cell, CrossTable
from cityprivacy.protect.release.suppressed import SuppressedTable

__all__ = ["Interval", "feasible_intervals", "is_recoverable", "recoverable_cells"]

_INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a suppressed cell could take given everything published."""

    lower: float
    upper: float

    @property
    def width(self) -> float:
        return self.upper - self.lower


@dataclass(frozen=True, slots=True)
class _Edge:
    cell: Cell
    up_from: int  # moving along up_from -> up_to increases the cell's value
    up_to: int
    value: float
    bounded: bool  # the value may not go below zero


def _edges(table: CrossTable, suppressed: npt.NDArray[np.bool_], layer: str) -> list[_Edge]:
    rows, columns = table.shape
    grid = table.layers[layer]
    bounded = layer in table.nonnegative
    edges = []
    for i, j in np.argwhere(suppressed):
        cell = Cell(int(i), int(j))
        if table.two_way:
            row_node, column_node = cell.row, rows + cell.column
            negated = (cell.row == rows - 1) != (cell.column == columns - 1)
        else:  # the rows carry no equation: they all share the ground node 0
            row_node, column_node = 0, 1
            negated = cell.row == rows - 1
        source, target = (column_node, row_node) if negated else (row_node, column_node)
        edges.append(_Edge(cell, source, target, float(grid[cell]), bounded))
    return edges


def _arcs(edges: list[_Edge], skip: Cell) -> list[tuple[int, int, float]]:
    """Directed arcs ``(tail, head, capacity)`` along which the cells may change."""
    arcs = []
    for edge in edges:
        if edge.cell == skip:
            continue
        arcs.append((edge.up_from, edge.up_to, _INF))
        down = edge.value if edge.bounded else _INF
        if down > 0:
            arcs.append((edge.up_to, edge.up_from, down))
    return arcs


def _reaches(arcs: list[tuple[int, int, float]], source: int, target: int) -> bool:
    adjacency: dict[int, list[int]] = {}
    for tail, head, _ in arcs:
        adjacency.setdefault(tail, []).append(head)
    seen, queue = {source}, deque([source])
    while queue:
        node = queue.popleft()
        if node == target:
            return True
        for nxt in adjacency.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def _max_flow(
    arcs: list[tuple[int, int, float]], source: int, target: int, limit: float = _INF
) -> float:
    """Dinic's maximum flow, stopped at ``limit`` (and ``limit``, possibly infinite, when a
    path of unbounded arcs joins source to target)."""
    if _reaches([a for a in arcs if a[2] == _INF], source, target):
        return limit
    heads: list[int] = []
    capacity: list[float] = []
    out: dict[int, list[int]] = {}
    for tail, head, cap in arcs:  # arc 2k and its residual twin 2k + 1
        for a, b, c in ((tail, head, cap), (head, tail, 0.0)):
            out.setdefault(a, []).append(len(heads))
            heads.append(b)
            capacity.append(c)
    total = 0.0
    while total < limit:
        level = {source: 0}
        queue = deque([source])
        while queue:
            node = queue.popleft()
            for arc in out.get(node, ()):
                if capacity[arc] > 0 and heads[arc] not in level:
                    level[heads[arc]] = level[node] + 1
                    queue.append(heads[arc])
        if target not in level:
            break
        pointer = dict.fromkeys(level, 0)
        while total < limit:
            path = _blocking_path(out, heads, capacity, level, pointer, source, target)
            if not path:
                break
            push = min(limit - total, *(capacity[arc] for arc in path))
            for arc in path:
                capacity[arc] -= push
                capacity[arc ^ 1] += push
            total += push
    return min(total, limit)


def _blocking_path(
    out: dict[int, list[int]],
    heads: list[int],
    capacity: list[float],
    level: dict[int, int],
    pointer: dict[int, int],
    source: int,
    target: int,
) -> list[int]:
    """One source-to-target path in the level graph (iterative depth-first search with
    Dinic's current-arc pointers, so dead ends are not explored twice); [] when none."""
    path: list[int] = []
    node = source
    while node != target:
        arcs = out.get(node, [])
        while pointer[node] < len(arcs):
            arc = arcs[pointer[node]]
            head = heads[arc]
            if capacity[arc] > 0 and level.get(head, -1) == level[node] + 1:
                break
            pointer[node] += 1
        else:
            if node == source:
                return []
            level[node] = -1  # dead end: never enter it again in this phase
            arc = path.pop()
            node = heads[arc ^ 1]
            pointer[node] += 1
            continue
        path.append(arc)
        node = heads[arc]
    return path


def _find(edges: list[_Edge], cell: Cell) -> _Edge:
    for edge in edges:
        if edge.cell == cell:
            return edge
    raise ValueError(f"cell {cell} is not suppressed")


def _movable(edges: list[_Edge], edge: _Edge) -> bool:
    arcs = _arcs(edges, edge.cell)
    if _reaches(arcs, edge.up_to, edge.up_from):  # can increase
        return True
    can_decrease = edge.value > 0 or not edge.bounded
    return can_decrease and _reaches(arcs, edge.up_from, edge.up_to)


def is_recoverable(table: CrossTable, suppressed: npt.NDArray[np.bool_], cell: Cell) -> bool:
    """Whether suppressed ``cell`` has a single possible value in any layer of ``table``."""
    for layer in table.layers:
        edges = _edges(table, suppressed, layer)
        if not _movable(edges, _find(edges, cell)):
            return True
    return False


def recoverable_cells(table: SuppressedTable) -> list[Cell]:
    """The suppressed cells whose value (in any layer) follows from the published ones.

    Empty when the release is safe in the sense of the module docstring.
    """
    found: dict[Cell, None] = {}
    for layer in table.table.layers:
        edges = _edges(table.table, table.suppressed, layer)
        for edge in edges:
            if not _movable(edges, edge):
                found[edge.cell] = None
    return sorted(found)


def feasible_intervals(table: SuppressedTable, layer: str) -> dict[Cell, Interval]:
    """For each suppressed cell of ``layer``, the range of values consistent with every
    published figure (and with non-negativity where it applies). ``upper`` may be ``inf``."""
    edges = _edges(table.table, table.suppressed, layer)
    intervals = {}
    for edge in edges:
        arcs = _arcs(edges, edge.cell)
        up = _max_flow(arcs, edge.up_to, edge.up_from)
        down = _max_flow(arcs, edge.up_from, edge.up_to, edge.value if edge.bounded else _INF)
        intervals[edge.cell] = Interval(edge.value - down, edge.value + up)
    return intervals
