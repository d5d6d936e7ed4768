"""Office records → response bodies (organizations by code, types as ``categories``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from cityprivacy.govern import AccountingRecord, DisclosureHistory, ExigentStatus
from cityprivacy.taxonomy import Taxonomy
from cityprivacy.web.lookups import Lookups
from cityprivacy.web.schemas.disclosures import (
    AccountingRecordOut,
    AttachmentOut,
    AuditEventOut,
    DisclosureDetail,
    DisclosureOut,
    ExigentStatusOut,
    ReviewOut,
)
from cityprivacy.web.schemas.inventory import TaxonomyOut, TypeOut

__all__ = [
    "accounting_out",
    "audit_event_out",
    "disclosure_detail",
    "disclosure_out",
    "exigent_out",
    "record_out",
    "taxonomy_out",
]


M = TypeVar("M", bound=BaseModel)


def record_out(model: type[M], record: object, lookups: Lookups, **extra: Any) -> M:
    """``record`` as ``model``: its same-named attributes, ``agency_code`` from its
    organization, ``categories`` from its taxonomy ``types``, and ``extra``."""
    data: dict[str, Any] = {}
    for name in model.model_fields:
        if name in extra:
            data[name] = extra[name]
        elif name == "agency_code":
            data[name] = lookups.code(getattr(record, "organization_id"))  # noqa: B009
        elif name == "categories":
            data[name] = list(getattr(record, "types"))  # noqa: B009
        else:
            data[name] = getattr(record, name)
    return model.model_validate(data)


def disclosure_out(record: Any, lookups: Lookups) -> DisclosureOut:
    division = lookups.division(record.organization_id, record.division_id)
    return record_out(DisclosureOut, record, lookups, division=division)


def audit_event_out(event: Any) -> AuditEventOut:
    return AuditEventOut(
        seq=event.seq,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        action=event.action,
        entity_type=event.entity_type,
        entity_id=event.entity_id,
        organization_id=event.organization_id,
        changes=json.loads(event.changes),
        prev_hash=event.prev_hash,
        hash=event.hash,
    )


def disclosure_detail(
    history: DisclosureHistory, attachments: Sequence[Any], lookups: Lookups
) -> DisclosureDetail:
    record = history.disclosure
    return record_out(
        DisclosureDetail,
        record,
        lookups,
        division=lookups.division(record.organization_id, record.division_id),
        reviews=[ReviewOut.model_validate(r, from_attributes=True) for r in history.reviews],
        attachments=[AttachmentOut.model_validate(a, from_attributes=True) for a in attachments],
        history=[audit_event_out(e) for e in history.events],
    )


def exigent_out(status: ExigentStatus) -> ExigentStatusOut:
    return ExigentStatusOut(
        disclosure_id=status.disclosure_id,
        disclosed_at=status.disclosed_at,
        apo_due=status.apo_due,
        apo_state=status.apo_state,
        cpo_due=status.cpo_due,
        cpo_state=status.cpo_state,
        flagged=status.flagged,
    )


def accounting_out(record: AccountingRecord) -> AccountingRecordOut:
    return AccountingRecordOut(
        disclosure_id=record.disclosure_id,
        agency_code=record.organization_code,
        recipient_name=record.recipient_name,
        recipient_type=record.recipient_type,
        categories=list(record.types),
        basis=record.basis,
        disclosed_at=record.disclosed_at,
    )


def taxonomy_out(taxonomy: Taxonomy) -> TaxonomyOut:
    return TaxonomyOut(
        version=taxonomy.version,
        types=[
            TypeOut.model_validate(t.model_dump(include=set(TypeOut.model_fields)))
            for t in taxonomy.types.values()
        ],
    )
