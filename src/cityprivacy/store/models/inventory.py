"""The inventory: systems → datasets → fields, each field with its taxonomy types.

Every record that names identifying-information types keeps the taxonomy keys *and* the
taxonomy version they were chosen under, so a later edit of the taxonomy never changes
what an old record meant.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base, StrEnumType, utcnow
from cityprivacy.store.enums import CollectionBasis

__all__ = ["DataField", "Dataset", "System"]


class System(Base):
    """An information system an organization runs (or only maintains for an owner)."""

    __tablename__ = "systems"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Dataset(Base):
    """A dataset held in a system, with its purpose and retention schedule."""

    __tablename__ = "datasets"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("systems.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    mission_justification: Mapped[str] = mapped_column(Text, default="")
    retention_schedule_id: Mapped[int | None] = mapped_column(ForeignKey("retention_schedules.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DataField(Base):
    """A field of a dataset: its types, why it is collected and how long it is kept."""

    __tablename__ = "fields"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    types: Mapped[list[str]]
    taxonomy_version: Mapped[str] = mapped_column(String(64))
    collection_basis: Mapped[CollectionBasis] = mapped_column(StrEnumType(CollectionBasis))
    purpose: Mapped[str] = mapped_column(Text, default="")
    mission_justification: Mapped[str] = mapped_column(Text, default="")
    retention_schedule_id: Mapped[int | None] = mapped_column(ForeignKey("retention_schedules.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
