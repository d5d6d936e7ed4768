"""Alembic migrations run from Python: the scripts ship inside the package.

``script_location`` points at ``cityprivacy.store:migrations``, so an installed package
upgrades a database without an ``alembic.ini`` or a source checkout. The engine's
connection is handed to ``env.py`` through ``Config.attributes``.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

__all__ = ["SCRIPT_LOCATION", "alembic_config", "current_revision", "head_revision", "upgrade"]

SCRIPT_LOCATION = "cityprivacy.store:migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations (no ini file)."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database up to ``revision`` (default: the newest) in one transaction."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision the package ships."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships at least one migration"
    return head
