"""Engines and sessions: SQLite by default (zero set-up), PostgreSQL by URL.

Nothing is created at import time. :func:`create_engine_for` applies the few settings
each backend needs to behave like the other where the workflow rules rely on it:
SQLite enforces foreign keys, waits for a writer instead of failing at once, and keeps a
write-ahead log so readers do not block the writer.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from cityprivacy.errors import ConfigurationError

__all__ = ["create_engine_for", "describe_url", "session_factory"]

SQLITE_BUSY_TIMEOUT_S = 30.0
POSTGRES_POOL_SIZE = 10
"""Connections kept open per engine on PostgreSQL: the web server's request threads
(``cityprivacy.web.app.REQUEST_THREADS``) plus a few finishing their commits, so that a busy
server does not open and close overflow connections for every request."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def create_engine_for(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; a malformed URL is a :class:`ConfigurationError`."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigurationError(
            "the database URL is not valid (expected e.g. sqlite:///cityprivacy.db or "
            "postgresql+psycopg://user@host/db)"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_S)
        engine = create_engine(parsed, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", POSTGRES_POOL_SIZE)
    return create_engine(parsed, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (the CLI renders them)."""
    return sessionmaker(engine, expire_on_commit=False)


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid URL>"
