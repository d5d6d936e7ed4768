"""The service around the routes: health checks, the OpenAPI schema, the error envelope."""

from __future__ import annotations

import json
import re
from pathlib import Path
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
    route_table,
    sqlite_template,
)
from sqlalchemy import text

from cityprivacy.config import Settings
from cityprivacy.govern import Office
from cityprivacy.store import create_engine_for
from cityprivacy.web import OPENAPI_URL, create_app

__all__ = ["city", "client", "database_url", "office", "pg_template", "sqlite_template"]

ISSUE_PATHS = {
    "/api/v1/agencies": {"get", "post"},
    "/api/v1/users": {"post"},
    "/api/v1/taxonomy": {"get"},
    "/api/v1/systems": {"get", "post"},
    "/api/v1/datasets": {"get", "post"},
    "/api/v1/fields": {"get", "post"},
    "/api/v1/designations": {"get", "post"},
    "/api/v1/agreements": {"get", "post"},
    "/api/v1/disclosures": {"get", "post"},
    "/api/v1/disclosures/{disclosure_id}": {"get"},
    "/api/v1/disclosures/{disclosure_id}/submit": {"post"},
    "/api/v1/disclosures/{disclosure_id}/approve": {"post"},
    "/api/v1/disclosures/{disclosure_id}/deny": {"post"},
    "/api/v1/disclosures/{disclosure_id}/escalate": {"post"},
    "/api/v1/disclosures/{disclosure_id}/disclose": {"post"},
    "/api/v1/accounting": {"get"},
    "/api/v1/incidents": {"get", "post"},
    "/api/v1/incidents/{incident_id}/notifications": {"post"},
    "/api/v1/audit/events": {"get"},
    "/api/v1/audit/verify": {"get"},
    "/api/v1/reports/biennial": {"get"},
    "/healthz": {"get"},
    "/readyz": {"get"},
}


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"


def test_not_ready_on_a_database_without_the_migrations(tmp_path: Path) -> None:
    office = Office(create_engine_for(f"sqlite:///{tmp_path}/empty.db"), Settings())
    try:
        with TestClient(create_app(office)) as test_client:
            answer = test_client.get("/readyz")
    finally:
        office.close()
    assert answer.status_code == 503
    error = answer.json()["error"]
    assert error["code"] == "not_ready"
    assert "cityprivacy db upgrade" in error["message"]


def test_not_ready_when_the_database_is_unreachable() -> None:
    settings = Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none")
    with TestClient(create_app(settings)) as test_client:
        answer = test_client.get("/readyz")
        assert test_client.get("/healthz").status_code == 200
    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "not_ready"


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


PUBLIC_OPERATIONS = {("post", "/api/v1/public-input"), ("get", "/api/v1/public-input/published")}


def test_the_openapi_schema_is_served_and_consistent(client: TestClient) -> None:
    answer = client.get(OPENAPI_URL)
    assert answer.status_code == 200
    spec = answer.json()
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"]
    assert spec["info"]["version"]
    for path, methods in ISSUE_PATHS.items():
        assert methods <= set(spec["paths"][path]), path
    schemas = spec["components"]["schemas"]
    for ref in _refs(spec):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in schemas, f"dangling {ref}"
    assert "HTTPValidationError" not in schemas  # 422 answers the envelope, and says so
    assert spec["components"]["securitySchemes"]["token"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["token"]["description"],
    }
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation["responses"], (method, path)
            assert operation.get("operationId"), (method, path)
            if (method, path) in PUBLIC_OPERATIONS:  # anyone may call them: no token
                assert "security" not in operation, (method, path)
            elif path.startswith("/api/v1/"):
                assert operation["security"] == [{"token": []}], (method, path)
                envelope = operation["responses"]["401"]["content"]["application/json"]
                assert envelope["schema"] == {"$ref": "#/components/schemas/ErrorEnvelope"}
            for parameter in operation.get("parameters", []):
                assert "schema" in parameter
                assert parameter["in"] in ("path", "query")
    json.dumps(spec)  # plain JSON throughout


def test_the_schema_documents_every_route(client: TestClient, office: Office) -> None:
    spec = client.get(OPENAPI_URL).json()
    documented = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    assert route_table(create_app(office), documented_only=True) == documented


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code", "field"),
    [
        pytest.param("GET", "/api/v1/nowhere", None, 404, "not_found", None, id="unknown-path"),
        pytest.param(
            "DELETE", "/api/v1/agencies", None, 405, "method_not_allowed", None, id="method"
        ),
        pytest.param("GET", "/api/v1/disclosures/99999", None, 404, "not_found", None, id="no-row"),
        pytest.param(
            "GET", "/api/v1/disclosures/abc", None, 422, "invalid_input", "disclosure_id", id="path"
        ),
        pytest.param(
            "GET", "/api/v1/disclosures?limit=0", None, 422, "invalid_input", "limit", id="query"
        ),
        pytest.param(
            "GET",
            "/api/v1/disclosures?status=lost",
            None,
            422,
            "invalid_input",
            "status",
            id="enum",
        ),
        pytest.param(
            "POST", "/api/v1/agencies", "{not json", 422, "invalid_input", None, id="json"
        ),
        pytest.param(
            "POST", "/api/v1/agencies", "[]", 422, "invalid_input", "body", id="not-object"
        ),
    ],
)
def test_every_error_has_the_envelope(
    client: TestClient,
    city: City,
    method: str,
    path: str,
    body: str | None,
    status: int,
    code: str,
    field: str | None,
) -> None:
    headers = {**as_(city, "cpo"), "Content-Type": "application/json"}
    answer = client.request(method, path, content=body, headers=headers)
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert set(error) == {"code", "message", "field"}
    assert error["code"] == code
    assert error["message"]
    if field is not None:
        assert error["field"] == field


@pytest.mark.parametrize(
    "header",
    [
        pytest.param({}, id="none"),
        pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, id="not-bearer"),
        pytest.param({"Authorization": "Bearer cp_000000000000_nope"}, id="unknown-token"),
        pytest.param({"Authorization": "Bearer garbage"}, id="malformed"),
    ],
)
def test_no_valid_token_is_401_with_the_envelope(
    client: TestClient, header: dict[str, str]
) -> None:
    answer = client.get("/api/v1/disclosures", headers=header)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert answer.json()["error"]["code"] == "unauthorized"


def test_errors_never_echo_the_values_sent(client: TestClient, city: City) -> None:
    secret = "Zebulon Quartermaine 123-45-6789"
    bodies = [
        {"agency_code": "DSS", "kind": secret},
        {"email": secret, "role": "staff", "agency_code": "DSS"},
    ]
    for path, body in zip(["/api/v1/disclosures", "/api/v1/users"], bodies, strict=True):
        answer = client.post(
            path, json=body, headers=as_(city, "admin" if "users" in path else "staff")
        )
        assert answer.status_code == 422, answer.text
        assert "Zebulon" not in answer.text
        assert "6789" not in answer.text


def test_an_unexpected_error_is_a_500_envelope_and_logs_no_values(
    office: Office, city: City, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(office)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("value 123-45-6789 leaked")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        answer = test_client.get("/boom?identifier=123-45-6789")
    assert answer.status_code == 500
    assert answer.json()["error"]["code"] == "internal_error"
    assert "6789" not in answer.text
    assert "RuntimeError" in caplog.text
    assert "6789" not in caplog.text


def test_a_request_rolls_back_entirely_when_it_fails(
    client: TestClient, city: City, office: Office
) -> None:
    """One transaction per request: a rule violation leaves no trace, not even audit events."""
    before = client.get("/api/v1/audit/verify", headers=as_(city, "auditor")).json()["events"]
    created = client.post(
        "/api/v1/disclosures",
        json={
            "agency_code": "DSS",
            "kind": "request",
            "recipient_name": "Federal immigration office",
            "recipient_type": "other_government",
            "recipient_tags": ["federal_immigration_authority"],
            "categories": ["immigration_status"],
            "record_count": 1,
            "purpose": "Status check",
            "mission_justification": "None",
            "basis": "apo_approval",
        },
        headers=as_(city, "staff"),
    ).json()
    refused = client.post(f"/api/v1/disclosures/{created['id']}/submit", headers=as_(city, "staff"))
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "rule_violation"
    after = client.get(f"/api/v1/disclosures/{created['id']}", headers=as_(city, "staff")).json()
    assert after["status"] == "draft"
    assert [e["action"] for e in after["history"]] == ["disclosure.create"]
    events = client.get("/api/v1/audit/verify", headers=as_(city, "auditor")).json()["events"]
    assert events == before + 1
    with office.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM disclosure_reviews")).scalar() == 0


def test_the_app_opens_and_closes_its_own_office(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/own.db"
    app = create_app(Settings(database_url=url))
    office: Office = app.state.office
    office.upgrade()
    with TestClient(app) as test_client:
        assert test_client.get("/readyz").status_code == 200
    assert re.search(r"own\.db$", office.url)
