"""``cityprivacy check``: exit codes, the three outputs, and ``--db``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "govern"))

from _office_fixtures import KEY, fast_hasher

from cityprivacy.config import Settings
from cityprivacy.govern import Actor, AgreementStatus, Office, RecipientType
from cityprivacy.store import create_engine_for

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "examples/agency-manifest.yaml"
EXAMPLE_TEXT = (ROOT / EXAMPLE).read_text(encoding="utf-8")
ROSTERS = "  - name: rosters-to-sports-league\n"
ROSTERS_LINE = EXAMPLE_TEXT.splitlines().index(ROSTERS.rstrip("\n")) + 1
ON = ("--on", "2026-09-01")

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, standard output, and everything printed (errors included)."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.output


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def write(tmp_path: Path, text: str, name: str = "manifest.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_example_manifest_exits_1_with_its_violation() -> None:
    code, _, out = run("check", EXAMPLE, *ON)
    assert code == 1
    assert f"{EXAMPLE}:{ROSTERS_LINE}" in out
    assert "third-party-agreement" in out
    assert "1 violation(s)" in out


def test_json_lists_the_violations() -> None:
    code, stdout, _ = run("check", EXAMPLE, *ON, "--json")
    report = json.loads(stdout)
    assert code == 1
    assert report["ok"] is False
    assert report["on"] == "2026-09-01"
    assert report["checked"] == {"systems": 1, "datasets": 2, "fields": 8, "disclosures": 3}
    assert report["violations"] == [
        {
            "file": EXAMPLE,
            "line": ROSTERS_LINE,
            "rule": "third-party-agreement",
            "subject": "disclosure 'rosters-to-sports-league'",
            "message": report["violations"][0]["message"],
        }
    ]


def test_github_annotations() -> None:
    code, stdout, _ = run("check", EXAMPLE, *ON, "--github")
    assert code == 1
    (line,) = stdout.splitlines()
    assert line.startswith(
        f"::error file={EXAMPLE},line={ROSTERS_LINE},title=third-party-agreement::"
        "disclosure 'rosters-to-sports-league': "
    )


def test_a_clean_manifest_exits_0(tmp_path: Path) -> None:
    fixed = EXAMPLE_TEXT.replace(
        "    dataset: Program enrollments\n    record_count: 350\n",
        "    dataset: Program enrollments\n    record_count: 350\n"
        "    agreement_exception:\n      kind: no_privacy_interest_compromised\n"
        "      reason: Only first names and birth years leave, for team rosters\n",
    )
    assert fixed != EXAMPLE_TEXT
    path = write(tmp_path, fixed)
    code, _, out = run("check", path, *ON)
    assert code == 0, out
    assert "clean" in out
    code, stdout, _ = run("check", path, *ON, "--json")
    assert (code, json.loads(stdout)["violations"]) == (0, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("version: 1\nagency: DSS\nsystem: []\n", ":3: system: unknown field",
                     id="misspelt"),
        pytest.param("version: 1\n", ":1: agency: required field is missing", id="incomplete"),
    ],
)  # fmt: skip
def test_a_malformed_manifest_exits_2_with_its_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    code, stdout, out = run("check", path)
    assert code == 2
    assert f"{path}{expected}" in " ".join(out.split())
    assert stdout == ""


def test_bad_options_exit_2(tmp_path: Path) -> None:
    code, _, out = run("check", EXAMPLE, "--on", "1 September")
    assert code == 2
    assert "--on" in out
    code, _, out = run("check", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "missing.yaml: cannot read the manifest: not found" in out


def test_with_the_office_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/office.db"
    office = Office(create_engine_for(url), Settings(), key=KEY, hasher=fast_hasher())
    try:
        office.upgrade()
        code, _, out = run("check", EXAMPLE, "--db", url)
        assert code == 2
        assert "organization 'DYFP' not found" in out
        with office.unit(Actor.system()) as o:
            o.agencies.create("DYFP", "Department of Youth and Family Programs")
            apo = o.users.create("apo@dyfp.example", "apo", "DYFP").token
        with office.unit(office.authenticate(apo)) as o:
            agreement = o.agreements.create(
                organization_code="DYFP",
                title="Spring league rosters",
                recipient_name="Five Boroughs Youth Sports League",
                recipient_type=RecipientType.THIRD_PARTY,
                categories=["name", "date_of_birth"],
                purposes="League registration",
                permitted_uses="Registration only",
                future_use_clause="Bound by Admin Code 23-12",
            )
            o.agreements.set_status(agreement.id, AgreementStatus.ACTIVE)
    finally:
        office.close()
    path = write(
        tmp_path, EXAMPLE_TEXT.replace(ROSTERS, ROSTERS + f"    agreement: {agreement.id}\n")
    )
    code, stdout, _ = run("check", path, *ON, "--json")
    assert code == 1  # without the office, agreement 1 is unknown
    rules = sorted(v["rule"] for v in json.loads(stdout)["violations"])
    assert rules == ["third-party-agreement", "unknown-agreement"]
    code, _, out = run("check", path, *ON, "--db", url, "--token", apo)
    assert code == 0, out
    code, _, out = run("check", path, *ON, "--db", url)  # as the local administrator
    assert code == 0, out
