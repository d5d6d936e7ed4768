"""The summaries of exigent and unlawful disclosures: counts only, on time or not, scoped
(SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template

from cityprivacy.errors import InputError, PermissionDeniedError
from cityprivacy.govern import DisclosureMade, IncidentKind, NewDisclosure, Office
from cityprivacy.govern.reports.summaries import (
    DisclosureSummaries,
    build_summaries,
    render_summaries,
)

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

NOW = datetime.now(UTC)
TODAY = NOW.date()
SECRET_RECIPIENT = "Precinct of Ms Zelda Quixote"
SECRET_FACTS = "Zelda Quixote's child missing near 12 Oak Street"


def _exigent(office: Office, actor: Any, agency: str, hours_ago: float, **kw: Any) -> int:
    new = NewDisclosure.model_validate(
        {
            "agency_code": agency,
            "kind": "request",
            "recipient_name": SECRET_RECIPIENT,
            "recipient_type": kw.get("recipient_type", "other_government"),
            "categories": kw.get("categories", ["name", "address"]),
            "record_count": 2,
            "purpose": "Locate a missing child",
            "mission_justification": "Child safety",
            "basis": "exigent",
        }
    )
    made = DisclosureMade(
        disclosed_at=NOW - timedelta(hours=hours_ago), records_disclosed=3, method="phone"
    )
    with office.unit(actor) as o:
        return o.disclosures.record_exigent(new, made, facts=SECRET_FACTS).id


def _incident(office: Office, actor: Any, agency: str, kind: IncidentKind, **kw: Any) -> int:
    with office.unit(actor) as o:
        return o.incidents.create(
            organization_code=agency,
            kind=kind,
            discovered_at=NOW - timedelta(days=1),
            categories=["name", "ssn"],
            summary="Sent Zelda Quixote's file to the wrong address",
            people_affected=40,
            ny_residents_affected=30,
            **kw,
        ).id


@pytest.fixture
def world(office: Office, city: City) -> City:
    on_time = _exigent(office, city.staff, "DSS", 100)
    with office.unit(city.staff) as o:
        o.exigent.reported_to_apo(on_time, NOW - timedelta(hours=99))
    with office.unit(city.apo) as o:
        o.exigent.reported_to_cpo(on_time, NOW - timedelta(hours=98))
    _exigent(office, city.acme_apo, "ACME", 100, recipient_type="third_party")  # overdue
    _exigent(office, city.hra_staff, "HRA", 1, categories=["name"])  # pending
    _exigent(office, city.staff, "DSS", 24 * 400)  # before the period
    unlawful = _incident(office, city.staff, "DSS", IncidentKind.UNAUTHORIZED_DISCLOSURE)
    _incident(office, city.staff, "DSS", IncidentKind.SECURITY_BREACH, linked_incident_id=unlawful)
    _incident(office, city.hra_staff, "HRA", IncidentKind.UNAUTHORIZED_DISCLOSURE)
    with office.unit(city.hra_staff) as o:
        hra = next(iter(o.incidents.list())).id
        party = o.incidents.notifications(hra)[0].party
        o.incidents.record_notification(hra, party, notified_at=NOW)
    return city


def _summary(office: Office, actor: Any) -> DisclosureSummaries:
    with office.unit(actor) as o:
        return build_summaries(o, TODAY - timedelta(days=30), TODAY)


def _row(rows: list[Any], group_by: str, group: str) -> dict[str, Any]:
    return next(r.model_dump() for r in rows if (r.group_by, r.group) == (group_by, group))


def test_citywide_counts(office: Office, world: City) -> None:
    summary = _summary(office, world.cpo)
    assert summary.scope == "citywide"
    total = _row(summary.exigent, "all", "all")
    assert (total["disclosures"], total["records_disclosed"]) == (3, 9)
    assert (total["apo_on_time"], total["apo_overdue"], total["apo_pending"]) == (1, 1, 1)
    dss = _row(summary.exigent, "agency", "DSS")
    assert dss["disclosures"] == 2  # ACME, DSS's contractor, counts under DSS
    assert _row(summary.exigent, "recipient_type", "third_party")["disclosures"] == 1
    assert _row(summary.exigent, "type", "address")["disclosures"] == 2
    unlawful = _row(summary.unlawful, "all", "all")
    assert (unlawful["incidents"], unlawful["linked_to_breach"]) == (2, 1)
    assert (unlawful["people_affected"], unlawful["ny_residents_affected"]) == (80, 60)
    assert (unlawful["cpo_notified"], unlawful["cpo_not_yet_notified"]) == (1, 1)
    assert _row(summary.unlawful, "agency", "HRA")["cpo_notified"] == 1


def test_an_apo_sees_only_their_agency(office: Office, world: City) -> None:
    summary = _summary(office, world.apo)
    assert summary.scope == "DSS"
    assert {r.group for r in summary.exigent if r.group_by == "agency"} == {"DSS"}
    assert _row(summary.unlawful, "all", "all")["incidents"] == 1


def test_no_one_is_named(office: Office, world: City) -> None:
    summary = _summary(office, world.auditor)
    for fmt in ("json", "csv"):
        text = render_summaries(summary, fmt).decode()
        assert "Zelda" not in text
        assert "Quixote" not in text
        assert "Oak" not in text


def test_renderings(office: Office, world: City) -> None:
    summary = _summary(office, world.cpo)
    assert json.loads(render_summaries(summary, "json"))["exigent"][0]["group"] == "all"
    rows = list(csv.DictReader(io.StringIO(render_summaries(summary, "csv").decode())))
    assert {"section": "exigent", "group_by": "all", "group": "all", "measure": "disclosures",
            "value": "3"} in rows  # fmt: skip
    with pytest.raises(InputError, match="format"):
        render_summaries(summary, "xlsx")


def test_empty_period_and_bad_period(office: Office, city: City) -> None:
    with office.unit(city.cpo) as o:
        empty = build_summaries(o, date(2001, 1, 1), date(2001, 12, 31))
        assert _row(empty.exigent, "all", "all")["disclosures"] == 0
        assert _row(empty.unlawful, "all", "all")["incidents"] == 0
        with pytest.raises(InputError, match=r"^to: "):
            build_summaries(o, TODAY, TODAY - timedelta(days=1))


def test_staff_may_not_build_it(office: Office, city: City) -> None:
    with pytest.raises(PermissionDeniedError), office.unit(city.staff) as o:
        build_summaries(o, TODAY, TODAY)
