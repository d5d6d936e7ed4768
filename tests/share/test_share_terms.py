"""Extract terms: the YAML file, the checks against the taxonomy and the agreement, and how
agreements keep them (validated on create and amend, snapshotted, audited by treatment)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from _share_fixtures import (
    LINK_TERMS,
    City,
    agreement,
    audit_text,
    city,
    database_url,
    office,
    pg_template,
    sqlite_template,
)

from cityprivacy.errors import InputError, PolicyError
from cityprivacy.govern import Office
from cityprivacy.govern.sharing import (
    ExtractTerms,
    Treatment,
    check_terms,
    load_terms_file,
    parse_terms,
)
from cityprivacy.govern.sharing.extract import ExtractRequest, make_extract
from cityprivacy.taxonomy import load_taxonomy

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

TAXONOMY = load_taxonomy()

GOOD = """\
treatments:
  name: encode
  date_of_birth: encode
  case_number: pseudonym
  ssn: drop
link_schema: city
small_cells: {types: [race], threshold: 5}
subject_type: case_number
"""


def test_a_terms_file_reads_into_frozen_terms(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(GOOD)
    terms = load_terms_file(path, TAXONOMY)
    assert terms.treatment_of("name") is Treatment.ENCODE
    assert terms.treatment_of("race") is Treatment.CLEAR  # permitted, no treatment: clear
    assert terms.small_cells is not None
    assert terms.small_cells.threshold == 5
    assert parse_terms(terms.stored()) == terms
    with pytest.raises(ValueError, match="frozen"):
        terms.link_schema = "febrl"  # type: ignore[misc]
    check_terms(terms, TAXONOMY, ["name", "date_of_birth", "case_number", "ssn", "race"])


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        pytest.param("treatments:\n  name: hash\n", 2, "treatments.name", id="unknown-treatment"),
        pytest.param("treatment:\n  name: clear\n", 1, "treatment", id="unknown-field"),
        pytest.param("treatments:\n  nmae: clear\n", 2, "did you mean name", id="unknown-type"),
        pytest.param("subject_type: client\n", 1, "unknown taxonomy type", id="unknown-subject"),
        pytest.param(
            "small_cells:\n  types: [race]\n  threshold: 1\n", 3, "greater than or equal to 2",
            id="threshold-too-small",
        ),
        pytest.param("small_cells: {threshold: 5}\n", 1, "types", id="small-cells-without-types"),
        pytest.param("- name\n- ssn\n", 1, "a mapping", id="not-a-mapping"),
        pytest.param("treatments: {name: clear\n", 2, "invalid YAML", id="bad-yaml"),
        pytest.param("treatments:\n  name: clear\n  name: drop\n", 3, "twice", id="repeated-key"),
    ],
)  # fmt: skip
def test_bad_terms_files_name_the_file_line_and_field(
    tmp_path: Path, text: str, line: int, says: str
) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(text)
    with pytest.raises(PolicyError) as error:
        load_terms_file(path, TAXONOMY)
    assert error.value.line == line
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert says in str(error.value)


def test_an_unreadable_terms_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read the extract terms"):
        load_terms_file(tmp_path / "missing.yaml")


ENCODED_AND_COUNTED = {
    "treatments": {"name": "encode"},
    "small_cells": {"types": ["name"]},
    "link_schema": "city",
}


@pytest.mark.parametrize(
    ("terms", "says"),
    [
        pytest.param({"treatments": {"ssn": "drop"}}, "not permit type 'ssn'", id="unpermitted"),
        pytest.param({"treatments": {"name": "encode"}}, "needs a link_schema", id="no-schema"),
        pytest.param(ENCODED_AND_COUNTED, "not in the extract", id="small-cells-on-encoded"),
        pytest.param({"small_cells": {"types": ["ssn"]}}, "not permit", id="cells-unpermitted"),
        pytest.param({"treatments": {"name": "x"}}, "treatments.name", id="bad-value"),
        pytest.param({"subject": "name"}, "extract_terms.subject", id="unknown-field"),
    ],
)
def test_terms_are_checked_against_the_agreement(terms: dict[str, Any], says: str) -> None:
    with pytest.raises(InputError, match=re.escape(says)):
        check_terms(parse_terms(terms), TAXONOMY, ["name", "address"])


def test_a_link_schema_path_is_read_only_where_extracts_are_made(
    office: Office, city: City, tmp_path: Path
) -> None:
    terms = ExtractTerms.model_validate({"link_schema": str(tmp_path / "no-such-schema.yaml")})
    check_terms(terms, TAXONOMY, ["name"])  # the office does not open paths it is given
    source = tmp_path / "in.csv"
    source.write_text("first_name,last_name\nAda,Lovelace\n")
    made = agreement(
        office, city.apo, types=["name"],
        terms={**terms.stored(), "treatments": {"name": "encode"}, "subject_type": "name"},
    )  # fmt: skip
    request = ExtractRequest(made, source, tmp_path / "out.csv")
    with pytest.raises(PolicyError, match="cannot read the linkage schema"):
        make_extract(office, city.apo, request)
    assert not (tmp_path / "out.csv").exists()


def test_agreements_check_keep_and_amend_their_terms(office: Office, city: City) -> None:
    made = agreement(office, city.apo)
    with office.unit(city.apo) as o:
        stored = o.agreements.get(made).extract_terms
        assert parse_terms(stored) == parse_terms(LINK_TERMS)
        o.agreements.amend(made, extract_terms={"treatments": {"name": "pseudonym"}})
    with office.unit(city.apo) as o:
        assert o.agreements.extract_terms(made).treatment_of("name") is Treatment.PSEUDONYM
        versions = o.agreements.versions(made)
    assert versions[0].snapshot["extract_terms"] == parse_terms(LINK_TERMS).stored()
    assert versions[-1].snapshot["extract_terms"] == {"treatments": {"name": "pseudonym"}}
    trail = audit_text(office)
    assert "name:pseudonym" in trail
    assert "case_number:pseudonym" in trail
    with pytest.raises(InputError, match="does not permit type 'ssn'"), office.unit(city.apo) as o:
        o.agreements.amend(made, extract_terms={"treatments": {"ssn": "drop"}})
    with pytest.raises(InputError, match=r"extract_terms\.treatments\.ssn"):
        agreement(office, city.apo, terms={"treatments": {"ssn": "pseudonym"}})
    with office.unit(city.apo) as o:
        assert [a.id for a in o.agreements.list()] == [made]
        assert len(o.agreements.versions(made)) == 3  # create, activate, one amendment
