"""``/public-input`` on SQLite and PostgreSQL: anyone submits, the CPO moderates and answers,
the public reads what was accepted, never a contact."""

from __future__ import annotations

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

__all__ = ["city", "client", "database_url", "office", "pg_template", "sqlite_template"]

V1 = "/api/v1"
CONTACT = "resident@example.org"


def _submit(client: TestClient, text: str, **extra: Any) -> dict[str, Any]:
    answer = client.post(f"{V1}/public-input", json={"topic": "rights", "text": text, **extra})
    assert answer.status_code == 201, answer.text
    receipt: dict[str, Any] = answer.json()
    assert receipt["moderation"] == "pending"
    assert "contact" not in receipt
    return receipt


def test_submitted_moderated_answered_and_published_without_contact(
    client: TestClient, city: City
) -> None:
    accepted = _submit(client, "How long is my case file kept?", contact=CONTACT)
    rejected = _submit(client, "Spam spam spam")
    cpo = as_(city, "cpo")

    pending = client.get(f"{V1}/public-input/pending", headers=cpo).json()["items"]
    assert [(p["id"], p["contact"]) for p in pending] == [
        (accepted["id"], CONTACT),
        (rejected["id"], None),
    ]
    assert client.get(f"{V1}/public-input/published").json()["items"] == []

    moderated = client.post(
        f"{V1}/public-input/{accepted['id']}/moderate", headers=cpo, json={"accept": True}
    )
    assert moderated.json()["moderation"] == "accepted"
    assert CONTACT not in moderated.text
    refused = client.post(
        f"{V1}/public-input/{rejected['id']}/moderate", headers=cpo, json={"accept": False}
    )
    assert refused.json()["moderation"] == "rejected"
    twice = client.post(
        f"{V1}/public-input/{rejected['id']}/moderate", headers=cpo, json={"accept": True}
    )
    assert twice.status_code == 409
    not_accepted = client.post(
        f"{V1}/public-input/{rejected['id']}/answer", headers=cpo, json={"text": "No."}
    )
    assert not_accepted.status_code == 409

    answered = client.post(
        f"{V1}/public-input/{accepted['id']}/answer",
        headers=cpo,
        json={"text": "Six years after closing."},
    )
    assert answered.status_code == 200
    assert answered.json()["moderation"] == "answered"

    published = client.get(f"{V1}/public-input/published")
    assert published.status_code == 200
    items = published.json()["items"]
    assert [(i["id"], i["answer"]) for i in items] == [(accepted["id"], "Six years after closing.")]
    assert "contact" not in items[0]
    assert CONTACT not in published.text
    assert client.get(f"{V1}/public-input/pending", headers=cpo).json()["items"] == []


def test_only_the_cpo_moderates_and_pending_needs_a_token(client: TestClient, city: City) -> None:
    entry = _submit(client, "Who sees my benefits history?", contact=CONTACT)
    path = f"{V1}/public-input/{entry['id']}"
    for who in ("staff", "apo", "auditor", "admin"):
        answer = client.post(f"{path}/moderate", headers=as_(city, who), json={"accept": True})
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == "forbidden"
    assert client.post(f"{path}/moderate", json={"accept": True}).status_code == 401
    assert client.post(f"{path}/answer", json={"text": "x"}).status_code == 401
    assert client.get(f"{V1}/public-input/pending").status_code == 401
    assert client.get(f"{V1}/public-input/pending", headers=as_(city, "apo")).status_code == 403
    audited = client.get(f"{V1}/public-input/pending", headers=as_(city, "auditor"))
    assert [p["id"] for p in audited.json()["items"]] == [entry["id"]]
    missing = client.post(
        f"{V1}/public-input/999999/moderate", headers=as_(city, "cpo"), json={"accept": True}
    )
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"topic": "rights", "text": "x" * 10_001}, "text", id="text-long"),
        pytest.param({"topic": "rights", "text": "   "}, "text", id="text-blank"),
        pytest.param({"topic": "weather", "text": "hello"}, "topic", id="topic-unknown"),
        pytest.param({"topic": "r" * 33, "text": "hello"}, "topic", id="topic-long"),
        pytest.param(
            {"topic": "rights", "text": "hi", "contact": "c" * 321}, "contact", id="contact-long"
        ),
        pytest.param({"topic": "rights", "text": "hi", "name": "x"}, "name", id="extra-field"),
    ],
)
def test_submission_bounds_answer_422(client: TestClient, body: dict[str, Any], field: str) -> None:
    answer = client.post(f"{V1}/public-input", json=body)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "invalid_input"
    assert error["field"] == field
    assert "x" * 50 not in error["message"]


def test_answer_bounds(client: TestClient, city: City) -> None:
    entry = _submit(client, "A question")
    cpo = as_(city, "cpo")
    client.post(f"{V1}/public-input/{entry['id']}/moderate", headers=cpo, json={"accept": True})
    too_long = client.post(
        f"{V1}/public-input/{entry['id']}/answer", headers=cpo, json={"text": "a" * 10_001}
    )
    assert too_long.status_code == 422
    assert too_long.json()["error"]["field"] == "text"
    not_bool = client.post(
        f"{V1}/public-input/{entry['id']}/moderate", headers=cpo, json={"accept": "maybe"}
    )
    assert not_bool.status_code == 422
    assert not_bool.json()["error"]["field"] == "accept"
