"""Disclosures over HTTP: every workflow path, list filters and pages, bad payloads."""

from __future__ import annotations

from datetime import date
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

__all__ = ["city", "client", "database_url", "office", "pg_template", "sqlite_template"]


class Api:
    """Short calls for the workflow tests (each asserts the status it expects)."""

    def __init__(self, client: TestClient, city: City) -> None:
        self.client = client
        self.city = city

    def call(self, who: str, method: str, path: str, status: int, **kw: Any) -> Any:
        answer = self.client.request(method, f"/api/v1{path}", headers=as_(self.city, who), **kw)
        assert answer.status_code == status, answer.text
        return answer.json()

    def open(self, who: str = "staff", **overrides: Any) -> dict[str, Any]:
        return self.call(who, "POST", "/disclosures", 201, json=disclosure_body(**overrides))

    def step(
        self, who: str, disclosure_id: int, action: str, status: int = 200, **body: Any
    ) -> Any:
        return self.call(who, "POST", f"/disclosures/{disclosure_id}/{action}", status, json=body)


@pytest.fixture
def api(client: TestClient, city: City) -> Api:
    return Api(client, city)


def test_non_routine_needs_an_approval_and_a_second_review(api: Api) -> None:
    created = api.open()
    assert (created["status"], created["classification"]) == ("draft", None)
    assert created["agency_code"] == "DSS"
    assert created["division"] == "Family Services"
    assert created["categories"] == ["address", "name"]
    submitted = api.step("staff", created["id"], "submit")
    assert (submitted["status"], submitted["classification"]) == ("submitted", "non_routine")
    first = api.step("apo", created["id"], "approve", comment="Fits the program")
    assert first["status"] == "second_review"
    again = api.step("apo", created["id"], "approve", 403)
    assert "another reviewer" in again["error"]["message"]
    final = api.step("apo2", created["id"], "approve", comment="Agreed")
    assert final["status"] == "approved"
    assert final["decided_at"] is not None
    made = api.step(
        "staff",
        created["id"],
        "disclose",
        disclosed_at=ago(hours=1),
        records_disclosed=38,
        method="secure file transfer",
        subjects=["CASE-0001", "CASE-0002"],
    )
    assert (made["status"], made["records_disclosed"]) == ("disclosed", 38)
    detail = api.call("auditor", "GET", f"/disclosures/{created['id']}", 200)
    assert [e["action"] for e in detail["history"]] == [
        "disclosure.create",
        "disclosure.submit",
        "disclosure.approve",
        "disclosure.approve",
        "disclosure.disclose",
    ]
    assert [(r["stage"], r["decision"]) for r in detail["reviews"]] == [
        ("apo_approval", "approve"),
        ("second_review", "approve"),
    ]
    assert [r["comment"] for r in detail["reviews"]] == ["Fits the program", "Agreed"]
    assert detail["history"][-1]["changes"]["subjects"] == 2
    assert "CASE-0001" not in str(detail["history"])


def test_the_accounting_answers_who_received_data_about_a_person(api: Api) -> None:
    created = api.open()
    api.step("staff", created["id"], "submit")
    api.step("apo", created["id"], "escalate", comment="CPO please")
    api.step("cpo", created["id"], "approve", comment="Final")
    api.step(
        "staff",
        created["id"],
        "disclose",
        disclosed_at=ago(minutes=5),
        records_disclosed=1,
        method="email",
        subjects=["  case-0042 "],
    )
    for who in ("cpo", "apo", "auditor"):
        found = api.call(who, "GET", "/accounting", 200, params={"identifier": "CASE-0042"})
        assert [r["disclosure_id"] for r in found["items"]] == [created["id"]], who
        assert found["items"][0]["agency_code"] == "DSS"
    assert (
        api.call("hra_apo", "GET", "/accounting", 200, params={"identifier": "CASE-0042"})["items"]
        == []
    )
    nobody = api.call("cpo", "GET", "/accounting", 200, params={"identifier": "CASE-9999"})
    assert nobody["items"] == []
    api.call("staff", "GET", "/accounting", 403, params={"identifier": "CASE-0042"})
    missing = api.call("cpo", "GET", "/accounting", 422)
    assert missing["error"]["field"] == "identifier"


def test_a_routine_designation_approves_at_submission(api: Api) -> None:
    designation = api.call(
        "apo",
        "POST",
        "/designations",
        201,
        json={
            "agency_code": "DSS",
            "categories": ["name", "address", "contact_information"],
            "purpose": "Referrals to city agencies",
            "effective_from": date.today().replace(day=1).isoformat(),
            "recipient_type": "city_agency",
        },
    )
    created = api.open(basis="routine")
    submitted = api.step("staff", created["id"], "submit")
    assert (submitted["status"], submitted["classification"]) == ("approved", "routine")
    assert submitted["designation_id"] == designation["id"]
    assert submitted["decided_by"] is None


def test_escalation_goes_to_the_cpo_whose_decision_is_final(api: Api) -> None:
    created = api.open()
    api.step("staff", created["id"], "submit")
    api.step("cpo", created["id"], "escalate", 403)  # only an APO escalates
    escalated = api.step("apo", created["id"], "escalate", comment="Sensitive")
    assert escalated["status"] == "escalated"
    api.step("apo2", created["id"], "approve", 403)  # now only the CPO decides
    denied = api.step("cpo", created["id"], "deny", comment="No")
    assert denied["status"] == "denied"
    late = api.step("cpo", created["id"], "approve", 409)
    assert late["error"]["code"] == "workflow_error"
    assert "denied" in late["error"]["message"]


def test_a_third_party_disclosure_needs_an_agreement_or_an_exception(api: Api) -> None:
    created = api.open(recipient_type="third_party", recipient_name="Research Lab")
    api.step("staff", created["id"], "submit")
    api.step("apo", created["id"], "approve")
    refused = api.step("apo2", created["id"], "approve", 409)
    assert "third party" in refused["error"]["message"]
    no_reason = api.step(
        "apo", created["id"], "agreement", 422, exception="no_privacy_interest_compromised"
    )
    assert no_reason["error"]["field"] == "reason"
    api.step(
        "apo",
        created["id"],
        "agreement",
        exception="no_privacy_interest_compromised",
        reason="Aggregated counts only",
    )
    assert api.step("apo2", created["id"], "approve")["status"] == "approved"


def test_workflow_steps_out_of_order_are_409(api: Api) -> None:
    created = api.open()
    answer = api.step("apo", created["id"], "approve", 409)
    assert answer["error"]["code"] == "workflow_error"
    made = api.step(
        "staff",
        created["id"],
        "disclose",
        409,
        disclosed_at=ago(hours=1),
        records_disclosed=1,
        method="mail",
    )
    assert "approved" in made["error"]["message"]
    api.step("staff", created["id"], "submit")
    api.step("staff", created["id"], "submit", 409)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"agency_code": None}, "agency_code", id="missing"),
        pytest.param({"record_count": -1}, "record_count", id="negative"),
        pytest.param({"record_count": "many"}, "record_count", id="not-a-number"),
        pytest.param({"kind": "gift"}, "kind", id="bad-enum"),
        pytest.param({"recipient_type": "friend"}, "recipient_type", id="bad-recipient"),
        pytest.param({"categories": []}, "categories", id="no-types"),
        pytest.param({"categories": ["not_a_type"]}, "categories", id="unknown-type"),
        pytest.param({"purpose": "   "}, "purpose", id="blank"),
        pytest.param({"colour": "red"}, "colour", id="unknown-field"),
        pytest.param({"recipient_tags": ["martians"]}, "recipient_tags", id="unknown-tag"),
        pytest.param({"basis": "exigent"}, None, id="exigent-is-recorded-after"),
    ],
)
def test_bad_payloads_name_the_field(api: Api, change: dict[str, Any], field: str | None) -> None:
    body = disclosure_body(**change)
    body = {k: v for k, v in body.items() if v is not None}
    answer = api.client.post("/api/v1/disclosures", json=body, headers=as_(api.city, "staff"))
    assert answer.status_code in (409, 422), answer.text
    error = answer.json()["error"]
    assert error["field"] == field
    if field is not None:
        assert error["message"].startswith(f"{field}:")
        assert error["code"] == "invalid_input"


def test_another_agency_is_not_found_not_forbidden(api: Api) -> None:
    hra = api.open("hra_staff", agency_code="HRA")
    assert api.call("staff", "GET", f"/disclosures/{hra['id']}", 404)["error"]["code"] == (
        "not_found"
    )
    api.step("apo", hra["id"], "approve", 404)
    api.call("staff", "POST", "/disclosures", 404, json=disclosure_body(agency_code="HRA"))
    api.call("staff", "GET", "/disclosures", 404, params={"agency_code": "HRA"})
    assert api.call("cpo", "GET", f"/disclosures/{hra['id']}", 200)["agency_code"] == "HRA"


def test_lists_filter_and_page(api: Api) -> None:
    ids = [api.open()["id"] for _ in range(5)]
    acme = api.open("acme_apo", agency_code="ACME")["id"]
    hra = api.open("hra_staff", agency_code="HRA")["id"]
    for disclosure_id in ids[:2]:
        api.step("staff", disclosure_id, "submit")
    submitted = api.call("apo", "GET", "/disclosures", 200, params={"status": "submitted"})
    assert [d["id"] for d in submitted["items"]] == ids[1::-1]  # newest first
    dss = api.call("cpo", "GET", "/disclosures", 200, params={"agency_code": "DSS"})
    assert {d["id"] for d in dss["items"]} == {*ids, acme}  # with its contractor
    only_acme = api.call("apo", "GET", "/disclosures", 200, params={"agency_code": "ACME"})
    assert [d["id"] for d in only_acme["items"]] == [acme]
    seen: list[int] = []
    offset: int | None = 0
    while offset is not None:
        page = api.call("cpo", "GET", "/disclosures", 200, params={"limit": 2, "offset": offset})
        assert len(page["items"]) <= 2
        assert page["limit"] == 2
        seen += [d["id"] for d in page["items"]]
        offset = page["next_offset"]
    assert seen == sorted({*ids, acme, hra}, reverse=True)
    mine = api.call("staff", "GET", "/disclosures", 200)
    assert hra not in {d["id"] for d in mine["items"]}


def test_an_exigent_disclosure_is_recorded_after_the_fact_and_reported(api: Api) -> None:
    recorded = api.call(
        "staff",
        "POST",
        "/exigent",
        201,
        json={
            "disclosure": disclosure_body(
                basis="exigent", recipient_name="Fire Department", record_count=1
            ),
            "made": {"disclosed_at": ago(hours=30), "records_disclosed": 1, "method": "phone"},
            "facts": "Residents unaccounted for in a fire",
        },
    )
    assert (recorded["status"], recorded["classification"]) == ("disclosed", "exigent")
    flagged = api.call("apo", "GET", "/exigent", 200, params={"flagged": True})
    assert [(s["disclosure_id"], s["apo_state"]) for s in flagged["items"]] == [
        (recorded["id"], "overdue")
    ]
    status = api.call(
        "staff",
        "POST",
        f"/exigent/{recorded['id']}/reports",
        200,
        json={"to": "apo", "at": ago(hours=2)},
    )
    assert status["apo_state"] == "late"
    api.call(
        "staff",
        "POST",
        f"/exigent/{recorded['id']}/reports",
        403,
        json={"to": "cpo", "at": ago(hours=1)},
    )
    status = api.call(
        "apo",
        "POST",
        f"/exigent/{recorded['id']}/reports",
        200,
        json={"to": "cpo", "at": ago(hours=1)},
    )
    assert status["cpo_state"] == "on_time"
    not_exigent = api.open()
    api.call(
        "apo",
        "POST",
        f"/exigent/{not_exigent['id']}/reports",
        409,
        json={"to": "apo", "at": ago(hours=1)},
    )
