"""The reporting period of the agency biennial report (Admin Code § 23-1205).

Reports are due July 31 of every even year and cover the two years ending that day: the
period ending 2026-07-31 runs from 2024-08-01 through 2026-07-31. Days are the city's
days, so the period's bounds are midnights in New York time, whatever zone a timestamp
was stored in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cityprivacy.errors import InputError

__all__ = ["CITY_ZONE", "ReportingPeriod"]

CITY_ZONE = ZoneInfo("America/New_York")


@dataclass(frozen=True, slots=True)
class ReportingPeriod:
    """Two years ending July 31 of an even year, both days included."""

    start: date
    end: date

    @classmethod
    def ending(cls, end: date) -> ReportingPeriod:
        """The period ending ``end``; anything but July 31 of an even year is an InputError."""
        if (end.month, end.day) != (7, 31) or end.year % 2:
            raise InputError(
                "period_end: a biennial report ends on July 31 of an even year (e.g. 2026-07-31)"
            )
        return cls(start=date(end.year - 2, 8, 1), end=end)

    @classmethod
    def containing(cls, day: date) -> ReportingPeriod:
        """The period ``day`` falls in."""
        year = day.year if (day.month, day.day) <= (7, 31) else day.year + 1
        return cls.ending(date(year + year % 2, 7, 31))

    @property
    def starts_at(self) -> datetime:
        """Midnight at the start of the first day, New York time."""
        return datetime.combine(self.start, time(), CITY_ZONE)

    @property
    def ends_before(self) -> datetime:
        """Midnight after the last day, New York time (the bound is exclusive)."""
        return datetime.combine(self.end + timedelta(days=1), time(), CITY_ZONE)

    def holds(self, moment: datetime | None) -> bool:
        """Whether ``moment`` (timezone-aware) falls in the period."""
        return moment is not None and self.starts_at <= moment < self.ends_before

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """Whether the days ``first``..``last`` (None: open-ended) meet the period."""
        return (first is None or first <= self.end) and (last is None or last >= self.start)

    def ended_by(self, moment: datetime) -> bool:
        """Whether the period is over at ``moment`` (a report before that is interim)."""
        return moment >= self.ends_before
