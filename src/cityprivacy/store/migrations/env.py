"""Alembic environment: runs on the connection :mod:`cityprivacy.store.migrate` hands over.

Without one (the ``alembic`` command line during development), it connects to the URL in
``sqlalchemy.url`` or ``CITYPRIVACY_DATABASE_URL``.
"""

from __future__ import annotations

import os
from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection
from sqlalchemy.types import TypeDecorator

import cityprivacy.store.models  # noqa: F401 - registers every table on the metadata
from cityprivacy.store.base import Base
from cityprivacy.store.engine import create_engine_for

config = context.config
target_metadata = Base.metadata


def _render_item(kind: str, obj: object, _context: AutogenContext) -> str | Literal[False]:
    """Render the package's portable column types as the plain types they store."""
    if kind == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl_instance!r}"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ.get(
        "CITYPRIVACY_DATABASE_URL", "sqlite:///cityprivacy.db"
    )
    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


run_migrations_online()
