"""Incidents and their notification duties (breach law as DOMAIN.md states it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template

from cityprivacy.errors import NotFoundError, WorkflowError
from cityprivacy.govern import Office
from cityprivacy.store.enums import IncidentKind, NotificationParty

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

NOW = datetime.now(UTC)


def _incident(office: Office, city: City, **overrides: Any) -> int:
    params: dict[str, Any] = {
        "organization_code": "DSS",
        "kind": IncidentKind.SECURITY_BREACH,
        "discovered_at": NOW - timedelta(days=1),
        "categories": ["name", "ssn"],
        "people_affected": 1200,
        "ny_residents_affected": 1000,
    }
    params.update(overrides)
    with office.unit(city.apo) as o:
        return o.incidents.create(**params).id


def _duties(office: Office, city: City, incident_id: int) -> dict[str, str]:
    with office.unit(city.apo) as o:
        return {n.party.value: n.status.value for n in o.incidents.notifications(incident_id)}


@pytest.mark.parametrize(
    ("overrides", "duties"),
    [
        pytest.param(
            {},
            {"cpo", "cyber_command", "oti", "individuals"},
            id="owned-breach-of-private-information",
        ),
        pytest.param(
            {"ny_residents_affected": 5000, "people_affected": 6000},
            {"cpo", "cyber_command", "oti", "individuals", "consumer_reporting_agencies"},
            id="5000-residents-adds-consumer-reporting-agencies",
        ),
        pytest.param(
            {"ny_residents_affected": 4999, "people_affected": 6000},
            {"cpo", "cyber_command", "oti", "individuals"},
            id="4999-residents-do-not",
        ),
        pytest.param(
            {"categories": ["name", "race"]},
            {"cpo", "cyber_command", "oti"},
            id="no-private-information-no-individuals",
        ),
        pytest.param({"data_owned": False}, {"data_owner"}, id="only-maintained-tells-the-owner"),
        pytest.param(
            {"kind": IncidentKind.UNAUTHORIZED_DISCLOSURE}, {"cpo"}, id="unauthorized-disclosure"
        ),
    ],
)
def test_notification_duties(
    office: Office, city: City, overrides: dict[str, Any], duties: set[str]
) -> None:
    incident_id = _incident(office, city, **overrides)
    assert set(_duties(office, city, incident_id)) == duties


def test_notifying_5000_residents_adds_the_consumer_reporting_agencies(
    office: Office, city: City
) -> None:
    incident_id = _incident(office, city)
    with office.unit(city.apo) as o:
        o.incidents.record_notification(
            incident_id, NotificationParty.INDIVIDUALS, notified_at=NOW, count_notified=5200
        )
    duties = _duties(office, city, incident_id)
    assert duties["individuals"] == "done"
    assert duties["consumer_reporting_agencies"] == "pending"


def test_a_law_enforcement_delay_holds_the_individuals(office: Office, city: City) -> None:
    incident_id = _incident(office, city, law_enforcement_delay=True)
    assert _duties(office, city, incident_id)["individuals"] == "delayed"
    with pytest.raises(WorkflowError, match="law enforcement"), office.unit(city.apo) as o:
        o.incidents.record_notification(incident_id, NotificationParty.INDIVIDUALS, notified_at=NOW)
    with office.unit(city.apo) as o:
        o.incidents.lift_delay(incident_id)
    assert _duties(office, city, incident_id)["individuals"] == "pending"


def test_an_incident_closes_when_every_duty_is_done(office: Office, city: City) -> None:
    incident_id = _incident(office, city, kind=IncidentKind.UNAUTHORIZED_DISCLOSURE)
    with pytest.raises(WorkflowError, match="cpo"), office.unit(city.apo) as o:
        o.incidents.close(incident_id)
    with office.unit(city.staff) as o:
        o.incidents.record_notification(incident_id, NotificationParty.CPO, notified_at=NOW)
    with pytest.raises(WorkflowError, match="already"), office.unit(city.staff) as o:
        o.incidents.record_notification(incident_id, NotificationParty.CPO, notified_at=NOW)
    with pytest.raises(WorkflowError, match="no duty"), office.unit(city.staff) as o:
        o.incidents.record_notification(incident_id, NotificationParty.OTI, notified_at=NOW)
    with office.unit(city.apo) as o:
        assert o.incidents.close(incident_id).status.value == "closed"


def test_a_breach_and_its_unauthorized_disclosure_are_linked(office: Office, city: City) -> None:
    breach = _incident(office, city)
    disclosure = _incident(
        office, city, kind=IncidentKind.UNAUTHORIZED_DISCLOSURE, linked_incident_id=breach
    )
    with office.unit(city.cpo) as o:
        assert o.incidents.get(breach).linked_incident_id == disclosure
        assert o.incidents.get(disclosure).linked_incident_id == breach
        assert o.incidents.get(breach).private_information
    with pytest.raises(NotFoundError), office.unit(city.hra_apo) as o:
        o.incidents.get(breach)
