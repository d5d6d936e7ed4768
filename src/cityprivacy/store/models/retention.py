"""Retention schedules, disposal requests and legal holds.

No record is disposed of without both the records office (DORIS) and the law department
(Corporation Counsel) approving, and never while a legal hold covers it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base, StrEnumType, utcnow
from cityprivacy.store.enums import DisposalStatus

__all__ = ["DisposalRequest", "LegalHold", "RetentionSchedule"]


class RetentionSchedule(Base):
    """An item of a records retention schedule, and why keeping the records serves the mission."""

    __tablename__ = "retention_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    schedule_item: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    period_months: Mapped[int | None]  # None: permanent
    trigger_event: Mapped[str] = mapped_column(String(200))
    disposal_method: Mapped[str] = mapped_column(String(100))
    justification: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DisposalRequest(Base):
    """A request to dispose of records under a schedule item, with its two approvals."""

    __tablename__ = "disposal_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("retention_schedules.id"))
    dataset_id: Mapped[int | None] = mapped_column(ForeignKey("datasets.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[DisposalStatus] = mapped_column(
        StrEnumType(DisposalStatus, 16), default=DisposalStatus.PENDING
    )
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    records_office_ref: Mapped[str] = mapped_column(String(100), default="")
    records_office_approved_at: Mapped[datetime | None]
    law_department_ref: Mapped[str] = mapped_column(String(100), default="")
    law_department_approved_at: Mapped[datetime | None]
    disposed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API


class LegalHold(Base):
    """A hold that blocks disposal of a dataset (or of everything under a schedule item)."""

    __tablename__ = "legal_holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    dataset_id: Mapped[int | None] = mapped_column(ForeignKey("datasets.id"))
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("retention_schedules.id"))
    matter_ref: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    placed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    placed_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None]
