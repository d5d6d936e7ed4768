"""Receipts: the SHA-256 of each extract file, kept with its disclosure and in the audit trail.

An extract's receipt is a :class:`~cityprivacy.store.models.DisclosureAttachment` of the
disclosure it was made under (name, media type, size, SHA-256), recorded in the same
transaction as the disclosure itself; its ``disclosure.attach`` audit event holds the
SHA-256, so the hash chain vouches for it. :func:`find_receipt` answers "was this exact
file disclosed under this agreement?": one changed byte, and it was not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from cityprivacy.errors import InputError
from cityprivacy.govern.scope import scoped
from cityprivacy.store.enums import DisclosureStatus
from cityprivacy.store.models import Disclosure, DisclosureAttachment

if TYPE_CHECKING:
    from cityprivacy.govern.office import OfficeUnit

__all__ = ["EXTRACT_METHOD", "MEDIA_TYPES", "Receipt", "file_sha256", "find_receipt"]

EXTRACT_METHOD = "cityprivacy share extract"
"""The method recorded on every disclosure made by an extract."""

MEDIA_TYPES = {
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".parquet": "application/vnd.apache.parquet",
    ".pq": "application/vnd.apache.parquet",
    ".jsonl": "application/jsonl",
    ".ndjson": "application/jsonl",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as 64 lower-case hex digits."""
    try:
        with Path(path).open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from None


@dataclass(frozen=True, slots=True)
class Receipt:
    """The disclosure a file was sent under."""

    agreement_id: int
    disclosure_id: int
    sha256: str
    size_bytes: int
    filename: str
    disclosed_at: datetime | None


def find_receipt(o: OfficeUnit, agreement_id: int, path: Path) -> tuple[str, Receipt | None]:
    """The file's SHA-256 and the receipt with that hash under the agreement (or None)."""
    digest = file_sha256(path)
    o.agreements.get(agreement_id)  # NotFoundError outside the actor's scope
    stmt = scoped(
        select(DisclosureAttachment, Disclosure)
        .join(Disclosure, Disclosure.id == DisclosureAttachment.disclosure_id)
        .where(
            Disclosure.agreement_id == agreement_id,
            Disclosure.status == DisclosureStatus.DISCLOSED,
            Disclosure.method == EXTRACT_METHOD,
            DisclosureAttachment.sha256 == digest,
        )
        .order_by(DisclosureAttachment.id),
        o.actor,
        Disclosure.organization_id,
    )
    row = o.context.session.execute(stmt.limit(1)).first()
    if row is None:
        return digest, None
    attachment, disclosure = row
    receipt = Receipt(
        agreement_id=agreement_id,
        disclosure_id=disclosure.id,
        sha256=digest,
        size_bytes=attachment.size_bytes,
        filename=attachment.filename,
        disclosed_at=disclosure.disclosed_at,
    )
    return digest, receipt
