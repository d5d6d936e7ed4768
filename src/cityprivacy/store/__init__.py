"""Persistence for the privacy office: SQLAlchemy 2 models, sessions and Alembic migrations.

Only :mod:`cityprivacy.govern` uses this package; the core library never does.
"""

from __future__ import annotations

from cityprivacy.store.base import Base, utcnow
from cityprivacy.store.engine import create_engine_for, describe_url, session_factory
from cityprivacy.store.migrate import current_revision, head_revision, upgrade

__all__ = [
    "Base",
    "create_engine_for",
    "current_revision",
    "describe_url",
    "head_revision",
    "session_factory",
    "upgrade",
    "utcnow",
]
