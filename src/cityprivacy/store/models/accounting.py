"""The accounting of disclosures: who received data about whom, without names.

Each entry links one disclosure to one person, who appears only as a keyed hash
(HMAC-SHA-256 under the office key's ``accounting`` subkey) of their identifier.
``key_fingerprint`` tells which key made the hash, so entries survive a key rotation.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base

__all__ = ["AccountingEntry"]


class AccountingEntry(Base):
    """One person concerned by one disclosure, kept at least until ``keep_until``."""

    __tablename__ = "accounting_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    subject_hash: Mapped[str] = mapped_column(String(64), index=True)
    key_fingerprint: Mapped[str] = mapped_column(String(16))
    disclosed_at: Mapped[datetime]
    keep_until: Mapped[date]
