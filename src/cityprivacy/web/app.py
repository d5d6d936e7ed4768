"""The app factory: ``create_app(settings)`` or ``create_app(office)``; nothing at import.

::

    app = create_app(Settings(database_url="postgresql+psycopg://..."))  # opens the office
    app = create_app(office)                 # an office you opened (and will close)

Routes live under ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``, interactive docs at
``/api/v1/docs``), health checks at ``/healthz`` and ``/readyz``. ``cityprivacy serve``
runs :func:`create_app` as a factory, which reads the settings from the environment.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from anyio import Semaphore, to_thread
from fastapi import FastAPI
from sqlalchemy.pool import QueuePool

from cityprivacy.config import Settings
from cityprivacy.govern import Office, open_office
from cityprivacy.web.auth import TokenCache
from cityprivacy.web.errors import ERROR_RESPONSES, install_error_handlers
from cityprivacy.web.lookups import Names
from cityprivacy.web.routes import (
    accounting,
    agencies,
    agreements,
    attachments,
    audit,
    designations,
    disclosures,
    exigent,
    health,
    incidents,
    inventory,
    public_input,
    reports,
    retention_actions,
    rules,
    taxonomy,
    users,
)

__all__ = ["API_PREFIX", "OPENAPI_URL", "create_app"]

API_PREFIX = "/api/v1"
OPENAPI_URL = f"{API_PREFIX}/openapi.json"
TOKEN_CACHE_SECONDS = 30.0
REQUEST_THREADS = 8
"""Threads running the routes' blocking work per server process (anyio's default is 40).

The work is database calls and Python under one GIL: more threads than the database
connections and cores can use only contend (measured on two cores: see the README's
service benchmark)."""
OPEN_UNITS = 10
"""At most this many units of work (transactions, each holding a connection) are open at
once per process, and never more than the engine's pool keeps; more requests wait for
one to end (see :func:`cityprivacy.web.deps.get_unit`)."""
API_ROUTERS = (
    agencies.router,
    users.router,
    taxonomy.router,
    inventory.router,
    designations.router,
    agreements.router,
    rules.router,
    disclosures.router,
    exigent.router,
    accounting.router,
    incidents.router,
    audit.router,
    reports.router,
    retention_actions.router,
    attachments.router,
    public_input.router,
)


def _version() -> str:
    try:
        return version("cityprivacy")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0"


def _open_units(office: Office) -> int:
    """:data:`OPEN_UNITS`, or fewer when the connection pool keeps fewer connections (the
    pool's overflow is left for token checks, which use a connection of their own)."""
    pool = office.engine.pool
    kept = pool.size() if isinstance(pool, QueuePool) else OPEN_UNITS
    return max(1, min(OPEN_UNITS, kept))


def create_app(
    config: Settings | Office | None = None,
    *,
    token_cache_seconds: float = TOKEN_CACHE_SECONDS,
    threads: int = REQUEST_THREADS,
) -> FastAPI:
    """The REST API over an office: ``config`` is an open :class:`Office`, or the settings
    to open one with (default: ``Settings()``, i.e. the ``CITYPRIVACY_*`` environment).

    ``token_cache_seconds``: how long a verified token is trusted without checking it again
    (0: check every request; see :mod:`cityprivacy.web.auth`). ``threads``: how many
    requests run their blocking work at once in this process (see :data:`REQUEST_THREADS`).
    """
    if isinstance(config, Office):
        office, owned = config, False
    else:
        office, owned = open_office(settings=config or Settings()), True

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        if owned:
            office.close()

    app = FastAPI(
        title="cityprivacy privacy office",
        summary="Inventory, disclosures and their approvals, agreements, the accounting of "
        "disclosures, incidents, the audit trail and the biennial report.",
        version=_version(),
        openapi_url=OPENAPI_URL,
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        lifespan=lifespan,
    )
    app.state.office = office
    app.state.tokens = TokenCache(token_cache_seconds)
    app.state.units = Semaphore(_open_units(office))
    app.state.names = Names()
    install_error_handlers(app)
    app.include_router(health.router)
    for router in API_ROUTERS:
        app.include_router(router, prefix=API_PREFIX, responses=ERROR_RESPONSES)
    return app
