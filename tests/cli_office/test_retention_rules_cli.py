"""``cityprivacy retention`` and ``cityprivacy rules`` on the demo city (SQLite file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def run_json(*args: str) -> Any:
    code, out = run(*args, "--json")
    assert code == 0, out
    return json.loads(out)


@pytest.fixture
def city(tmp_path: Path) -> tuple[tuple[str, str], dict[str, str]]:
    """``--db URL`` of a fresh demo city, and its users' tokens by e-mail."""
    db = f"sqlite:///{tmp_path}/city.db"
    tokens = tmp_path / "tokens.json"
    code, out = run("demo-data", "--db", db, "--tokens-file", str(tokens))
    assert code == 0, out
    return ("--db", db), json.loads(tokens.read_text())


def test_a_disposal_waits_for_both_offices_and_for_the_hold(
    city: tuple[tuple[str, str], dict[str, str]],
) -> None:
    db, tokens = city
    apo = ("--token", tokens["apo@dss.demo"])
    [pending] = run_json("retention", "list", "--status", "pending", *db, *apo)
    assert pending["agency_code"] == "DSS"
    assert pending["records_office_ref"]
    assert not pending["law_department_ref"]

    code, out = run("retention", "dispose", str(pending["id"]), *db, *apo)
    assert code == 2
    assert "law department" in out  # not yet: the law department has not approved

    done = run_json(
        "retention", "approve", str(pending["id"]), "--by", "law_department",
        "--reference", "LAW-2026-14", *db, *apo,
    )  # fmt: skip
    assert done[0]["status"] == "approved"

    [hold] = run_json("retention", "holds", "--active", *db, *apo)
    code, out = run("retention", "dispose", str(pending["id"]), *db, *apo)
    assert code == 2
    assert "hold" in out
    assert "Index 4512/2025" not in out  # the matter is named by id, not in clear

    run_json("retention", "release", str(hold["id"]), *db, *apo)
    assert run_json("retention", "holds", "--active", *db, *apo) == []
    disposed = run_json("retention", "dispose", str(pending["id"]), *db, *apo)
    assert disposed[0]["status"] == "disposed"
    assert disposed[0]["disposed_at"]


def test_another_agency_does_not_see_the_disposal(
    city: tuple[tuple[str, str], dict[str, str]],
) -> None:
    db, tokens = city
    other = ("--token", tokens["apo@hpd.demo"])
    assert run_json("retention", "list", *db, *other) == []
    [request] = run_json("retention", "list", *db)
    code, out = run(
        "retention", "approve", str(request["id"]), "--by", "law_department",
        "--reference", "X-1", *db, *other,
    )  # fmt: skip
    assert code == 2
    assert "not found" in out


def test_a_bad_approver_is_refused(city: tuple[tuple[str, str], dict[str, str]]) -> None:
    db, _ = city
    code, out = run("retention", "approve", "1", "--by", "mayor", "--reference", "R", *db)
    assert code == 2
    assert "records_office or law_department" in out


def test_rules_switch_off_and_on(city: tuple[tuple[str, str], dict[str, str]]) -> None:
    db, tokens = city
    rules = run_json("rules", "list", *db)
    assert rules, "the demo city has the default citywide rule"
    code = rules[0]["code"]
    assert rules[0]["active"] is True
    # only the CPO switches rules
    status, out = run("rules", "deactivate", code, *db, "--token", tokens["apo@dss.demo"])
    assert status == 2
    assert run_json("rules", "list", *db)[0]["active"] is True
    cpo = ("--token", tokens["cpo@moip.demo"])
    assert run_json("rules", "deactivate", code, *db, *cpo)[0]["active"] is False
    assert {r["code"]: r["active"] for r in run_json("rules", "list", *db)}[code] is False
    assert run_json("rules", "activate", code, *db, *cpo)[0]["active"] is True
    status, out = run("rules", "activate", "no-such-rule", *db, *cpo)
    assert status == 2
    assert "no-such-rule" in out
