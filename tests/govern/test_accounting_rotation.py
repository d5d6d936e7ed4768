"""The accounting after a key rotation (earlier keys still find their entries) and its
retention purge (dry run, audit, who may run it), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from _office_fixtures import (
    KEY,
    City,
    city,
    database_url,
    fast_hasher,
    office,
    pg_template,
    sqlite_template,
)
from sqlalchemy import func, select, update

from cityprivacy.config import Settings
from cityprivacy.errors import PermissionDeniedError
from cityprivacy.govern import Actor, DisclosureMade, NewDisclosure, Office
from cityprivacy.protect.keys import SecretKey
from cityprivacy.store import create_engine_for
from cityprivacy.store.models import AccountingEntry

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

NEW_KEY = SecretKey(b"the-rotated-office-key-fedcba987654", source="tests")


def _exigent(office: Office, actor: Actor, subjects: list[str]) -> int:
    new = NewDisclosure.model_validate(
        {
            "agency_code": "DSS", "kind": "request", "recipient_name": "Police",
            "recipient_type": "other_government", "categories": ["name"], "record_count": 1,
            "purpose": "Safety", "mission_justification": "Safety", "basis": "exigent",
        }
    )  # fmt: skip
    made = DisclosureMade(
        disclosed_at=datetime.now(UTC) - timedelta(hours=1),
        records_disclosed=1,
        method="phone",
        subjects=subjects,
    )
    with office.unit(actor) as o:
        return o.disclosures.record_exigent(new, made, facts="Imminent danger").id


def _rotated(database_url: str, previous: list[Path]) -> Office:
    settings = Settings(previous_key_files=previous)
    return Office(create_engine_for(database_url), settings, key=NEW_KEY, hasher=fast_hasher())


def _key_file(tmp_path: Path, key: bytes) -> Path:
    path = tmp_path / "old.key"
    path.write_bytes(key + b"\n")
    return path


def test_earlier_keys_still_find_their_entries(
    office: Office, city: City, database_url: str, tmp_path: Path
) -> None:
    before = _exigent(office, city.staff, ["NY-0001"])
    old_key = _key_file(tmp_path, b"test-office-key-0123456789abcdef!")  # the fixtures' KEY
    rotated = _rotated(database_url, [old_key])
    try:
        after = _exigent(rotated, city.staff, ["ny-0001"])
        with rotated.unit(city.cpo) as o:
            found = [r.disclosure_id for r in o.accounting.who_received("NY-0001")]
            fingerprints = set(o.context.session.scalars(select(AccountingEntry.key_fingerprint)))
        assert found == [before, after]
        assert fingerprints == {KEY.fingerprint, NEW_KEY.fingerprint}
        with rotated.unit(city.auditor) as o:
            (event,) = o.audit.events(entity_type="subject")
        assert json.loads(event.changes) == {"matches": 2, "keys": 2}
    finally:
        rotated.close()
    # Without the earlier key the rotated office finds only its own entries.
    alone = _rotated(database_url, [])
    try:
        with alone.unit(city.cpo) as o:
            assert [r.disclosure_id for r in o.accounting.who_received("NY-0001")] == [after]
    finally:
        alone.close()


def test_the_current_key_listed_again_is_not_counted_twice(
    office: Office, city: City, database_url: str, tmp_path: Path
) -> None:
    _exigent(office, city.staff, ["NY-0002"])
    same = _key_file(tmp_path, b"test-office-key-0123456789abcdef!")
    again = Office(
        create_engine_for(database_url), Settings(previous_key_files=[same]), key=KEY,
        hasher=fast_hasher(),
    )  # fmt: skip
    try:
        with again.unit(city.cpo) as o:
            assert len(o.accounting.keys()) == 1
            assert len(o.accounting.who_received("NY-0002")) == 1
    finally:
        again.close()


def _expire(office: Office, count: int) -> None:
    with office.unit(Actor.system()) as o:
        ids = list(o.context.session.scalars(select(AccountingEntry.id).limit(count)))
        o.context.session.execute(
            update(AccountingEntry)
            .where(AccountingEntry.id.in_(ids))
            .values(keep_until=datetime.now(UTC).date() - timedelta(days=1))
        )


def _entries(office: Office) -> int:
    with office.unit(Actor.system()) as o:
        stmt = select(func.count()).select_from(AccountingEntry)
        return int(o.context.session.scalar(stmt) or 0)


@pytest.mark.parametrize("who", ["cpo", "system"])
def test_purge_deletes_only_expired_entries(office: Office, city: City, who: str) -> None:
    _exigent(office, city.staff, ["A-1", "A-2", "A-3"])
    _expire(office, 2)
    actor: Any = Actor.system() if who == "system" else city.cpo
    with office.unit(actor) as o:
        assert o.accounting.purge_expired(dry_run=True) == 2
    assert _entries(office) == 3
    with office.unit(actor) as o:
        assert o.accounting.purge_expired() == 2
    assert _entries(office) == 1
    with office.unit(city.auditor) as o:
        purges = [e for e in o.audit.events(entity_type="accounting")]
    assert [json.loads(e.changes) for e in purges] == [{"entries": 2}]  # the dry run is not


@pytest.mark.parametrize("who", ["apo", "auditor", "admin"])
def test_others_may_not_purge(office: Office, city: City, who: str) -> None:
    with pytest.raises(PermissionDeniedError), office.unit(getattr(city, who)) as o:
        o.accounting.purge_expired(dry_run=True)
