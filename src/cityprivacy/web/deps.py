"""Request-scoped dependencies: the office, one unit of work per request, and look-ups.

:data:`UnitDep` opens ``office.unit(actor)`` around the route function: one transaction
per request, committed (with its audit events) after the route returned and its response
was built, but *before* the response is sent, so a conflict found at commit still
answers 409 and nothing is reported done that was rolled back. Any error rolls it back.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request

from cityprivacy.govern import Office, OfficeUnit
from cityprivacy.web.auth import ActorDep
from cityprivacy.web.lookups import Lookups
from cityprivacy.web.schemas.base import MAX_INT

__all__ = ["IdPath", "LookupsDep", "OfficeDep", "UnitDep", "get_office", "get_unit"]

IdPath = Annotated[int, Path(ge=1, le=MAX_INT, description="The record's id.")]


async def get_office(request: Request) -> Office:
    office: Office = request.app.state.office
    return office


OfficeDep = Annotated[Office, Depends(get_office)]


def get_unit(office: OfficeDep, actor: ActorDep) -> Iterator[OfficeUnit]:
    with office.unit(actor) as unit:
        yield unit


UnitDep = Annotated[OfficeUnit, Depends(get_unit, scope="function")]


async def get_lookups(unit: UnitDep, request: Request) -> Lookups:
    return Lookups(unit, request.app.state.names)


LookupsDep = Annotated[Lookups, Depends(get_lookups)]
