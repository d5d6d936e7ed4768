"""Disclosures: what the API returns for them, and the bodies of their workflow steps.

Opening a disclosure and recording one made take the office's own input models
(:class:`~cityprivacy.govern.NewDisclosure`, :class:`~cityprivacy.govern.DisclosureMade`),
whose field names are the API's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from cityprivacy.govern import (
    AgreementException,
    Basis,
    Classification,
    Decision,
    DisclosureKind,
    DisclosureMade,
    DisclosureStatus,
    NewDisclosure,
    RecipientType,
    ReviewStage,
)
from cityprivacy.web.schemas.base import (
    MAX_INT,
    Comment,
    Count,
    In,
    Label,
    Name,
    Out,
    RecordId,
    Short,
    Text,
)

__all__ = [
    "AccountingRecordOut",
    "AgreementChoiceIn",
    "AttachmentOut",
    "AuditEventOut",
    "CommentIn",
    "DisclosureDetail",
    "DisclosureIn",
    "DisclosureOut",
    "ExigentIn",
    "ExigentReportIn",
    "ExigentStatusOut",
    "MadeIn",
    "ReviewOut",
    "VerifyOut",
]


class DisclosureIn(NewDisclosure):
    """A request (someone asks the agency) or a proposal (the agency offers) to disclose."""

    record_count: int = Field(ge=0, le=MAX_INT)
    categories: list[Label] = Field(min_length=1, max_length=100)
    agreement_id: RecordId | None = None
    division: Name | None = None
    recipient_tags: list[Label] = Field(default_factory=list, max_length=20)


class MadeIn(DisclosureMade):
    """What was sent: when, how many records, how, and whom it concerned (``subjects``: the
    people's identifiers, kept only as keyed hashes in the accounting)."""

    records_disclosed: Count
    method: Short
    subjects: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=list, max_length=100_000
    )


class CommentIn(In):
    """A reviewer's comment (kept with the review, never copied to the audit trail)."""

    comment: Comment = ""


class AgreementChoiceIn(In):
    """The agreement that covers the disclosure, or the exception recorded and why."""

    agreement_id: RecordId | None = None
    exception: AgreementException | None = None
    reason: Text = ""


class ExigentIn(In):
    """An exigent disclosure, recorded after it was made (basis ``exigent``)."""

    disclosure: DisclosureIn
    made: MadeIn
    facts: Text


class ExigentReportIn(In):
    """When the exigent disclosure was reported to the APO, or by the APO to the CPO."""

    to: Literal["apo", "cpo"]
    at: datetime


class DisclosureOut(Out):
    id: int
    agency_code: str | None
    division: str | None
    employee_category: str
    kind: DisclosureKind
    recipient_name: str
    recipient_type: RecipientType
    recipient_tags: list[str]
    categories: list[str]
    taxonomy_version: str
    record_count: int
    purpose: str
    mission_justification: str
    basis: Basis
    anonymized: bool
    aggregated: bool
    agreement_id: int | None
    agreement_exception: AgreementException | None
    agreement_exception_reason: str
    status: DisclosureStatus
    classification: Classification | None
    designation_id: int | None
    never_routine: bool
    created_by: int | None
    created_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    decided_by: int | None
    disclosed_at: datetime | None
    records_disclosed: int | None
    method: str
    exigent_facts: str
    reported_to_apo_at: datetime | None
    reported_to_cpo_at: datetime | None
    version: int


class ReviewOut(Out):
    id: int
    reviewer_id: int | None
    stage: ReviewStage
    decision: Decision
    comment: str
    decided_at: datetime


class AttachmentOut(Out):
    id: int
    filename: str
    media_type: str
    size_bytes: int
    sha256: str
    added_at: datetime


class AuditEventOut(Out):
    """One link of the audit chain: who did what to which record; nothing in clear."""

    seq: int
    occurred_at: datetime
    actor_id: int | None
    action: str
    entity_type: str
    entity_id: str
    organization_id: int | None
    changes: dict[str, Any]
    prev_hash: str
    hash: str


class DisclosureDetail(DisclosureOut):
    """A disclosure with its reviews, attachments and audit history, oldest first."""

    reviews: list[ReviewOut]
    attachments: list[AttachmentOut]
    history: list[AuditEventOut]


class ExigentStatusOut(Out):
    disclosure_id: int
    disclosed_at: datetime
    apo_due: datetime
    apo_state: Literal["pending", "overdue", "on_time", "late"]
    cpo_due: datetime
    cpo_state: Literal["pending", "overdue", "on_time", "late"]
    flagged: bool


class AccountingRecordOut(Out):
    """A disclosure that concerned the person asked about."""

    disclosure_id: int
    agency_code: str
    recipient_name: str
    recipient_type: RecipientType
    categories: list[str]
    basis: Basis
    disclosed_at: datetime


class VerifyOut(Out):
    """The audit chain's verification: intact, or the first event that breaks it and why."""

    ok: bool
    events: int
    first_bad_event: int | None
    reason: str | None
