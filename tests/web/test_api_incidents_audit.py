"""Incidents and their notifications, the audit trail, and tampering caught by /audit/verify."""

from __future__ import annotations

from typing import Any

import pytest
from _web_fixtures import (
    City,
    TestClient,
    ago,
    as_,
    city,
    client,
    database_url,
    disclosure_body,
    office,
    pg_template,
    sqlite_template,
)
from sqlalchemy import text

from cityprivacy.govern import Office

__all__ = ["city", "client", "database_url", "office", "pg_template", "sqlite_template"]


def call(
    client: TestClient, city: City, who: str, method: str, path: str, status: int, **kw: Any
) -> Any:
    answer = client.request(method, f"/api/v1{path}", headers=as_(city, who), **kw)
    assert answer.status_code == status, answer.text
    return answer.json()


def breach(**overrides: Any) -> dict[str, Any]:
    body = {
        "agency_code": "DSS",
        "kind": "security_breach",
        "discovered_at": ago(hours=3),
        "categories": ["name", "ssn"],
        "summary": "Laptop stolen",
        "people_affected": 6000,
        "ny_residents_affected": 5200,
    }
    body.update(overrides)
    return body


def duties(incident: dict[str, Any]) -> dict[str, str]:
    return {n["party"]: n["status"] for n in incident["notifications"]}


def test_a_breach_brings_its_notification_duties(client: TestClient, city: City) -> None:
    made = call(client, city, "staff", "POST", "/incidents", 201, json=breach())
    assert made["private_information"] is True
    assert duties(made) == {
        "cpo": "pending",
        "cyber_command": "pending",
        "oti": "pending",
        "individuals": "pending",
        "consumer_reporting_agencies": "pending",
    }
    done = call(
        client,
        city,
        "staff",
        "POST",
        f"/incidents/{made['id']}/notifications",
        200,
        json={"party": "cpo", "notified_at": ago(hours=1)},
    )
    assert duties(done)["cpo"] == "done"
    twice = call(
        client,
        city,
        "staff",
        "POST",
        f"/incidents/{made['id']}/notifications",
        409,
        json={"party": "cpo", "notified_at": ago(hours=1)},
    )
    assert "already" in twice["error"]["message"]
    still_open = call(client, city, "apo", "POST", f"/incidents/{made['id']}/close", 409)
    assert "cyber_command" in still_open["error"]["message"]
    listed = call(client, city, "auditor", "GET", "/incidents", 200, params={"open_only": True})
    assert [i["id"] for i in listed["items"]] == [made["id"]]
    call(client, city, "hra_apo", "GET", f"/incidents/{made['id']}", 404)


def test_a_law_enforcement_delay_holds_the_individuals(client: TestClient, city: City) -> None:
    made = call(
        client, city, "apo", "POST", "/incidents", 201, json=breach(law_enforcement_delay=True)
    )
    assert duties(made)["individuals"] == "delayed"
    held = call(
        client,
        city,
        "apo",
        "POST",
        f"/incidents/{made['id']}/notifications",
        409,
        json={"party": "individuals", "notified_at": ago(minutes=5), "count_notified": 10},
    )
    assert "law enforcement" in held["error"]["message"]
    lifted = call(client, city, "apo", "POST", f"/incidents/{made['id']}/lift-delay", 200)
    assert duties(lifted)["individuals"] == "pending"


def test_an_unauthorized_disclosure_closes_once_reported(client: TestClient, city: City) -> None:
    made = call(
        client,
        city,
        "staff",
        "POST",
        "/incidents",
        201,
        json=breach(kind="unauthorized_disclosure", categories=["name"]),
    )
    assert duties(made) == {"cpo": "pending"}
    call(
        client,
        city,
        "staff",
        "POST",
        f"/incidents/{made['id']}/notifications",
        200,
        json={"party": "cpo", "notified_at": ago(minutes=30), "note": "Phoned MOIP"},
    )
    closed = call(client, city, "staff", "POST", f"/incidents/{made['id']}/close", 200)
    assert closed["status"] == "closed"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"kind": "meteor"}, "kind", id="kind"),
        pytest.param({"discovered_at": "yesterday"}, "discovered_at", id="time"),
        pytest.param({"discovered_at": "2999-01-01T00:00:00Z"}, "discovered_at", id="future"),
        pytest.param({"people_affected": 5, "ny_residents_affected": 9}, "ny_residents_affected"),
        pytest.param({"categories": ["bogus"]}, "categories", id="type"),
    ],
)
def test_bad_incidents_name_the_field(
    client: TestClient, city: City, change: dict[str, Any], field: str
) -> None:
    answer = call(client, city, "staff", "POST", "/incidents", 422, json=breach(**change))
    assert answer["error"]["field"] == field


def test_the_audit_trail_is_listed_in_chain_order_and_scoped(
    client: TestClient, city: City
) -> None:
    dss = call(client, city, "staff", "POST", "/disclosures", 201, json=disclosure_body())
    hra = call(
        client,
        city,
        "hra_staff",
        "POST",
        "/disclosures",
        201,
        json=disclosure_body(agency_code="HRA"),
    )
    everything = call(client, city, "auditor", "GET", "/audit/events", 200, params={"limit": 500})
    seqs = [e["seq"] for e in everything["items"]]
    assert seqs == sorted(seqs)
    assert everything["next_offset"] is None
    creates = [e for e in everything["items"] if e["action"] == "disclosure.create"]
    assert [e["entity_id"] for e in creates] == [str(dss["id"]), str(hra["id"])]
    assert "Outreach" not in str(everything)  # free text never enters the trail
    mine = call(
        client, city, "apo", "GET", "/audit/events", 200, params={"entity_type": "disclosure"}
    )
    assert [e["entity_id"] for e in mine["items"]] == [str(dss["id"])]
    first = call(client, city, "cpo", "GET", "/audit/events", 200, params={"limit": 3})
    assert len(first["items"]) == 3
    rest = call(
        client,
        city,
        "cpo",
        "GET",
        "/audit/events",
        200,
        params={"after_seq": first["next_offset"], "limit": 500},
    )
    assert [e["seq"] for e in first["items"] + rest["items"]] == seqs
    call(client, city, "staff", "GET", "/audit/events", 403)
    call(client, city, "apo", "GET", "/audit/verify", 403)


def _tamper(office: Office, statement: str) -> None:
    """What a database administrator could do: lift the append-only triggers, then edit."""
    with office.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        else:
            connection.execute(text("DROP TRIGGER audit_events_no_update"))
            connection.execute(text("DROP TRIGGER audit_events_no_delete"))
    with office.engine.begin() as connection:
        connection.execute(text(statement))


@pytest.mark.parametrize(
    ("statement", "first_bad"),
    [
        pytest.param(
            'UPDATE audit_events SET changes = \'{"status":"approved"}\' WHERE seq = 12',
            12,
            id="edited",
        ),
        pytest.param("DELETE FROM audit_events WHERE seq = 12", 12, id="deleted"),
        pytest.param("UPDATE audit_events SET actor_id = 1 WHERE seq = 14", 14, id="actor-changed"),
    ],
)
def test_tampering_is_detected_through_the_api(
    client: TestClient, city: City, office: Office, statement: str, first_bad: int
) -> None:
    for _ in range(2):
        created = call(client, city, "staff", "POST", "/disclosures", 201, json=disclosure_body())
        call(client, city, "staff", "POST", f"/disclosures/{created['id']}/submit", 200)
    intact = call(client, city, "auditor", "GET", "/audit/verify", 200)
    assert intact == {
        "ok": True,
        "events": intact["events"],
        "first_bad_event": None,
        "reason": None,
    }
    assert intact["events"] >= 14
    _tamper(office, statement)
    broken = call(client, city, "auditor", "GET", "/audit/verify", 200)
    assert broken["ok"] is False
    assert broken["first_bad_event"] == first_bad
    assert broken["reason"]
