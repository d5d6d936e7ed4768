"""``/disclosures``: requests and proposals, and each step of their workflow.

Each step is one call to the office, which decides whether the caller and the record's
state allow it (409 when the state does not, 422 when a citywide rule refuses it).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cityprivacy.govern import DisclosureStatus, Role
from cityprivacy.govern.roles import OFFICE_WRITERS, REVIEWERS
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import IdPath, LookupsDep, UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import disclosure_detail, disclosure_out
from cityprivacy.web.schemas.disclosures import (
    AgreementChoiceIn,
    CommentIn,
    DisclosureDetail,
    DisclosureIn,
    DisclosureOut,
    MadeIn,
)

__all__ = ["router"]

router = APIRouter(tags=["disclosures"])
_WRITERS = allow(*OFFICE_WRITERS)
_REVIEWERS = allow(*REVIEWERS)


@router.post("/disclosures", status_code=201, dependencies=[_WRITERS])
def create_disclosure(body: DisclosureIn, o: UnitDep, lookups: LookupsDep) -> DisclosureOut:
    """Open a request or proposal as a draft (staff, APO, CPO of the organization)."""
    return disclosure_out(o.disclosures.create(body), lookups)


@router.get("/disclosures", dependencies=[allow(*Role)])
def list_disclosures(
    o: UnitDep,
    lookups: LookupsDep,
    page: PageDep,
    agency_code: Annotated[
        str | None, Query(max_length=32, description="This organization and those under it.")
    ] = None,
    status: Annotated[DisclosureStatus | None, Query(description="Only this state.")] = None,
) -> Page[DisclosureOut]:
    """The disclosures you may see, newest first."""
    records = o.disclosures.list(
        status=status, agency_code=agency_code, limit=page.peek, offset=page.offset
    )
    lookups.load_divisions(d.organization_id for d in records)
    return page.fetched(records, lambda d: disclosure_out(d, lookups))


@router.get("/disclosures/{disclosure_id}", dependencies=[allow(*Role)])
def get_disclosure(disclosure_id: IdPath, o: UnitDep, lookups: LookupsDep) -> DisclosureDetail:
    """A disclosure with its reviews, attachments and audit history."""
    history = o.disclosures.history(disclosure_id)
    return disclosure_detail(history, o.disclosures.attachments(disclosure_id), lookups)


@router.post("/disclosures/{disclosure_id}/submit", dependencies=[_WRITERS])
def submit_disclosure(disclosure_id: IdPath, o: UnitDep, lookups: LookupsDep) -> DisclosureOut:
    """Check the citywide rules, classify, and approve at once when routine."""
    return disclosure_out(o.disclosures.submit(disclosure_id), lookups)


@router.post("/disclosures/{disclosure_id}/approve", dependencies=[_REVIEWERS])
def approve_disclosure(
    disclosure_id: IdPath, body: CommentIn, o: UnitDep, lookups: LookupsDep
) -> DisclosureOut:
    """One approval: the APO's, the second review (another APO or the CPO), or the CPO's."""
    return disclosure_out(o.disclosures.approve(disclosure_id, body.comment), lookups)


@router.post("/disclosures/{disclosure_id}/deny", dependencies=[_REVIEWERS])
def deny_disclosure(
    disclosure_id: IdPath, body: CommentIn, o: UnitDep, lookups: LookupsDep
) -> DisclosureOut:
    return disclosure_out(o.disclosures.deny(disclosure_id, body.comment), lookups)


@router.post("/disclosures/{disclosure_id}/escalate", dependencies=[allow(Role.APO)])
def escalate_disclosure(
    disclosure_id: IdPath, body: CommentIn, o: UnitDep, lookups: LookupsDep
) -> DisclosureOut:
    """Send the decision to the CPO, whose decision is final (APO)."""
    return disclosure_out(o.disclosures.escalate(disclosure_id, body.comment), lookups)


@router.post("/disclosures/{disclosure_id}/disclose", dependencies=[_WRITERS])
def record_disclosed(
    disclosure_id: IdPath, body: MadeIn, o: UnitDep, lookups: LookupsDep
) -> DisclosureOut:
    """Record that an approved disclosure was made; ``subjects`` go to the accounting."""
    return disclosure_out(o.disclosures.disclose(disclosure_id, body), lookups)


@router.post("/disclosures/{disclosure_id}/agreement", dependencies=[_REVIEWERS])
def set_disclosure_agreement(
    disclosure_id: IdPath, body: AgreementChoiceIn, o: UnitDep, lookups: LookupsDep
) -> DisclosureOut:
    """Attach the agreement that covers the disclosure, or record the exception and why."""
    record = o.disclosures.set_agreement(
        disclosure_id,
        agreement_id=body.agreement_id,
        exception=body.exception,
        reason=body.reason,
    )
    return disclosure_out(record, lookups)
