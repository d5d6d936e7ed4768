"""The accounting of disclosures (keyed hashes) and exigent disclosures reported after the fact."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime, timedelta
from hashlib import sha256
from typing import Any

import pytest
from _office_fixtures import KEY, City, city, database_url, office, pg_template, sqlite_template
from sqlalchemy import text

from cityprivacy.config import Settings
from cityprivacy.errors import KeyMaterialError, PermissionDeniedError, WorkflowError
from cityprivacy.govern import DisclosureMade, NewDisclosure, Office
from cityprivacy.store import create_engine_for

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

NOW = datetime.now(UTC)


def _request(agency: str = "DSS", **overrides: Any) -> NewDisclosure:
    data: dict[str, Any] = {
        "agency_code": agency,
        "kind": "request",
        "recipient_name": "Police precinct",
        "recipient_type": "other_government",
        "categories": ["name", "address"],
        "record_count": 2,
        "purpose": "Locate a missing child",
        "mission_justification": "Child safety",
        "basis": "exigent",
    }
    data.update(overrides)
    return NewDisclosure.model_validate(data)


def _made(hours_ago: float, subjects: list[str] | None = None) -> DisclosureMade:
    return DisclosureMade(
        disclosed_at=NOW - timedelta(hours=hours_ago),
        records_disclosed=2,
        method="phone",
        subjects=subjects or [],
    )


def _exigent(
    office: Office, city: City, hours_ago: float, subjects: list[str] | None = None
) -> int:
    with office.unit(city.staff) as o:
        return o.disclosures.record_exigent(
            _request(), _made(hours_ago, subjects), facts="Imminent danger reported by school"
        ).id


def test_who_received_data_about_a_person(office: Office, city: City) -> None:
    first = _exigent(office, city, 10, ["NY-0001", "NY-0002"])
    second = _exigent(office, city, 5, ["  ny-0001 "])  # same person, written differently
    with office.unit(city.cpo) as o:
        records = o.accounting.who_received("NY-0001")
    assert [r.disclosure_id for r in records] == [first, second]
    assert records[0].organization_code == "DSS"
    with office.unit(city.auditor) as o:
        assert [r.disclosure_id for r in o.accounting.who_received("NY-0002")] == [first]
    with office.unit(city.hra_apo) as o:  # another agency's APO sees nothing
        assert o.accounting.who_received("NY-0001") == []
    with pytest.raises(PermissionDeniedError), office.unit(city.staff) as o:
        o.accounting.who_received("NY-0001")


def test_people_are_stored_only_as_keyed_hashes(office: Office, city: City) -> None:
    _exigent(office, city, 1, ["NY-0001"])
    with office.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT subject_hash, key_fingerprint, keep_until FROM accounting_entries")
        ).all()
    expected = hmac.new(KEY.derive("accounting"), b"ny-0001", sha256).hexdigest()
    assert [(r[0], r[1]) for r in rows] == [(expected, KEY.fingerprint)]
    assert "NY-0001" not in str(rows)
    assert str(rows[0][2]).startswith(str((NOW - timedelta(hours=1)).year + 5))


def test_subjects_without_a_key_are_refused(database_url: str, city: City) -> None:
    engine = create_engine_for(database_url)
    keyless = Office(engine, Settings(key=None, key_file=None))
    try:
        with pytest.raises(KeyMaterialError), keyless.unit(city.staff) as o:
            o.disclosures.record_exigent(_request(), _made(1, ["NY-1"]), facts="Fire")
    finally:
        keyless.close()


def test_exigent_reports_on_time_late_and_overdue(office: Office, city: City) -> None:
    on_time = _exigent(office, city, 100)
    late = _exigent(office, city, 100)
    overdue = _exigent(office, city, 30)  # APO window 24 h, CPO window 72 h
    pending = _exigent(office, city, 1)
    with office.unit(city.staff) as o:
        o.exigent.reported_to_apo(on_time, NOW - timedelta(hours=99))
        o.exigent.reported_to_apo(late, NOW - timedelta(hours=50))
    with office.unit(city.apo) as o:
        o.exigent.reported_to_cpo(on_time, NOW - timedelta(hours=98))
        o.exigent.reported_to_cpo(late, NOW - timedelta(hours=2))
    with office.unit(city.cpo) as o:
        states = {s.disclosure_id: (s.apo_state, s.cpo_state) for s in o.exigent.all()}
        flagged = [s.disclosure_id for s in o.exigent.overdue()]
    assert states == {
        on_time: ("on_time", "on_time"),
        late: ("late", "late"),
        overdue: ("overdue", "pending"),
        pending: ("pending", "pending"),
    }
    assert sorted(flagged) == sorted([late, overdue])


def test_exigent_reports_follow_their_order(office: Office, city: City) -> None:
    disclosure_id = _exigent(office, city, 5)
    with pytest.raises(WorkflowError, match="APO before"), office.unit(city.apo) as o:
        o.exigent.reported_to_cpo(disclosure_id, NOW - timedelta(hours=1))
    with pytest.raises(PermissionDeniedError), office.unit(city.staff) as o:
        o.exigent.reported_to_cpo(disclosure_id, NOW - timedelta(hours=1))
    with office.unit(city.staff) as o:
        o.exigent.reported_to_apo(disclosure_id, NOW - timedelta(hours=4))
    with pytest.raises(WorkflowError, match="already"), office.unit(city.staff) as o:
        o.exigent.reported_to_apo(disclosure_id, NOW - timedelta(hours=3))


def test_an_exigent_disclosure_needs_its_facts_and_basis(office: Office, city: City) -> None:
    from cityprivacy.errors import InputError

    with pytest.raises(InputError, match="facts"), office.unit(city.staff) as o:
        o.disclosures.record_exigent(_request(), _made(1), facts=" ")
    with pytest.raises(InputError, match="basis"), office.unit(city.staff) as o:
        o.disclosures.record_exigent(_request(basis="apo_approval"), _made(1), facts="Fire")
