"""The inventory (systems → datasets → fields), retention schedules and the taxonomy."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from cityprivacy.govern import CollectionBasis
from cityprivacy.web.schemas.base import Code, In, Label, Name, Out, RecordId, Short, Text, Title

__all__ = [
    "DatasetIn",
    "DatasetOut",
    "FieldIn",
    "FieldOut",
    "ScheduleIn",
    "ScheduleOut",
    "SystemIn",
    "SystemOut",
    "TaxonomyOut",
    "TypeOut",
]


class SystemIn(In):
    """A system; ``owner_code`` when the organization only maintains it for the owner."""

    agency_code: Code
    name: Name
    description: Text = ""
    owner_code: Code | None = None


class SystemOut(Out):
    id: int
    agency_code: str | None
    name: str
    description: str
    owner_code: str | None
    created_at: datetime


class DatasetIn(In):
    system_id: RecordId
    name: Name
    purpose: Text = ""
    mission_justification: Text = ""
    retention_schedule_id: RecordId | None = None


class DatasetOut(Out):
    id: int
    agency_code: str | None
    system_id: int
    name: str
    purpose: str
    mission_justification: str
    retention_schedule_id: int | None
    created_at: datetime


class FieldIn(In):
    """A field with the taxonomy types it holds and why it is collected."""

    dataset_id: RecordId
    name: Name
    categories: list[Label] = Field(min_length=1, max_length=100, examples=[["name", "address"]])
    collection_basis: CollectionBasis
    purpose: Text = ""
    mission_justification: Text = ""
    retention_schedule_id: RecordId | None = None


class FieldOut(Out):
    id: int
    agency_code: str | None
    dataset_id: int
    name: str
    categories: list[str]
    taxonomy_version: str
    collection_basis: CollectionBasis
    purpose: str
    mission_justification: str
    retention_schedule_id: int | None
    created_at: datetime


class ScheduleIn(In):
    """A records retention schedule item (``period_months`` null: kept permanently)."""

    agency_code: Code
    schedule_item: Label
    title: Title
    period_months: int | None = Field(None, ge=0, le=12_000)
    trigger_event: Name
    disposal_method: Short
    justification: Text = ""


class ScheduleOut(Out):
    id: int
    agency_code: str | None
    schedule_item: str
    title: str
    period_months: int | None
    trigger_event: str
    disposal_method: str
    justification: str
    created_at: datetime


class TypeOut(Out):
    """A type of identifying information."""

    key: str
    name: str
    description: str
    legal_source: str
    status: str
    effective_from: date
    retired_on: date | None
    breach_private_information: bool
    classification: str


class TaxonomyOut(Out):
    version: str
    types: list[TypeOut]
