"""Data sharing agreements and their versions.

The agreement row holds the terms in force; every change of terms or status adds an
:class:`AgreementVersion` with a snapshot, so what was agreed on any day can be shown.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base, StrEnumType, utcnow
from cityprivacy.store.enums import AgreementStatus, RecipientType

__all__ = ["Agreement", "AgreementVersion"]


class Agreement(Base):
    """A written agreement binding the recipient's anticipated and future use to the law."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    parties: Mapped[list[str]]
    recipient_name: Mapped[str] = mapped_column(String(300))
    recipient_type: Mapped[RecipientType] = mapped_column(StrEnumType(RecipientType))
    types: Mapped[list[str]]
    taxonomy_version: Mapped[str] = mapped_column(String(64))
    purposes: Mapped[str] = mapped_column(Text)
    permitted_uses: Mapped[str] = mapped_column(Text)
    future_use_clause: Mapped[str] = mapped_column(Text)
    onward_disclosure_limits: Mapped[str] = mapped_column(Text, default="")
    retention_terms: Mapped[str] = mapped_column(Text, default="")
    destruction_terms: Mapped[str] = mapped_column(Text, default="")
    security_terms: Mapped[str] = mapped_column(Text, default="")
    effective_from: Mapped[date | None]
    review_on: Mapped[date | None]
    expires_on: Mapped[date | None]
    status: Mapped[AgreementStatus] = mapped_column(
        StrEnumType(AgreementStatus, 16), default=AgreementStatus.DRAFT
    )
    extract_terms: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """How an extract under this agreement treats each type (see govern.sharing.terms)."""
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API


class AgreementVersion(Base):
    """The terms and status of an agreement as of one version."""

    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    number: Mapped[int]
    snapshot: Mapped[dict[str, Any]]
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
