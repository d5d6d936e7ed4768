"""The audit: which suppressed cells can be worked out from the published ones, and the
range each could take. Checked by hand on small patterns and against a linear program
(scipy, a test-only dependency) on random ones."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from cityprivacy.protect.release import (
    Cell,
    CrossTable,
    Interval,
    Status,
    SuppressedTable,
    feasible_intervals,
    is_recoverable,
    recoverable_cells,
)
from cityprivacy.protect.release.crosstab import COUNT


def pattern(counts: object, hidden: set[tuple[int, int]]) -> SuppressedTable:
    """``counts`` with the augmented-grid cells in ``hidden`` suppressed."""
    table = CrossTable.from_counts(counts)  # type: ignore[arg-type]
    status = np.zeros(table.shape, dtype=np.int8)
    for cell in hidden:
        status[cell] = Status.PRIMARY
    return SuppressedTable(table, status, threshold=5)


@pytest.mark.parametrize(
    ("counts", "hidden", "recoverable"),
    [
        pytest.param([3, 10, 20], {(0, 0)}, [(0, 0)], id="one-way-alone-in-its-line"),
        pytest.param([3, 10, 20], {(0, 0), (1, 0)}, [], id="one-way-two-cells"),
        pytest.param([3, 10, 20], {(0, 0), (3, 0)}, [], id="one-way-cell-and-total"),
        pytest.param(
            [[3, 10], [12, 2]], {(0, 0), (0, 1)}, [(0, 0), (0, 1)], id="two-way-alone-in-columns"
        ),
        pytest.param(
            [[3, 10], [12, 2]], {(0, 0), (0, 1), (1, 0), (1, 1)}, [], id="two-way-rectangle"
        ),
        pytest.param(
            [[0, 0], [5, 3]],
            {(0, 0), (0, 1), (1, 0), (1, 1)},
            [(0, 0), (0, 1), (1, 0), (1, 1)],
            id="rectangle-pinned-by-zeros",
        ),
        pytest.param(
            [[2, 2, 30, 30], [2, 2, 3, 30], [30, 30, 2, 2], [30, 30, 2, 2]],
            {(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2), (2, 3), (3, 2), (3, 3)},
            [(1, 2)],
            id="bridge-between-two-rectangles",
        ),
    ],
)
def test_recoverable_cells(
    counts: object, hidden: set[tuple[int, int]], recoverable: list[tuple[int, int]]
) -> None:
    release = pattern(counts, hidden)
    assert recoverable_cells(release) == [Cell(*c) for c in recoverable]
    for cell in hidden:
        assert is_recoverable(release.table, release.suppressed, Cell(*cell)) == (
            cell in recoverable
        )


def test_intervals_of_a_rectangle() -> None:
    # x00 = t, x01 = 13 - t, x10 = 15 - t, x11 = t - 1, all >= 0: t in [1, 13].
    release = pattern([[3, 10, 20], [12, 2, 30], [8, 9, 7]], {(0, 0), (0, 1), (1, 0), (1, 1)})
    intervals = feasible_intervals(release, COUNT)
    assert intervals[Cell(0, 0)] == Interval(1, 13)
    assert intervals[Cell(0, 1)] == Interval(0, 12)
    assert intervals[Cell(1, 0)] == Interval(2, 14)
    assert intervals[Cell(1, 1)] == Interval(0, 12)


def test_everything_suppressed_is_unbounded() -> None:
    release = pattern([[3, 4], [1, 2]], {(i, j) for i in range(3) for j in range(3)})
    assert recoverable_cells(release) == []
    assert all(math.isinf(i.upper) for i in feasible_intervals(release, COUNT).values())


def test_is_recoverable_needs_a_suppressed_cell() -> None:
    release = pattern([3, 10, 20], {(0, 0), (1, 0)})
    with pytest.raises(ValueError, match="not suppressed"):
        is_recoverable(release.table, release.suppressed, Cell(2, 0))


# --- against a linear program ------------------------------------------------------------


def lp_interval(release: SuppressedTable, cell: Cell) -> tuple[float, float]:
    """min and max of ``cell`` over non-negative suppressed values meeting every line."""
    table = release.table
    unknowns = release.suppressed_cells()
    position = {c: k for k, c in enumerate(unknowns)}
    grid = table.counts
    a_eq, b_eq = [], []
    for line in table.lines():
        # The margin is the last cell of a line; the others add up to it.
        *parts, margin = line
        coefficients = np.zeros(len(unknowns))
        constant = 0.0
        for c, sign in [(p, 1.0) for p in parts] + [(margin, -1.0)]:
            if c in position:
                coefficients[position[c]] += sign
            else:
                constant -= sign * grid[c]
        a_eq.append(coefficients)
        b_eq.append(constant)
    objective = np.zeros(len(unknowns))
    objective[position[cell]] = 1.0
    bounds = [(0, None)] * len(unknowns)
    low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    assert low.status == 0
    upper = math.inf if high.status == 3 else -high.fun
    return low.fun, upper


@st.composite
def random_patterns(draw: st.DrawFn) -> SuppressedTable:
    rows = draw(st.integers(1, 4))
    columns = draw(st.integers(1, 4))
    one_way = draw(st.booleans())
    counts: object
    if one_way:
        counts = draw(st.lists(st.integers(0, 9), min_size=rows, max_size=rows))
        shape = (rows + 1, 1)
    else:
        counts = draw(
            st.lists(
                st.lists(st.integers(0, 9), min_size=columns, max_size=columns),
                min_size=rows,
                max_size=rows,
            )
        )
        shape = (rows + 1, columns + 1)
    cells = [(i, j) for i in range(shape[0]) for j in range(shape[1])]
    hidden = draw(st.sets(st.sampled_from(cells), min_size=1))
    return pattern(counts, hidden)


@settings(max_examples=80, deadline=None)
@given(random_patterns())
def test_intervals_match_a_linear_program(release: SuppressedTable) -> None:
    intervals = feasible_intervals(release, COUNT)
    recoverable = set(recoverable_cells(release))
    for cell, interval in intervals.items():
        lower, upper = lp_interval(release, cell)
        assert interval.lower == pytest.approx(lower, abs=1e-7)
        if math.isinf(upper):
            assert math.isinf(interval.upper)
        else:
            assert interval.upper == pytest.approx(upper, abs=1e-7)
        assert (cell in recoverable) == (upper - lower < 1e-9)
