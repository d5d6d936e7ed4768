"""Disclosure attachments (metadata only) and switching citywide rules on and off, on
SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from _web_fixtures import (
    City,
    TestClient,
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

V1 = "/api/v1"
SHA = hashlib.sha256(b"the signed agreement").hexdigest()
IMMIGRATION_RULE = "immigration-status-to-federal-immigration"


def _disclosure(client: TestClient, city: City, who: str = "staff", **body: Any) -> int:
    answer = client.post(f"{V1}/disclosures", headers=as_(city, who), json=disclosure_body(**body))
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def _attachment(**overrides: Any) -> dict[str, Any]:
    return {
        "filename": "agreement.pdf",
        "media_type": "application/pdf",
        "size_bytes": 2048,
        "sha256": SHA,
        **overrides,
    }


def test_attachments_are_recorded_listed_and_shown(client: TestClient, city: City) -> None:
    disclosure = _disclosure(client, city)
    path = f"{V1}/disclosures/{disclosure}/attachments"
    made = client.post(path, headers=as_(city, "staff"), json=_attachment())
    assert made.status_code == 201
    assert made.json()["sha256"] == SHA
    client.post(
        path,
        headers=as_(city, "apo"),
        json=_attachment(filename="memo.txt", media_type="text/plain"),
    )
    listed = client.get(path, headers=as_(city, "auditor")).json()["items"]
    assert [(a["filename"], a["size_bytes"]) for a in listed] == [
        ("agreement.pdf", 2048),
        ("memo.txt", 2048),
    ]
    detail = client.get(f"{V1}/disclosures/{disclosure}", headers=as_(city, "staff")).json()
    assert [a["id"] for a in detail["attachments"]] == [a["id"] for a in listed]


def test_another_agencys_attachments_are_not_found(client: TestClient, city: City) -> None:
    theirs = _disclosure(client, city, "hra_staff", agency_code="HRA")
    path = f"{V1}/disclosures/{theirs}/attachments"
    for who in ("staff", "apo"):
        assert client.get(path, headers=as_(city, who)).status_code == 404
        refused = client.post(path, headers=as_(city, who), json=_attachment())
        assert refused.status_code == 404
        assert refused.json()["error"]["code"] == "not_found"
    assert client.post(path, headers=as_(city, "auditor"), json=_attachment()).status_code == 403
    assert client.post(path, json=_attachment()).status_code == 401
    assert client.get(path, headers=as_(city, "cpo")).json()["items"] == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"sha256": "A" * 64}, "sha256", id="sha-upper"),
        pytest.param({"sha256": "ab"}, "sha256", id="sha-short"),
        pytest.param({"size_bytes": -1}, "size_bytes", id="size-negative"),
        pytest.param({"size_bytes": 2**31}, "size_bytes", id="size-too-big"),
        pytest.param({"filename": "f" * 301}, "filename", id="filename-long"),
        pytest.param({"filename": " "}, "filename", id="filename-blank"),
        pytest.param({"media_type": "m" * 101}, "media_type", id="media-type-long"),
    ],
)
def test_attachment_bounds(
    client: TestClient, city: City, overrides: dict[str, Any], field: str
) -> None:
    disclosure = _disclosure(client, city)
    answer = client.post(
        f"{V1}/disclosures/{disclosure}/attachments",
        headers=as_(city, "staff"),
        json=_attachment(**overrides),
    )
    assert answer.status_code == 422
    assert answer.json()["error"] == answer.json()["error"] | {
        "code": "invalid_input",
        "field": field,
    }


def test_switching_a_rule_off_and_on_changes_what_is_refused(
    client: TestClient, city: City
) -> None:
    cpo = as_(city, "cpo")
    body: dict[str, Any] = {
        "recipient_name": "Federal agency",
        "recipient_type": "other_government",
        "recipient_tags": ["federal_immigration_authority"],
        "categories": ["immigration_status"],
        "basis": "apo_approval",
    }

    def submit() -> int:
        disclosure = _disclosure(client, city, **body)
        answer = client.post(f"{V1}/disclosures/{disclosure}/submit", headers=as_(city, "staff"))
        return int(answer.status_code)

    assert submit() == 422
    off = client.post(f"{V1}/rules/{IMMIGRATION_RULE}/deactivate", headers=cpo)
    assert off.status_code == 200
    assert off.json()["active"] is False
    assert submit() == 200
    on = client.post(f"{V1}/rules/{IMMIGRATION_RULE}/activate", headers=cpo)
    assert on.json()["active"] is True
    assert submit() == 422
    rules = client.get(f"{V1}/rules", headers=as_(city, "staff")).json()["items"]
    assert {r["code"]: r["active"] for r in rules}[IMMIGRATION_RULE] is True


def test_only_the_cpo_switches_rules(client: TestClient, city: City) -> None:
    path = f"{V1}/rules/{IMMIGRATION_RULE}/deactivate"
    for who in ("staff", "apo", "auditor", "admin"):
        assert client.post(path, headers=as_(city, who)).status_code == 403
    assert client.post(path).status_code == 401
    missing = client.post(f"{V1}/rules/no-such-rule/activate", headers=as_(city, "cpo"))
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    too_long = client.post(f"{V1}/rules/{'r' * 65}/activate", headers=as_(city, "cpo"))
    assert too_long.status_code == 422
    assert too_long.json()["error"]["field"] == "code"
