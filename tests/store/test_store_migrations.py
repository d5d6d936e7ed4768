"""Migrations from empty give exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from _office_db import database_url, pg_template, sqlite_template
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

import cityprivacy.store.models  # noqa: F401 - registers the tables
from cityprivacy.store import (
    Base,
    create_engine_for,
    current_revision,
    head_revision,
    upgrade,
)
from cityprivacy.store.migrate import alembic_config

__all__ = ["database_url", "pg_template", "sqlite_template"]


def test_migrated_schema_equals_the_models(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_migrations_seed_the_chain_head_and_the_immigration_rule(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as connection:
            head = connection.execute(text("SELECT id, seq, hash FROM audit_head")).all()
            rules = connection.execute(text("SELECT code FROM citywide_rules")).scalars().all()
        assert head == [(1, 0, "0" * 64)]
        assert rules == ["immigration-status-to-federal-immigration"]
    finally:
        engine.dispose()


def test_upgrade_is_idempotent_and_downgrade_empties(database_url: str) -> None:
    from alembic import command

    engine = create_engine_for(database_url)
    try:
        upgrade(engine)  # already at head: nothing to do
        assert current_revision(engine) == head_revision()
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
    finally:
        engine.dispose()


def test_an_empty_database_has_no_revision(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path}/empty.db")
    try:
        assert current_revision(engine) is None
    finally:
        engine.dispose()
