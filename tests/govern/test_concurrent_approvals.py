"""Two reviewers approve the same disclosure at the same moment: exactly one wins."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template

from cityprivacy.errors import ConflictError
from cityprivacy.govern import Actor, DisclosureStatus, NewDisclosure, Office

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]


def _submitted(office: Office, city: City) -> int:
    request = NewDisclosure.model_validate(
        {
            "agency_code": "DSS",
            "kind": "request",
            "recipient_name": "Department of Health",
            "recipient_type": "city_agency",
            "categories": ["name"],
            "record_count": 10,
            "purpose": "Outreach",
            "mission_justification": "Health",
            "basis": "apo_approval",
        }
    )
    with office.unit(city.staff) as o:
        disclosure_id = o.disclosures.create(request).id
        o.disclosures.submit(disclosure_id)
    return disclosure_id


@pytest.mark.parametrize("action", ["approve", "deny"])
def test_exactly_one_of_two_simultaneous_decisions_wins(
    office: Office, city: City, action: str
) -> None:
    disclosure_id = _submitted(office, city)
    both_read = threading.Barrier(2, timeout=30)

    def review(actor: Actor) -> str:
        try:
            with office.unit(actor) as o:
                # both read the same version (and hold it, as a request does)...
                _held = o.disclosures.get(disclosure_id)
                both_read.wait()
                getattr(o.disclosures, action)(disclosure_id, "")  # ...then both write
            return "won"
        except ConflictError as exc:
            return "conflict" if "changed by someone else" in str(exc) else str(exc)

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(review, [city.apo, city.apo2]))
    assert outcomes == ["conflict", "won"]
    with office.unit(city.auditor) as o:
        history = o.disclosures.history(disclosure_id)
    expected = DisclosureStatus.SECOND_REVIEW if action == "approve" else DisclosureStatus.DENIED
    assert history.disclosure.status is expected
    assert len(history.reviews) == 1  # the loser's review was rolled back with its change
    assert [e.action for e in history.events].count(f"disclosure.{action}") == 1
    assert office.verify_audit().ok


def test_concurrent_writers_append_one_chain(office: Office, city: City) -> None:
    """Units committing at once on different records still chain one after another."""
    start = threading.Barrier(4, timeout=30)

    def work(actor: Actor) -> int:
        start.wait()
        for _ in range(3):
            _submitted(office, city)
        return 1

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert sum(pool.map(work, [city.staff, city.apo, city.apo2, city.cpo])) == 4
    report = office.verify_audit()
    assert report.ok, report
    with office.unit(city.auditor) as o:
        submits = [e for e in o.audit.events(limit=1000) if e.action == "disclosure.submit"]
    assert len(submits) == 12
