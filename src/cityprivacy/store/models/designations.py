"""Routine designations: kinds of collection or disclosure done in the normal course.

An APO designates for an organization (``organization_id`` set); the CPO designates
citywide (``organization_id`` is null). ``never_routine`` marks the opposite: a kind of
disclosure that may never be treated as routine and needs the extra review.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base, StrEnumType, utcnow
from cityprivacy.store.enums import AppliesTo, RecipientType

__all__ = ["RoutineDesignation"]


class RoutineDesignation(Base):
    """One designation, by an APO for an organization or by the CPO citywide."""

    __tablename__ = "routine_designations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    applies_to: Mapped[AppliesTo] = mapped_column(StrEnumType(AppliesTo, 16))
    types: Mapped[list[str]]
    taxonomy_version: Mapped[str] = mapped_column(String(64))
    recipient_type: Mapped[RecipientType | None] = mapped_column(StrEnumType(RecipientType))
    purpose: Mapped[str] = mapped_column(Text)
    agreement_required: Mapped[bool] = mapped_column(default=False)
    never_routine: Mapped[bool] = mapped_column(default=False)
    effective_from: Mapped[date]
    review_on: Mapped[date | None]
    revoked_at: Mapped[datetime | None]
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API
