"""Two reviewers approve the same request over HTTP at the same moment: one 200, one 409."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from _web_fixtures import (
    City,
    TestClient,
    as_,
    city,
    database_url,
    disclosure_body,
    office,
    pg_template,
    sqlite_template,
)
from fastapi import FastAPI

from cityprivacy.govern import Office
from cityprivacy.govern.disclosures import Disclosures
from cityprivacy.web import create_app

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]


def _submitted(client: TestClient, city: City) -> int:
    created = client.post("/api/v1/disclosures", json=disclosure_body(), headers=as_(city, "staff"))
    disclosure_id: int = created.json()["id"]
    client.post(f"/api/v1/disclosures/{disclosure_id}/submit", headers=as_(city, "staff"))
    return disclosure_id


def _race(app: FastAPI, city: City, disclosure_id: int, action: str) -> list[tuple[int, str]]:
    """Both requests in flight at once, each from its own client (and event loop).

    The app is built beforehand, in one thread: building two at once in two threads races
    inside pydantic's schema generation (it toggles the process-wide warning filters).
    """
    start = threading.Barrier(2, timeout=30)

    def review(who: str) -> tuple[int, str]:
        with TestClient(app, raise_server_exceptions=False) as client:
            start.wait()
            answer = client.post(
                f"/api/v1/disclosures/{disclosure_id}/{action}",
                json={"comment": who},
                headers=as_(city, who),
            )
        code = answer.json().get("error", {}).get("code", "") if answer.status_code >= 400 else ""
        return answer.status_code, code

    with ThreadPoolExecutor(max_workers=2) as pool:
        return sorted(pool.map(review, ["apo", "apo2"]))


@pytest.fixture
def both_read_first(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Make each approval wait, after reading the disclosure, until the other has read it too:
    the race where both see the same version and both try to write."""
    barrier = threading.Barrier(2, timeout=30)
    original = Disclosures._reviewable

    def reviewable(self: Disclosures, disclosure_id: int, action: str) -> Any:
        record = original(self, disclosure_id, action)
        barrier.wait()
        return record

    monkeypatch.setattr(Disclosures, "_reviewable", reviewable)
    return monkeypatch.undo


@pytest.mark.parametrize("action", ["approve", "deny"])
def test_of_two_simultaneous_decisions_one_wins_and_one_conflicts(
    office: Office, city: City, both_read_first: Callable[[], None], action: str
) -> None:
    app = create_app(office)
    with TestClient(app) as client:
        disclosure_id = _submitted(client, city)
        outcomes = _race(app, city, disclosure_id, action)
        both_read_first()
        assert outcomes == [(200, ""), (409, "conflict")]
        detail = client.get(f"/api/v1/disclosures/{disclosure_id}", headers=as_(city, "auditor"))
        assert len(detail.json()["reviews"]) == 1  # the loser's review was rolled back
        actions = [e["action"] for e in detail.json()["history"]]
        assert actions.count(f"disclosure.{action}") == 1
        verify = client.get("/api/v1/audit/verify", headers=as_(city, "auditor")).json()
        assert verify["ok"] is True


def test_unsynchronized_simultaneous_denials_never_both_succeed(office: Office, city: City) -> None:
    """Without forcing the interleaving: whatever the timing, one 200 and one 409 (a conflict
    when they overlap, a workflow error when one follows the other). Denials, because two
    approvals one after the other are a first approval and its second review."""
    app = create_app(office)
    with TestClient(app) as client:
        for _ in range(3):
            disclosure_id = _submitted(client, city)
            outcomes = _race(app, city, disclosure_id, "deny")
            assert [status for status, _ in outcomes] == [200, 409], outcomes
            assert outcomes[1][1] in ("conflict", "workflow_error")
