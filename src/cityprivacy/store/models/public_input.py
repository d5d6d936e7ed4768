"""Public input on privacy practices: anyone may submit; nothing shows before moderation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base, StrEnumType, utcnow
from cityprivacy.store.enums import ModerationState

__all__ = ["PublicInput"]


class PublicInput(Base):
    """One submission. ``contact`` is optional and never published or audited."""

    __tablename__ = "public_input"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(320))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    moderation: Mapped[ModerationState] = mapped_column(
        StrEnumType(ModerationState, 16), default=ModerationState.PENDING, index=True
    )
    moderated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API
