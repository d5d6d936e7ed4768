"""Reading dates in the formats city records use, and writing them back the same way.

Generalizing a date (to its month or year) and shifting it both need the calendar date
inside a string; shifting also needs to write the new date *in the same format*, so that
``3/7/24`` stays ``M/D/YY`` and ``2024-03-07T10:00`` keeps its time. :func:`parse_date`
returns a :class:`ParsedDate` that remembers where each part sat and how it was written.

Formats read (surrounding whitespace kept):

* ISO: ``2024-03-07``, ``2024/03/07``, with an optional time part (``T10:00``,
  `` 10:00:00.5``, ``Z`` or ``+05:00``);
* US numeric, month first: ``03/07/2024``, ``3/7/24``, ``3-7-2024``, with an optional
  time part (`` 10:00``, `` 10:00 AM``). Day-first dates are not recognized;
* month names: ``March 7, 2024``, ``Mar. 7 2024``, ``7 March 2024``.

A two-digit year is read as the latest year ending in those digits that is at most ten
years after the current year (read in 2026: ``36`` → 2036, ``37`` → 1937).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

__all__ = ["ParsedDate", "parse_date"]

_MONTHS: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NUMBER: Final = {
    **{name: i for i, name in enumerate(_MONTHS, start=1)},
    **{name[:3]: i for i, name in enumerate(_MONTHS, start=1)},
    "sept": 9,
}
_MONTH_WORD: Final = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))

_ISO_TIME: Final = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
_US_TIME: Final = r"(?:,? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?)?"

_FORMATS: Final = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"(?P<year>\d{{4}})(?P<sep>[-/])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}}){_ISO_TIME}",
        rf"(?P<month>\d{{1,2}})(?P<sep>[-/])(?P<day>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}}){_US_TIME}",
        rf"(?P<name>{_MONTH_WORD})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})",
        rf"(?P<day>\d{{1,2}}) (?P<name>{_MONTH_WORD})\.?,? (?P<year>\d{{4}})",
    )
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A calendar date found in a string, with what is needed to write another date the
    same way (:meth:`render`)."""

    date: dt.date
    text: str
    match: re.Match[str]

    def render(self, new: dt.date) -> str:
        """``text`` with this date replaced by ``new``, written in the same style.

        Month and day numbers are zero-padded when the original padded one of them
        (``03/17/2024``), not when it wrote one with a single digit (``3/17/24``); when that
        cannot be told (``12/31/2024``, ``March 28, 2024``), numeric dates are padded and
        dates with a month name are not. A two-digit year stays two digits.
        """
        groups = self.match.groupdict()
        named = groups.get("name") is not None
        numbers = [groups[name] for name in ("month", "day") if groups.get(name) is not None]
        pad = any(number.startswith("0") for number in numbers) or (
            not named and all(len(number) == 2 for number in numbers)
        )
        parts = [(self.match.span("year"), _write_year(groups["year"], new.year))]
        parts.append((self.match.span("day"), f"{new.day:02d}" if pad else str(new.day)))
        if named:
            parts.append((self.match.span("name"), _write_month_name(groups["name"], new.month)))
        else:
            parts.append((self.match.span("month"), f"{new.month:02d}" if pad else str(new.month)))
        out = self.text
        for (start, end), written in sorted(parts, reverse=True):
            out = out[:start] + written + out[end:]
        return out


def parse_date(text: str) -> ParsedDate | None:
    """The date ``text`` holds, or ``None`` when it is not a date in a known format."""
    stripped = text.strip()
    if not 6 <= len(stripped) <= 40:
        return None
    offset = text.index(stripped[0])
    for pattern in _FORMATS:
        match = pattern.fullmatch(text, offset, offset + len(stripped))
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("name") is not None:
            month = _MONTH_NUMBER[groups["name"].lower()]
        else:
            month = int(groups["month"])
        try:
            date = dt.date(_full_year(groups["year"]), month, int(groups["day"]))
        except ValueError:
            return None
        return ParsedDate(date, text, match)
    return None


def _full_year(year: str) -> int:
    if len(year) == 4:
        return int(year)
    latest = dt.date.today().year + 10
    full = latest - (latest - int(year)) % 100
    return full


def _write_year(original: str, year: int) -> str:
    return f"{year:04d}" if len(original) == 4 else f"{year % 100:02d}"


def _write_month_name(original: str, month: int) -> str:
    full = _MONTHS[month - 1]
    written = full if original.lower() == _MONTHS[_MONTH_NUMBER[original.lower()] - 1] else full[:3]
    if original.isupper() and len(original) > 1:
        return written.upper()
    if original.islower():
        return written
    return written.capitalize()
