"""Citywide rules checked when a disclosure is submitted (configurable by the CPO)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base, utcnow

__all__ = ["CitywideRule"]


class CitywideRule(Base):
    """Refuse a disclosure of any of ``types`` to matching recipients unless the basis is allowed.

    A recipient matches when its type is in ``recipient_types`` (empty: any type) and it
    carries one of ``recipient_tags`` (empty: any recipient).
    """

    __tablename__ = "citywide_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    description: Mapped[str] = mapped_column(Text)
    types: Mapped[list[str]]
    taxonomy_version: Mapped[str] = mapped_column(String(64))
    recipient_types: Mapped[list[str]]
    recipient_tags: Mapped[list[str]]
    allowed_bases: Mapped[list[str]]
    active: Mapped[bool] = mapped_column(default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
