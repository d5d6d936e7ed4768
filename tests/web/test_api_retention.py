"""``/disposal-requests`` and ``/legal-holds`` on SQLite and PostgreSQL: the two approvals,
a hold blocking disposal until released, rejection, isolation and bounds."""

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
    office,
    pg_template,
    sqlite_template,
)

__all__ = ["city", "client", "database_url", "office", "pg_template", "sqlite_template"]

V1 = "/api/v1"


def call(client: TestClient, city: City, who: str, method: str, path: str, status: int,
         **kw: Any) -> Any:  # fmt: skip
    answer = client.request(method, f"{V1}{path}", headers=as_(city, who), **kw)
    assert answer.status_code == status, answer.text
    return answer.json()


def _schedule_and_dataset(client: TestClient, city: City, code: str = "DSS") -> tuple[int, int]:
    apo = "apo" if code == "DSS" else "hra_apo"
    schedule = call(client, city, apo, "POST", "/retention-schedules", 201, json={
        "agency_code": code, "schedule_item": "S-1", "title": "Case files", "period_months": 72,
        "trigger_event": "case closed", "disposal_method": "shred",
    })["id"]  # fmt: skip
    system = call(
        client, city, apo, "POST", "/systems", 201, json={"agency_code": code, "name": "S"}
    )
    dataset = call(client, city, apo, "POST", "/datasets", 201,
                   json={"system_id": system["id"], "name": "Cases"})["id"]  # fmt: skip
    return schedule, dataset


def _request(client: TestClient, city: City, schedule: int, dataset: int | None = None) -> int:
    body = {"schedule_id": schedule, "dataset_id": dataset, "description": "Closed in 2018"}
    made = call(client, city, "staff", "POST", "/disposal-requests", 201, json=body)
    assert made["status"] == "pending"
    assert made["agency_code"] == "DSS"
    return int(made["id"])


def _approve(client: TestClient, city: City, request: int, by: str, status: int = 200) -> Any:
    body = {"by": by, "reference": f"{by.upper()}-2026-1"}
    return call(
        client, city, "apo", "POST", f"/disposal-requests/{request}/approve", status, json=body
    )


def test_disposal_needs_both_offices_and_then_is_recorded(client: TestClient, city: City) -> None:
    schedule, dataset = _schedule_and_dataset(client, city)
    request = _request(client, city, schedule, dataset)
    early = {"disposed_at": ago(minutes=5)}
    refused = call(
        client, city, "apo", "POST", f"/disposal-requests/{request}/dispose", 409, json=early
    )
    assert refused["error"]["code"] == "workflow_error"

    one = _approve(client, city, request, "records_office")
    assert one["status"] == "pending"
    assert one["records_office_ref"] == "RECORDS_OFFICE-2026-1"
    again = _approve(client, city, request, "records_office", 409)
    assert again["error"]["code"] == "workflow_error"
    both = _approve(client, city, request, "law_department")
    assert both["status"] == "approved"
    assert both["law_department_approved_at"] is not None

    done = call(
        client, city, "cpo", "POST", f"/disposal-requests/{request}/dispose", 200, json=early
    )
    assert done["status"] == "disposed"
    assert done["disposed_at"] is not None
    listed = call(
        client, city, "auditor", "GET", "/disposal-requests", 200, params={"status": "disposed"}
    )
    assert [r["id"] for r in listed["items"]] == [request]
    assert call(client, city, "staff", "GET", "/disposal-requests", 200,
                params={"status": "pending"})["items"] == []  # fmt: skip


@pytest.mark.parametrize("on", ["dataset", "schedule"])
def test_a_hold_blocks_disposal_until_released(client: TestClient, city: City, on: str) -> None:
    schedule, dataset = _schedule_and_dataset(client, city)
    request = _request(client, city, schedule, dataset)
    _approve(client, city, request, "records_office")
    _approve(client, city, request, "law_department")
    target = {"dataset_id": dataset} if on == "dataset" else {"schedule_id": schedule}
    hold = call(client, city, "apo", "POST", "/legal-holds", 201,
                json={"agency_code": "DSS", "matter_ref": "Index 4512/2025", **target})  # fmt: skip
    assert hold["released_at"] is None
    assert hold["agency_code"] == "DSS"
    assert [h["id"] for h in call(client, city, "staff", "GET", "/legal-holds", 200,
                                  params={"active": True})["items"]] == [hold["id"]]  # fmt: skip

    body = {"disposed_at": ago(minutes=1)}
    path = f"/disposal-requests/{request}/dispose"
    blocked = call(client, city, "apo", "POST", path, 409, json=body)
    assert f"legal hold(s) {hold['id']}" in blocked["error"]["message"]

    released = call(client, city, "apo", "POST", f"/legal-holds/{hold['id']}/release", 200)
    assert released["released_at"] is not None
    call(client, city, "apo", "POST", f"/legal-holds/{hold['id']}/release", 409)
    assert (
        call(client, city, "apo", "GET", "/legal-holds", 200, params={"active": True})["items"]
        == []
    )
    assert call(client, city, "apo", "POST", path, 200, json=body)["status"] == "disposed"


def test_a_rejected_request_stays_rejected(client: TestClient, city: City) -> None:
    schedule, _ = _schedule_and_dataset(client, city)
    request = _request(client, city, schedule)
    rejected = call(client, city, "apo", "POST", f"/disposal-requests/{request}/reject", 200,
                    json={"by": "law_department"})  # fmt: skip
    assert rejected["status"] == "rejected"
    _approve(client, city, request, "records_office", 409)
    call(client, city, "apo", "POST", f"/disposal-requests/{request}/reject", 409,
         json={"by": "records_office"})  # fmt: skip


def test_another_agencys_requests_and_holds_are_not_found(client: TestClient, city: City) -> None:
    schedule, dataset = _schedule_and_dataset(client, city, "HRA")
    body = {"schedule_id": schedule}
    call(client, city, "staff", "POST", "/disposal-requests", 404, json=body)
    request = call(client, city, "hra_staff", "POST", "/disposal-requests", 201, json=body)["id"]
    hra_hold = {"agency_code": "HRA", "matter_ref": "M", "dataset_id": dataset}
    hold = call(client, city, "hra_apo", "POST", "/legal-holds", 201, json=hra_hold)["id"]
    for method, path, json in [
        ("GET", f"/disposal-requests/{request}", None),
        (
            "POST",
            f"/disposal-requests/{request}/approve",
            {"by": "law_department", "reference": "L"},
        ),
        ("POST", f"/disposal-requests/{request}/reject", {"by": "law_department"}),
        ("POST", f"/disposal-requests/{request}/dispose", {"disposed_at": ago(minutes=1)}),
        ("POST", f"/legal-holds/{hold}/release", None),
    ]:
        missing = call(client, city, "apo", method, path, 404, json=json)
        assert missing["error"]["code"] == "not_found"
    assert call(client, city, "apo", "GET", "/disposal-requests", 200)["items"] == []
    assert call(client, city, "apo", "GET", "/legal-holds", 200)["items"] == []
    call(client, city, "apo", "POST", "/legal-holds", 404, json=hra_hold)
    assert call(client, city, "cpo", "GET", f"/disposal-requests/{request}", 200)["id"] == request


def test_roles_and_tokens(client: TestClient, city: City) -> None:
    schedule, _ = _schedule_and_dataset(client, city)
    request = _request(client, city, schedule)
    approval = {"by": "records_office", "reference": "R"}
    for who in ("staff", "auditor", "admin"):
        refused = call(client, city, who, "POST", f"/disposal-requests/{request}/approve", 403,
                       json=approval)  # fmt: skip
        assert refused["error"]["code"] == "forbidden"
    answer = client.post(f"{V1}/disposal-requests/{request}/approve", json=approval)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"
    assert client.get(f"{V1}/legal-holds").status_code == 401


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        pytest.param("/approve", {"by": "law_department", "reference": "R" * 101}, "reference"),
        pytest.param("/approve", {"by": "law_department", "reference": "  "}, "reference"),
        pytest.param("/approve", {"by": "mayor", "reference": "R"}, "by", id="by-unknown"),
        pytest.param("/reject", {"by": "records_office", "extra": 1}, "extra", id="extra-field"),
        pytest.param("/dispose", {"disposed_at": "2026-01-01T00:00:00"}, "disposed_at", id="naive"),
        pytest.param("/dispose", {"disposed_at": "0001-01-01T00:00:00+05:00"}, "disposed_at"),
        pytest.param("", {"schedule_id": 2**31}, "schedule_id", id="id-too-big"),
        pytest.param("", {"schedule_id": 1, "description": "d" * 5001}, "description"),
    ],
)
def test_bounds_answer_422_naming_the_field(
    client: TestClient, city: City, path: str, body: dict[str, Any], field: str
) -> None:
    schedule, _ = _schedule_and_dataset(client, city)
    request = _request(client, city, schedule)
    if path:
        _approve(client, city, request, "records_office")
        _approve(client, city, request, "law_department")
    url = f"/disposal-requests/{request}{path}" if path else "/disposal-requests"
    error = call(client, city, "apo", "POST", url, 422, json=body)["error"]
    assert error["code"] == "invalid_input"
    assert error["field"] == field


def test_hold_bounds_and_a_hold_needs_a_target(client: TestClient, city: City) -> None:
    base = {"agency_code": "DSS", "matter_ref": "M"}
    error = call(client, city, "apo", "POST", "/legal-holds", 422, json=base)["error"]
    assert error["field"] == "dataset_id"
    long_ref = {**base, "matter_ref": "M" * 101, "schedule_id": 1}
    assert (
        call(client, city, "apo", "POST", "/legal-holds", 422, json=long_ref)["error"]["field"]
        == "matter_ref"
    )
    future = {"disposed_at": "2999-01-01T00:00:00Z"}
    schedule, _ = _schedule_and_dataset(client, city)
    request = _request(client, city, schedule)
    _approve(client, city, request, "records_office")
    _approve(client, city, request, "law_department")
    late = call(
        client, city, "apo", "POST", f"/disposal-requests/{request}/dispose", 422, json=future
    )
    assert late["error"]["field"] == "disposed_at"
