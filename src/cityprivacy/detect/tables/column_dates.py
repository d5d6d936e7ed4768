"""Columns of birth dates, told from other date columns by the ages they would make.

A date is a date; a column of them is a column of *birth* dates when the dates carry
no time of day, none lies in the future, they would make ages of 0 to 110, and they
look like the ages of a city's clients: spread over decades (15 years or more between
the 10th and 90th percentile), an adult median, a tenth of them 35 or older, and few
under five. Enrollment, visit or case dates crowd into recent years instead, and keep
arriving (an archive since 1970 has a tenth of its dates in the last five years). That
is weaker than a ``dob`` header, so the confidence stays at 0.7 at most; a column of
children's or young people's birth dates is left to its header.
"""

from __future__ import annotations

import re
from datetime import date
from statistics import median

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.tables.column_values import (
    ColumnEvidence,
    ColumnSample,
    graded_confidence,
)

__all__ = ["BirthDateColumn", "parse_date"]

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january", "feb february", "mar march", "apr april", "may", "jun june",
            "jul july", "aug august", "sep sept september", "oct october",
            "nov november", "dec december",
        ),
        1,
    )
    for m in names.split()
}  # fmt: skip
_ISO = re.compile(r"(\d{4})([-/.]?)(\d{1,2})\2(\d{1,2})(?P<time>[T ]\d{1,2}:\d{2}.*)?")
_US = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?P<time> \d{1,2}:\d{2}.*)?")
_NAMED = re.compile(
    r"(?:(?P<m1>[A-Za-z]{3,9})\.? (?P<d1>\d{1,2})(?:st|nd|rd|th)?,? (?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2}) (?P<m2>[A-Za-z]{3,9})\.?,? (?P<y2>\d{4}))"
)


def parse_date(value: str, today: date) -> tuple[date, bool] | None:
    """The date a value writes (ISO, US month-first, or with a month name) and whether it
    carries a time of day; None when it is not a date. Two-digit years are read as the
    latest year not after ``today``."""
    try:
        if m := _ISO.fullmatch(value):
            if not m[2] and len(value) != 8:
                return None
            return date(int(m[1]), int(m[3]), int(m[4])), bool(m["time"])
        if m := _US.fullmatch(value):
            year = int(m[4])
            if len(m[4]) == 2:
                year += 2000 if 2000 + year <= today.year else 1900
            return date(year, int(m[1]), int(m[3])), bool(m["time"])
        if m := _NAMED.fullmatch(value):
            month = _MONTHS.get((m["m1"] or m["m2"]).lower())
            if month is None:
                return None
            return date(int(m["y1"] or m["y2"]), month, int(m["d1"] or m["d2"])), False
    except ValueError:
        return None
    return None


class BirthDateColumn:
    """Dates whose ages fit a population of people; see the module docstring."""

    name = "birth_date_column"
    entities = frozenset({EntityType.DATE_OF_BIRTH})
    _MIN_SHARE = 0.8
    _MAX_AGE = 110
    _MIN_SPREAD = 15  # years between the 10th and 90th percentile
    _ADULT = 18  # median age
    _OLD = 35  # 90th percentile age: some clients are middle-aged or older
    _RECENT_YEARS, _MAX_RECENT = 5, 0.05  # few of them are under five

    def __init__(self, today: date | None = None) -> None:
        self.today = today or date.today()

    def evidence(self, sample: ColumnSample) -> list[ColumnEvidence]:
        parsed = {v: p for v in sample.counts if (p := parse_date(v, self.today))}
        dated = sample.count(parsed)
        if dated < self._MIN_SHARE * sample.size:
            return []
        if sample.count({v for v, (_, timed) in parsed.items() if timed}) > 0.1 * dated:
            return []  # birth dates have no time of day
        ages: list[float] = []
        fits = set()
        for value, (day, _) in parsed.items():
            age = (self.today - day).days / 365.25
            if 0 <= age <= self._MAX_AGE:
                fits.add(value)
                ages.extend([age] * sample.counts[value])
        matched = len(ages)
        share = matched / sample.size
        if share < self._MIN_SHARE or matched < 0.95 * dated:
            return []
        ages.sort()
        p10, p90 = ages[int(0.1 * (matched - 1))], ages[int(0.9 * (matched - 1))]
        spread = p90 - p10
        recent = sum(1 for a in ages if a < self._RECENT_YEARS) / matched
        if spread < self._MIN_SPREAD or median(ages) < self._ADULT or p90 < self._OLD:
            return []
        if recent > self._MAX_RECENT:
            return []  # records keep coming in; people are not all born yesterday
        basis = (
            f"{share:.0%} of {sample.size} values are dates that make ages of 0 to "
            f"{self._MAX_AGE}, spread over {spread:.0f} years"
        )
        conf = graded_confidence(0.7, share, self._MIN_SHARE, sample.size)
        return [ColumnEvidence(EntityType.DATE_OF_BIRTH, matched, sample.size, conf, basis)]
