"""``/healthz`` (the process answers) and ``/readyz`` (the database answers, schema current)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from cityprivacy.errors import ConfigurationError
from cityprivacy.web.deps import OfficeDep
from cityprivacy.web.errors import ErrorEnvelope, error_response
from cityprivacy.web.schemas.base import Out

__all__ = ["router"]

router = APIRouter(tags=["health"])


class Health(Out):
    status: Literal["ok"]


class Ready(Out):
    status: Literal["ready"]
    revision: str


@router.get("/healthz")
def healthz() -> Health:
    """The server process is up (no database access)."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Ready,
    responses={503: {"model": ErrorEnvelope, "description": "Database unreachable or behind"}},
)
def readyz(office: OfficeDep) -> Ready | JSONResponse:
    """The database answers and is at the newest migration."""
    try:
        revision = office.current_revision()
    except ConfigurationError as exc:
        return error_response(503, "not_ready", str(exc))
    head = office.head_revision()
    if revision != head:
        return error_response(
            503,
            "not_ready",
            f"the database is at revision {revision or 'none'}, the code needs {head}: "
            "run `cityprivacy db upgrade`",
        )
    return Ready(status="ready", revision=revision)
