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

from fastapi import FastAPI

from cityprivacy.config import Settings
from cityprivacy.govern import Office, open_office
from cityprivacy.web.auth import TokenCache
from cityprivacy.web.errors import ERROR_RESPONSES, install_error_handlers
from cityprivacy.web.lookups import Names
from cityprivacy.web.routes import (
    accounting,
    agencies,
    agreements,
    audit,
    designations,
    disclosures,
    exigent,
    health,
    incidents,
    inventory,
    reports,
    rules,
    taxonomy,
    users,
)

__all__ = ["API_PREFIX", "OPENAPI_URL", "create_app"]

API_PREFIX = "/api/v1"
OPENAPI_URL = f"{API_PREFIX}/openapi.json"
TOKEN_CACHE_SECONDS = 30.0
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
)


def _version() -> str:
    try:
        return version("cityprivacy")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0"


def create_app(
    config: Settings | Office | None = None, *, token_cache_seconds: float = TOKEN_CACHE_SECONDS
) -> FastAPI:
    """The REST API over an office: ``config`` is an open :class:`Office`, or the settings
    to open one with (default: ``Settings()``, i.e. the ``CITYPRIVACY_*`` environment).

    ``token_cache_seconds``: how long a verified token is trusted without checking it again
    (0: check every request; see :mod:`cityprivacy.web.auth`).
    """
    if isinstance(config, Office):
        office, owned = config, False
    else:
        office, owned = open_office(settings=config or Settings()), True

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
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
    app.state.names = Names()
    install_error_handlers(app)
    app.include_router(health.router)
    for router in API_ROUTERS:
        app.include_router(router, prefix=API_PREFIX, responses=ERROR_RESPONSES)
    return app
