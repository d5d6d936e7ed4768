"""Reading the audit trail (everyone but staff sees what their scope allows)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from cityprivacy.govern.audit import AuditReport, verify
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import require_role
from cityprivacy.govern.scope import scoped
from cityprivacy.store.enums import Role
from cityprivacy.store.models import AuditEvent

__all__ = ["AuditLog"]

_READERS = frozenset({Role.APO, Role.CPO, Role.AUDITOR, Role.ADMIN})
_VERIFIERS = frozenset({Role.CPO, Role.AUDITOR, Role.ADMIN})


class AuditLog:
    """List events and verify the chain."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def events(
        self,
        *,
        entity_type: str | None = None,
        entity_id: str | None = None,
        after_seq: int = 0,
        limit: int = 100,
    ) -> Sequence[AuditEvent]:
        """Events in chain order after ``after_seq`` (APOs: their organizations' events)."""
        ctx = self._ctx
        require_role(ctx.actor, _READERS, "read the audit trail")
        stmt = scoped(select(AuditEvent), ctx.actor, AuditEvent.organization_id)
        stmt = stmt.where(AuditEvent.seq > after_seq)
        if entity_type is not None:
            stmt = stmt.where(AuditEvent.entity_type == entity_type)
        if entity_id is not None:
            stmt = stmt.where(AuditEvent.entity_id == entity_id)
        limit = max(1, min(limit, 1000))
        return ctx.session.scalars(stmt.order_by(AuditEvent.seq).limit(limit)).all()

    def verify(self) -> AuditReport:
        """Verify the whole chain (CPO, auditors, administrators)."""
        require_role(self._ctx.actor, _VERIFIERS, "verify the audit trail")
        return verify(self._ctx.session.connection())
