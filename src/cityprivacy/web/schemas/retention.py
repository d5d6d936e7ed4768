"""Disposal requests and legal holds: the bodies of ``/disposal-requests`` and ``/legal-holds``.

References and matter numbers go to ``varchar(100)`` columns, descriptions and reasons to
text columns; each is bounded here so a value out of range is a 422 naming the field.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, field_validator

from cityprivacy.govern import DisposalStatus
from cityprivacy.web.schemas.base import Code, Comment, In, Out, RecordId, Short

__all__ = [
    "Approver",
    "DisposalApprovalIn",
    "DisposalIn",
    "DisposalOut",
    "DisposalRejectionIn",
    "DisposeIn",
    "HoldIn",
    "HoldOut",
    "Moment",
]

Approver = Literal["records_office", "law_department"]
"""The two offices whose approval a disposal needs."""

EARLIEST_YEAR = 1900


def _storable(moment: datetime) -> datetime:
    """A moment the database can hold in UTC (year 1900 to 9998 once converted)."""
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("out of range once converted to UTC") from None
    if not EARLIEST_YEAR <= utc.year < 9999:
        raise ValueError(f"give a time between the years {EARLIEST_YEAR} and 9998")
    return utc


Moment = Annotated[AwareDatetime, AfterValidator(_storable)]
"""A time with its timezone, within the range a UTC column stores."""


class DisposalIn(In):
    """Ask to dispose of the records under a schedule item (of one dataset, if given)."""

    schedule_id: RecordId
    dataset_id: RecordId | None = None
    description: Comment = ""


class DisposalApprovalIn(In):
    """One office's approval, with that office's reference."""

    by: Approver
    reference: Short


class DisposalRejectionIn(In):
    """Which office refused the disposal."""

    by: Approver


class DisposeIn(In):
    """When the records were disposed of (a past time, with its timezone)."""

    disposed_at: Moment

    @field_validator("disposed_at")
    @classmethod
    def _past(cls, value: datetime) -> datetime:
        if value > datetime.now(UTC):
            raise ValueError("records cannot be disposed of in the future")
        return value


class DisposalOut(Out):
    id: int
    agency_code: str | None
    schedule_id: int
    dataset_id: int | None
    description: str
    status: DisposalStatus
    requested_by: int | None
    requested_at: datetime
    records_office_ref: str
    records_office_approved_at: datetime | None
    law_department_ref: str
    law_department_approved_at: datetime | None
    disposed_at: datetime | None


class HoldIn(In):
    """A legal hold on a dataset or on everything under a schedule item (one at least)."""

    agency_code: Code
    matter_ref: Short
    dataset_id: RecordId | None = None
    schedule_id: RecordId | None = None
    reason: Comment = ""


class HoldOut(Out):
    id: int
    agency_code: str | None
    dataset_id: int | None
    schedule_id: int | None
    matter_ref: str
    reason: str
    placed_by: int | None
    placed_at: datetime
    released_at: datetime | None
