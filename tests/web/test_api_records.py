"""Agencies, users and tokens, the taxonomy, the inventory, designations, agreements, rules."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from _web_fixtures import (
    City,
    TestClient,
    as_,
    city,
    client,
    database_url,
    office,
    pg_template,
    sqlite_template,
)

from cityprivacy.govern import Office
from cityprivacy.web import create_app

__all__ = ["city", "client", "database_url", "office", "pg_template", "sqlite_template"]

TODAY = date.today()


def call(
    client: TestClient,
    who: str | dict[str, str],
    method: str,
    path: str,
    status: int,
    city: City | None = None,
    **kw: Any,
) -> Any:
    headers = who if isinstance(who, dict) else as_(city, who) if city else {}
    answer = client.request(method, f"/api/v1{path}", headers=headers, **kw)
    assert answer.status_code == status, answer.text
    return answer.json()


def test_agencies_contractors_and_divisions(client: TestClient, city: City) -> None:
    made = call(
        client,
        "admin",
        "POST",
        "/agencies",
        201,
        city,
        json={"code": "DOT", "name": " Department of Transportation "},
    )
    assert (made["code"], made["name"], made["kind"], made["parent_code"]) == (
        "DOT",
        "Department of Transportation",
        "agency",
        None,
    )
    contractor = call(
        client,
        "cpo",
        "POST",
        "/agencies",
        201,
        city,
        json={"code": "ROADS", "name": "Roads Inc", "parent_code": "DOT"},
    )
    assert (contractor["kind"], contractor["parent_code"]) == ("contractor", "DOT")
    twice = call(
        client, "admin", "POST", "/agencies", 409, city, json={"code": "DOT", "name": "Again"}
    )
    assert twice["error"]["code"] == "conflict"
    bad = call(client, "admin", "POST", "/agencies", 422, city, json={"code": "dot!", "name": "x"})
    assert bad["error"]["field"] == "code"
    codes = [a["code"] for a in call(client, "auditor", "GET", "/agencies", 200, city)["items"]]
    assert codes == ["DOT", "ROADS", "DSS", "ACME", "SUB", "HRA"]  # by path: agencies, then theirs
    seen_by_staff = call(client, "staff", "GET", "/agencies", 200, city)["items"]
    assert [a["code"] for a in seen_by_staff] == ["DSS", "ACME", "SUB"]
    body = {**_disclosure(), "division": "Intake Unit"}
    call(client, "staff", "POST", "/disclosures", 201, city, json=body)
    dss = call(client, "staff", "GET", "/agencies/DSS", 200, city)
    assert [d["name"] for d in dss["divisions"]] == ["Intake Unit"]
    call(client, "staff", "GET", "/agencies/HRA", 404, city)


def _disclosure() -> dict[str, Any]:
    return {
        "agency_code": "DSS",
        "kind": "proposal",
        "recipient_name": "Parks",
        "recipient_type": "city_agency",
        "categories": ["name"],
        "record_count": 3,
        "purpose": "Summer jobs",
        "mission_justification": "Youth employment",
        "basis": "apo_approval",
    }


def test_a_new_user_gets_a_token_once_and_it_works(client: TestClient, city: City) -> None:
    made = call(
        client,
        "admin",
        "POST",
        "/users",
        201,
        city,
        json={"email": "new.apo@dss.example", "role": "apo", "agency_code": "DSS"},
    )
    assert made["user"]["agency_code"] == "DSS"
    assert made["user"]["role"] == "apo"
    assert made["token"].startswith("cp_")
    mine = {"Authorization": f"Bearer {made['token']}"}
    assert call(client, mine, "GET", "/disclosures", 200)["items"] == []
    listed = call(client, "apo", "GET", "/users", 200, city)["items"]
    assert "token" not in listed[0]
    assert {u["email"] for u in listed} >= {"new.apo@dss.example", "staff@dss.example"}
    assert "staff@hra.example" not in {u["email"] for u in listed}
    second = call(client, "admin", "POST", f"/users/{made['user']['id']}/tokens", 201, city)
    assert second["token"] != made["token"]
    revoked = call(client, "admin", "DELETE", f"/users/{made['user']['id']}/tokens", 200, city)
    assert revoked["revoked"] == 2
    gone = call(client, mine, "GET", "/disclosures", 401)  # at once, despite the token cache
    assert gone["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"email": "not-an-address", "role": "staff", "agency_code": "DSS"}, "email"),
        pytest.param({"email": "a@b.example", "role": "mayor"}, "role"),
        pytest.param({"email": "a@b.example", "role": "staff"}, "agency_code"),
        pytest.param({"email": "a@b.example", "role": "cpo", "agency_code": "DSS"}, "agency_code"),
        pytest.param(
            {"email": "staff@dss.example", "role": "staff", "agency_code": "DSS"}, "email"
        ),
    ],
)
def test_bad_users_name_the_field(
    client: TestClient, city: City, body: dict[str, Any], field: str
) -> None:
    answer = client.post("/api/v1/users", json=body, headers=as_(city, "admin"))
    assert answer.status_code in (409, 422), answer.text
    assert answer.json()["error"]["field"] == field


def test_without_a_token_cache_every_request_checks_its_token(office: Office, city: City) -> None:
    from _web_fixtures import TestClient as Client

    with Client(create_app(office, token_cache_seconds=0)) as uncached:
        assert call(uncached, as_(city, "staff"), "GET", "/disclosures", 200)["items"] == []
        with office.unit(city.admin) as o:
            o.users.revoke_tokens(city.staff.user_id or 0)
        call(uncached, as_(city, "staff"), "GET", "/disclosures", 401)


def test_the_taxonomy_lists_keys_and_names(client: TestClient, city: City) -> None:
    taxonomy = call(client, "staff", "GET", "/taxonomy", 200, city)
    assert taxonomy["version"]
    names = {t["key"]: t["name"] for t in taxonomy["types"]}
    assert names["name"] == "Name"
    assert "ssn" in names
    assert {"key", "name", "breach_private_information", "effective_from"} <= set(
        taxonomy["types"][0]
    )


def test_the_inventory_from_system_to_field(client: TestClient, city: City) -> None:
    schedule = call(
        client,
        "apo",
        "POST",
        "/retention-schedules",
        201,
        city,
        json={
            "agency_code": "DSS",
            "schedule_item": "DSS-07",
            "title": "Case files",
            "period_months": 84,
            "trigger_event": "case closed",
            "disposal_method": "shred",
            "justification": "Fair hearings reach back seven years",
        },
    )
    system = call(
        client,
        "staff",
        "POST",
        "/systems",
        201,
        city,
        json={"agency_code": "ACME", "name": "Intake portal", "owner_code": "DSS"},
    )
    assert (system["agency_code"], system["owner_code"]) == ("ACME", "DSS")
    dataset = call(
        client,
        "staff",
        "POST",
        "/datasets",
        201,
        city,
        json={
            "system_id": system["id"],
            "name": "Forms",
            "retention_schedule_id": schedule["id"],
        },
    )
    field = call(
        client,
        "staff",
        "POST",
        "/fields",
        201,
        city,
        json={
            "dataset_id": dataset["id"],
            "name": "ssn",
            "categories": ["ssn"],
            "collection_basis": "law",
            "purpose": "Eligibility",
        },
    )
    assert (field["agency_code"], field["categories"]) == ("ACME", ["ssn"])
    assert field["taxonomy_version"]
    assert [
        f["id"]
        for f in call(client, "apo", "GET", f"/fields?dataset_id={dataset['id']}", 200, city)[
            "items"
        ]
    ] == [field["id"]]
    assert call(client, "hra_apo", "GET", "/fields", 200, city)["items"] == []
    assert [
        d["id"]
        for d in call(client, "cpo", "GET", f"/datasets?system_id={system['id']}", 200, city)[
            "items"
        ]
    ] == [dataset["id"]]
    assert [s["id"] for s in call(client, "staff", "GET", "/systems", 200, city)["items"]] == [
        system["id"]
    ]
    assert (
        call(client, "staff", "GET", "/retention-schedules", 200, city)["items"][0]["schedule_item"]
        == "DSS-07"
    )
    call(
        client,
        "hra_staff",
        "POST",
        "/datasets",
        404,
        city,
        json={"system_id": system["id"], "name": "Mine now"},
    )
    bad = call(
        client,
        "staff",
        "POST",
        "/fields",
        422,
        city,
        json={
            "dataset_id": dataset["id"],
            "name": "x",
            "categories": ["ssn"],
            "collection_basis": "whim",
        },
    )
    assert bad["error"]["field"] == "collection_basis"
    call(client, "auditor", "POST", "/systems", 403, city, json={"agency_code": "DSS", "name": "x"})


def test_designations_by_an_apo_and_citywide_by_the_cpo(client: TestClient, city: City) -> None:
    body = {"categories": ["name"], "purpose": "Referrals", "effective_from": TODAY.isoformat()}
    city_wide = call(client, "apo", "POST", "/designations", 403, city, json=body)
    assert "CPO" in city_wide["error"]["message"]
    made = call(client, "cpo", "POST", "/designations", 201, city, json=body)
    assert made["agency_code"] is None
    own = call(
        client, "apo", "POST", "/designations", 201, city, json={**body, "agency_code": "DSS"}
    )
    assert own["agency_code"] == "DSS"
    backwards = {**body, "agency_code": "DSS", "review_on": (TODAY - timedelta(days=1)).isoformat()}
    assert (
        call(client, "apo", "POST", "/designations", 422, city, json=backwards)["error"]["field"]
        == "review_on"
    )
    listed = {
        d["id"] for d in call(client, "hra_staff", "GET", "/designations", 200, city)["items"]
    }
    assert listed == {made["id"]}  # the citywide one, not DSS's
    call(client, "hra_staff", "GET", f"/designations/{own['id']}", 404, city)
    revoked = call(client, "apo", "POST", f"/designations/{own['id']}/revoke", 200, city)
    assert revoked["revoked_at"] is not None
    call(client, "apo", "POST", f"/designations/{own['id']}/revoke", 409, city)


def test_agreements_activate_amend_and_keep_versions(client: TestClient, city: City) -> None:
    made = call(
        client,
        "apo",
        "POST",
        "/agreements",
        201,
        city,
        json={
            "agency_code": "DSS",
            "title": "Outreach study",
            "recipient_name": "Gotham University",
            "recipient_type": "third_party",
            "categories": ["name", "address"],
            "purposes": "Evaluation",
            "permitted_uses": "Statistics only",
            "future_use_clause": "Any future use is bound by the law",
            "effective_from": TODAY.isoformat(),
        },
    )
    assert (made["status"], made["version"]) == ("draft", 1)
    assert made["parties"] == ["Department of Social Services", "Gotham University"]
    active = call(
        client,
        "apo",
        "POST",
        f"/agreements/{made['id']}/status",
        200,
        city,
        json={"status": "active"},
    )
    assert (active["status"], active["version"]) == ("active", 2)
    amended = call(
        client,
        "apo",
        "PATCH",
        f"/agreements/{made['id']}",
        200,
        city,
        json={"security_terms": "Encrypted at rest", "review_on": None},
    )
    assert (amended["security_terms"], amended["version"]) == ("Encrypted at rest", 3)
    call(client, "apo", "PATCH", f"/agreements/{made['id']}", 422, city, json={})
    call(client, "apo", "PATCH", f"/agreements/{made['id']}", 422, city, json={"status": "x"})
    detail = call(client, "auditor", "GET", f"/agreements/{made['id']}", 200, city)
    assert [v["number"] for v in detail["versions"]] == [1, 2, 3]
    assert [v["snapshot"]["status"] for v in detail["versions"]] == ["draft", "active", "active"]
    no_clause = call(
        client,
        "apo",
        "POST",
        "/agreements",
        422,
        city,
        json={
            "agency_code": "DSS",
            "title": "t",
            "recipient_name": "r",
            "recipient_type": "contractor",
            "categories": ["name"],
            "purposes": "p",
            "permitted_uses": "u",
            "future_use_clause": " ",
        },
    )
    assert no_clause["error"]["field"] == "future_use_clause"
    assert call(client, "hra_apo", "GET", "/agreements", 200, city)["items"] == []
    call(
        client,
        "staff",
        "POST",
        f"/agreements/{made['id']}/status",
        403,
        city,
        json={"status": "terminated"},
    )


def test_citywide_rules_are_the_cpos(client: TestClient, city: City) -> None:
    rules = call(client, "staff", "GET", "/rules", 200, city)["items"]
    assert any("immigration" in r["code"] for r in rules)
    body = {
        "code": "no-ssn-to-media",
        "description": "No SSNs to the press",
        "categories": ["ssn"],
        "allowed_bases": ["legal_process"],
        "recipient_tags": ["media"],
    }
    call(client, "apo", "POST", "/rules", 403, city, json=body)
    made = call(client, "cpo", "POST", "/rules", 201, city, json=body)
    assert (made["categories"], made["active"]) == (["ssn"], True)
    call(client, "cpo", "POST", "/rules", 409, city, json=body)
    bad_tag = call(
        client,
        "cpo",
        "POST",
        "/rules",
        422,
        city,
        json={**body, "code": "x", "recipient_tags": ["aliens"]},
    )
    assert bad_tag["error"]["field"] == "recipient_tags"
