"""Property: whatever is sent to any operation of the OpenAPI schema, no answer is a 5xx.

Payloads are generated from the schema itself (request bodies, query and path
parameters), mixed with arbitrary JSON and with values that reach deeper (real taxonomy
keys, agency codes, ids of existing records), and sent by people of every role. Every
error must carry the envelope. (schemathesis does this too; it is not installed here.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from _web_fixtures import TestClient, office_for_module, pg_template, sqlite_template
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cityprivacy.config import Settings
from cityprivacy.govern import Actor
from cityprivacy.web import create_app

__all__ = ["pg_template", "sqlite_template"]

EXAMPLES = int(os.environ.get("CITYPRIVACY_FUZZ_EXAMPLES", "15"))
CODES = ["DSS", "ACME", "HRA", "NOPE", "", "dss"]
KEYS = ["name", "address", "ssn", "immigration_status", "date_of_birth", "nope"]
ROLES = ["cpo", "apo", "staff", "admin", "auditor"]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


class Schemas:
    """Hypothesis strategies from the OpenAPI document's JSON schemas."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.components: dict[str, Any] = spec["components"]["schemas"]

    def of(self, schema: dict[str, Any], name: str = "") -> st.SearchStrategy[Any]:
        """Values that fit ``schema`` four times in five (a property ``name`` gets realistic
        values), else any JSON."""
        fitting = self._fitting(schema, name)
        return st.one_of(fitting, fitting, fitting, fitting, json_values)

    def _fitting(self, schema: dict[str, Any], name: str) -> st.SearchStrategy[Any]:
        if "$ref" in schema:
            return self._fitting(self.components[schema["$ref"].rsplit("/", 1)[1]], name)
        if "anyOf" in schema or "oneOf" in schema:
            return st.one_of(
                [self._fitting(s, name) for s in schema.get("anyOf", schema.get("oneOf"))]
            )
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        if "const" in schema:
            return st.just(schema["const"])
        kind = schema.get("type")
        if kind == "object":
            return self._object(schema)
        if kind == "array":
            items = self._fitting(schema.get("items", {}), name)
            if name == "categories":
                items = st.sampled_from(KEYS)
            return st.lists(items, max_size=min(schema.get("maxItems", 4), 4))
        if kind == "integer":
            low, high = schema.get("minimum", -5), schema.get("maximum", 10**6)
            if name.endswith("_id") or name in ("disclosure_id", "incident_id"):
                return st.integers(min_value=0, max_value=12)
            return st.integers(min_value=low, max_value=high) | st.integers()
        if kind == "number":
            return st.floats(allow_nan=False, allow_infinity=False)
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        if kind == "string":
            return self._string(schema, name)
        return json_values

    def _string(self, schema: dict[str, Any], name: str) -> st.SearchStrategy[str]:
        fmt = schema.get("format")
        if fmt == "date":
            return st.dates().map(lambda d: d.isoformat())
        if fmt == "date-time":
            return st.datetimes(timezones=st.sampled_from([None, *_zones()])).map(
                lambda t: t.isoformat()
            )
        if name.endswith("code"):
            return st.sampled_from(CODES)
        if name == "email":
            return st.emails() | st.text(max_size=10)
        longest = schema.get("maxLength", 300)  # unbounded: past any varchar(300)
        edge = st.sampled_from([longest, longest + 1]).map(
            lambda n: "ab" * (n // 2) + "a" * (n % 2)
        )
        return st.text(max_size=40) | edge

    def _object(self, schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        fixed = {k: self.of(v, k) for k, v in properties.items() if k in required}
        optional = {k: self.of(v, k) for k, v in properties.items() if k not in required}
        return st.fixed_dictionaries(fixed, optional=optional)


def _zones() -> list[Any]:
    from datetime import UTC, timedelta, timezone

    return [UTC, timezone(timedelta(hours=-5))]


def _operations() -> list[tuple[str, str]]:
    spec = create_app(Settings(database_url="sqlite://")).openapi()
    return sorted(
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
        if path.startswith("/api/v1/")
    )


OPERATIONS = _operations()


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, dict[str, str], Schemas, dict[str, Any]]]:
    with office_for_module(request, tmp_path_factory) as office:
        tokens: dict[str, str] = {}
        with office.unit(Actor.system()) as o:
            o.agencies.create("DSS", "Department of Social Services")
            o.agencies.create("ACME", "Acme Human Services", parent_code="DSS")
            o.agencies.create("HRA", "Human Resources Administration")
            for role in ROLES:
                code = "DSS" if role in ("apo", "staff") else None
                tokens[role] = o.users.create(f"{role}@fuzz.example", role, code).token
        app = create_app(office)
        spec = app.openapi()
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client, tokens, Schemas(spec), spec


@pytest.mark.parametrize("operation", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_payload_makes_a_server_error(
    service: tuple[TestClient, dict[str, str], Schemas, dict[str, Any]],
    operation: tuple[str, str],
) -> None:
    client, tokens, schemas, spec = service
    method, path = operation
    described = spec["paths"][path][method.lower()]
    parameters = described.get("parameters", [])
    body_schema = (
        described.get("requestBody", {})
        .get("content", {})
        .get("application/json", {})
        .get("schema")
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        url = path
        query: dict[str, Any] = {}
        for parameter in parameters:
            value = data.draw(schemas.of(parameter["schema"], parameter["name"]), parameter["name"])
            if parameter["in"] == "path":
                url = url.replace("{" + parameter["name"] + "}", quote(str(value), safe="") or "0")
            elif parameter.get("required") or data.draw(st.booleans()):
                query[parameter["name"]] = (
                    value if isinstance(value, str | int | float | bool) else str(value)
                )
        body = data.draw(schemas.of(body_schema, "body"), "body") if body_schema else None
        role = data.draw(st.sampled_from(ROLES), "role")
        answer = client.request(
            method,
            url,
            params=query,
            json=body,
            headers={"Authorization": f"Bearer {tokens[role]}"},
        )
        assert answer.status_code < 500, answer.text
        if answer.status_code >= 400:
            assert set(answer.json()["error"]) == {"code", "message", "field"}

    check()


VALID_BODIES: dict[str, dict[str, Any]] = {
    "/api/v1/agencies": {"code": "EDGE", "name": "Edge", "parent_code": "DSS"},
    "/api/v1/systems": {"agency_code": "DSS", "name": "S", "description": "d"},
    "/api/v1/retention-schedules": {
        "agency_code": "DSS",
        "schedule_item": "I",
        "title": "T",
        "trigger_event": "E",
        "disposal_method": "M",
        "justification": "J",
    },
    "/api/v1/designations": {
        "agency_code": "DSS",
        "categories": ["name"],
        "purpose": "p",
        "effective_from": "2026-01-01",
    },
    "/api/v1/agreements": {
        "agency_code": "DSS",
        "title": "T",
        "recipient_name": "R",
        "recipient_type": "contractor",
        "categories": ["name"],
        "purposes": "p",
        "permitted_uses": "u",
        "future_use_clause": "f",
        "parties": ["A"],
        "onward_disclosure_limits": "o",
        "retention_terms": "r",
        "destruction_terms": "d",
        "security_terms": "s",
    },
    "/api/v1/rules": {"code": "R", "description": "d", "categories": ["ssn"]},
    "/api/v1/disclosures": {
        "agency_code": "DSS",
        "kind": "request",
        "recipient_name": "R",
        "recipient_type": "city_agency",
        "categories": ["name"],
        "record_count": 1,
        "purpose": "p",
        "mission_justification": "m",
        "basis": "apo_approval",
        "division": "D",
        "employee_category": "e",
        "agreement_exception_reason": "r",
    },
    "/api/v1/incidents": {
        "agency_code": "DSS",
        "kind": "unauthorized_disclosure",
        "discovered_at": "2026-01-01T00:00:00Z",
        "categories": ["name"],
        "summary": "s",
    },
}


@pytest.mark.parametrize("path", sorted(VALID_BODIES))
def test_every_text_field_takes_its_longest_value(
    service: tuple[TestClient, dict[str, str], Schemas, dict[str, Any]], path: str
) -> None:
    """Each string the schema bounds is stored at its longest (the column holds it) and
    refused one character longer, with the field named: never a database error."""
    client, tokens, schemas, spec = service
    ref = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    properties = schemas.components[ref["$ref"].rsplit("/", 1)[1]]["properties"]
    who = "admin" if path.endswith("agencies") else "cpo"
    headers = {"Authorization": f"Bearer {tokens[who]}"}
    for name, prop in properties.items():
        bounds = [s.get("maxLength") for s in [prop, *prop.get("anyOf", [])] if s.get("maxLength")]
        if not bounds or name in ("agency_code", "parent_code") or name not in VALID_BODIES[path]:
            continue
        for length, ok in ((bounds[0], True), (bounds[0] + 1, False)):
            body = {**VALID_BODIES[path], name: "x" * length}
            answer = client.post(path, json=body, headers=headers)
            assert answer.status_code < 500, (name, length, answer.text)
            if not ok:
                assert answer.json()["error"]["field"] == name, (name, answer.text)
