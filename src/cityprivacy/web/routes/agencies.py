"""``/agencies``: agencies, their contractors and subcontractors, and their divisions."""

from __future__ import annotations

from fastapi import APIRouter

from cityprivacy.govern import Role
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import LookupsDep, UnitDep
from cityprivacy.web.lookups import Lookups
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import record_out
from cityprivacy.web.schemas.organizations import AgencyDetail, AgencyIn, AgencyOut, DivisionOut

__all__ = ["router"]

router = APIRouter(tags=["agencies"])
_MANAGERS = (Role.ADMIN, Role.CPO)


def _out(organization: object, lookups: Lookups) -> AgencyOut:
    parent = lookups.visible_code(getattr(organization, "parent_id"))  # noqa: B009
    return record_out(AgencyOut, organization, lookups, parent_code=parent)


@router.post("/agencies", status_code=201, dependencies=[allow(*_MANAGERS)])
def create_agency(body: AgencyIn, o: UnitDep, lookups: LookupsDep) -> AgencyOut:
    """Create an agency, or a contractor (subcontractor) under ``parent_code`` (admin, CPO)."""
    return _out(o.agencies.create(body.code, body.name, parent_code=body.parent_code), lookups)


@router.get("/agencies", dependencies=[allow(*Role)])
def list_agencies(o: UnitDep, lookups: LookupsDep, page: PageDep) -> Page[AgencyOut]:
    """The organizations you may see: yours and those under it, or all (CPO, auditor, admin)."""
    return page.cut(o.agencies.list(), lambda org: _out(org, lookups))


@router.get("/agencies/{code}", dependencies=[allow(*Role)])
def get_agency(code: str, o: UnitDep, lookups: LookupsDep) -> AgencyDetail:
    """One organization with its divisions."""
    organization = o.agencies.get(code)
    divisions = [DivisionOut(id=d.id, name=d.name) for d in o.agencies.divisions(code)]
    return record_out(
        AgencyDetail,
        organization,
        lookups,
        parent_code=lookups.visible_code(organization.parent_id),
        divisions=divisions,
    )
