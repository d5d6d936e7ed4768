"""The office record commands: inventory, designations, agreements, incidents and the
disclosure workflow, end to end through the CLI (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "govern"))

from _office_fixtures import KEY, database_url, fast_hasher, pg_template, sqlite_template

from cityprivacy.config import Settings, get_settings
from cityprivacy.govern import Actor, Office
from cityprivacy.store import create_engine_for

__all__ = ["database_url", "pg_template", "sqlite_template"]

runner = CliRunner()
PEOPLE = {
    "staff": ("staff@dss.example", "staff", "DSS"),
    "apo": ("apo@dss.example", "apo", "DSS"),
    "apo2": ("apo2@dss.example", "apo", "DSS"),
    "hra_apo": ("apo@hra.example", "apo", "HRA"),
    "cpo": ("cpo@moip.example", "cpo", None),
}


def tokens_for(url: str) -> dict[str, str]:
    """Two agencies and their people, made through the library; the tokens by label."""
    office = Office(create_engine_for(url), Settings(), key=KEY, hasher=fast_hasher())
    try:
        office.upgrade()
        with office.unit(Actor.system()) as o:
            o.agencies.create("DSS", "Department of Social Services")
            o.agencies.create("HRA", "Human Resources Administration")
            return {
                label: o.users.create(email, role, code).token
                for label, (email, role, code) in PEOPLE.items()
            }
    finally:
        office.close()


class Cli:
    """Runs commands on one database as one of its people."""

    def __init__(self, url: str, tokens: dict[str, str]) -> None:
        self.url = url
        self.tokens = tokens

    def run(self, who: str | None, *args: str) -> tuple[int, str, str]:
        token = ("--token", self.tokens[who]) if who else ()
        result = runner.invoke(app, [*args, "--db", self.url, *token])
        return result.exit_code, result.stdout, result.output

    def json(self, who: str | None, *args: str) -> Any:
        code, stdout, out = self.run(who, *args, "--json")
        assert code == 0, out
        return json.loads(stdout)

    def fails(self, who: str | None, *args: str) -> str:
        code, _, out = self.run(who, *args)
        assert code == 2, out
        return " ".join(out.split())


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """The commands read the settings (and the office key) from the environment each test."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def sqlite_cli(tmp_path: Path) -> Cli:
    url = f"sqlite:///{tmp_path}/office.db"
    return Cli(url, tokens_for(url))


def _inventory(cli: Cli) -> None:
    system = cli.json("staff", "inventory", "add-system", "DSS", "Benefits case management")
    dataset = cli.json(
        "staff", "inventory", "add-dataset", str(system["id"]), "Active cases",
        "--purpose", "Determine eligibility", "--mission", "Benefits are the mission",
    )  # fmt: skip
    field = cli.json(
        "staff", "inventory", "add-field", str(dataset["id"]), "home_address",
        "--type", "address", "--type", "name", "--basis", "routine",
    )  # fmt: skip
    assert (field["types"], field["collection_basis"]) == (["address", "name"], "routine")
    (listed,) = cli.json("apo", "inventory", "list")
    assert listed["agency_code"] == "DSS"
    assert listed["datasets"][0]["name"] == "Active cases"
    assert listed["datasets"][0]["fields"][0]["name"] == "home_address"
    assert cli.json("hra_apo", "inventory", "list") == []  # another agency's: invisible
    assert "unknown taxonomy type 'adress'" in cli.fails(
        "staff", "inventory", "add-field", str(dataset["id"]), "x", "--type", "adress",
        "--basis", "law",
    )  # fmt: skip
    assert "dataset 1 not found" in cli.fails(
        "hra_apo", "inventory", "add-field", "1", "x", "--type", "name", "--basis", "law"
    )
    code, _, out = cli.run("staff", "inventory", "list")
    assert code == 0
    assert "home_address" in out


def _designations_and_agreements(cli: Cli) -> int:
    made = cli.json(
        "apo", "designations", "add", "--agency", "DSS", "--type", "name", "--type", "address",
        "--recipient-type", "city_agency", "--purpose", "Shelter placement",
        "--effective-from", "2024-01-01", "--review-on", "2099-01-01",
    )  # fmt: skip
    assert (made["scope"], made["never_routine"]) == ("DSS", False)
    cli.json(
        "cpo", "designations", "add", "--type", "immigration_status", "--never-routine",
        "--purpose", "Never routinely",
    )  # fmt: skip
    assert "only the CPO" in cli.fails(
        "apo", "designations", "add", "--type", "name", "--purpose", "Citywide"
    )
    listed = cli.json("staff", "designations", "list")
    assert [(d["scope"], d["never_routine"]) for d in listed] == [
        ("DSS", False),
        ("citywide", True),
    ]
    agreement = cli.json(
        "apo", "agreements", "add", "DSS", "--title", "Outcomes study",
        "--recipient", "Gotham University", "--recipient-type", "third_party",
        "--type", "name", "--type", "address", "--purposes", "Evaluation",
        "--permitted-uses", "Protocol only", "--future-use-clause", "Bound by 23-12",
        "--activate",
    )  # fmt: skip
    assert agreement["status"] == "active"
    assert "future_use_clause" in cli.fails(
        "apo", "agreements", "add", "DSS", "--title", "T", "--recipient", "R",
        "--recipient-type", "third_party", "--type", "name", "--purposes", "P",
        "--permitted-uses", "U", "--future-use-clause", " ",
    )  # fmt: skip
    assert [a["id"] for a in cli.json("staff", "agreements", "list")] == [agreement["id"]]
    shown = cli.json("apo", "agreements", "show", str(agreement["id"]))
    assert shown["future_use_clause"] == "Bound by 23-12"
    assert [v["status"] for v in shown["versions"]] == ["draft", "active"]
    assert "not found" in cli.fails("hra_apo", "agreements", "show", str(agreement["id"]))
    return int(agreement["id"])


def _create(cli: Cli, *extra: str) -> int:
    created = cli.json(
        "staff", "disclosures", "create", "DSS", "--kind", "request",
        "--records", "40", "--purpose", "Placement", "--mission", "Housing families", *extra,
    )  # fmt: skip
    assert created["status"] == "draft"
    return int(created["id"])


def _disclosures(cli: Cli, agreement_id: int, subjects: Path) -> None:
    routine = _create(
        cli, "--recipient", "DHS", "--recipient-type", "city_agency", "--type", "name",
        "--basis", "routine",
    )  # fmt: skip
    submitted = cli.json("staff", "disclosures", "submit", str(routine))
    assert (submitted["status"], submitted["classification"]) == ("approved", "routine")
    made = cli.json(
        "staff", "disclosures", "disclose", str(routine), "--records", "38", "--method", "SFTP",
        "--at", "2026-01-02T10:00:00Z", "--subjects-file", str(subjects),
    )  # fmt: skip
    assert made["status"] == "disclosed"

    study = _create(
        cli, "--recipient", "Gotham University", "--recipient-type", "third_party",
        "--type", "name", "--basis", "apo_approval", "--agreement", str(agreement_id),
        "--tag", "researcher",
    )  # fmt: skip
    assert cli.json("staff", "disclosures", "submit", str(study))["status"] == "submitted"
    assert "may not approve" in cli.fails("staff", "disclosures", "approve", str(study))
    first = cli.json("apo", "disclosures", "approve", str(study), "--comment", "Minimal")
    assert first["status"] == "second_review"
    assert "another reviewer" in cli.fails("apo", "disclosures", "approve", str(study))
    assert cli.json("apo2", "disclosures", "approve", str(study))["status"] == "approved"

    escalated = _create(
        cli, "--recipient", "A journal", "--recipient-type", "third_party", "--type", "name",
        "--basis", "apo_approval",
    )  # fmt: skip
    cli.json("staff", "disclosures", "submit", str(escalated))
    assert cli.json("apo", "disclosures", "escalate", str(escalated))["status"] == "escalated"
    assert "may not deny" in cli.fails("apo", "disclosures", "deny", str(escalated))
    denied = cli.json("cpo", "disclosures", "deny", str(escalated), "--comment", "No agreement")
    assert denied["status"] == "denied"

    refused = _create(
        cli, "--recipient", "A federal agency", "--recipient-type", "other_government",
        "--tag", "federal_immigration_authority", "--type", "immigration_status",
        "--basis", "apo_approval",
    )  # fmt: skip
    message = cli.fails("staff", "disclosures", "submit", str(refused))
    assert "immigration-status-to-federal-immigration" in message

    code, _, out = cli.run("staff", "disclosures", "submit", str(study))
    assert code == 2
    assert "must be draft" in out
    history = cli.json("apo", "disclosures", "show", str(study))
    assert [e["action"] for e in history["events"]] == [
        "disclosure.create",
        "disclosure.submit",
        "disclosure.approve",
        "disclosure.approve",
    ]
    statuses = {d["id"]: d["status"] for d in cli.json("cpo", "disclosures", "list")}
    assert statuses == {routine: "disclosed", study: "approved", escalated: "denied",
                        refused: "draft"}  # fmt: skip


def _incidents(cli: Cli) -> None:
    incident = cli.json(
        "apo", "incidents", "add", "DSS", "--kind", "security_breach",
        "--discovered-at", "2026-01-03T09:30:00-05:00", "--type", "name", "--type", "ssn",
        "--people", "6100", "--ny-residents", "5400", "--summary", "Exposed bucket",
    )  # fmt: skip
    duties = {d["party"]: d["status"] for d in incident["notifications"]}
    assert duties == {
        "cpo": "pending",
        "cyber_command": "pending",
        "oti": "pending",
        "individuals": "pending",
        "consumer_reporting_agencies": "pending",
    }
    done = cli.json(
        "apo", "incidents", "notify", str(incident["id"]), "cpo", "--at", "2026-01-03T12:00:00Z"
    )
    assert {d["party"]: d["status"] for d in done["notifications"]}["cpo"] == "done"
    assert "already notified" in cli.fails("apo", "incidents", "notify", str(incident["id"]), "cpo")
    (listed,) = cli.json("cpo", "incidents", "list")
    assert (listed["agency_code"], listed["private_information"]) == ("DSS", True)
    assert cli.json("hra_apo", "incidents", "list", "--open") == []
    code, _, out = cli.run("apo", "incidents", "list")
    assert code == 0
    assert "oti" in out  # still to notify


def test_round_trip(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITYPRIVACY_KEY", "an office key of at least thirty-two bytes")
    subjects = tmp_path / "people.txt"
    subjects.write_text("client 1001\n\nclient 1002\n", encoding="utf-8")
    cli = Cli(database_url, tokens_for(database_url))
    _inventory(cli)
    agreement_id = _designations_and_agreements(cli)
    _disclosures(cli, agreement_id, subjects)
    _incidents(cli)
    report = cli.json(None, "audit", "verify")
    assert report["ok"] is True
    assert report["events"] > 30


def test_human_output(sqlite_cli: Cli) -> None:
    code, _, out = sqlite_cli.run("staff", "inventory", "add-system", "DSS", "Cases")
    assert (code, out.strip()) == (0, "created system 1 (Cases)")
    code, _, out = sqlite_cli.run(
        "staff", "disclosures", "create", "DSS", "--kind", "proposal", "--recipient", "DHS",
        "--recipient-type", "city_agency", "--type", "name", "--records", "1",
        "--purpose", "P", "--mission", "M", "--basis", "apo_approval",
    )  # fmt: skip
    assert (code, out.strip()) == (0, "disclosure 1: draft")
    code, _, out = sqlite_cli.run("staff", "disclosures", "submit", "1")
    assert (code, out.strip()) == (0, "disclosure 1: submitted (non_routine)")
    code, _, out = sqlite_cli.run("apo", "designations", "list")
    assert code == 0
    assert "designations" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("incidents", "add", "DSS", "--kind", "security_breach", "--type", "name",
             "--discovered-at", "2026-01-03T09:30:00"),
            "--discovered-at: give a timezone", id="naive-time",
        ),
        pytest.param(
            ("designations", "add", "--type", "name", "--purpose", "P", "--agency", "DSS",
             "--effective-from", "tomorrow"),
            "--effective-from: give a date", id="bad-date",
        ),
        pytest.param(
            ("disclosures", "disclose", "1", "--records", "1", "--method", "SFTP",
             "--subjects-file", "/nonexistent/people.txt"),
            "/nonexistent/people.txt", id="unreadable-subjects",
        ),
        pytest.param(
            ("disclosures", "create", "DSS", "--kind", "request", "--recipient", " ",
             "--recipient-type", "city_agency", "--type", "name", "--records", "1",
             "--purpose", "P", "--mission", "M", "--basis", "routine"),
            "recipient_name:", id="empty-recipient",
        ),
        pytest.param(
            ("disclosures", "create", "DSS", "--kind", "request", "--recipient", "R",
             "--recipient-type", "city_agency", "--type", "name", "--records", "1",
             "--purpose", "P", "--mission", "M", "--basis", "exigent"),
            "recorded after the fact", id="exigent",
        ),
    ],
)  # fmt: skip
def test_bad_input_exits_2(sqlite_cli: Cli, args: tuple[str, ...], message: str) -> None:
    assert message in sqlite_cli.fails("apo", *args)


def test_the_accounting_needs_the_office_key(
    sqlite_cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("CITYPRIVACY_KEY", "CITYPRIVACY_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    created = _create(
        sqlite_cli, "--recipient", "DHS", "--recipient-type", "city_agency", "--type", "name",
        "--basis", "routine",
    )  # fmt: skip
    sqlite_cli.json(
        "apo", "designations", "add", "--agency", "DSS", "--type", "name",
        "--purpose", "Referrals", "--effective-from", "2024-01-01",
    )  # fmt: skip
    assert sqlite_cli.json("staff", "disclosures", "submit", str(created))["status"] == "approved"
    subjects = tmp_path / "people.txt"
    subjects.write_text("client 1001\n", encoding="utf-8")
    message = sqlite_cli.fails(
        "staff", "disclosures", "disclose", str(created), "--records", "1", "--method", "SFTP",
        "--subjects-file", str(subjects),
    )  # fmt: skip
    assert "no key" in message
    assert "client 1001" not in message
    history = sqlite_cli.json("staff", "disclosures", "show", str(created))
    assert history["status"] == "approved"  # nothing was recorded
