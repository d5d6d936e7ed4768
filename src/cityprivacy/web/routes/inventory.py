"""``/systems``, ``/datasets``, ``/fields``, ``/retention-schedules``: the inventory."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cityprivacy.govern import Role
from cityprivacy.govern.roles import OFFICE_WRITERS, REVIEWERS
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import LookupsDep, UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import record_out
from cityprivacy.web.schemas.base import MAX_INT
from cityprivacy.web.schemas.inventory import (
    DatasetIn,
    DatasetOut,
    FieldIn,
    FieldOut,
    ScheduleIn,
    ScheduleOut,
    SystemIn,
    SystemOut,
)

__all__ = ["router"]

router = APIRouter(tags=["inventory"])
_WRITERS = allow(*OFFICE_WRITERS)
_READERS = allow(*Role)


@router.post("/systems", status_code=201, dependencies=[_WRITERS])
def create_system(body: SystemIn, o: UnitDep, lookups: LookupsDep) -> SystemOut:
    """Register a system of an organization (``owner_code``: the data's owner, if another)."""
    system = o.inventory.create_system(
        body.agency_code, body.name, body.description, owner_code=body.owner_code
    )
    return record_out(
        SystemOut, system, lookups, owner_code=lookups.visible_code(system.owner_organization_id)
    )


@router.get("/systems", dependencies=[_READERS])
def list_systems(o: UnitDep, lookups: LookupsDep, page: PageDep) -> Page[SystemOut]:
    return page.cut(
        o.inventory.systems(),
        lambda s: record_out(
            SystemOut, s, lookups, owner_code=lookups.visible_code(s.owner_organization_id)
        ),
    )


@router.post("/datasets", status_code=201, dependencies=[_WRITERS])
def create_dataset(body: DatasetIn, o: UnitDep, lookups: LookupsDep) -> DatasetOut:
    dataset = o.inventory.create_dataset(
        body.system_id,
        body.name,
        purpose=body.purpose,
        mission_justification=body.mission_justification,
        retention_schedule_id=body.retention_schedule_id,
    )
    return record_out(DatasetOut, dataset, lookups)


@router.get("/datasets", dependencies=[_READERS])
def list_datasets(
    o: UnitDep,
    lookups: LookupsDep,
    page: PageDep,
    system_id: Annotated[
        int | None, Query(ge=1, le=MAX_INT, description="Only this system's datasets.")
    ] = None,
) -> Page[DatasetOut]:
    return page.cut(o.inventory.datasets(system_id), lambda d: record_out(DatasetOut, d, lookups))


@router.post("/fields", status_code=201, dependencies=[_WRITERS])
def create_field(body: FieldIn, o: UnitDep, lookups: LookupsDep) -> FieldOut:
    """A field of a dataset, with its taxonomy types and collection basis."""
    field = o.inventory.create_field(
        body.dataset_id,
        body.name,
        categories=body.categories,
        collection_basis=body.collection_basis,
        purpose=body.purpose,
        mission_justification=body.mission_justification,
        retention_schedule_id=body.retention_schedule_id,
    )
    return record_out(FieldOut, field, lookups)


@router.get("/fields", dependencies=[_READERS])
def list_fields(
    o: UnitDep,
    lookups: LookupsDep,
    page: PageDep,
    dataset_id: Annotated[
        int | None, Query(ge=1, le=MAX_INT, description="Only this dataset's fields.")
    ] = None,
) -> Page[FieldOut]:
    return page.cut(o.inventory.fields(dataset_id), lambda f: record_out(FieldOut, f, lookups))


@router.post("/retention-schedules", status_code=201, dependencies=[allow(*REVIEWERS)])
def create_schedule(body: ScheduleIn, o: UnitDep, lookups: LookupsDep) -> ScheduleOut:
    """A records retention schedule item, and why keeping serves the mission (APO, CPO)."""
    schedule = o.retention.create_schedule(
        organization_code=body.agency_code,
        schedule_item=body.schedule_item,
        title=body.title,
        period_months=body.period_months,
        trigger_event=body.trigger_event,
        disposal_method=body.disposal_method,
        justification=body.justification,
    )
    return record_out(ScheduleOut, schedule, lookups)


@router.get("/retention-schedules", dependencies=[_READERS])
def list_schedules(o: UnitDep, lookups: LookupsDep, page: PageDep) -> Page[ScheduleOut]:
    return page.cut(o.retention.schedules(), lambda s: record_out(ScheduleOut, s, lookups))
