"""Values too long or too large for their columns are refused by the library itself, so the
library, the CLI and the API give the same InputError naming the field, and nothing is
stored (SQLite and PostgreSQL, where the database would otherwise fail)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template
from sqlalchemy import func, select
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.config import get_settings
from cityprivacy.errors import InputError
from cityprivacy.govern import DisclosureMade, NewDisclosure, Office, parse_input
from cityprivacy.govern.bounds import MAX_INT, check_row, column_length
from cityprivacy.store.models import Disclosure, DisclosureAttachment, Incident

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

GOOD: dict[str, Any] = {
    "agency_code": "DSS",
    "kind": "request",
    "recipient_name": "Department of Health",
    "recipient_type": "city_agency",
    "categories": ["name"],
    "record_count": 10,
    "purpose": "Outreach",
    "mission_justification": "Health",
    "basis": "apo_approval",
}


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _stored(office: Office, city: City) -> int:
    with office.unit(city.cpo) as o:
        return int(o.context.session.scalar(select(func.count()).select_from(Disclosure)) or 0)


def test_bounds_come_from_the_columns() -> None:
    assert column_length(Disclosure.recipient_name) == 300
    assert column_length(Disclosure.method) == 100


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("recipient_name", "x" * 301, id="recipient-name-too-long"),
        pytest.param("record_count", MAX_INT + 1, id="record-count-beyond-int32"),
        pytest.param("record_count", -1, id="record-count-negative"),
        pytest.param("employee_category", "c" * 101, id="employee-category-too-long"),
        pytest.param("agency_code", "A" * 33, id="agency-code-too-long"),
        pytest.param("division", "d" * 201, id="division-too-long"),
        pytest.param("agreement_id", MAX_INT + 1, id="agreement-id-beyond-int32"),
        pytest.param("categories", ["k" * 65], id="category-too-long"),
    ],
)
def test_the_model_names_the_field(field: str, value: Any) -> None:
    with pytest.raises(InputError, match=rf"^{field}(\.0)?: "):
        parse_input(NewDisclosure, {**GOOD, field: value})


def test_the_longest_values_that_fit_are_stored(office: Office, city: City) -> None:
    body = {**GOOD, "recipient_name": "r" * 300, "record_count": MAX_INT}
    with office.unit(city.staff) as o:
        disclosure = o.disclosures.create(parse_input(NewDisclosure, body))
    with office.unit(city.cpo) as o:
        stored = o.disclosures.get(disclosure.id)
        assert (len(stored.recipient_name), stored.record_count) == (300, MAX_INT)


def test_what_was_sent_is_bounded_too() -> None:
    made = {"disclosed_at": datetime.now(UTC), "records_disclosed": 1, "method": "m" * 101}
    with pytest.raises(InputError, match=r"^method: "):
        parse_input(DisclosureMade, made)
    with pytest.raises(InputError, match=r"^records_disclosed: "):
        parse_input(DisclosureMade, {**made, "method": "SFTP", "records_disclosed": 2**31})


def test_attachments_are_refused_before_the_database(office: Office, city: City) -> None:
    with office.unit(city.staff) as o:
        disclosure_id = o.disclosures.create(parse_input(NewDisclosure, GOOD)).id
    for kwargs, field in (
        ({"filename": "f" * 301, "size_bytes": 1}, "filename"),
        ({"filename": "a.pdf", "size_bytes": 2**31}, "size_bytes"),
    ):
        with pytest.raises(InputError, match=f"^{field}: "), office.unit(city.staff) as o:
            o.disclosures.add_attachment(
                disclosure_id, media_type="application/pdf", sha256="0" * 64, **kwargs
            )
    with office.unit(city.cpo) as o:
        count = o.context.session.scalar(select(func.count()).select_from(DisclosureAttachment))
        assert count == 0


@pytest.mark.parametrize(
    ("option", "value", "field"),
    [
        pytest.param("--recipient", "x" * 400, "recipient_name", id="recipient"),
        pytest.param("--records", str(2**40), "record_count", id="records"),
        pytest.param("--employee-category", "e" * 150, "employee_category", id="category"),
    ],
)
def test_the_cli_refuses_clearly_and_stores_nothing(
    office: Office, city: City, database_url: str, option: str, value: str, field: str
) -> None:
    options = {
        "--recipient": "Department of Health",
        "--records": "10",
        "--employee-category": "caseworker",
        option: value,
    }
    args = [
        "disclosures", "create", "DSS", "--kind", "request", "--recipient-type", "city_agency",
        "--type", "name", "--purpose", "Outreach", "--mission", "Health",
        "--basis", "apo_approval", "--db", database_url, "--token", city.tokens["staff"],
        *(part for pair in options.items() for part in pair),
    ]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"{field}:" in result.output
    assert value not in result.output  # the value is never quoted back
    assert "Traceback" not in result.output
    assert _stored(office, city) == 0


def test_public_input_contact_is_bounded(office: Office, city: City) -> None:
    with pytest.raises(InputError, match=r"^contact: at most 320"), office.unit(city.cpo) as o:
        o.public_input.submit("other", "A question", contact="c" * 321)
    with office.unit(city.cpo) as o:
        assert o.public_input.pending() == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"ny_residents_affected": 2**40}, "ny_residents_affected", id="int32"),
        pytest.param({"taxonomy_version": "v" * 65}, "taxonomy_version", id="varchar"),
    ],
)
def test_check_row_reads_every_column(overrides: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {"kind": "security_breach", "summary": "s" * 50_000}
    row = Incident(**{"taxonomy_version": "1", **values, **overrides})
    with pytest.raises(InputError, match=rf"^{field}: "):
        check_row(row)


def test_check_row_passes_rows_that_fit() -> None:
    check_row(Incident(kind="security_breach", taxonomy_version="1", people_affected=MAX_INT))


def test_every_component_is_bounded_before_the_database(office: Office, city: City) -> None:
    """A component without its own bounds (incidents' counts here) still gets a clear error
    naming the field, from the check every unit of work runs before writing, and nothing is
    stored."""
    from cityprivacy.govern import IncidentKind

    with office.unit(city.auditor) as o:
        before = len(o.incidents.list())
    with pytest.raises(InputError, match="people_affected"), office.unit(city.apo) as o:
        o.incidents.create(
            organization_code="DSS",
            kind=IncidentKind.UNAUTHORIZED_DISCLOSURE,
            discovered_at=datetime(2026, 11, 1, tzinfo=UTC),
            categories=["name"],
            summary="Sent to the wrong agency",
            people_affected=MAX_INT + 1,
        )
    with office.unit(city.auditor) as o:
        assert len(o.incidents.list()) == before
