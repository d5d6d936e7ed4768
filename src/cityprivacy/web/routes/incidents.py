"""``/incidents``: unauthorized disclosures and security breaches, and their notifications."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cityprivacy.govern import OfficeUnit, Role
from cityprivacy.govern.roles import OFFICE_WRITERS
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import IdPath, LookupsDep, UnitDep
from cityprivacy.web.lookups import Lookups
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import record_out
from cityprivacy.web.schemas.incidents import (
    IncidentDetail,
    IncidentIn,
    IncidentOut,
    NotificationIn,
    NotificationOut,
)

__all__ = ["router"]

router = APIRouter(tags=["incidents"])
_WRITERS = allow(*OFFICE_WRITERS)


def _detail(o: OfficeUnit, incident_id: int, lookups: Lookups) -> IncidentDetail:
    incident = o.incidents.get(incident_id)
    notifications = [
        NotificationOut.model_validate(n, from_attributes=True)
        for n in o.incidents.notifications(incident_id)
    ]
    return record_out(IncidentDetail, incident, lookups, notifications=notifications)


@router.post("/incidents", status_code=201, dependencies=[_WRITERS])
def create_incident(body: IncidentIn, o: UnitDep, lookups: LookupsDep) -> IncidentDetail:
    """Record an incident; the answer lists the notification duties it brings."""
    incident = o.incidents.create(
        organization_code=body.agency_code,
        kind=body.kind,
        discovered_at=body.discovered_at,
        categories=body.categories,
        summary=body.summary,
        system_ids=body.system_ids,
        people_affected=body.people_affected,
        ny_residents_affected=body.ny_residents_affected,
        data_owned=body.data_owned,
        linked_incident_id=body.linked_incident_id,
        law_enforcement_delay=body.law_enforcement_delay,
        law_enforcement_delay_until=body.law_enforcement_delay_until,
    )
    return _detail(o, incident.id, lookups)


@router.get("/incidents", dependencies=[allow(*Role)])
def list_incidents(
    o: UnitDep,
    lookups: LookupsDep,
    page: PageDep,
    open_only: Annotated[bool, Query(description="Only incidents still open.")] = False,
) -> Page[IncidentOut]:
    incidents = o.incidents.list(open_only=open_only)
    return page.cut(incidents, lambda i: record_out(IncidentOut, i, lookups))


@router.get("/incidents/{incident_id}", dependencies=[allow(*Role)])
def get_incident(incident_id: IdPath, o: UnitDep, lookups: LookupsDep) -> IncidentDetail:
    return _detail(o, incident_id, lookups)


@router.post("/incidents/{incident_id}/notifications", dependencies=[_WRITERS])
def record_notification(
    incident_id: IdPath, body: NotificationIn, o: UnitDep, lookups: LookupsDep
) -> IncidentDetail:
    """Mark a notification duty done; notifying 5,000+ residents adds a duty."""
    o.incidents.record_notification(
        incident_id,
        body.party,
        notified_at=body.notified_at,
        count_notified=body.count_notified,
        note=body.note,
    )
    return _detail(o, incident_id, lookups)


@router.post("/incidents/{incident_id}/lift-delay", dependencies=[_WRITERS])
def lift_delay(incident_id: IdPath, o: UnitDep, lookups: LookupsDep) -> IncidentDetail:
    """Law enforcement no longer asks to wait: the individuals' notification is due."""
    o.incidents.lift_delay(incident_id)
    return _detail(o, incident_id, lookups)


@router.post("/incidents/{incident_id}/close", dependencies=[_WRITERS])
def close_incident(incident_id: IdPath, o: UnitDep, lookups: LookupsDep) -> IncidentDetail:
    """Close an incident once no notification is pending or delayed."""
    o.incidents.close(incident_id)
    return _detail(o, incident_id, lookups)
