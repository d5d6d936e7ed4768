"""``cityprivacy share extract|verify`` and ``agreements add --extract-terms``: exit codes,
JSON, the approval flow, and output that never shows a value of the data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from _share_fixtures import (
    KEY_TEXT,
    SAMPLE,
    City,
    city,
    clients,
    database_url,
    designate,
    identifying_values,
    office,
    pg_template,
    sqlite_template,
    write_csv,
)
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.config import get_settings
from cityprivacy.govern import Office
from cityprivacy.govern.demo import build_demo_city

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

TERMS = """\
treatments:
  name: encode
  date_of_birth: encode
  case_number: pseudonym
  contact_information: drop
link_schema: city
subject_type: case_number
"""
TYPES = ["name", "date_of_birth", "case_number", "contact_information", "address"]


@pytest.fixture(autouse=True)
def office_key(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI's office key is the fixtures' office key (from CITYPRIVACY_KEY)."""
    monkeypatch.delenv("CITYPRIVACY_KEY_FILE", raising=False)
    monkeypatch.setenv("CITYPRIVACY_KEY", KEY_TEXT)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "terms.yaml").write_text(TERMS)
    return folder


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def add_agreement(db: str, token: str, terms: Path) -> int:
    types = [arg for t in TYPES for arg in ("--type", t)]
    code, out = run(
        "agreements", "add", "DSS", "--title", "Client matching", "--recipient", "DHS",
        "--recipient-type", "city_agency", *types, "--purposes", "Coordinate services",
        "--permitted-uses", "Matching only", "--future-use-clause", "Bound by 23-12",
        "--extract-terms", terms, "--activate", "--db", db, "--token", token, "--json",
    )  # fmt: skip
    assert code == 0, out
    return int(json.loads(out)["id"])


def test_extract_then_verify_from_the_command_line(
    office: Office, city: City, database_url: str, files: Path
) -> None:
    token = city.tokens["apo"]
    made = add_agreement(database_url, token, files / "terms.yaml")
    code, out = run("agreements", "show", made, "--db", database_url, "--token", token, "--json")
    assert json.loads(out)["extract_terms"]["treatments"]["name"] == "encode"
    designate(office, city.apo, ["name", "date_of_birth", "case_number", "address"])
    table = clients(slice(0, 40))
    source = write_csv(table, files / "clients.csv")
    output = files / "extract.parquet"
    common = ("--agreement", made, "--db", database_url, "--token", token)
    code, out = run("share", "extract", source, output, *common, "--drop-uncovered", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert (report["status"], report["written"], report["records"]) == ("disclosed", True, 40)
    assert report["subject_column"] == "client_id"
    assert {c["column"]: c["treatment"] for c in report["columns"]}["ssn"] == "drop"
    assert (report["linkable"], report["id_column"]) == (True, None)  # ids: row numbers
    code, human = run("share", "extract", source, files / "again.csv", *common, "--drop-uncovered")
    assert code == 0
    assert "receipt sha256" in human
    code, checked = run("share", "verify", output, *common)
    assert code == 0, checked
    assert f"disclosure {report['disclosure_id']}" in checked
    code, checked = run("share", "verify", output, *common, "--json")
    assert json.loads(checked)["disclosure_id"] == report["disclosure_id"]
    data = bytearray(output.read_bytes())
    data[100] ^= 0xFF
    output.write_bytes(bytes(data))
    code, failed = run("share", "verify", output, *common)
    assert code == 1
    assert "no extract under agreement" in failed
    shown = out + human + checked + failed
    assert [v for v in identifying_values(table) if v in shown] == []


def test_uncovered_types_exit_2_with_the_list(
    office: Office, city: City, database_url: str, files: Path
) -> None:
    made = add_agreement(database_url, city.tokens["apo"], files / "terms.yaml")
    table = clients(slice(0, 30))
    source = write_csv(table, files / "clients.csv")
    code, out = run(
        "share", "extract", source, files / "out.csv", "--agreement", made,
        "--db", database_url, "--token", city.tokens["apo"],
    )  # fmt: skip
    assert code == 2
    assert "ssn → ssn" in " ".join(out.split())
    assert "--drop-uncovered" in out
    assert not (files / "out.csv").exists()
    assert [v for v in identifying_values(table) if v in out] == []


def test_a_non_routine_extract_exits_1_until_approved(
    office: Office, city: City, database_url: str, files: Path
) -> None:
    made = add_agreement(database_url, city.tokens["apo"], files / "terms.yaml")  # no designation
    source = write_csv(clients(slice(0, 10)), files / "clients.csv")
    output = files / "out.csv"
    base = ("share", "extract", source, output, "--agreement", made, "--db", database_url,
            "--token", city.tokens["staff"], "--drop-uncovered")  # fmt: skip
    code, out = run(*base, "--json")
    assert code == 1
    pending = json.loads(out[: out.rindex("}") + 1])
    assert (pending["status"], pending["written"]) == ("submitted", False)
    assert f"--disclosure {pending['disclosure_id']}" in " ".join(out.split())
    assert not output.exists()
    for who in ("apo", "apo2"):
        code, out = run("disclosures", "approve", pending["disclosure_id"],
                        "--db", database_url, "--token", city.tokens[who])  # fmt: skip
        assert code == 0, out
    code, out = run(*base, "--disclosure", pending["disclosure_id"], "--json")
    assert code == 0, out
    assert json.loads(out)["disclosure_id"] == pending["disclosure_id"]
    assert output.exists()


def test_a_bad_terms_file_is_a_clear_error(city: City, database_url: str, files: Path) -> None:
    bad = files / "bad.yaml"
    bad.write_text("treatments:\n  name: shred\n")
    code, out = run(
        "agreements", "add", "DSS", "--title", "t", "--recipient", "r",
        "--recipient-type", "city_agency", "--type", "name", "--purposes", "p",
        "--permitted-uses", "u", "--future-use-clause", "f", "--extract-terms", bad,
        "--db", database_url, "--token", city.tokens["apo"],
    )  # fmt: skip
    assert code == 2
    assert f"{bad}:2: treatments.name" in " ".join(out.split())


def test_the_demo_citys_agreement_makes_an_extract(
    office: Office, database_url: str, files: Path
) -> None:
    city = build_demo_city(office)
    common = ("--agreement", "3", "--db", database_url, "--token", city.tokens["apo@hpd.demo"])
    output = files / "hpd.parquet"
    code, out = run("share", "extract", SAMPLE, output, *common, "--drop-uncovered", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["categories"] == ["contact_information", "name"]
    assert report["encoded_fields"] == ["first_name", "last_name"]
    assert (report["status"], report["subjects"]) == ("disclosed", 200)
    assert run("share", "verify", output, *common)[0] == 0
    assert office.verify_audit().ok


def test_the_id_column_option_names_the_ids_link_match_reports(
    office: Office, city: City, database_url: str, files: Path
) -> None:
    token = city.tokens["apo"]
    made = add_agreement(database_url, token, files / "terms.yaml")
    designate(office, city.apo, ["name", "date_of_birth", "case_number", "address"])
    table = clients(slice(0, 30))
    source = write_csv(table, files / "clients.csv")
    output = files / "extract.parquet"
    code, out = run(
        "share", "extract", source, output, "--agreement", made, "--id-column", "client_id",
        "--drop-uncovered", "--db", database_url, "--token", token, "--json",
    )  # fmt: skip
    assert code == 0, out
    report = json.loads(out)
    assert (report["linkable"], report["id_column"]) == (True, "client_id")
    matches = files / "matches.csv"
    code, out = run("link", "match", output, output, "--threshold", "0.95", "-o", matches)
    assert code == 0, out
    lines = matches.read_text().splitlines()[1:]
    assert len(lines) >= 30  # every record matches itself
    ids = {line.split(",")[0] for line in lines}
    clear = {str(v) for v in table.column("client_id").to_pylist()}
    assert ids.isdisjoint(clear)  # the ids are the pseudonymized client ids, not in clear
    assert not any(i.isdigit() for i in ids)  # and not row numbers
