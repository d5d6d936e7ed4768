"""The portable column types behave the same on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from _office_db import database_url, pg_template, sqlite_template
from sqlalchemy import select
from sqlalchemy.orm import Session

from cityprivacy.errors import ConfigurationError
from cityprivacy.store import create_engine_for
from cityprivacy.store.enums import OrgKind
from cityprivacy.store.models import Organization

__all__ = ["database_url", "pg_template", "sqlite_template"]


def test_datetimes_come_back_aware_in_utc_to_the_microsecond(database_url: str) -> None:
    moment = datetime(2026, 7, 31, 23, 59, 58, 123456, tzinfo=timezone(timedelta(hours=-4)))
    engine = create_engine_for(database_url)
    try:
        with Session(engine) as session:
            session.add(
                Organization(code="T", name="T", kind=OrgKind.AGENCY, path="/T/", created_at=moment)
            )
            session.commit()
        with Session(engine) as session:
            org = session.scalars(select(Organization)).one()
            assert org.created_at == moment
            assert org.created_at.tzinfo is UTC
            assert org.kind is OrgKind.AGENCY
    finally:
        engine.dispose()


def test_naive_datetimes_are_refused(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        with Session(engine) as session:
            session.add(
                Organization(
                    code="T",
                    name="T",
                    kind=OrgKind.AGENCY,
                    path="/T/",
                    created_at=datetime(2026, 1, 1),
                )
            )
            with pytest.raises(Exception, match="naive"):
                session.flush()
    finally:
        engine.dispose()


def test_a_malformed_url_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="not valid"):
        create_engine_for("not a url")
