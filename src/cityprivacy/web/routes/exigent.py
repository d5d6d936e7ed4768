"""``/exigent``: disclosures made in exigent circumstances, recorded and reported after."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cityprivacy.govern import Role
from cityprivacy.govern.roles import OFFICE_WRITERS
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import IdPath, LookupsDep, UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import disclosure_out, exigent_out
from cityprivacy.web.schemas.disclosures import (
    DisclosureOut,
    ExigentIn,
    ExigentReportIn,
    ExigentStatusOut,
)

__all__ = ["router"]

router = APIRouter(tags=["exigent disclosures"])
_WRITERS = allow(*OFFICE_WRITERS)


@router.post("/exigent", status_code=201, dependencies=[_WRITERS])
def record_exigent(body: ExigentIn, o: UnitDep, lookups: LookupsDep) -> DisclosureOut:
    """Record a disclosure made in exigent circumstances, with the facts, after the fact."""
    record = o.disclosures.record_exigent(body.disclosure, body.made, facts=body.facts)
    return disclosure_out(record, lookups)


@router.get("/exigent", dependencies=[allow(*Role)])
def list_exigent(
    o: UnitDep,
    page: PageDep,
    flagged: Annotated[
        bool, Query(description="Only those with a report overdue or made late.")
    ] = False,
) -> Page[ExigentStatusOut]:
    """Exigent disclosures and where their reports to the APO and the CPO stand."""
    statuses = o.exigent.overdue() if flagged else o.exigent.all()
    return page.cut(statuses, exigent_out)


@router.post("/exigent/{disclosure_id}/reports", dependencies=[_WRITERS])
def record_exigent_report(
    disclosure_id: IdPath, body: ExigentReportIn, o: UnitDep
) -> ExigentStatusOut:
    """It was reported to the APO (staff, APO, CPO), or by the APO to the CPO (APO, CPO)."""
    if body.to == "apo":
        record = o.exigent.reported_to_apo(disclosure_id, body.at)
    else:
        record = o.exigent.reported_to_cpo(disclosure_id, body.at)
    return exigent_out(o.exigent.status_of(record))
