"""Small-cell suppression: hand-made tables with the cells we expect hidden, and properties
of random tables (nothing small published, no line with a lone suppression, nothing
recoverable)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.protect.release import (
    Cell,
    CrossTable,
    Status,
    primary_suppression,
    recoverable_cells,
    suppress_small_cells,
)


def hidden(counts: list[int] | list[list[int]], threshold: int = 5, zeros: bool = False) -> set:
    """The suppressed cells of the table, as (row, column) pairs of the augmented grid."""
    result = suppress_small_cells(CrossTable.from_counts(counts), threshold, zeros_sensitive=zeros)
    assert recoverable_cells(result) == []
    return {tuple(c) for c in result.suppressed_cells()}


# One-way tables: cells 0..n-1, the total is row n.
@pytest.mark.parametrize(
    ("counts", "zeros", "expected"),
    [
        pytest.param([10, 20, 30], False, set(), id="nothing-small"),
        pytest.param([3, 10, 20, 8], False, {(0, 0), (3, 0)}, id="one-small-next-smallest"),
        pytest.param([2, 3, 50], False, {(0, 0), (1, 0)}, id="two-small-protect-each-other"),
        pytest.param([3, 0, 10, 12], False, {(0, 0), (2, 0)}, id="zero-published-not-used"),
        pytest.param([3, 0, 10, 12], True, {(0, 0), (1, 0)}, id="zero-sensitive"),
        pytest.param([0, 10, 12], False, set(), id="zero-alone-is-published"),
        pytest.param([1, 2], False, {(0, 0), (1, 0), (2, 0)}, id="small-total-too"),
        pytest.param([3, 0, 0], False, {(0, 0), (3, 0)}, id="cell-equals-total"),
        pytest.param([4, 5], False, {(0, 0), (1, 0)}, id="threshold-is-exclusive"),
    ],
)
def test_one_way_suppression(counts: list[int], zeros: bool, expected: set) -> None:
    assert hidden(counts, zeros=zeros) == expected


# Two-way tables: the augmented grid has row totals in the last column, column totals in
# the last row.
@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        pytest.param([[10, 20], [30, 40]], set(), id="nothing-small"),
        pytest.param(
            [[3, 10, 20], [12, 2, 30], [8, 9, 7]],
            {(0, 0), (0, 1), (1, 0), (1, 1)},
            id="two-small-fixed-by-a-rectangle",
        ),
        pytest.param(
            [[20, 3], [15, 30]],
            {(0, 0), (0, 1), (1, 0), (1, 1)},
            id="2x2-one-small-hides-the-interior",
        ),
        pytest.param(
            # Row total 3 and column total 4 are small too; (2, 2), the grand total,
            # completes the total row and the row-total column at once.
            [[1, 2], [3, 40]],
            {(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (2, 0), (2, 2)},
            id="small-margins-are-suppressed-and-protected",
        ),
        pytest.param(
            [[3, 12, 25]],
            {(0, 0), (0, 1), (1, 0), (1, 1)},
            id="single-row-total-row-repeats-it",
        ),
    ],
)
def test_two_way_suppression(counts: list[list[int]], expected: set) -> None:
    assert hidden(counts) == expected


def test_primary_and_complementary_are_told_apart_in_the_status() -> None:
    result = suppress_small_cells(CrossTable.from_counts([3, 10, 20, 8]), 5)
    assert result.status_of(Cell(0, 0)) is Status.PRIMARY
    assert result.status_of(Cell(3, 0)) is Status.COMPLEMENTARY
    assert result.count(Status.PRIMARY) == 1
    assert result.count(Status.COMPLEMENTARY) == 1


def test_primary_suppression_covers_margins_and_respects_zero_flag() -> None:
    table = CrossTable.from_counts([[0, 2], [1, 1]])
    assert primary_suppression(table, 5).tolist() == [
        [False, True, True],
        [True, True, True],
        [True, True, True],
    ]
    assert primary_suppression(table, 5, zeros_sensitive=True)[0, 0]


def test_threshold_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        primary_suppression(CrossTable.from_counts([1, 2]), 0)


def test_a_chain_of_lines_with_two_suppressions_is_still_completed() -> None:
    # Rows 0-1 x columns 0-1 and rows 2-3 x columns 2-3 are small blocks joined by cell
    # (1, 2): after the line rule, (1, 2) is a bridge that the audit must free.
    counts = [
        [2, 2, 30, 30],
        [2, 2, 3, 30],
        [30, 30, 2, 2],
        [30, 30, 2, 2],
    ]
    result = suppress_small_cells(CrossTable.from_counts(counts), 5)
    assert recoverable_cells(result) == []


# --- properties on random tables ---------------------------------------------------------

small_counts = st.integers(min_value=0, max_value=12)


@st.composite
def two_way_tables(draw: st.DrawFn) -> list[list[int]]:
    rows = draw(st.integers(min_value=1, max_value=5))
    columns = draw(st.integers(min_value=1, max_value=5))
    return draw(
        st.lists(
            st.lists(small_counts, min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )


def _check_release(counts: object, threshold: int, zeros: bool) -> None:
    table = CrossTable.from_counts(counts)  # type: ignore[arg-type]
    result = suppress_small_cells(table, threshold, zeros_sensitive=zeros)
    grid, hidden_mask = table.counts, result.suppressed
    published = grid[~hidden_mask]
    # Nothing small is published (zeros only when they are not sensitive).
    assert np.all((published >= threshold) | ((published == 0) & (not zeros)))
    # Every line with a suppressed cell has at least two.
    for line in table.lines():
        suppressed_in_line = sum(bool(hidden_mask[c]) for c in line)
        assert suppressed_in_line != 1
    # Primary suppression is exactly the small cells.
    assert np.array_equal(
        result.status == Status.PRIMARY,
        primary_suppression(table, threshold, zeros_sensitive=zeros),
    )
    # And no suppressed value can be worked out.
    assert recoverable_cells(result) == []


@settings(max_examples=300, deadline=None)
@given(two_way_tables(), st.integers(min_value=1, max_value=8), st.booleans())
def test_random_two_way_tables_are_safe(
    counts: list[list[int]], threshold: int, zeros: bool
) -> None:
    _check_release(counts, threshold, zeros)


@settings(max_examples=200, deadline=None)
@given(st.lists(small_counts, min_size=1, max_size=8), st.integers(1, 8), st.booleans())
def test_random_one_way_tables_are_safe(counts: list[int], threshold: int, zeros: bool) -> None:
    _check_release(counts, threshold, zeros)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=8, max_size=8), min_size=10, max_size=10))
def test_larger_tables_are_safe(counts: list[list[int]]) -> None:
    _check_release(counts, 5, False)
