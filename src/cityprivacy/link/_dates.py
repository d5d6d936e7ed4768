"""Dates (of birth) in the many ways people and systems write them, to one ``YYYYMMDD`` form.

Two agencies rarely store a birth date the same way: ISO dates from one database,
``3/7/1985`` typed at an intake desk, ``07-MAR-1985`` from a mainframe export,
``March 7, 1985`` from a form. Linkage needs them equal when they are the same day.

Numeric dates with the year last are read month first (the US convention), unless the
first number cannot be a month (``25/03/1985``) or the caller says ``day_first``. Two-digit
years are read as the most recent such year that is not in the future (``85`` is 1985,
``05`` is 2005), which is right for birth dates. Anything that is not a real calendar
day (``1985-02-30``) is not a date.

The common machine formats (``YYYY-MM-DD``, ``YYYYMMDD``, ``M/D/YYYY``) are read by a
compiled loop over the bytes of a batch; everything else is parsed per value.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.link._text import string_array, string_buffers, valid_mask

__all__ = ["normalize_dates", "normalize_dates_reference", "parse_date"]

MIN_YEAR: Final = 1800
MAX_YEAR: Final = 2199

_MONTH_NAMES = (
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december"),
)  # fmt: skip
_MONTHS: Final = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_TIME_SUFFIX = r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME_SUFFIX}")
_COMPACT = re.compile(r"(\d{8})")
_YEAR_LAST = re.compile(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})")
_MONTH = r"([a-z]{3,9})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_NAMED = (
    # 7 March 1985, 7-Mar-1985, 07MAR1985, 7th of March 1985
    (re.compile(rf"{_DAY}[-/ ]*(?:of )?{_MONTH}[-/ ,]*(\d{{2}}|\d{{4}})"), ("d", "m", "y")),
    # March 7, 1985 / Mar 7 1985 / March 7th 1985
    (re.compile(rf"{_MONTH}[-/ ]*{_DAY}[-/ ,]*(\d{{2}}|\d{{4}})"), ("m", "d", "y")),
    # 1985-Mar-07
    (re.compile(rf"(\d{{4}})[-/ ]*{_MONTH}[-/ ]*{_DAY}"), ("y", "m", "d")),
)


def parse_date(
    text: str, *, day_first: bool = False, today: dt.date | None = None
) -> dt.date | None:
    """The calendar day ``text`` names, or ``None`` when it is not a date."""
    return _parse(text.strip().lower(), day_first, today or dt.date.today())


@lru_cache(maxsize=65536)
def _parse(text: str, day_first: bool, today: dt.date) -> dt.date | None:
    if not text:
        return None
    if m := _ISO.fullmatch(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.fullmatch(text):
        digits = m[1]
        as_ymd = _day(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if as_ymd is not None:
            return as_ymd
        first, second, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
        return _numeric(first, second, year, day_first, today)
    if m := _YEAR_LAST.fullmatch(text):
        return _numeric(int(m[1]), int(m[2]), _year(m[3], today), day_first, today)
    for pattern, order in _NAMED:
        if m := pattern.fullmatch(text):
            parts = dict(zip(order, m.groups(), strict=True))
            month = _MONTHS.get(parts["m"])
            if month is None:
                return None
            return _day(_year(parts["y"], today), month, int(parts["d"]))
    return None


def _numeric(first: int, second: int, year: int, day_first: bool, today: dt.date) -> dt.date | None:
    """Month/day or day/month: the convention, unless only the other reading is a date."""
    if first > 12 >= second:
        return _day(year, second, first)
    if second > 12 >= first:
        return _day(year, first, second)
    return _day(year, second, first) if day_first else _day(year, first, second)


def _year(text: str, today: dt.date) -> int:
    value = int(text)
    if len(text) > 2:
        return value
    year = 2000 + value
    return year if year <= today.year else year - 100


def _day(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_FAST = r"^\s*(?P<y>\d{4})(?:-?)(?P<m>\d{2})(?:-?)(?P<d>\d{2})\s*$"


_NUMERIC = r"^\s*(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})\s*$"


def normalize_dates(values: pa.Array, *, day_first: bool = False) -> pa.Array:
    """``YYYYMMDD`` strings for ``values`` (null where missing or not a date).

    ``YYYY-MM-DD``, ``YYYYMMDD`` and ``M/D/YYYY`` (any of ``/.-``) are read by a compiled
    loop (:func:`cityprivacy.link._normalize_kernel.date_parts`); other forms once per
    distinct value with :func:`parse_date`. :func:`normalize_dates_reference` reads the
    first forms with Arrow regular expressions instead (the reference, for tests).
    """
    from cityprivacy.link._normalize_kernel import date_parts

    values = pc.cast(values, pa.string())
    offsets, data = string_buffers(values)
    form, parts = date_parts(offsets, data)
    form[~valid_mask(values)] = 0
    ok, is_numeric = form == 1, form == 2
    first, second, third = parts[:, 0], parts[:, 1], parts[:, 2]  # y m d, or a b y
    month_first = np.where(first > 12, False, np.where(second > 12, True, not day_first))
    y = np.where(is_numeric, third, first)
    m = np.where(is_numeric, np.where(month_first, first, second), second)
    d = np.where(is_numeric, np.where(month_first, second, first), third)
    ok = (ok | is_numeric) & _valid_days(y, m, d)
    result = _yyyymmdd(y, m, d, ok)
    return _fall_back(values, result, ~ok & ~is_numeric, day_first)


def _yyyymmdd(y: np.ndarray, m: np.ndarray, d: np.ndarray, ok: np.ndarray) -> pa.Array:
    """``YYYYMMDD`` where ``ok`` (the parts of a valid day), null elsewhere."""
    number = (y * 10000 + m * 100 + d)[ok]
    digits = (number[:, None] // _POWERS[None, :]) % 10 + ord("0")
    offsets = np.zeros(len(ok) + 1, dtype=np.int64)
    np.cumsum(ok * 8, out=offsets[1:])
    return string_array(offsets, digits.astype(np.uint8).reshape(-1), ok)


_POWERS = 10 ** np.arange(7, -1, -1, dtype=np.int64)


def _fall_back(
    values: pa.Array, result: pa.Array, candidates: np.ndarray, day_first: bool
) -> pa.Array:
    """``result`` with the ``candidates`` that are not blank parsed by :func:`parse_date`."""
    if not candidates.any():
        return result
    blank = pc.equal(pc.utf8_trim_whitespace(values.filter(pa.array(candidates))), "")
    rest = candidates.copy()
    rest[np.flatnonzero(candidates)[np.asarray(pc.fill_null(blank, True), dtype=bool)]] = False
    if not rest.any():
        return result
    today = dt.date.today()
    parsed = [
        _parse(text.strip().lower(), day_first, today)
        for text in values.filter(pa.array(rest)).to_pylist()
    ]
    texts = [p.strftime("%Y%m%d") if p is not None else None for p in parsed]
    return pc.replace_with_mask(result, pa.array(rest), pa.array(texts, pa.string()))


def normalize_dates_reference(values: pa.Array, *, day_first: bool = False) -> pa.Array:
    """:func:`normalize_dates` with Arrow regular expressions (the reference, for tests)."""
    values = pc.cast(values, pa.string())
    parts = pc.extract_regex(values, _FAST)
    y, m, d = (_ints(pc.struct_field(parts, name)) for name in ("y", "m", "d"))
    ok = np.asarray(pc.fill_null(pc.is_valid(parts), False).to_numpy(zero_copy_only=False))
    numeric = pc.extract_regex(values, _NUMERIC)
    a, b, year = (_ints(pc.struct_field(numeric, name)) for name in ("a", "b", "y"))
    is_numeric = np.asarray(
        pc.fill_null(pc.is_valid(numeric), False).to_numpy(zero_copy_only=False)
    )
    month_first = np.where(a > 12, False, np.where(b > 12, True, not day_first))
    use = is_numeric & ~ok
    y = np.where(use, year, y)
    m = np.where(use, np.where(month_first, a, b), m)
    d = np.where(use, np.where(month_first, b, a), d)
    ok = (ok | use) & _valid_days(y, m, d)
    text = pc.binary_join_element_wise(
        pc.utf8_lpad(pc.cast(pa.array(y), pa.string()), 4, "0"),
        pc.utf8_lpad(pc.cast(pa.array(m), pa.string()), 2, "0"),
        pc.utf8_lpad(pc.cast(pa.array(d), pa.string()), 2, "0"),
        "",
    )
    result = pc.if_else(pa.array(ok), text, None)
    present = np.asarray(pc.fill_null(pc.not_equal(pc.utf8_trim_whitespace(values), ""), False))
    rest = ~ok & ~is_numeric & present
    if not rest.any():
        return result
    today = dt.date.today()
    parsed = [
        _parse(text.strip().lower(), day_first, today)
        for text in values.filter(pa.array(rest)).to_pylist()
    ]
    texts = [p.strftime("%Y%m%d") if p is not None else None for p in parsed]
    return pc.replace_with_mask(result, pa.array(rest), pa.array(texts, pa.string()))


def _ints(column: pa.Array) -> np.ndarray:
    filled = pc.fill_null(pc.if_else(pc.equal(column, ""), "0", column), "0")
    return np.asarray(pc.cast(filled, pa.int32()).to_numpy(zero_copy_only=False), dtype=np.int64)


_DAYS_IN_MONTH = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _valid_days(years: np.ndarray, months: np.ndarray, days: np.ndarray) -> np.ndarray:
    ok = (years >= MIN_YEAR) & (years <= MAX_YEAR) & (months >= 1) & (months <= 12) & (days >= 1)
    limit = _DAYS_IN_MONTH[np.clip(months, 0, 12)]
    leap = (years % 4 == 0) & ((years % 100 != 0) | (years % 400 == 0))
    limit = np.where((months == 2) & ~leap, 28, limit)
    return np.asarray(ok & (days <= limit), dtype=bool)
