"""Governed extracts: linkable under one agreement only, refused or dropped types, small
cells, the receipt, the accounting, the approval flow, and an all-or-nothing recording."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from _share_fixtures import (
    City,
    agreement,
    analyzer,
    audit_text,
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

from cityprivacy.errors import WorkflowError
from cityprivacy.govern import Actor, DisclosureStatus, Office
from cityprivacy.govern.disclosures import Disclosures
from cityprivacy.govern.sharing import Treatment
from cityprivacy.govern.sharing.columns import UncoveredTypesError
from cityprivacy.govern.sharing.extract import (
    ExtractReport,
    ExtractRequest,
    make_extract,
    verify_extract,
)
from cityprivacy.protect.table_io import read_table

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

COVERED = ["client_id", "first_name", "last_name", "dob", "phone", "email", "address", "zip"]
"""Columns of the sample whose types the default test agreement covers."""


def _extract(office: Office, actor: Actor, agreement_id: int, source: Path, output: Path,
             **options: object) -> ExtractReport:  # fmt: skip
    request = ExtractRequest(agreement_id=agreement_id, source=source, output=output, **options)  # type: ignore[arg-type]
    return make_extract(office, actor, request, analyzer=analyzer())


def _bits(encoded: str) -> np.ndarray:
    return np.unpackbits(np.frombuffer(base64.b64decode(encoded), dtype=np.uint8))


def _dice(a: str, b: str) -> float:
    x, y = _bits(a), _bits(b)
    return float(2 * np.sum(x & y) / (np.sum(x) + np.sum(y)))


def _disclosures(office: Office, actor: Actor) -> list[int]:
    with office.unit(actor) as o:
        return [d.id for d in o.disclosures.list()]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A folder of its own for the inputs and outputs (the SQLite office is in tmp_path)."""
    folder = tmp_path / "files"
    folder.mkdir()
    return folder


@pytest.fixture
def routine(office: Office, city: City) -> int:
    """A routine designation for the agreement's types, and the agreement."""
    designate(office, city.apo, ["name", "date_of_birth", "case_number", "address"])
    return agreement(office, city.apo)


def test_two_agencies_under_one_agreement_link_and_other_agreements_do_not(
    office: Office, city: City, routine: int, files: Path
) -> None:
    other = agreement(office, city.apo)
    a = write_csv(clients(slice(0, 120)).select(COVERED), files / "dss.csv")
    # the contractor's file: other rows (40 people in common), columns in another order
    b_table = clients(slice(80, 200)).select(list(reversed(COVERED)))
    b = write_csv(b_table, files / "acme.csv")
    _extract(office, city.apo, routine, a, files / "dss.parquet")
    report = _extract(office, city.cpo, routine, b, files / "acme.parquet", agency_code="ACME")
    _extract(office, city.apo, other, b, files / "other.parquet")
    assert report.status is DisclosureStatus.DISCLOSED
    dss = read_table(files / "dss.parquet").to_pylist()
    acme = read_table(files / "acme.parquet").to_pylist()
    elsewhere = read_table(files / "other.parquet").to_pylist()
    assert set(dss[0]) == {"client_id", "linkage_encoding", "address", "zip"}
    # the same 40 people: equal pseudonyms, identical encodings under the agreement...
    assert [r["client_id"] for r in dss[80:]] == [r["client_id"] for r in acme[:40]]
    assert all(r["client_id"].startswith("CASE_NUMBER_") for r in dss)
    pairs = zip(dss[80:], acme[:40], strict=True)
    assert min(_dice(x["linkage_encoding"], y["linkage_encoding"]) for x, y in pairs) == 1.0
    assert max(_dice(dss[0]["linkage_encoding"], y["linkage_encoding"]) for y in acme) < 0.75
    # ...and nothing in common with the same people's extract under another agreement
    assert not {r["client_id"] for r in dss} & {r["client_id"] for r in elsewhere}
    pairs = zip(dss[80:], elsewhere[:40], strict=True)
    assert max(_dice(x["linkage_encoding"], y["linkage_encoding"]) for x, y in pairs) < 0.75


def test_a_renamed_column_is_still_recognised(
    office: Office, city: City, routine: int, files: Path
) -> None:
    table = clients(slice(0, 60)).select([*COVERED, "ssn"])
    names = [{"phone": "c2", "email": "c3", "ssn": "col_7"}.get(n, n) for n in table.column_names]
    source = write_csv(table.rename_columns(names), files / "renamed.csv")
    with pytest.raises(UncoveredTypesError) as refused:
        _extract(office, city.apo, routine, source, files / "out.csv")
    assert refused.value.columns == {"col_7": ("ssn",)}
    report = _extract(office, city.apo, routine, source, files / "out.csv", drop_uncovered=True)
    plans = {c.column: (c.types, c.treatment) for c in report.columns}
    assert plans["c2"] == (("contact_information",), Treatment.DROP)  # found by its values
    assert plans["c3"] == (("contact_information",), Treatment.DROP)
    assert plans["col_7"] == (("ssn",), Treatment.DROP)
    out = read_table(files / "out.csv")
    assert not {"c2", "c3", "col_7"} & set(out.column_names)


def test_uncovered_types_are_refused_with_a_list_and_nothing_happens(
    office: Office, city: City, routine: int, files: Path
) -> None:
    source = write_csv(clients(slice(0, 50)), files / "all.csv")
    before = audit_text(office)
    with pytest.raises(UncoveredTypesError) as refused:
        _extract(office, city.apo, routine, source, files / "out.csv")
    assert set(refused.value.columns) == {"ssn", "cin", "sex", "race", "primary_language"}
    message = str(refused.value)
    assert "ssn → ssn" in message
    assert "cin → medicaid_cin" in message
    assert "--drop-uncovered" in message
    assert sorted(p.name for p in files.iterdir()) == ["all.csv"]  # no output, no temp file
    assert _disclosures(office, city.apo) == []
    assert audit_text(office) == before


def test_drop_uncovered_leaves_those_columns_out(
    office: Office, city: City, routine: int, files: Path
) -> None:
    source = write_csv(clients(slice(0, 50), drop=()), files / "all.csv")
    report = _extract(office, city.apo, routine, source, files / "out.csv", drop_uncovered=True)
    dropped = {c.column: c.reason for c in report.columns if c.reason}
    assert set(dropped) == {"ssn", "cin", "sex", "race", "primary_language", "notes"}
    assert dropped["ssn"] == "not covered: ssn"
    assert read_table(files / "out.csv").column_names == [
        "client_id", "linkage_encoding", "address", "borough", "zip",
    ]  # fmt: skip
    assert report.categories == ("address", "case_number", "date_of_birth", "name")
    with office.unit(city.apo) as o:
        disclosure = o.disclosures.get(report.disclosure_id)
        assert disclosure.types == list(report.categories)
        assert (disclosure.record_count, disclosure.records_disclosed) == (50, 50)
        assert disclosure.agreement_id == routine


def test_small_cells_are_suppressed(office: Office, city: City, files: Path) -> None:
    designate(office, city.apo, ["case_number", "race", "address"])
    terms = {
        "treatments": {"case_number": "pseudonym"},
        "small_cells": {"types": ["race", "address"], "threshold": 3},
        "subject_type": "case_number",
    }
    made = agreement(office, city.apo, types=["case_number", "race", "address"], terms=terms)
    base = clients(slice(0, 12)).select(["client_id", "race", "zip"])
    races = ["Asian"] * 5 + ["Black"] * 5 + ["White"] * 2
    zips = ["10035"] * 10 + ["10036", "10035"]
    table = base.set_column(1, "race", pa.array(races)).set_column(2, "zip", pa.array(zips))
    source = write_csv(table, files / "cells.csv")
    report = _extract(office, city.apo, made, source, files / "out.csv")
    out = read_table(files / "out.csv")
    assert out.column("race").to_pylist() == ["Asian"] * 5 + ["Black"] * 5 + ["*", "*"]
    assert out.column("zip").to_pylist() == ["10035"] * 10 + ["*", "*"]
    assert report.suppressed_cells == 4


def test_the_receipt_matches_the_file_and_not_a_changed_one(
    office: Office, city: City, routine: int, files: Path
) -> None:
    source = write_csv(clients(slice(0, 40)).select(COVERED), files / "in.csv")
    output = files / "out.parquet"
    report = _extract(office, city.apo, routine, source, output)
    check = verify_extract(office, city.apo, routine, output)
    assert check.ok
    assert check.receipt is not None
    assert check.receipt.disclosure_id == report.disclosure_id
    assert check.sha256 == report.sha256
    assert report.sha256 in audit_text(office)  # the audit trail vouches for the receipt
    other = agreement(office, city.apo)
    assert not verify_extract(office, city.apo, other, output).ok  # not made under that one
    data = bytearray(output.read_bytes())
    data[len(data) // 2] ^= 0x01
    output.write_bytes(bytes(data))
    assert not verify_extract(office, city.apo, routine, output).ok


def test_the_accounting_finds_a_person_of_the_extract(
    office: Office, city: City, routine: int, files: Path
) -> None:
    table = clients(slice(0, 30)).select(COVERED)
    source = write_csv(table, files / "in.csv")
    report = _extract(office, city.apo, routine, source, files / "out.csv")
    assert report.subjects == 30
    person = table.column("client_id")[7].as_py()
    with office.unit(city.apo) as o:
        found = o.accounting.who_received(f"  {person.lower()} ")
    assert [r.disclosure_id for r in found] == [report.disclosure_id]
    with office.unit(city.apo) as o:
        assert o.accounting.who_received("C9999999") == []


def test_a_non_routine_extract_waits_for_approval_then_uses_it(
    office: Office, city: City, files: Path
) -> None:
    made = agreement(office, city.apo)  # no designation: the disclosure is not routine
    source = write_csv(clients(slice(0, 20)).select(COVERED), files / "in.csv")
    output = files / "out.csv"
    waiting = _extract(office, city.staff, made, source, output)
    assert (waiting.written, waiting.status) == (False, DisclosureStatus.SUBMITTED)
    assert sorted(p.name for p in files.iterdir()) == ["in.csv"]
    with pytest.raises(WorkflowError, match="must be approved"):
        _extract(office, city.staff, made, source, output, disclosure_id=waiting.disclosure_id)
    with office.unit(city.apo) as o:
        o.disclosures.approve(waiting.disclosure_id)
    with office.unit(city.apo2) as o:
        o.disclosures.approve(waiting.disclosure_id)
    other = agreement(office, city.apo)
    with pytest.raises(WorkflowError, match="not under agreement"):
        _extract(office, city.staff, other, source, output, disclosure_id=waiting.disclosure_id)
    done = _extract(office, city.staff, made, source, output, disclosure_id=waiting.disclosure_id)
    assert (done.written, done.status, done.disclosure_id) == (
        True, DisclosureStatus.DISCLOSED, waiting.disclosure_id,
    )  # fmt: skip
    assert verify_extract(office, city.apo, made, output).ok
    assert _disclosures(office, city.apo) == [waiting.disclosure_id]


def test_a_failed_recording_leaves_the_output_untouched(
    office: Office, city: City, routine: int, files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_csv(clients(slice(0, 20)).select(COVERED), files / "in.csv")
    output = files / "out.csv"
    output.write_text("an earlier file\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise WorkflowError("the receipt could not be recorded")

    monkeypatch.setattr(Disclosures, "add_attachment", broken)
    with pytest.raises(WorkflowError):
        _extract(office, city.apo, routine, source, output)
    assert output.read_text() == "an earlier file\n"
    assert sorted(p.name for p in files.iterdir()) == ["in.csv", "out.csv"]
    assert _disclosures(office, city.apo) == []  # the disclosure was rolled back with it


def test_only_an_active_agreement_and_its_organization_may_extract(
    office: Office, city: City, files: Path
) -> None:
    source = write_csv(clients(slice(0, 10)).select(COVERED), files / "in.csv")
    draft = agreement(office, city.apo, activate=False)
    with pytest.raises(WorkflowError, match="draft"):
        _extract(office, city.apo, draft, source, files / "out.csv")
    made = agreement(office, city.apo)
    with pytest.raises(WorkflowError, match="HRA is not that organization"):
        _extract(office, city.cpo, made, source, files / "out.csv", agency_code="HRA")
    assert sorted(p.name for p in files.iterdir()) == ["in.csv"]


def test_no_identifying_value_reaches_the_audit_trail_or_the_errors(
    office: Office, city: City, routine: int, files: Path
) -> None:
    everything = clients(slice(0, 60), drop=())
    source = write_csv(everything, files / "all.csv")
    with pytest.raises(UncoveredTypesError) as refused:
        _extract(office, city.apo, routine, source, files / "out.csv")
    report = _extract(office, city.apo, routine, source, files / "out.csv", drop_uncovered=True)
    written = (files / "out.csv").read_text()
    shown = f"{refused.value} {report} {audit_text(office)}"
    values = identifying_values(everything)
    assert len(values) > 300
    assert [v for v in values if v in shown] == []
    kept_in_clear = {v for c in ("address", "borough") for v in everything.column(c).to_pylist()}
    assert [v for v in values - kept_in_clear if v in written] == []
