"""The accounting of disclosures: answering "who received data about this person?".

People are stored only as keyed hashes: HMAC-SHA-256 under the office key's
``accounting`` subkey (HKDF), over the identifier with whitespace collapsed and case
folded. Without the key the hashes cannot be tested against guesses; with it, the office
can answer a person's question. Entries are kept at least ``accounting_retention_years``
after the disclosure (:meth:`Accounting.purge_expired` deletes them afterwards). Every
look-up is itself audited (by the hash, never the identifier).

**Key rotation.** Each entry keeps the fingerprint of the key that hashed it. The hashes
cannot be recomputed under a new key, since the identifiers are not kept in clear, so
entries made under an earlier key stay as they are: list the earlier key files in the
``previous_key_files`` setting and a look-up hashes the identifier under the current key
and under every earlier key whose fingerprint occurs in the accounting. New entries are
always made under the current key; once the last entry of an earlier key is purged, that
key can be dropped from the setting.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from hashlib import sha256

from sqlalchemy import and_, delete, func, or_, select

from cityprivacy.errors import InputError
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import require_role
from cityprivacy.govern.scope import scoped
from cityprivacy.protect.keys import SecretKey
from cityprivacy.store.enums import Basis, RecipientType, Role
from cityprivacy.store.models import AccountingEntry, Disclosure, Organization

__all__ = ["Accounting", "AccountingRecord", "normalize_identifier", "subject_hash"]

KEY_PURPOSE = "accounting"
_READERS = frozenset({Role.APO, Role.CPO, Role.AUDITOR})
_PURGERS = frozenset({Role.CPO})


def normalize_identifier(identifier: str) -> str:
    """The identifier as hashed: whitespace collapsed, case folded."""
    return " ".join(identifier.split()).casefold()


def subject_hash(key: SecretKey, identifier: str) -> str:
    """The keyed hash (hex) that stands for a person in the accounting."""
    normalized = normalize_identifier(identifier)
    if not normalized:
        raise InputError("subjects: an identifier is empty")
    return hmac.new(key.derive(KEY_PURPOSE), normalized.encode("utf-8"), sha256).hexdigest()


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True, slots=True)
class AccountingRecord:
    """One disclosure that concerned the person asked about."""

    disclosure_id: int
    organization_code: str
    recipient_name: str
    recipient_type: RecipientType
    types: tuple[str, ...]
    basis: Basis
    disclosed_at: datetime


class Accounting:
    """Record who a disclosure concerned, and answer who received data about someone."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def record(self, disclosure: Disclosure, subjects: Iterable[str]) -> int:
        """Entries for ``subjects`` of a disclosure made (called by the disclosure workflow)."""
        ctx = self._ctx
        subjects = list(subjects)
        if not subjects:
            return 0
        assert disclosure.disclosed_at is not None
        key = ctx.tools.key()
        hashes = sorted({subject_hash(key, s) for s in subjects})
        keep_until = _add_years(
            disclosure.disclosed_at.date(), ctx.tools.settings.accounting_retention_years
        )
        ctx.session.add_all(
            AccountingEntry(
                disclosure_id=disclosure.id,
                organization_id=disclosure.organization_id,
                subject_hash=digest,
                key_fingerprint=key.fingerprint,
                disclosed_at=disclosure.disclosed_at,
                keep_until=keep_until,
            )
            for digest in hashes
        )
        return len(hashes)

    def keys(self) -> list[SecretKey]:
        """The current key, then each earlier key of ``previous_key_files`` (no repeats)."""
        ctx = self._ctx
        keys = [ctx.tools.key()]
        for path in ctx.tools.settings.previous_key_files:
            key = SecretKey.from_file(path)
            if all(key.fingerprint != known.fingerprint for known in keys):
                keys.append(key)
        return keys

    def _digests(self, identifier: str) -> dict[str, str]:
        """The identifier's hash under each known key used by some entry, by fingerprint."""
        ctx = self._ctx
        keys = self.keys()
        used = set(ctx.session.scalars(select(AccountingEntry.key_fingerprint).distinct()))
        return {
            key.fingerprint: subject_hash(key, identifier)
            for index, key in enumerate(keys)
            if index == 0 or key.fingerprint in used
        }

    def who_received(self, identifier: str) -> Sequence[AccountingRecord]:
        """Disclosures about the person ``identifier`` (CPO, auditors, APOs for their scope),
        under the current key and every earlier one still in use."""
        ctx = self._ctx
        require_role(ctx.actor, _READERS, "look up the accounting of disclosures")
        digests = self._digests(identifier)
        current = digests[ctx.tools.key().fingerprint]
        match = or_(
            *(
                and_(AccountingEntry.key_fingerprint == fp, AccountingEntry.subject_hash == d)
                for fp, d in digests.items()
            )
        )
        stmt = scoped(
            select(Disclosure, Organization.code)
            .join(AccountingEntry, AccountingEntry.disclosure_id == Disclosure.id)
            .join(Organization, Organization.id == Disclosure.organization_id)
            .where(match),
            ctx.actor,
            AccountingEntry.organization_id,
        ).order_by(Disclosure.disclosed_at, Disclosure.id)
        records = [
            AccountingRecord(
                disclosure_id=d.id,
                organization_code=code,
                recipient_name=d.recipient_name,
                recipient_type=d.recipient_type,
                types=tuple(d.types),
                basis=d.basis,
                disclosed_at=d.disclosed_at or d.created_at,
            )
            for d, code in ctx.session.execute(stmt)
        ]
        ctx.audit(
            "accounting.lookup", "subject", current, ctx.actor.organization_id,
            {"matches": len(records), "keys": len(digests)},
        )  # fmt: skip
        return records

    def _may_purge(self) -> None:
        actor = self._ctx.actor
        if actor.user_id is None and actor.role is Role.ADMIN:
            return  # the local administrator's scheduled purge (direct database access)
        require_role(actor, _PURGERS, "purge the accounting of disclosures")

    def purge_expired(self, *, dry_run: bool = False) -> int:
        """Delete entries past their retention date, or only count them with ``dry_run``
        (the CPO, or the local administrator's scheduled job); returns how many."""
        ctx = self._ctx
        self._may_purge()
        today = ctx.now().date()
        expired = AccountingEntry.keep_until < today
        if dry_run:
            counted = ctx.session.scalar(select(func.count()).where(expired))
            return int(counted or 0)
        result = ctx.session.execute(
            delete(AccountingEntry).where(expired).execution_options(synchronize_session=False)
        )
        count = int(getattr(result, "rowcount", 0) or 0)
        ctx.audit("accounting.purge", "accounting", today.isoformat(), None, {"entries": count})
        return count
