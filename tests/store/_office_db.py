"""Fresh, migrated office databases for tests, on SQLite and on PostgreSQL.

A session-scoped template is migrated once per backend (a SQLite file; a uniquely named
PostgreSQL database, dropped at the end); each test gets its own copy (a file copy; a
``CREATE DATABASE ... TEMPLATE``), so tests never see each other's rows.

PostgreSQL comes from ``CITYPRIVACY_TEST_POSTGRES_URL`` (default: the local server,
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``). When it is unreachable the
PostgreSQL tests fail and say how to start one; ``CITYPRIVACY_TEST_POSTGRES_URL=none``
skips them instead.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from cityprivacy.store import create_engine_for, upgrade

__all__ = [
    "BACKENDS",
    "PG_ENV",
    "database_url",
    "pg_template",
    "sqlite_template",
]

PG_ENV = "CITYPRIVACY_TEST_POSTGRES_URL"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", "postgresql")

START_PG_HELP = (
    "PostgreSQL is not reachable at {url}. Start one (Debian: `pg_ctlcluster "
    "--skip-systemctl-redirect $(ls /etc/postgresql) main start`; "
    "or `docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16`), point "
    f"{PG_ENV} at a server whose user may create databases, or set {PG_ENV}=none to skip "
    "the PostgreSQL tests."
)


def _migrate(url: str) -> None:
    engine = create_engine_for(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


class _PgServer:
    """Creates and drops databases on the test server."""

    def __init__(self, admin: Engine, server_url: str) -> None:
        self.admin = admin
        self.server_url = server_url

    def url_of(self, name: str) -> str:
        return make_url(self.server_url).set(database=name).render_as_string(hide_password=False)

    def execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(sql))


@pytest.fixture(scope="session")
def pg_template() -> Iterator[tuple[_PgServer, str]]:
    """A migrated PostgreSQL database to copy, created for this session and dropped after."""
    server_url = os.environ.get(PG_ENV, DEFAULT_PG)
    if server_url.strip().lower() == "none":
        pytest.skip(f"PostgreSQL tests skipped ({PG_ENV}=none)")
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect():
            reachable = True
    except OperationalError:
        reachable = False
    if not reachable:
        admin.dispose()
        shown = make_url(server_url).render_as_string(hide_password=True)
        pytest.fail(START_PG_HELP.format(url=shown), pytrace=False)
    server = _PgServer(admin, server_url)
    name = f"cityprivacy_test_{uuid.uuid4().hex[:12]}"
    server.execute(f'CREATE DATABASE "{name}"')
    try:
        _migrate(server.url_of(name))
        yield server, name
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file to copy."""
    path = tmp_path_factory.mktemp("office-template") / "template.db"
    _migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated database of this test's own, on each backend."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        copy = tmp_path / "office.db"
        shutil.copyfile(template, copy)
        yield f"sqlite:///{copy}"
        return
    server, template_name = request.getfixturevalue("pg_template")
    name = f"{template_name}_{uuid.uuid4().hex[:8]}"
    server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    try:
        yield server.url_of(name)
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
