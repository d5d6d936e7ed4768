"""The service's concurrency limits: few threads, units bounded by the connection pool.

Many more concurrent requests than threads and pooled connections must all be answered
(none waiting forever on a connection held by a request that waits for a thread), the
writes must chain their audit events one after the other, and the bound on open units
follows the pool.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from _web_fixtures import (
    KEY,
    City,
    as_,
    city,
    database_url,
    disclosure_body,
    fast_hasher,
    office,
    pg_template,
    sqlite_template,
)
from fastapi import FastAPI
from sqlalchemy.pool import NullPool

from cityprivacy.config import Settings
from cityprivacy.govern import NewDisclosure, Office
from cityprivacy.store import create_engine_for
from cityprivacy.web import create_app
from cityprivacy.web.app import OPEN_UNITS

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

REQUESTS = 24  # of each kind, at once


@pytest.fixture
def small_pool_office(database_url: str, city: City) -> Iterator[Office]:
    """A second office on the city's database, with 3 kept connections and 2 more at most."""
    engine = create_engine_for(database_url, pool_size=3, max_overflow=2, pool_timeout=20)
    small = Office(engine, Settings(), key=KEY, hasher=fast_hasher())
    try:
        yield small
    finally:
        small.close()


async def _storm(app: FastAPI, city: City) -> tuple[list[int], list[int]]:
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):

        async def create() -> int:
            answer = await client.post(
                "/api/v1/disclosures", json=disclosure_body(), headers=as_(city, "staff")
            )
            return answer.status_code

        async def read() -> int:
            answer = await client.get(
                "/api/v1/disclosures?agency_code=DSS&limit=5", headers=as_(city, "apo")
            )
            return answer.status_code

        creates = asyncio.gather(*(create() for _ in range(REQUESTS)))
        reads = asyncio.gather(*(read() for _ in range(REQUESTS)))
        made, listed = await asyncio.wait_for(asyncio.gather(creates, reads), 120)
    return list(made), list(listed)


def test_many_concurrent_requests_on_few_threads_and_connections(
    small_pool_office: Office, city: City, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip(
            "SQLite refuses (database is locked) a unit that read before another unit's "
            "write committed, then writes: concurrent writers on SQLite are a known limit"
        )
    app = create_app(small_pool_office, threads=2)
    with small_pool_office.unit(city.staff) as o:  # the division exists before the storm
        o.disclosures.create(NewDisclosure.model_validate(disclosure_body()))
    before = small_pool_office.verify_audit().events
    assert app.state.units.value == 3  # the pool keeps 3 connections
    made, listed = asyncio.run(_storm(app, city))
    assert made == [201] * REQUESTS
    assert listed == [200] * REQUESTS
    report = small_pool_office.verify_audit()
    assert report.ok, report
    assert report.events == before + REQUESTS  # one event per disclosure, all chained


def test_open_units_are_bounded_by_the_constant_without_a_kept_pool(database_url: str) -> None:
    engine = create_engine_for(database_url, poolclass=NullPool)
    unpooled = Office(engine, Settings(), key=KEY, hasher=fast_hasher())
    try:
        assert create_app(unpooled).state.units.value == OPEN_UNITS
    finally:
        unpooled.close()
