"""``/audit``: the hash-chained audit trail, and its verification."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cityprivacy.govern import Role
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import UnitDep
from cityprivacy.web.pagination import MAX_LIMIT, Page
from cityprivacy.web.render import audit_event_out
from cityprivacy.web.schemas.disclosures import AuditEventOut, VerifyOut

__all__ = ["router"]

router = APIRouter(tags=["audit"])
_READERS = (Role.APO, Role.CPO, Role.AUDITOR, Role.ADMIN)
_VERIFIERS = (Role.CPO, Role.AUDITOR, Role.ADMIN)


@router.get("/audit/events", dependencies=[allow(*_READERS)])
def list_events(
    o: UnitDep,
    after_seq: Annotated[
        int, Query(ge=0, le=2**62, description="Events after this one (a cursor).")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    entity_type: Annotated[str | None, Query(max_length=64)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Page[AuditEventOut]:
    """Events in chain order (APOs: their organizations'). Page with ``after_seq``: the
    next page starts after the last ``seq`` returned (``next_offset``)."""
    events = o.audit.events(
        entity_type=entity_type, entity_id=entity_id, after_seq=after_seq, limit=limit + 1
    )
    items = [audit_event_out(e) for e in events[:limit]]
    more = len(events) > limit
    return Page[AuditEventOut](
        items=items,
        limit=limit,
        offset=after_seq,
        next_offset=items[-1].seq if more and items else None,
    )


@router.get("/audit/verify", dependencies=[allow(*_VERIFIERS)])
def verify_chain(o: UnitDep) -> VerifyOut:
    """Walk the whole chain; name the first event edited, deleted or moved, if any."""
    report = o.audit.verify()
    return VerifyOut(
        ok=report.ok,
        events=report.events,
        first_bad_event=report.first_bad_event,
        reason=report.reason,
    )
