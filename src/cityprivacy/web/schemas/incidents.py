"""Incidents (unauthorized disclosures and security breaches) and their notification duties."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from cityprivacy.govern import IncidentKind, IncidentStatus, NotificationParty, NotificationStatus
from cityprivacy.web.schemas.base import Code, Count, In, Label, Out, RecordId, Text

__all__ = ["IncidentDetail", "IncidentIn", "IncidentOut", "NotificationIn", "NotificationOut"]


class IncidentIn(In):
    """An incident; its notification duties follow from what it is (see the README)."""

    agency_code: Code
    kind: IncidentKind
    discovered_at: datetime
    categories: list[Label] = Field(min_length=1, max_length=100)
    summary: Text = ""
    system_ids: list[RecordId] = Field(default_factory=list, max_length=1000)
    people_affected: Count | None = None
    ny_residents_affected: Count | None = None
    data_owned: bool = True
    linked_incident_id: RecordId | None = None
    law_enforcement_delay: bool = False
    law_enforcement_delay_until: date | None = None


class IncidentOut(Out):
    id: int
    agency_code: str | None
    kind: IncidentKind
    linked_incident_id: int | None
    summary: str
    discovered_at: datetime
    categories: list[str]
    taxonomy_version: str
    private_information: bool
    data_owned: bool
    people_affected: int | None
    ny_residents_affected: int | None
    law_enforcement_delay: bool
    law_enforcement_delay_until: date | None
    status: IncidentStatus
    created_at: datetime


class NotificationOut(Out):
    id: int
    party: NotificationParty
    status: NotificationStatus
    notified_at: datetime | None
    count_notified: int | None
    note: str


class IncidentDetail(IncidentOut):
    notifications: list[NotificationOut]


class NotificationIn(In):
    """A notification duty done: who was told, when, and how many people."""

    party: NotificationParty
    notified_at: datetime
    count_notified: Count | None = None
    note: Text = ""
