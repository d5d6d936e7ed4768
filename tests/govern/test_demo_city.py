"""The demo city: every disclosure state, a late exigent report, incidents, a valid chain."""

from __future__ import annotations

import json
from pathlib import Path

from _office_fixtures import database_url, office, pg_template, sqlite_template
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.govern import Actor, DisclosureStatus, Office
from cityprivacy.govern.demo import build_demo_city

__all__ = ["database_url", "office", "pg_template", "sqlite_template"]


def test_the_demo_city_covers_the_workflows(office: Office) -> None:
    city = build_demo_city(office)
    assert city.counts["organizations"] == 7
    assert city.notes == ["exigent disclosure 9 was reported to the APO late"]
    cpo = office.authenticate(city.tokens["cpo@moip.demo"])
    with office.unit(cpo) as o:
        states = {d.status for d in o.disclosures.list()}
        late = o.exigent.overdue()
        who = o.accounting.who_received("DEMO-CASE-00003")
        incidents = o.incidents.list()
        duties = {
            i.organization_id: {n.party.value for n in o.incidents.notifications(i.id)}
            for i in incidents
        }
    assert states == set(DisclosureStatus)
    assert [(s.disclosure_id, s.apo_state) for s in late] == [(9, "late")]
    assert len(who) == 1
    assert {"consumer_reporting_agencies", "individuals"} <= set().union(*duties.values())
    assert {"data_owner"} in duties.values()
    assert office.verify_audit().ok


def test_demo_data_command(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/demo.db"
    tokens = tmp_path / "tokens.json"
    result = CliRunner().invoke(
        app, ["demo-data", "--db", db, "--tokens-file", str(tokens), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["created"]["disclosures"] == 9
    assert summary["audit_events"] > 50
    assert len(json.loads(tokens.read_text())) == 12
    assert tokens.stat().st_mode & 0o077 == 0
    again = CliRunner().invoke(app, ["demo-data", "--db", db])
    assert again.exit_code == 2
    assert "empty" in again.output


def test_the_demo_needs_no_actor_but_the_system(office: Office) -> None:
    build_demo_city(office)
    with office.unit(Actor.system()) as o:
        assert len(o.agencies.list()) == 7


def test_no_free_text_of_the_demo_city_reaches_the_audit_trail(office: Office) -> None:
    from sqlalchemy import text

    build_demo_city(office)
    free_text = {
        "users": ["email"],
        "disclosures": ["recipient_name", "purpose", "mission_justification", "method"],
        "disclosure_reviews": ["comment"],
        "agreements": ["title", "recipient_name", "purposes", "future_use_clause"],
        "incidents": ["summary"],
        "public_input": ["text", "contact", "answer"],
        "legal_holds": ["matter_ref", "reason"],
    }
    with office.engine.connect() as connection:
        audit = " ".join(
            " ".join(str(v) for v in row)
            for row in connection.execute(text("SELECT * FROM audit_events"))
        )
        values = {
            value
            for table, columns in free_text.items()
            for row in connection.execute(text(f"SELECT {', '.join(columns)} FROM {table}"))
            for value in row
            if value and len(value) > 3
        }
    assert len(values) > 40
    assert [v for v in values if v in audit] == []
