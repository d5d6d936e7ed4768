"""The audit trail: append-only, hash-chained events, and the head of the chain.

``seq`` orders the chain (1, 2, 3...). Each event's ``hash`` is SHA-256 over the previous
event's hash and the event's canonical JSON form (see :mod:`cityprivacy.govern.audit`).
``changes`` holds that canonical JSON of the changed fields as text, so verification hashes
exactly the bytes that were stored. :class:`AuditHead` (one row) holds the last ``seq`` and
hash: appending locks it, which serializes appends, and it exposes a truncated tail.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base

__all__ = ["GENESIS_HASH", "AuditEvent", "AuditHead"]

GENESIS_HASH = "0" * 64
"""The "previous hash" of the first event."""


class AuditEvent(Base):
    """One state change: who (user id), what (action, entity), which fields; nothing in clear."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    occurred_at: Mapped[datetime]
    actor_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    organization_id: Mapped[int | None]
    changes: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The single row that records the end of the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
