"""`cityprivacy report summaries` and `cityprivacy accounting lookup|purge` through the CLI."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "govern"))

from _office_fixtures import fast_hasher

from cityprivacy.config import Settings, get_settings
from cityprivacy.govern import Actor, DisclosureMade, NewDisclosure, Office
from cityprivacy.protect.keys import SecretKey
from cityprivacy.store import create_engine_for

runner = CliRunner()
SECRET = "cli-office-key-0123456789abcdef0123"


@pytest.fixture
def office_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, dict[str, str]]]:
    """A DSS with an exigent disclosure about person NY-7 (made through the library)."""
    monkeypatch.setenv("CITYPRIVACY_KEY", SECRET)
    get_settings.cache_clear()
    url = f"sqlite:///{tmp_path}/office.db"
    office = Office(
        create_engine_for(url), Settings(), key=SecretKey(SECRET.encode()), hasher=fast_hasher()
    )
    try:
        office.upgrade()
        with office.unit(Actor.system()) as o:
            o.agencies.create("DSS", "Department of Social Services")
            tokens = {
                "staff": o.users.create("s@dss.example", "staff", "DSS").token,
                "cpo": o.users.create("c@moip.example", "cpo", None).token,
            }
        staff = office.authenticate(tokens["staff"])
        new = NewDisclosure.model_validate(
            {
                "agency_code": "DSS", "kind": "request", "recipient_name": "Precinct 9",
                "recipient_type": "other_government", "categories": ["name"],
                "record_count": 1, "purpose": "Safety", "mission_justification": "Safety",
                "basis": "exigent",
            }
        )  # fmt: skip
        made = DisclosureMade(
            disclosed_at=datetime.now(UTC) - timedelta(hours=2),
            records_disclosed=1,
            method="phone",
            subjects=["NY-7"],
        )
        with office.unit(staff) as o:
            o.disclosures.record_exigent(new, made, facts="Danger")
    finally:
        office.close()
    yield url, tokens
    get_settings.cache_clear()


def test_report_summaries_json_and_csv(office_db: tuple[str, dict[str, str]]) -> None:
    url, tokens = office_db
    period = ["--from", "2026-01-01", "--to", date.today().isoformat(), "--db", url]
    result = runner.invoke(app, ["report", "summaries", *period, "--token", tokens["cpo"]])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["exigent"][0] == {**summary["exigent"][0], "group": "all", "disclosures": 1}
    assert "Precinct" not in result.stdout
    result = runner.invoke(app, ["report", "summaries", *period, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"section": "exigent", "group_by": "agency", "group": "DSS",
            "measure": "disclosures", "value": "1"} in rows  # fmt: skip
    staff = runner.invoke(app, ["report", "summaries", *period, "--token", tokens["staff"]])
    assert staff.exit_code != 0
    assert "may not" in staff.output
    bad_period = ["--from", "2026-13-01", "--to", "x", "--db", url]
    bad = runner.invoke(app, ["report", "summaries", *bad_period])
    assert bad.exit_code == 2
    assert "--from" in bad.output


def test_accounting_lookup_reads_stdin(office_db: tuple[str, dict[str, str]]) -> None:
    url, tokens = office_db
    args = ["accounting", "lookup", "--db", url, "--token", tokens["cpo"], "--json"]
    result = runner.invoke(app, args, input=" ny-7 \n")
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert (record["organization_code"], record["recipient_type"]) == ("DSS", "other_government")
    nobody = runner.invoke(app, args, input="NY-8\n")
    assert json.loads(nobody.stdout) == []
    empty = runner.invoke(app, args, input="\n")
    assert empty.exit_code == 2
    assert "identifier" in empty.output


def test_accounting_purge(office_db: tuple[str, dict[str, str]]) -> None:
    url, tokens = office_db
    dry = runner.invoke(app, ["accounting", "purge", "--dry-run", "--json", "--db", url])
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.stdout)["entries"] == 0
    assert json.loads(dry.stdout)["dry_run"] is True
    real = runner.invoke(app, ["accounting", "purge", "--db", url, "--token", tokens["cpo"]])
    assert real.exit_code == 0
    assert "deleted 0 accounting entries" in real.output
    staff = runner.invoke(app, ["accounting", "purge", "--db", url, "--token", tokens["staff"]])
    assert staff.exit_code != 0
    assert "may not purge" in staff.output
