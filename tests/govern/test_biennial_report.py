"""The agency biennial report: the demo city's, checked field by field, and its renderings."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import zip_longest
from pathlib import Path
from typing import Any

import pytest
from _office_fixtures import KEY, database_url, fast_hasher, pg_template, sqlite_template
from openpyxl import load_workbook
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.config import Settings
from cityprivacy.errors import InputError, NotFoundError, PermissionDeniedError
from cityprivacy.govern import Actor, Office
from cityprivacy.govern.demo import DemoCity, build_demo_city
from cityprivacy.govern.reports import (
    SECTIONS,
    BiennialReport,
    ReportingPeriod,
    build_biennial_report,
    render,
    render_csv,
    render_json,
    render_xlsx,
)
from cityprivacy.store import create_engine_for

__all__ = ["database_url", "pg_template", "sqlite_template"]

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
PERIOD_END = date(2026, 7, 31)
DEFAULT_MISSION = "Keeps families housed while benefits are restored"


@pytest.fixture
def demo(database_url: str) -> Iterator[tuple[Office, DemoCity]]:
    """The demo city, built with the clock stopped at ``NOW`` (mid-period)."""
    office = Office(
        create_engine_for(database_url),
        Settings(),
        key=KEY,
        hasher=fast_hasher(),
        clock=lambda: NOW,
    )
    try:
        yield office, build_demo_city(office)
    finally:
        office.close()


def report_of(office: Office, city: DemoCity, who: str, agency: str = "DSS") -> BiennialReport:
    with office.unit(office.authenticate(city.tokens[who])) as o:
        return build_biennial_report(o, agency, PERIOD_END)


def rows(section: list[Any]) -> list[dict[str, Any]]:
    return [row.model_dump(mode="json") for row in section]


def test_the_demo_citys_report_for_dss(demo: tuple[Office, DemoCity]) -> None:
    office, city = demo
    report = report_of(office, city, "apo@dss.demo")
    assert (report.agency_code, report.agency_name) == ("DSS", "Department of Social Services")
    assert (report.period_start, report.period_end) == (date(2024, 8, 1), PERIOD_END)
    assert report.interim is True
    assert report.generated_at == NOW
    assert rows(report.organizations) == [
        {
            "code": "DSS",
            "name": "Department of Social Services",
            "kind": "agency",
            "parent_code": None,
        },
        {
            "code": "HARBOR",
            "name": "Harbor Family Services",
            "kind": "contractor",
            "parent_code": "DSS",
        },
        {
            "code": "BRIDGE",
            "name": "Bridge Case Aides",
            "kind": "subcontractor",
            "parent_code": "HARBOR",
        },
    ]
    assert {r.measure: r.value for r in report.summary} == {
        "organizations": 3,
        "systems": 2,
        "datasets": 2,
        "fields": 6,
        "types_collected": 6,
        "requests": 7,
        "proposals": 0,
        "routine": 1,
        "non_routine": 5,
        "exigent": 1,
        "approved": 2,
        "denied": 1,
        "pending": 3,
        "disclosures_made": 2,
        "records_disclosed": 237,
        "anonymized": 0,
        "aggregated": 0,
        "types_disclosed": 2,
        "routine_designations": 2,
        "never_routine_designations": 1,
        "agreements": 1,
        "incidents": 2,
    }

    collected = {r.type: r for r in report.types_collected}
    assert sorted(collected) == [
        "address",
        "contact_information",
        "immigration_status",
        "name",
        "public_assistance",
        "ssn",
    ]
    assert collected["ssn"].model_dump() == {
        "type": "ssn",
        "name": "Social Security number",
        "fields": 1,
        "datasets": 1,
        "systems": 1,
        "collection_bases": ["law"],
        "organizations": ["DSS"],
    }
    assert collected["address"].collection_bases == ["routine"]
    retained = {r.type: r for r in report.types_retained}
    assert sorted(retained) == sorted(collected)
    assert retained["immigration_status"].model_dump() == {
        "type": "immigration_status",
        "name": "Citizenship or immigration status",
        "fields": 1,
        "schedule_items": ["DSS-CASE-07"],
        "shortest_months": 84,
        "longest_months": 84,
        "permanent": False,
        "disposal_methods": ["secure shredding and database purge"],
    }
    assert rows(report.types_disclosed) == [
        {
            "type": "address",
            "name": "Home or work address",
            "disclosures": 2,
            "records_disclosed": 237,
            "recipient_types": ["city_agency"],
        },
        {
            "type": "name",
            "name": "Name",
            "disclosures": 2,
            "records_disclosed": 237,
            "recipient_types": ["city_agency"],
        },
    ]

    designations = {d.id: d for d in report.routine_designations}
    assert sorted(designations) == [1, 2, 3]  # DOHMH's (4) is not DSS's
    assert [
        (d.scope, d.designated_by, d.never_routine, d.disclosures_classified)
        for d in designations.values()
    ] == [
        ("citywide", "cpo", False, 0),
        ("citywide", "cpo", True, 1),
        ("DSS", "apo", False, 1),
    ]
    assert designations[3].effective_from == (NOW - timedelta(days=200)).date()
    assert designations[1].review_on == (NOW + timedelta(days=300)).date()
    assert designations[3].types == ["address", "contact_information", "name", "public_assistance"]
    assert report.cpo_approvals == []

    assert [(p.area, p.source) for p in report.policies][-4:] == [
        ("classification", "designation 2 (citywide)"),
        ("citywide_rule", "citywide rule immigration-status-to-federal-immigration"),
        ("exigent", "settings exigent_report_to_apo_hours, exigent_report_to_cpo_hours"),
        ("accounting", "settings accounting_retention_years"),
    ]
    assert "within 24 hours" in report.policies[-2].statement
    assert {p.area for p in report.policies} >= {"requests", "proposals", "classification"}

    assert [
        (r.kind, r.classification, r.status, r.disclosures, r.records)
        for r in report.classification
    ] == [
        ("request", "exigent", "disclosed", 1, 1),
        ("request", "non_routine", "approved", 1, 240),
        ("request", "non_routine", "denied", 1, 240),
        ("request", "non_routine", "escalated", 1, 240),
        ("request", "non_routine", "second_review", 1, 240),
        ("request", "non_routine", "submitted", 1, 240),
        ("request", "routine", "disclosed", 1, 240),
    ]
    assert rows(report.approving_units) == [
        {
            "organization": "DSS",
            "division": "Family Services",
            "employee_category": "caseworker",
            "approved_by_apo": 2,
            "disclosed": 0,
        },
    ]

    (agreement,) = report.agreements
    assert agreement.model_dump(mode="json") == {
        "id": 1,
        "organization": "DSS",
        "title": "Harbor Family Services case management",
        "recipient_name": "Harbor Family Services",
        "recipient_type": "contractor",
        "types": ["address", "contact_information", "name", "public_assistance"],
        "status": "active",
        "version": 2,
        "effective_from": (NOW - timedelta(days=100)).date().isoformat(),
        "review_on": (NOW + timedelta(days=265)).date().isoformat(),
        "expires_on": None,
        "binds_future_use": True,
        "disclosures_under_it": 0,
    }
    assert [
        (r.recipient_type, r.classification, r.coverage, r.disclosures)
        for r in report.agreement_use
    ] == [
        ("city_agency", "exigent", "none", 1),
        ("city_agency", "non_routine", "none", 1),
        ("city_agency", "routine", "none", 1),
        ("other_government", "non_routine", "none", 2),
        ("third_party", "non_routine", "exception: no_privacy_interest_compromised", 1),
        ("third_party", "non_routine", "none", 1),
    ]
    assert rows(report.requesters) == [
        {
            "recipient_type": "city_agency",
            "kind": "request",
            "disclosures": 3,
            "approved": 2,
            "denied": 0,
            "pending": 0,
            "disclosed": 2,
        },
        {
            "recipient_type": "other_government",
            "kind": "request",
            "disclosures": 2,
            "approved": 0,
            "denied": 0,
            "pending": 2,
            "disclosed": 0,
        },
        {
            "recipient_type": "third_party",
            "kind": "request",
            "disclosures": 2,
            "approved": 0,
            "denied": 1,
            "pending": 1,
            "disclosed": 0,
        },
    ]
    assert [(r.recipient_type, r.purpose, r.disclosures) for r in report.reasons] == [
        ("city_agency", "Coordinate services for clients under supervision", 1),
        ("city_agency", "Coordinate shelter placement for families leaving benefits programs", 1),
        ("city_agency", "Locate residents during a building fire", 1),
        ("other_government", "Mixed-status household eligibility review", 1),
        ("other_government", "Verify wages reported by applicants", 1),
        ("third_party", "Eviction defense referrals", 1),
        ("third_party", "Survey of benefit recipients", 1),
    ]
    assert {r.mission_justification for r in report.reasons} == {DEFAULT_MISSION}
    assert [(m.activity, m.organization, m.subject) for m in report.mission] == [
        ("collection", "DSS", "Active cases"),
        ("collection", "HARBOR", "Intake forms"),
        ("retention", "DSS", "DSS-CASE-07 Public assistance case files"),
        ("disclosure", "DSS", "to city_agency"),
        ("disclosure", "DSS", "to other_government"),
        ("disclosure", "DSS", "to third_party"),
    ]
    assert report.mission[0].mission_justification == "Benefits are the agency's mission"
    assert report.mission[2].mission_justification.startswith("Fair hearings")

    (exigent,) = report.exigent_disclosures
    assert exigent.model_dump(mode="json") == {
        "disclosure_id": 9,
        "organization": "DSS",
        "disclosed_at": (NOW - timedelta(days=5)).isoformat().replace("+00:00", "Z"),
        "recipient_type": "city_agency",
        "types": ["address", "name"],
        "facts": "Fire reported with residents unaccounted for",
        "reported_to_apo_at": (NOW - timedelta(days=3)).isoformat().replace("+00:00", "Z"),
        "apo_report": "late",
        "reported_to_cpo_at": None,
        "cpo_report": "overdue",
    }
    assert [
        (i.organization, i.kind, i.people_affected, i.ny_residents_affected, i.linked_incident_id)
        for i in report.incidents
    ] == [
        ("HARBOR", "security_breach", 6100, 5400, 2),
        ("DSS", "security_breach", 6100, 5400, 1),
    ]

    register = {d.id: d for d in report.disclosures}
    assert sorted(register) == [2, 3, 4, 5, 6, 7, 9]  # the draft (1) and DOHMH's (8) are out
    routine = register[2]
    assert (routine.classification, routine.status, routine.approver_role) == (
        "routine",
        "disclosed",
        "routine_designation",
    )
    assert (routine.records_disclosed, routine.record_count, routine.basis) == (236, 240, "routine")
    assert (routine.division, routine.employee_category, routine.kind) == (
        "Family Services",
        "caseworker",
        "request",
    )
    assert routine.submitted_at == NOW
    assert register[7].approver_role == "apo"
    assert register[7].decided_at == NOW
    assert register[4].agreement_exception == "no_privacy_interest_compromised"
    assert register[4].agreement_exception_reason == "Clients asked for the referral in writing"
    assert (register[5].status, register[5].basis) == ("escalated", "legal_process")
    assert register[6].approver_role == "apo"
    assert register[9].exigent_facts == "Fire reported with residents unaccounted for"
    assert register[9].submitted_at is None
    assert {d.taxonomy_version for d in report.disclosures} == {report.taxonomy_version}


def test_a_routine_disclosure_under_an_agreement_for_dohmh(demo: tuple[Office, DemoCity]) -> None:
    office, city = demo
    report = report_of(office, city, "cpo@moip.demo", "DOHMH")
    assert [o.code for o in report.organizations] == ["DOHMH", "CLINIQ"]
    (agreement,) = report.agreements
    assert (agreement.recipient_type, agreement.disclosures_under_it) == ("third_party", 1)
    (disclosure,) = report.disclosures
    assert (disclosure.classification, disclosure.status, disclosure.agreement_id) == (
        "routine",
        "approved",
        agreement.id,
    )
    assert (disclosure.division, disclosure.employee_category) == (
        "Environmental Health",
        "epidemiologist",
    )
    assert [d.id for d in report.routine_designations if d.scope == "DOHMH"] == [4]
    assert report.routine_designations[-1].agreement_required is True
    assert report.types_collected == []
    assert report.approving_units == []  # approved by its designation, not by an APO


def test_who_may_build_which_report(demo: tuple[Office, DemoCity]) -> None:
    office, city = demo
    for who in ("cpo@moip.demo", "auditor@comptroller.demo", "admin@oti.demo", "apo@dss.demo"):
        assert report_of(office, city, who).agency_code == "DSS"
    with pytest.raises(PermissionDeniedError):
        report_of(office, city, "caseworker@dss.demo")
    with pytest.raises(NotFoundError):
        report_of(office, city, "apo@dohmh.demo")  # another agency: as if it did not exist
    with pytest.raises(NotFoundError):
        report_of(office, city, "apo@harbor.demo")  # a contractor does not see its agency
    with pytest.raises(InputError, match="agency_code: HARBOR is a contractor"):
        report_of(office, city, "apo@dss.demo", "HARBOR")


def test_another_period_holds_none_of_this_ones_events(demo: tuple[Office, DemoCity]) -> None:
    office, _ = demo
    with office.unit(Actor.system()) as o:
        report = build_biennial_report(o, "DSS", date(2024, 7, 31))
    assert report.interim is False
    assert (report.disclosures, report.incidents, report.exigent_disclosures) == ([], [], [])
    assert [d.id for d in report.routine_designations] == []  # none in force before 2025
    assert len(report.types_collected) == 6  # the inventory is what the agency holds


@pytest.mark.parametrize(
    "end",
    [date(2025, 7, 31), date(2026, 7, 30), date(2026, 8, 31), date(2026, 1, 31)],
    ids=["odd-year", "day-before", "august", "january"],
)
def test_a_period_ends_on_july_31_of_an_even_year(end: date) -> None:
    with pytest.raises(InputError, match=r"^period_end: "):
        ReportingPeriod.ending(end)


def test_the_period_is_two_years_of_new_york_days() -> None:
    period = ReportingPeriod.ending(date(2026, 7, 31))
    assert (period.start, period.end) == (date(2024, 8, 1), date(2026, 7, 31))
    assert not period.holds(datetime(2024, 8, 1, 3, 59, tzinfo=UTC))  # 23:59 on July 31 in NY
    assert period.holds(datetime(2024, 8, 1, 4, 0, tzinfo=UTC))
    assert period.holds(datetime(2026, 8, 1, 3, 59, tzinfo=UTC))
    assert not period.holds(datetime(2026, 8, 1, 4, 0, tzinfo=UTC))
    assert not period.holds(None)
    assert period.overlaps(date(2020, 1, 1), None)
    assert not period.overlaps(date(2026, 8, 1), None)
    assert not period.overlaps(None, date(2024, 7, 31))
    for day, end in [
        (date(2025, 8, 1), date(2026, 7, 31)),
        (date(2026, 7, 31), date(2026, 7, 31)),
        (date(2026, 8, 1), date(2028, 7, 31)),
        (date(2027, 12, 31), date(2028, 7, 31)),
    ]:
        assert ReportingPeriod.containing(day).end == end


def test_the_renderings_carry_the_same_report(demo: tuple[Office, DemoCity]) -> None:
    office, city = demo
    report = report_of(office, city, "cpo@moip.demo")
    assert BiennialReport.model_validate_json(render_json(report)) == report

    table = list(csv.DictReader(io.StringIO(render_csv(report).decode("utf-8"))))
    assert {"section", "row", "column", "value"} == set(table[0])
    for section in SECTIONS:
        numbers = {int(r["row"]) for r in table if r["section"] == section}
        assert numbers == set(range(1, len(getattr(report, section)) + 1)), section
    header = {r["column"]: r["value"] for r in table if r["section"] == "report"}
    assert (header["agency_code"], header["period_end"], header["interim"]) == (
        "DSS",
        "2026-07-31",
        "true",
    )
    types = [r["value"] for r in table if r["section"] == "disclosures" and r["column"] == "types"]
    assert types[0] == "address; name"

    book = load_workbook(io.BytesIO(render_xlsx(report)), read_only=True)
    assert book.sheetnames == ["report", *SECTIONS]
    for section in SECTIONS:
        sheet_rows = list(book[section].iter_rows(values_only=True))
        model_rows = getattr(report, section)
        assert len(sheet_rows) == 1 + len(model_rows), section
        if model_rows:
            assert list(sheet_rows[0]) == list(type(model_rows[0]).model_fields)
    register = list(book["disclosures"].iter_rows(values_only=True))
    first = dict(zip_longest(register[0], register[1]))  # empty trailing cells are not stored
    assert (first["id"], first["types"], first["record_count"]) == (2, "address; name", 240)
    assert first["submitted_at"] == NOW.replace(tzinfo=None)
    with pytest.raises(InputError, match=r"^format: "):
        render(report, "pdf")


def test_text_that_looks_like_a_formula_stays_text(demo: tuple[Office, DemoCity]) -> None:
    office, city = demo
    report = report_of(office, city, "cpo@moip.demo")
    evil = report.model_copy(update={"agency_name": '=HYPERLINK("http://x")'})
    book = load_workbook(io.BytesIO(render_xlsx(evil)))
    cells = {row[0].value: row[1] for row in book["report"].iter_rows()}
    assert cells["agency_name"].data_type == "s"
    assert cells["agency_name"].value == '=HYPERLINK("http://x")'


def test_the_report_command(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/demo.db"
    runner = CliRunner()
    assert runner.invoke(app, ["demo-data", "--db", db]).exit_code == 0
    period_end = ReportingPeriod.containing(date.today()).end.isoformat()
    as_json = runner.invoke(
        app, ["report", "biennial", "--db", db, "--agency", "DSS", "--period-end", period_end]
    )
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["agency_code"] == "DSS"
    out = tmp_path / "dss.xlsx"
    written = runner.invoke(
        app,
        ["report", "biennial", "--db", db, "--agency", "DSS", "--format", "xlsx", "-o", str(out)],
    )
    assert written.exit_code == 0, written.output
    assert load_workbook(out, read_only=True).sheetnames[0] == "report"
    as_csv = runner.invoke(
        app, ["report", "biennial", "--db", db, "--agency", "DSS", "--format", "csv"]
    )
    assert as_csv.stdout.startswith("section,row,column,value\n")
    for args, message in [
        (["--period-end", "2025-07-31"], "July 31 of an even year"),
        (["--period-end", "31/07/2026"], "YYYY-MM-DD"),
        (["--agency", "NOPE"], "not found"),
    ]:
        bad = runner.invoke(app, ["report", "biennial", "--db", db, "--agency", "DSS", *args])
        assert bad.exit_code == 2
        assert message in bad.output
