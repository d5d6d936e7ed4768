"""Routine designations, data sharing agreements and citywide rules."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from cityprivacy.govern import AgreementStatus, AppliesTo, Basis, RecipientType
from cityprivacy.web.schemas.base import Code, In, Label, Out, Text, Title

__all__ = [
    "AgreementDetail",
    "AgreementIn",
    "AgreementOut",
    "AgreementStatusIn",
    "AgreementVersionOut",
    "AmendIn",
    "DesignationIn",
    "DesignationOut",
    "RuleIn",
    "RuleOut",
]

Categories = list[Label]


class DesignationIn(In):
    """A designation by an APO for ``agency_code``, or by the CPO citywide (no agency)."""

    agency_code: Code | None = None
    categories: Categories = Field(min_length=1, max_length=100)
    purpose: Text
    effective_from: date
    applies_to: AppliesTo = AppliesTo.DISCLOSURE
    recipient_type: RecipientType | None = None
    agreement_required: bool = False
    never_routine: bool = False
    review_on: date | None = None


class DesignationOut(Out):
    id: int
    agency_code: str | None
    applies_to: AppliesTo
    categories: list[str]
    taxonomy_version: str
    recipient_type: RecipientType | None
    purpose: str
    agreement_required: bool
    never_routine: bool
    effective_from: date
    review_on: date | None
    revoked_at: datetime | None
    approver_id: int
    created_at: datetime


class AgreementIn(In):
    """A data sharing agreement; ``future_use_clause`` binds anticipated and future use."""

    agency_code: Code
    title: Title
    recipient_name: Title
    recipient_type: RecipientType
    categories: Categories = Field(min_length=1, max_length=100)
    purposes: Text
    permitted_uses: Text
    future_use_clause: Text
    parties: list[Title] = Field(default_factory=list, max_length=50)
    onward_disclosure_limits: Text = ""
    retention_terms: Text = ""
    destruction_terms: Text = ""
    security_terms: Text = ""
    effective_from: date | None = None
    review_on: date | None = None
    expires_on: date | None = None
    extract_terms: dict[str, Any] = Field(
        default_factory=dict,
        description="How `cityprivacy share extract` treats each type (checked by the office).",
    )


class AgreementOut(Out):
    id: int
    agency_code: str | None
    title: str
    parties: list[str]
    recipient_name: str
    recipient_type: RecipientType
    categories: list[str]
    taxonomy_version: str
    purposes: str
    permitted_uses: str
    future_use_clause: str
    onward_disclosure_limits: str
    retention_terms: str
    destruction_terms: str
    security_terms: str
    effective_from: date | None
    review_on: date | None
    expires_on: date | None
    status: AgreementStatus
    version: int
    extract_terms: dict[str, Any]
    created_by: int
    created_at: datetime


class AgreementVersionOut(Out):
    number: int
    snapshot: dict[str, Any]
    changed_by: int | None
    changed_at: datetime


class AgreementDetail(AgreementOut):
    versions: list[AgreementVersionOut]


class AgreementStatusIn(In):
    status: AgreementStatus


class AmendIn(In):
    """The terms to change (only those given); each change makes a new version."""

    title: Title | None = None
    parties: list[Title] | None = Field(None, max_length=50)
    recipient_name: Title | None = None
    purposes: Text | None = None
    permitted_uses: Text | None = None
    future_use_clause: Text | None = Field(None, min_length=1)
    onward_disclosure_limits: Text | None = None
    retention_terms: Text | None = None
    destruction_terms: Text | None = None
    security_terms: Text | None = None
    effective_from: date | None = None
    review_on: date | None = None
    expires_on: date | None = None
    extract_terms: dict[str, Any] | None = None


class RuleIn(In):
    """A citywide rule checked at submission (the CPO's)."""

    code: Code
    description: Text
    categories: Categories = Field(min_length=1, max_length=100)
    allowed_bases: list[Basis] = Field(default_factory=list)
    recipient_types: list[RecipientType] = Field(default_factory=list)
    recipient_tags: list[Label] = Field(default_factory=list, max_length=20)


class RuleOut(Out):
    id: int
    code: str
    description: str
    categories: list[str]
    taxonomy_version: str
    recipient_types: list[str]
    recipient_tags: list[str]
    allowed_bases: list[str]
    active: bool
    created_at: datetime
