"""schemathesis against the app's own OpenAPI schema, in process, on SQLite.

Every operation gets a bounded number of generated requests (valid and invalid ones),
sent as the CPO (who may call nearly everything, so requests reach the office rather than
stop at a 403), and the public routes again with no token. Each answer must not be a
server error, must be a status the operation documents, and must match its response
schema (error bodies included). Generation is derandomized, so a run is repeatable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import schemathesis
from _web_fixtures import disclosure_body, office_for_module, sqlite_template
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cityprivacy.config import Settings
from cityprivacy.govern import Actor, IncidentKind, NewDisclosure, Office, RecipientType
from cityprivacy.web import create_app
from cityprivacy.web.app import OPENAPI_URL

__all__ = ["sqlite_template"]

EXAMPLES = int(os.environ.get("CITYPRIVACY_SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PUBLIC_PATHS = r"^/api/v1/public-input(/published)?$|^/(healthz|readyz)$"
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _seed(office: Office) -> str:
    """Two agencies and a few records of each kind (small ids, so generated ids hit some);
    the CPO's token."""
    now = datetime.now(UTC)
    with office.unit(Actor.system()) as o:
        o.agencies.create("DSS", "Department of Social Services")
        o.agencies.create("HRA", "Human Resources Administration")
        cpo = o.users.create("cpo@city.example", "cpo", None)
    actor = Actor(cpo.user.id, cpo.user.role)
    with office.unit(actor) as o:
        system = o.inventory.create_system("DSS", "Case system")
        dataset = o.inventory.create_dataset(system.id, "Cases")
        schedule = o.retention.create_schedule(
            organization_code="DSS",
            schedule_item="S-1",
            title="Case files",
            period_months=60,
            trigger_event="case closed",
            disposal_method="shred",
        )
        for _ in range(3):
            o.retention.request_disposal(schedule.id, dataset_id=dataset.id)
        o.retention.approve_disposal(1, "records_office", "RO-1")
        o.retention.approve_disposal(1, "law_department", "LAW-1")
        o.retention.place_hold(organization_code="DSS", matter_ref="M-1", dataset_id=dataset.id)
        for _ in range(2):
            d = o.disclosures.create(NewDisclosure.model_validate(disclosure_body()))
            o.disclosures.add_attachment(
                d.id, filename="a.pdf", media_type="application/pdf", size_bytes=1, sha256="0" * 64
            )
        o.agreements.create(
            organization_code="DSS",
            title="t",
            recipient_name="r",
            recipient_type=RecipientType.CONTRACTOR,
            categories=["name"],
            purposes="p",
            permitted_uses="u",
            future_use_clause="bound by the law",
            effective_from=date.today() - timedelta(days=1),
        )
        o.incidents.create(
            organization_code="DSS",
            kind=IncidentKind.UNAUTHORIZED_DISCLOSURE,
            discovered_at=now - timedelta(hours=1),
            categories=["name"],
        )
        for text in ("When is my file shredded?", "Who sees my benefits?", "Spanish forms?"):
            o.public_input.submit("retention", text, "someone@example.org")
        o.public_input.moderate(1, accept=True)
    return str(cpo.token)


def _operations() -> list[tuple[str, str]]:
    spec = create_app(Settings(database_url="sqlite://")).openapi()
    return sorted((m.upper(), path) for path, ops in spec["paths"].items() for m in ops)


OPERATIONS = _operations()
PUBLIC = [(m, p) for m, p in OPERATIONS if re.search(PUBLIC_PATHS, p)]


@pytest.fixture(scope="module", params=("sqlite",))
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[schemathesis.BaseSchema, dict[str, str]]]:
    """The schema, loaded from the app over a seeded SQLite office, and the CPO's header."""
    with office_for_module(request, tmp_path_factory) as office:
        token = _seed(office)
        schema = schemathesis.openapi.from_asgi(OPENAPI_URL, create_app(office))
        yield schema, {"Authorization": f"Bearer {token}"}


def _exercise(
    schema: schemathesis.BaseSchema, method: str, path: str, headers: dict[str, str]
) -> None:
    """Valid and invalid requests to one operation; every answer is checked."""
    operation = schema[path][method]
    takes_input = any(
        len(group) for group in (operation.path_parameters, operation.query, operation.body)
    )
    modes = [GenerationMode.POSITIVE] + [GenerationMode.NEGATIVE] * takes_input
    for mode in modes:

        @SETTINGS
        @given(case=operation.as_strategy(generation_mode=mode))
        def send(case: schemathesis.Case[Any]) -> None:
            case.call_and_validate(headers=dict(headers), checks=CHECKS)

        send()


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_as_the_cpo(
    served: tuple[schemathesis.BaseSchema, dict[str, str]], method: str, path: str
) -> None:
    schema, cpo = served
    _exercise(schema, method, path, cpo)


@pytest.mark.parametrize(("method", "path"), PUBLIC, ids=[f"{m} {p}" for m, p in PUBLIC])
def test_public_routes_anonymously(
    served: tuple[schemathesis.BaseSchema, dict[str, str]], method: str, path: str
) -> None:
    _exercise(served[0], method, path, {})
