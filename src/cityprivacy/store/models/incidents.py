"""Incidents (unauthorized disclosures and security breaches) and their notification duties."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base, StrEnumType, utcnow
from cityprivacy.store.enums import (
    IncidentKind,
    IncidentStatus,
    NotificationParty,
    NotificationStatus,
)

__all__ = ["Incident", "IncidentNotification", "IncidentSystem"]


class Incident(Base):
    """One compliance event; a breach and the unauthorized disclosure it caused are linked."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    kind: Mapped[IncidentKind] = mapped_column(StrEnumType(IncidentKind))
    linked_incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    summary: Mapped[str] = mapped_column(Text, default="")
    discovered_at: Mapped[datetime]
    types: Mapped[list[str]]
    taxonomy_version: Mapped[str] = mapped_column(String(64))
    private_information: Mapped[bool] = mapped_column(default=False)
    data_owned: Mapped[bool] = mapped_column(default=True)
    people_affected: Mapped[int | None]
    ny_residents_affected: Mapped[int | None]
    law_enforcement_delay: Mapped[bool] = mapped_column(default=False)
    law_enforcement_delay_until: Mapped[date | None]
    status: Mapped[IncidentStatus] = mapped_column(
        StrEnumType(IncidentStatus, 16), default=IncidentStatus.OPEN
    )
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API


class IncidentSystem(Base):
    """A system affected by an incident."""

    __tablename__ = "incident_systems"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("systems.id"), primary_key=True)


class IncidentNotification(Base):
    """One notification duty of an incident and where it stands."""

    __tablename__ = "incident_notifications"
    __table_args__ = (UniqueConstraint("incident_id", "party"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    party: Mapped[NotificationParty] = mapped_column(StrEnumType(NotificationParty))
    status: Mapped[NotificationStatus] = mapped_column(StrEnumType(NotificationStatus, 16))
    notified_at: Mapped[datetime | None]
    count_notified: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
