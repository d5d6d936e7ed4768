"""Fixtures for the office tests: an office on a fresh database and a small city in it.

Test modules import the fixtures they use from here (no conftest). The database fixtures
come from ``tests/store/_office_db.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from _office_db import database_url, pg_template, sqlite_template

from cityprivacy.config import Settings
from cityprivacy.govern import Actor, Office
from cityprivacy.protect.keys import SecretKey
from cityprivacy.store import create_engine_for

__all__ = [
    "KEY",
    "City",
    "city",
    "database_url",
    "fast_hasher",
    "office",
    "pg_template",
    "sqlite_template",
]

KEY = SecretKey(b"test-office-key-0123456789abcdef!", source="tests")


def fast_hasher() -> PasswordHasher:
    """argon2 at the lowest cost: the tests create many tokens."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def office(database_url: str) -> Iterator[Office]:
    engine = create_engine_for(database_url)
    office = Office(engine, Settings(), key=KEY, hasher=fast_hasher())
    try:
        yield office
    finally:
        office.close()


@dataclass(frozen=True)
class City:
    """Two agencies (DSS with contractor ACME and its subcontractor SUB; HRA) and people."""

    staff: Actor  # DSS staff
    apo: Actor  # DSS APO
    apo2: Actor  # a second DSS APO
    acme_apo: Actor  # APO of DSS's contractor ACME
    hra_staff: Actor
    hra_apo: Actor
    cpo: Actor
    auditor: Actor
    admin: Actor
    tokens: dict[str, str]


@pytest.fixture
def city(office: Office) -> City:
    people = {
        "staff": ("staff@dss.example", "staff", "DSS"),
        "apo": ("apo@dss.example", "apo", "DSS"),
        "apo2": ("apo2@dss.example", "apo", "DSS"),
        "acme_apo": ("apo@acme.example", "apo", "ACME"),
        "hra_staff": ("staff@hra.example", "staff", "HRA"),
        "hra_apo": ("apo@hra.example", "apo", "HRA"),
        "cpo": ("cpo@moip.example", "cpo", None),
        "auditor": ("auditor@moip.example", "auditor", None),
        "admin": ("admin@oti.example", "admin", None),
    }
    tokens: dict[str, str] = {}
    with office.unit(Actor.system()) as o:
        o.agencies.create("DSS", "Department of Social Services")
        o.agencies.create("ACME", "Acme Human Services", parent_code="DSS")
        o.agencies.create("SUB", "Sub Services", parent_code="ACME")
        o.agencies.create("HRA", "Human Resources Administration")
        for label, (email, role, code) in people.items():
            tokens[label] = o.users.create(email, role, code).token
    actors = {label: office.authenticate(token) for label, token in tokens.items()}
    return City(**actors, tokens=tokens)
