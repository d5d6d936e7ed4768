"""The office commands: db, admin, disclosures, audit (thin layers over the office)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _office_fixtures import database_url, pg_template, sqlite_template
from sqlalchemy import text
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.store import create_engine_for

__all__ = ["database_url", "pg_template", "sqlite_template"]

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_db_upgrade_and_current_on_an_empty_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/new.db"
    code, out = run("db", "current", "--db", url, "--json")
    assert code == 1
    assert json.loads(out) == {"revision": None, "head": "0002", "current": False}
    code, out = run("db", "upgrade", "--db", url)
    assert code == 0
    assert "upgraded from empty to revision 0002" in out
    code, out = run("db", "upgrade", "--db", url)
    assert code == 0
    assert "already at revision 0002" in out
    code, out = run("db", "current", "--db", url)
    assert code == 0
    assert "up to date" in out


def test_the_database_url_comes_from_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cityprivacy.config import get_settings

    monkeypatch.setenv("CITYPRIVACY_DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    get_settings.cache_clear()
    try:
        assert run("db", "upgrade")[0] == 0
    finally:
        get_settings.cache_clear()
    assert (tmp_path / "env.db").exists()


def test_a_bad_url_exits_2() -> None:
    code, out = run("db", "current", "--db", "not a url")
    assert code == 2
    assert "not valid" in out


def test_admin_and_disclosures_and_audit(database_url: str) -> None:
    db = ("--db", database_url)
    assert run("admin", "create-agency", "DSS", "Social Services", *db)[0] == 0
    code, out = run("admin", "create-agency", "ACME", "Acme", "--parent", "DSS", *db, "--json")
    assert code == 0
    assert json.loads(out)["kind"] == "contractor"
    code, out = run(
        "admin", "create-user", "apo@dss.example", "--role", "apo", "--agency", "DSS", *db
    )
    assert code == 0
    token = out.strip().splitlines()[-1]
    assert token.startswith("cp_")
    code, out = run("admin", "create-user", "x@y.example", "--role", "staff", *db)
    assert code == 2
    assert "agency_code" in out
    code, out = run("admin", "create-agency", "DSS", "Again", *db)
    assert code == 2
    assert "already exists" in out
    # an APO's token cannot create agencies
    code, out = run("admin", "create-agency", "HRA", "HRA", *db, "--token", token)
    assert code == 2
    assert "may not" in out

    code, out = run("disclosures", "list", *db, "--json", "--token", token)
    assert (code, json.loads(out)) == (0, [])
    code, out = run("disclosures", "show", "1", *db)
    assert code == 2
    assert "disclosure 1 not found" in out

    code, out = run("audit", "verify", *db, "--json")
    assert code == 0
    report = json.loads(out)
    assert report["ok"]
    assert report["events"] >= 3
    assert report["first_bad_event"] is None
    code, out = run("audit", "verify", *db, "--token", token)  # APOs do not verify
    assert code == 2


def test_audit_verify_exits_1_and_names_the_event(database_url: str) -> None:
    db = ("--db", database_url)
    for code_ in ("A", "B", "C"):
        run("admin", "create-agency", code_, f"Agency {code_}", *db)
    engine = create_engine_for(database_url)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
            else:
                connection.execute(text("DROP TRIGGER audit_events_no_update"))
            connection.execute(text("UPDATE audit_events SET entity_id = '9' WHERE seq = 2"))
    finally:
        engine.dispose()
    code, out = run("audit", "verify", *db)
    assert code == 1
    assert "event 2" in out
    assert "changed" in out
    code, out = run("audit", "verify", *db, "--json")
    assert code == 1
    assert json.loads(out)["first_bad_event"] == 2


def test_disclosures_show_and_list_render(database_url: str) -> None:
    from cityprivacy.config import Settings
    from cityprivacy.govern import Actor, NewDisclosure, Office

    office = Office(create_engine_for(database_url), Settings())
    try:
        with office.unit(Actor.system()) as o:
            o.agencies.create("DSS", "Social Services")
            user = o.users.create("staff@dss.example", "staff", "DSS")
        staff = office.authenticate(user.token)
        with office.unit(staff) as o:
            disclosure = o.disclosures.create(
                NewDisclosure.model_validate(
                    {
                        "agency_code": "DSS",
                        "kind": "request",
                        "recipient_name": "Health Department",
                        "recipient_type": "city_agency",
                        "categories": ["name"],
                        "record_count": 4,
                        "purpose": "Outreach",
                        "mission_justification": "Health",
                        "basis": "apo_approval",
                    }
                )
            )
    finally:
        office.close()
    db = ("--db", database_url)
    code, out = run("disclosures", "list", *db, "--status", "draft", "--agency", "DSS")
    assert code == 0
    assert "DSS" in out
    assert "draft" in out
    code, out = run("disclosures", "show", str(disclosure.id), *db, "--json")
    shown = json.loads(out)
    assert code == 0
    assert (shown["status"], shown["agency_code"], shown["types"]) == ("draft", "DSS", ["name"])
    assert [e["action"] for e in shown["events"]] == ["disclosure.create"]
    code, out = run("disclosures", "show", str(disclosure.id), *db)
    assert code == 0
    assert "history" in out
