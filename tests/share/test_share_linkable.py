"""Extracts written as Parquet are encodings files: two agencies' extracts under one
agreement link with ``cityprivacy link match``; under two agreements they are refused as
made with different keys; a CSV extract is refused with what to do instead."""

from __future__ import annotations

import base64
import csv
import json
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _share_fixtures import (
    KEY,
    KEY_TEXT,
    LINK_TERMS,
    City,
    agreement,
    analyzer,
    city,
    database_url,
    designate,
    office,
    pg_template,
    sqlite_template,
    write_csv,
)
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.errors import InputError
from cityprivacy.govern import Actor, Office
from cityprivacy.govern.sharing import check_terms, parse_terms
from cityprivacy.govern.sharing.extract import (
    ExtractReport,
    ExtractRequest,
    make_extract,
    verify_extract,
)
from cityprivacy.link import Encodings, LinkageMeta, read_linkage_file
from cityprivacy.link.synthetic import LinkageSample, linkage_sample
from cityprivacy.taxonomy import load_taxonomy

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

COLUMNS = ["client_id", "first_name", "last_name", "dob", "address", "zip"]
"""Columns of the synthetic people the test agreement covers (no SSN, phone, sex)."""

ID_TERMS = {**LINK_TERMS, "id_type": "case_number"}
"""The fixture's terms, with the pseudonymized client ids as the record ids."""


@pytest.fixture(scope="module")
def sample() -> LinkageSample:
    """Agency A's 150 clients; agency B's 150, half of them A's recorded with typos."""
    return linkage_sample(150, overlap=0.5, seed=11)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    return folder


@pytest.fixture
def inputs(sample: LinkageSample, files: Path) -> tuple[Path, Path]:
    """The two agencies' client lists as CSV files."""
    return (
        write_csv(sample.a.select(COLUMNS), files / "dss_clients.csv"),
        write_csv(sample.b.select(COLUMNS), files / "acme_clients.csv"),
    )


def _extract(office: Office, actor: Actor, agreement_id: int, source: Path, output: Path,
             **options: object) -> ExtractReport:  # fmt: skip
    request = ExtractRequest(agreement_id=agreement_id, source=source, output=output, **options)  # type: ignore[arg-type]
    report = make_extract(office, actor, request, analyzer=analyzer())
    assert report.written
    return report


def _match(a: Path, b: Path, out: Path, threshold: float = 0.7) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["link", "match", str(a), str(b), "--threshold", str(threshold), "-o", str(out)]
    )
    return result.exit_code, result.output


def _pairs(path: Path) -> set[tuple[str, str]]:
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    return {(row[0], row[1]) for row in rows[1:]}


def _quality(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
    correct = len(found & truth)
    return correct / len(found), correct / len(truth)


@pytest.fixture
def routine(office: Office, city: City) -> None:
    designate(office, city.apo, ["name", "date_of_birth", "case_number", "address"])


def test_two_agencies_extracts_under_one_agreement_link_by_pseudonymized_ids(
    office: Office,
    city: City,
    routine: None,
    sample: LinkageSample,
    inputs: tuple[Path, Path],
    files: Path,
) -> None:
    made = agreement(office, city.apo, terms=ID_TERMS)
    dss, acme = files / "dss.parquet", files / "acme.parquet"
    report = _extract(office, city.apo, made, inputs[0], dss)
    _extract(office, city.cpo, made, inputs[1], acme, agency_code="ACME")
    assert (report.id_column, report.linkable) == ("client_id", True)
    # the receipt covers the file with its linkage metadata
    assert verify_extract(office, city.apo, made, dss).ok
    assert verify_extract(office, city.apo, made, acme).ok
    a, b = read_linkage_file(dss), read_linkage_file(acme)
    assert isinstance(a, Encodings)
    assert isinstance(b, Encodings)
    assert a.meta.key_fingerprint == report.key_fingerprint == b.meta.key_fingerprint
    assert (a.meta.encoding_column, a.meta.id_column) == ("linkage_encoding", "client_id")
    assert all(i.startswith("CASE_NUMBER_") for i in a.ids.to_pylist())
    # the truth, through each extract's pseudonyms (row i of the input is row i of the extract)
    ids_a = pq.read_table(dss).column("client_id").to_pylist()
    ids_b = pq.read_table(acme).column("client_id").to_pylist()
    truth = {
        (ids_a[i], ids_b[j])
        for i, j in zip(sample.truth_a.tolist(), sample.truth_b.tolist(), strict=True)
    }
    code, out = _match(dss, acme, files / "matches.csv")
    assert code == 0, out
    precision, recall = _quality(_pairs(files / "matches.csv"), truth)
    assert precision >= 0.95
    assert recall >= 0.85


def test_without_an_id_type_the_ids_are_row_numbers(
    office: Office,
    city: City,
    routine: None,
    sample: LinkageSample,
    inputs: tuple[Path, Path],
    files: Path,
) -> None:
    made = agreement(office, city.apo)  # the fixture's terms: no id_type
    dss, acme = files / "dss.parquet", files / "acme.parquet"
    report = _extract(office, city.apo, made, inputs[0], dss)
    _extract(office, city.cpo, made, inputs[1], acme, agency_code="ACME")
    assert (report.id_column, report.linkable) == (None, True)
    meta = json.loads(pq.read_schema(dss).metadata[b"cityprivacy.link"])
    assert meta["id_column"] is None
    assert meta["encoding_column"] == "linkage_encoding"
    assert meta["key_fingerprint"] == report.key_fingerprint
    # the agreement key's fingerprint travels; the key, and the office key, do not
    secret = KEY.derive(f"share/agreement/{made}")
    data = dss.read_bytes()
    for leaked in (secret, secret.hex().encode(), base64.b64encode(secret), KEY_TEXT.encode()):
        assert leaked not in data
    code, out = _match(dss, acme, files / "matches.csv")
    assert code == 0, out
    truth = {
        (str(i + 1), str(j + 1))
        for i, j in zip(sample.truth_a.tolist(), sample.truth_b.tolist(), strict=True)
    }
    precision, recall = _quality(_pairs(files / "matches.csv"), truth)
    assert precision >= 0.95
    assert recall >= 0.85


def test_extracts_under_two_agreements_are_refused_as_different_keys(
    office: Office, city: City, routine: None, inputs: tuple[Path, Path], files: Path
) -> None:
    first, second = agreement(office, city.apo), agreement(office, city.apo)
    dss, other = files / "dss.parquet", files / "other.parquet"
    _extract(office, city.apo, first, inputs[0], dss)
    _extract(office, city.apo, second, inputs[1], other)
    code, out = _match(dss, other, files / "matches.csv")
    assert code == 2
    assert "different keys" in " ".join(out.split())
    assert not (files / "matches.csv").exists()


def test_a_csv_extract_is_refused_with_what_to_do(
    office: Office, city: City, routine: None, inputs: tuple[Path, Path], files: Path
) -> None:
    made = agreement(office, city.apo)
    dss, acme = files / "dss.csv", files / "acme.parquet"
    report = _extract(office, city.apo, made, inputs[0], dss)
    assert not report.linkable
    _extract(office, city.cpo, made, inputs[1], acme, agency_code="ACME")
    assert verify_extract(office, city.apo, made, dss).ok
    code, out = _match(dss, acme, files / "matches.csv")
    assert code == 2
    said = " ".join(out.split())
    assert "share extract" in said
    assert "Parquet" in said
    with pytest.raises(InputError, match="Parquet"):
        read_linkage_file(dss)


def test_an_id_column_must_stay_in_the_extract(
    office: Office, city: City, routine: None, inputs: tuple[Path, Path], files: Path
) -> None:
    made = agreement(office, city.apo)
    with pytest.raises(InputError, match="'first_name'"):
        _extract(office, city.apo, made, inputs[0], files / "out.parquet", id_column="first_name")
    with pytest.raises(InputError, match="no column 'nope'"):
        _extract(office, city.apo, made, inputs[0], files / "out.parquet", id_column="nope")
    assert not (files / "out.parquet").exists()
    report = _extract(office, city.apo, made, inputs[0], files / "out.parquet", id_column="address")
    assert report.id_column == "address"


def test_rows_without_an_encoding_are_skipped_and_counted(tmp_path: Path) -> None:
    meta = LinkageMeta("bloom", "s", "f" * 64, "1234abcd", 64, encoding_column="enc")
    table = pa.table({"enc": ["AAAAAAAAAAA=", None, "//////////8="], "other": ["x", "y", "z"]})
    pq.write_table(
        table.replace_schema_metadata({b"cityprivacy.link": meta.to_json().encode()}),
        tmp_path / "e.parquet",
    )
    read = read_linkage_file(tmp_path / "e.parquet")
    assert isinstance(read, Encodings)
    assert (read.ids.to_pylist(), read.skipped) == (["1", "3"], 1)
    assert read.words.tolist() == [[0], [2**64 - 1]]


def test_encodings_files_keep_their_metadata_without_the_extract_fields() -> None:
    meta = LinkageMeta("bloom", "s", "f" * 64, "1234abcd", 64)
    assert "encoding_column" not in meta.to_json()
    assert LinkageMeta.from_json(meta.to_json(), "x") == meta
    extract = LinkageMeta("bloom", "s", "f" * 64, "1234abcd", 64, encoding_column="e")
    assert json.loads(extract.to_json())["id_column"] is None
    assert LinkageMeta.from_json(extract.to_json(), "x") == extract


PERMITTED = ["name", "date_of_birth", "case_number", "race"]
ENCODED: dict[str, Any] = {
    "treatments": {"name": "encode", "case_number": "pseudonym"},
    "link_schema": "city",
}


@pytest.mark.parametrize(
    ("terms", "says"),
    [
        pytest.param({**ENCODED, "id_type": "name"}, "treated encode", id="encoded"),
        pytest.param({**ENCODED, "id_type": "ssn"}, "not permit type 'ssn'", id="unpermitted"),
        pytest.param({"id_type": "case_number"}, "'encode' treatment", id="nothing-encoded"),
        pytest.param(
            {**ENCODED, "id_type": "race", "small_cells": {"types": ["race"]}},
            "small cells",
            id="suppressed",
        ),
        pytest.param({**ENCODED, "id_type": "nonsense"}, "extract_terms.id_type", id="unknown"),
    ],
)
def test_the_id_type_must_name_a_column_the_extract_keeps(terms: dict[str, Any], says: str) -> None:
    with pytest.raises(InputError, match=re.escape(says)):
        check_terms(parse_terms(terms), load_taxonomy(), PERMITTED)
    check_terms(parse_terms({**ENCODED, "id_type": "case_number"}), load_taxonomy(), PERMITTED)
