"""``/designations``: routine (and never-routine) designations, by an APO or the CPO."""

from __future__ import annotations

from fastapi import APIRouter

from cityprivacy.govern import Role
from cityprivacy.govern.roles import REVIEWERS
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import IdPath, LookupsDep, UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import record_out
from cityprivacy.web.schemas.records import DesignationIn, DesignationOut

__all__ = ["router"]

router = APIRouter(tags=["designations"])


@router.post("/designations", status_code=201, dependencies=[allow(*REVIEWERS)])
def create_designation(body: DesignationIn, o: UnitDep, lookups: LookupsDep) -> DesignationOut:
    """Designate a kind of disclosure (or collection) as routine, or as never routine.

    With ``agency_code``: the agency's APO (or the CPO); without: citywide, the CPO only.
    """
    designation = o.designations.create(
        categories=body.categories,
        purpose=body.purpose,
        effective_from=body.effective_from,
        organization_code=body.agency_code,
        applies_to=body.applies_to,
        recipient_type=body.recipient_type,
        agreement_required=body.agreement_required,
        never_routine=body.never_routine,
        review_on=body.review_on,
    )
    return record_out(DesignationOut, designation, lookups)


@router.get("/designations", dependencies=[allow(*Role)])
def list_designations(o: UnitDep, lookups: LookupsDep, page: PageDep) -> Page[DesignationOut]:
    """Your organizations' designations and the citywide ones."""
    return page.cut(o.designations.list(), lambda d: record_out(DesignationOut, d, lookups))


@router.get("/designations/{designation_id}", dependencies=[allow(*Role)])
def get_designation(designation_id: IdPath, o: UnitDep, lookups: LookupsDep) -> DesignationOut:
    return record_out(DesignationOut, o.designations.get(designation_id), lookups)


@router.post("/designations/{designation_id}/revoke", dependencies=[allow(*REVIEWERS)])
def revoke_designation(designation_id: IdPath, o: UnitDep, lookups: LookupsDep) -> DesignationOut:
    """End a designation now; later submissions no longer match it."""
    return record_out(DesignationOut, o.designations.revoke(designation_id), lookups)
