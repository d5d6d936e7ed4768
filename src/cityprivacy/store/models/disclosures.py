"""Disclosure requests and proposals, their reviews and their attachments' metadata.

One row per disclosure holds every item the biennial report asks for; ``version`` is an
optimistic lock, so two reviewers acting on the same row at once cannot both win.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base, StrEnumType, utcnow
from cityprivacy.store.enums import (
    AgreementException,
    Basis,
    Classification,
    Decision,
    DisclosureKind,
    DisclosureStatus,
    RecipientType,
    ReviewStage,
)

__all__ = ["Disclosure", "DisclosureAttachment", "DisclosureReview"]


class Disclosure(Base):
    """A request (someone asked us) or proposal (we offer) to disclose, and its outcome."""

    __tablename__ = "disclosures"
    # Lists are scoped by organization and paged newest first: one index serves both.
    __table_args__ = (Index("ix_disclosures_organization_id_id", "organization_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"))
    employee_category: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[DisclosureKind] = mapped_column(StrEnumType(DisclosureKind, 16))
    recipient_name: Mapped[str] = mapped_column(String(300))
    recipient_type: Mapped[RecipientType] = mapped_column(StrEnumType(RecipientType))
    recipient_tags: Mapped[list[str]]
    types: Mapped[list[str]]
    taxonomy_version: Mapped[str] = mapped_column(String(64))
    record_count: Mapped[int]
    purpose: Mapped[str] = mapped_column(Text)
    mission_justification: Mapped[str] = mapped_column(Text)
    basis: Mapped[Basis] = mapped_column(StrEnumType(Basis))
    anonymized: Mapped[bool] = mapped_column(default=False)
    aggregated: Mapped[bool] = mapped_column(default=False)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"))
    agreement_exception: Mapped[AgreementException | None] = mapped_column(
        StrEnumType(AgreementException)
    )
    agreement_exception_reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[DisclosureStatus] = mapped_column(
        StrEnumType(DisclosureStatus, 16), default=DisclosureStatus.DRAFT, index=True
    )
    classification: Mapped[Classification | None] = mapped_column(StrEnumType(Classification, 16))
    designation_id: Mapped[int | None] = mapped_column(ForeignKey("routine_designations.id"))
    never_routine: Mapped[bool] = mapped_column(default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    disclosed_at: Mapped[datetime | None]
    records_disclosed: Mapped[int | None]
    method: Mapped[str] = mapped_column(String(100), default="")
    exigent_facts: Mapped[str] = mapped_column(Text, default="")
    reported_to_apo_at: Mapped[datetime | None]
    reported_to_cpo_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API


class DisclosureReview(Base):
    """One decision on a disclosure: who, at which stage, what, and why."""

    __tablename__ = "disclosure_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    stage: Mapped[ReviewStage] = mapped_column(StrEnumType(ReviewStage))
    decision: Mapped[Decision] = mapped_column(StrEnumType(Decision, 16))
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)


class DisclosureAttachment(Base):
    """What is known about an attached document (never its content)."""

    __tablename__ = "disclosure_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
