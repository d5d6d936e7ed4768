"""Request-scoped dependencies: the office, one unit of work per request, and look-ups.

:data:`UnitDep` opens ``office.unit(actor)`` around the route function: one transaction
per request, committed (with its audit events) after the route returned and its response
was built, but *before* the response is sent, so a conflict found at commit still
answers 409 and nothing is reported done that was rolled back. Any error rolls it back.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from anyio import CapacityLimiter, Semaphore, to_thread
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


async def get_unit(
    request: Request, office: OfficeDep, actor: ActorDep
) -> AsyncIterator[OfficeUnit]:
    """The request's unit of work, opened on the event loop and finished in a thread.

    At most ``app.state.units`` units are open at once per process; other requests wait
    here, on the event loop, in arrival order. A unit holds a database connection from
    its first query to its end, and between the two it needs a thread again (to check
    the response), so without this bound the threads could all wait for connections held
    by requests waiting for a thread. Opening a unit makes a session and touches no
    database, so it costs no trip to a thread; finishing it commits or rolls back, which
    blocks, so it runs in a thread outside the threads' limit, like FastAPI's own
    dependency exits.
    """
    units: Semaphore = request.app.state.units
    async with units:
        opened = office.unit(actor)
        unit = opened.__enter__()
        try:
            yield unit
        except BaseException as error:
            if not await to_thread.run_sync(
                opened.__exit__,
                type(error),
                error,
                error.__traceback__,
                limiter=CapacityLimiter(1),
            ):
                raise
        else:
            await to_thread.run_sync(opened.__exit__, None, None, None, limiter=CapacityLimiter(1))


UnitDep = Annotated[OfficeUnit, Depends(get_unit, scope="function")]


async def get_lookups(unit: UnitDep, request: Request) -> Lookups:
    return Lookups(unit, request.app.state.names)


LookupsDep = Annotated[Lookups, Depends(get_lookups)]
