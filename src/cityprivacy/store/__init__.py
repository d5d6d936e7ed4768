"""Persistence for the privacy office: SQLAlchemy 2 models, sessions and Alembic migrations.

Only :mod:`cityprivacy.govern` uses this package; the core library never does.
"""
