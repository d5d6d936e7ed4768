"""date_shift and the date formats it reads and writes back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.operators import DateShift, Operator
from cityprivacy.protect.operators.dates import parse_date

KEY = SecretKey(b"date-shift-test-key-" + b"e" * 32)
OTHER_KEY = SecretKey(b"date-shift-test-key-" + b"f" * 32)


@pytest.mark.parametrize(
    ("text", "date", "later"),
    [
        pytest.param("2024-03-07", dt.date(2024, 3, 7), "2024-03-17", id="iso"),
        pytest.param("2024/03/07", dt.date(2024, 3, 7), "2024/03/17", id="iso-slash"),
        pytest.param("2024-03-07T10:00", dt.date(2024, 3, 7), "2024-03-17T10:00", id="iso-time"),
        pytest.param(
            "2024-03-07 10:00:00+05:00", dt.date(2024, 3, 7), "2024-03-17 10:00:00+05:00", id="tz"
        ),
        pytest.param("03/07/2024", dt.date(2024, 3, 7), "03/17/2024", id="us"),
        pytest.param("3/7/24", dt.date(2024, 3, 7), "3/17/24", id="us-short"),
        pytest.param("3-7-2024", dt.date(2024, 3, 7), "3-17-2024", id="us-dash"),
        pytest.param("12/31/2024", dt.date(2024, 12, 31), "01/10/2025", id="us-padded"),
        pytest.param("3/7/24 10:00 PM", dt.date(2024, 3, 7), "3/17/24 10:00 PM", id="us-time"),
        pytest.param("March 7, 2024", dt.date(2024, 3, 7), "March 17, 2024", id="name"),
        pytest.param("Mar. 28 2024", dt.date(2024, 3, 28), "Apr. 7 2024", id="abbreviation"),
        pytest.param("7 MARCH 2024", dt.date(2024, 3, 7), "17 MARCH 2024", id="day-first"),
        pytest.param(" 2024-03-07 ", dt.date(2024, 3, 7), " 2024-03-17 ", id="whitespace"),
    ],
)
def test_dates_are_read_and_written_back_the_same_way(text: str, date: dt.date, later: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.date == date
    assert parsed.render(date + dt.timedelta(days=10)) == later


@pytest.mark.parametrize(
    "text",
    ["2024-02-30", "13/01/2024", "hello", "2024", "", "07.03.2024", "March 2024", "24-03-07"],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_two_digit_years_pick_the_recent_century() -> None:
    this_year = dt.date.today().year
    near = parse_date(f"1/1/{(this_year + 10) % 100:02d}")
    far = parse_date(f"1/1/{(this_year + 11) % 100:02d}")
    assert near is not None
    assert near.date.year == this_year + 10
    assert far is not None
    assert far.date.year == this_year + 11 - 100


@pytest.fixture
def shift() -> Operator:
    return DateShift().build(KEY)


def _offset(operator: Operator, subject: str | None, day: dt.date = dt.date(2020, 6, 1)) -> int:
    shifted = operator.apply(day.isoformat(), subject=subject)
    assert shifted is not None
    return (dt.date.fromisoformat(shifted) - day).days


def test_offset_is_within_bounds_and_never_zero() -> None:
    operator = DateShift(max_days=3).build(KEY)
    offsets = {_offset(operator, f"person {i}") for i in range(200)}
    assert offsets == {-3, -2, -1, 1, 2, 3}


def test_one_subject_moves_together_across_formats(shift: Operator) -> None:
    offset = _offset(shift, "case-17")
    later = shift.apply("June 11, 2020", subject="case-17")
    moved = dt.date(2020, 6, 11) + dt.timedelta(days=offset)
    assert later == f"{moved:%B} {moved.day}, {moved.year}"


def test_subjects_move_differently(shift: Operator) -> None:
    offsets = {_offset(shift, f"person {i}") for i in range(20)}
    assert len(offsets) > 10


def test_without_subject_one_key_wide_offset(shift: Operator) -> None:
    assert _offset(shift, None) == _offset(shift, None, dt.date(1990, 1, 1))
    assert _offset(shift, None) != 0


def test_another_key_moves_differently() -> None:
    mine = [_offset(DateShift().build(KEY), f"p{i}") for i in range(10)]
    other = [_offset(DateShift().build(OTHER_KEY), f"p{i}") for i in range(10)]
    assert mine != other


@pytest.mark.parametrize("value", ["not a date", "2024-02-30", "", "0001-01-01"])
def test_unreadable_or_out_of_range_becomes_a_star(value: str) -> None:
    # max_days large enough that year 1 always falls off the calendar when moved back.
    operator = DateShift(max_days=36_500).build(KEY)
    subject = next(s for s in (f"s{i}" for i in range(100)) if _offset(operator, s) < 0)
    assert operator.apply(value, subject=subject) == "*"


@given(
    subject=st.text(max_size=20),
    first=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    second=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
def test_interval_between_two_dates_of_a_subject_is_kept(
    subject: str, first: dt.date, second: dt.date
) -> None:
    operator = DateShift().build(KEY)
    a = operator.apply(first.isoformat(), subject=subject)
    b = operator.apply(second.strftime("%m/%d/%Y"), subject=subject)
    assert a is not None
    assert b is not None
    moved_a = dt.date.fromisoformat(a)
    moved_b = dt.datetime.strptime(b, "%m/%d/%Y").date()
    assert (moved_b - moved_a) == (second - first)
    assert moved_a != first
