"""``/disposal-requests`` and ``/legal-holds``: disposing of records, and what blocks it.

A disposal request is approved once the records office and the law department have both
approved it (each recorded with its reference, by an APO or the CPO); ``/dispose`` records
that the records are gone and is refused (409) while a legal hold covers the dataset or
the schedule item. Another agency's request or hold answers 404.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cityprivacy.govern import DisposalStatus, Role
from cityprivacy.govern.roles import OFFICE_WRITERS, REVIEWERS
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import IdPath, LookupsDep, UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import record_out
from cityprivacy.web.schemas.retention import (
    DisposalApprovalIn,
    DisposalIn,
    DisposalOut,
    DisposalRejectionIn,
    DisposeIn,
    HoldIn,
    HoldOut,
)

__all__ = ["router"]

router = APIRouter(tags=["retention"])
_REVIEWERS = allow(*REVIEWERS)
_READERS = allow(*Role)


@router.post("/disposal-requests", status_code=201, dependencies=[allow(*OFFICE_WRITERS)])
def request_disposal(body: DisposalIn, o: UnitDep, lookups: LookupsDep) -> DisposalOut:
    """Ask to dispose of the records under a schedule item (staff, APO, CPO)."""
    request = o.retention.request_disposal(
        body.schedule_id, dataset_id=body.dataset_id, description=body.description
    )
    return record_out(DisposalOut, request, lookups)


@router.get("/disposal-requests", dependencies=[_READERS])
def list_disposals(
    o: UnitDep,
    lookups: LookupsDep,
    page: PageDep,
    status: Annotated[DisposalStatus | None, Query(description="Only this state.")] = None,
) -> Page[DisposalOut]:
    """The disposal requests you may see, oldest first."""
    return page.cut(o.retention.disposals(status), lambda r: record_out(DisposalOut, r, lookups))


@router.get("/disposal-requests/{request_id}", dependencies=[_READERS])
def get_disposal(request_id: IdPath, o: UnitDep, lookups: LookupsDep) -> DisposalOut:
    return record_out(DisposalOut, o.retention.disposal(request_id), lookups)


@router.post("/disposal-requests/{request_id}/approve", dependencies=[_REVIEWERS])
def approve_disposal(
    request_id: IdPath, body: DisposalApprovalIn, o: UnitDep, lookups: LookupsDep
) -> DisposalOut:
    """Record the records office's or the law department's approval (APO, CPO)."""
    request = o.retention.approve_disposal(request_id, body.by, body.reference)
    return record_out(DisposalOut, request, lookups)


@router.post("/disposal-requests/{request_id}/reject", dependencies=[_REVIEWERS])
def reject_disposal(
    request_id: IdPath, body: DisposalRejectionIn, o: UnitDep, lookups: LookupsDep
) -> DisposalOut:
    """Record that one of the two offices refused the disposal (final)."""
    return record_out(DisposalOut, o.retention.reject_disposal(request_id, body.by), lookups)


@router.post("/disposal-requests/{request_id}/dispose", dependencies=[_REVIEWERS])
def dispose(request_id: IdPath, body: DisposeIn, o: UnitDep, lookups: LookupsDep) -> DisposalOut:
    """Record the disposal of an approved request; 409 while a legal hold blocks it."""
    return record_out(DisposalOut, o.retention.dispose(request_id, body.disposed_at), lookups)


@router.post("/legal-holds", status_code=201, dependencies=[_REVIEWERS])
def place_hold(body: HoldIn, o: UnitDep, lookups: LookupsDep) -> HoldOut:
    """Hold a dataset or a schedule item: nothing under it is disposed of (APO, CPO)."""
    hold = o.retention.place_hold(
        organization_code=body.agency_code,
        matter_ref=body.matter_ref,
        dataset_id=body.dataset_id,
        schedule_id=body.schedule_id,
        reason=body.reason,
    )
    return record_out(HoldOut, hold, lookups)


@router.get("/legal-holds", dependencies=[_READERS])
def list_holds(
    o: UnitDep,
    lookups: LookupsDep,
    page: PageDep,
    active: Annotated[bool, Query(description="Only holds not released.")] = False,
) -> Page[HoldOut]:
    """The legal holds you may see, oldest first."""
    return page.cut(
        o.retention.holds(active_only=active), lambda h: record_out(HoldOut, h, lookups)
    )


@router.post("/legal-holds/{hold_id}/release", dependencies=[_REVIEWERS])
def release_hold(hold_id: IdPath, o: UnitDep, lookups: LookupsDep) -> HoldOut:
    """Release a hold; the disposals it blocked may proceed."""
    return record_out(HoldOut, o.retention.release_hold(hold_id), lookups)
