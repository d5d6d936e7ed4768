"""Fixtures for the REST API tests: the app over the office fixtures of tests/govern.

Test modules import what they use from here (no conftest). ``client`` is a TestClient on
a fresh database of each backend (SQLite, PostgreSQL) holding the small city of
``tests/govern/_office_fixtures.py``; ``as_`` builds the Authorization header of one of
its people.
"""

from __future__ import annotations

import shutil
import sys
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "govern"))

from _office_fixtures import (
    KEY,
    City,
    city,
    database_url,
    fast_hasher,
    office,
    pg_template,
    sqlite_template,
)
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts

from cityprivacy.config import Settings
from cityprivacy.govern import Office
from cityprivacy.store import create_engine_for
from cityprivacy.web import create_app

with warnings.catch_warnings():
    # starlette prefers the httpx2 fork and warns, on import only, when it finds httpx.
    warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette\.testclient`")
    from fastapi.testclient import TestClient

__all__ = [
    "KEY",
    "City",
    "TestClient",
    "ago",
    "as_",
    "city",
    "client",
    "database_url",
    "disclosure_body",
    "fast_hasher",
    "office",
    "office_for_module",
    "pg_template",
    "route_table",
    "sqlite_template",
]


def route_table(app: FastAPI, *, documented_only: bool = False) -> set[tuple[str, str]]:
    """Every (method, path) the app answers, from its route table (HEAD left out)."""
    return {
        (method, route.path or "")
        for route in iter_route_contexts(app.routes)
        if not documented_only or route.include_in_schema
        for method in (route.methods or set()) - {"HEAD"}
    }


def ago(**delta: float) -> str:
    """An ISO timestamp ``delta`` before now (UTC)."""
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


def as_(city: City, who: str) -> dict[str, str]:
    """The Authorization header of ``who`` (a field of :class:`City`)."""
    return {"Authorization": f"Bearer {city.tokens[who]}"}


def disclosure_body(**overrides: Any) -> dict[str, Any]:
    """A valid ``POST /api/v1/disclosures`` body for DSS (non-routine: no designation)."""
    body: dict[str, Any] = {
        "agency_code": "DSS",
        "kind": "request",
        "recipient_name": "Department of Health",
        "recipient_type": "city_agency",
        "categories": ["name", "address"],
        "record_count": 40,
        "purpose": "Outreach to families",
        "mission_justification": "Connects families with services",
        "basis": "apo_approval",
        "division": "Family Services",
        "employee_category": "caseworker",
    }
    body.update(overrides)
    return body


@contextmanager
def office_for_module(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Office]:
    """A fresh, migrated office database shared by a module's tests, on the backend named by
    ``request.param`` ("sqlite" or "postgresql"), copied from the session's templates."""
    if request.param == "sqlite":
        copy = tmp_path_factory.mktemp("module-office") / "office.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), copy)
        url, name = f"sqlite:///{copy}", None
    else:
        server, template = request.getfixturevalue("pg_template")
        name = f"{template}_m{uuid.uuid4().hex[:8]}"
        server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        url = server.url_of(name)
    office = Office(create_engine_for(url), Settings(), key=KEY, hasher=fast_hasher())
    try:
        yield office
    finally:
        office.close()
        if name is not None:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def client(office: Office, city: City) -> Iterator[TestClient]:
    """The API over the test office (token cache on, as in production)."""
    with TestClient(create_app(office), raise_server_exceptions=False) as test_client:
        yield test_client
