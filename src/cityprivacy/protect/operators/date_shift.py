"""Date shifting: move every date of one person by the same secret number of days.

The offset for a subject is an HMAC of the subject's identifier under the ``"date-shift"``
subkey, mapped to ``[-max_days, -1] ∪ [1, max_days]`` (never 0, so no date passes through
unchanged). All dates of one person move together: the intervals between them (age at
admission, days from incident to report, length of stay) are kept exactly, which is what
makes shifted records useful for analysis. The day of the week and the season are not
kept.

What it defends against: matching a record to a person by an exact date (a birth date,
the date of an incident reported in the news). What it does not: anyone with the key can
recompute every offset, and kept intervals can still identify (an unusually long stay).
Dates near the edges of the data's span also give away part of the offset.

Without a subject (``subject=None``, e.g. dates in free text with no person column) the
offset comes from the key alone: every date in the data set moves by the same number of
days, so intervals *across* people are kept too, and one known date reveals the offset of
all of them. That is much weaker; give a subject column where there is one.

The output keeps the input's format (:mod:`.dates`), time part included. A value that is
not a date in a known format, or that would shift outside years 1–9999, becomes ``*``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import TYPE_CHECKING, Final, Literal

from pydantic import Field

from cityprivacy.protect.operators._keyed import require_key
from cityprivacy.protect.operators.base import Operator, SpecBase
from cityprivacy.protect.operators.dates import parse_date

if TYPE_CHECKING:
    from cityprivacy.protect.keys import SecretKey

__all__ = ["DateShift"]

_UNREADABLE: Final = "*"
_CACHE_SIZE: Final = 1 << 16


class DateShift(SpecBase):
    """Shift dates by a per-subject offset in ``[-max_days, +max_days]``, never 0."""

    operator: Literal["date_shift"] = "date_shift"
    max_days: int = Field(default=365, ge=1, le=36_500)

    needs_key = True

    def build(self, key: SecretKey | None = None) -> Operator:
        return _DateShiftOperator(
            self.max_days, require_key("date_shift", key).derive("date-shift")
        )


class _DateShiftOperator:
    __slots__ = ("_base", "_max_days", "_offsets")

    name = "date_shift"
    uses_subject = True

    def __init__(self, max_days: int, subkey: bytes) -> None:
        self._max_days = max_days
        self._base = hmac.new(subkey, digestmod=hashlib.sha256)
        self._offsets: dict[str | None, int] = {}

    def apply(
        self, value: str, *, entity: str | None = None, subject: str | None = None
    ) -> str | None:
        parsed = parse_date(value)
        if parsed is None:
            return _UNREADABLE
        try:
            shifted = parsed.date + dt.timedelta(days=self.offset(subject))
        except OverflowError:
            return _UNREADABLE
        return parsed.render(shifted)

    def offset(self, subject: str | None) -> int:
        """The shift in days for ``subject`` (the key-wide shift for ``None``)."""
        offset = self._offsets.get(subject)
        if offset is None:
            mac = self._base.copy()
            # "s:" marks a subject, so no subject (not even "") shares the key-wide offset.
            mac.update(b"none" if subject is None else b"s:" + subject.encode("utf-8"))
            draw = int.from_bytes(mac.digest()[:8], "big") % (2 * self._max_days)
            # draw in [0, 2m): [0, m) -> [-m, -1], [m, 2m) -> [1, m]
            offset = draw - self._max_days if draw < self._max_days else draw - self._max_days + 1
            if len(self._offsets) >= _CACHE_SIZE:
                self._offsets.clear()
            self._offsets[subject] = offset
        return offset
