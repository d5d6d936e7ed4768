"""Loading taxonomy and override files: every error names its file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cityprivacy.errors import TaxonomyError
from cityprivacy.taxonomy import load_taxonomy, load_taxonomy_file
from cityprivacy.taxonomy.loader import apply_override, is_override, load_any

FULL = """\
version: "t.1"
types:
  - key: alpha
    name: Alpha
    description: First test type.
    legal_source: Admin Code § 23-1201
    status: statutory
    effective_from: 2018-06-15
    breach_private_information: false
    classification: private
    detected_by: [PERSON]
  - key: beta
    name: Beta
    description: Second test type.
    legal_source: Treated as identifying (city practice)
    status: city_practice
    effective_from: 2018-06-15
    breach_private_information: true
    classification: confidential
    detected_by:
      - US_SSN
      - US_ITIN
"""

OVERRIDE = """\
version: "2026.1+test"
add:
  - key: behavioral_biometrics
    name: Behavioral biometrics
    description: Typing rhythm, gait and other behaviour that singles a person out.
    legal_source: Int 1335 (pending)
    status: unconfirmed
    effective_from: 2026-01-01
    breach_private_information: false
    classification: confidential
retire:
  - key: web_address
    on: 2026-03-01
    reason: A bare web address rarely points to a person.
update:
  - key: device_identifier
    status: cpo_designated
    legal_source: Citywide Privacy Protection Policies and Protocols § 3
"""

KNOWN = frozenset({"PERSON", "US_SSN", "US_ITIN"})


def _edit(text: str, line: int, replacement: str) -> str:
    """``text`` with its 1-based ``line`` replaced (the replacement may span lines)."""
    lines = text.splitlines()
    lines[line - 1] = replacement
    return "\n".join(lines) + "\n"


def _write(tmp_path: Path, text: str, name: str = "taxonomy.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_full_file_loads(tmp_path: Path) -> None:
    taxonomy = load_taxonomy_file(_write(tmp_path, FULL), known_entities=KNOWN)
    assert taxonomy.version == "t.1"
    assert list(taxonomy.types) == ["alpha", "beta"]
    assert taxonomy.get("beta").detected_by == ("US_SSN", "US_ITIN")
    assert taxonomy.get("alpha").effective_from == date(2018, 6, 15)
    assert taxonomy.category_for("US_ITIN") == "beta"
    assert not is_override(tmp_path / "taxonomy.yaml")


@pytest.mark.parametrize(
    ("line", "replacement", "expected_line", "fragment"),
    [
        pytest.param(8, "    effective_from: 2018-13-40", 8, "effective_from", id="bad-date"),
        pytest.param(8, "    effective_from: soon", 8, "effective_from", id="not-a-date"),
        pytest.param(
            10, "    classification: secret", 10, "classification", id="bad-classification"
        ),
        pytest.param(7, "    status: rumoured", 7, "status", id="bad-status"),
        pytest.param(9, "    breach_private_information: maybe", 9, "breach", id="bad-bool"),
        pytest.param(
            5, "    description: First.\n    colour: red", 6, "colour", id="unknown-field"
        ),
        pytest.param(
            5, "    descripton: First.", 5, "descripton: unknown field", id="misspelt-field"
        ),
        pytest.param(5, "", 3, "description: required field is missing", id="missing-field"),
        pytest.param(3, "  - key: Alpha", 3, "key", id="key-not-snake-case"),
        pytest.param(12, "  - key: alpha", 12, "defined twice", id="duplicate-key"),
        pytest.param(
            13, "    name: Beta\n    name: Again", 14, "appears twice", id="duplicate-field"
        ),
        pytest.param(
            21, "      - PERSON", 21, "already claimed by 'alpha'", id="entity-claimed-twice"
        ),
        pytest.param(
            22, "      - US_SSN", 20, "listed more than once: US_SSN", id="entity-repeated-in-type"
        ),
        pytest.param(11, "    detected_by: [person]", 11, "detected_by", id="entity-not-upper"),
        pytest.param(
            22, "      - NOT_REAL", 22, "unknown entity type NOT_REAL", id="unknown-entity"
        ),
        pytest.param(
            17,
            "    effective_from: 2018-06-15\n    retired_on: 2018-01-01",
            18,
            "retired_on",
            id="retired-before-effective",
        ),
        pytest.param(4, "    name: Alpha: bad", 4, "invalid YAML", id="yaml-syntax"),
        pytest.param(1, "version: 2026.1", 1, "version", id="version-not-string"),
        pytest.param(2, "typez:", 2, "typez", id="unknown-top-level"),
    ],
)
def test_full_file_errors_name_the_line(
    tmp_path: Path, line: int, replacement: str, expected_line: int, fragment: str
) -> None:
    path = _write(tmp_path, _edit(FULL, line, replacement))
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy_file(path, known_entities=KNOWN)
    assert info.value.line == expected_line, str(info.value)
    assert info.value.source == str(path)
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"{path}:{expected_line}: ")


def test_unknown_entities_pass_without_a_known_list(tmp_path: Path) -> None:
    path = _write(tmp_path, _edit(FULL, 22, "      - NOT_REAL"))
    assert load_taxonomy_file(path).category_for("NOT_REAL") == "beta"


@pytest.mark.parametrize(
    ("text", "expected_line"),
    [
        pytest.param("", 1, id="empty"),
        pytest.param("version: x\n", 1, id="no-types"),
        pytest.param("- a\n- b\n", 1, id="not-a-mapping"),
        pytest.param('version: "x"\ntypes:\n  - key: a\n\tname: tab\n', 4, id="tab-indent"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, expected_line: int) -> None:
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy_file(_write(tmp_path, text))
    assert info.value.line == expected_line, str(info.value)


def test_missing_file_is_a_taxonomy_error(tmp_path: Path) -> None:
    with pytest.raises(
        TaxonomyError, match=r"absent\.yaml: cannot read the taxonomy file: not found"
    ):
        load_taxonomy_file(tmp_path / "absent.yaml")


def test_override_adds_retires_and_updates(tmp_path: Path) -> None:
    path = _write(tmp_path, OVERRIDE, "override.yaml")
    assert is_override(path)
    taxonomy = load_taxonomy(path)
    base = load_taxonomy()
    assert taxonomy.version == "2026.1+test"
    added = taxonomy.get("behavioral_biometrics")
    assert added.status == "unconfirmed"
    assert not added.is_active(date(2025, 12, 31))
    assert added.is_active(date(2026, 1, 1))
    retired = taxonomy.get("web_address")
    assert retired.retired_on == date(2026, 3, 1)
    assert retired.retired_reason.startswith("A bare web address")
    assert taxonomy.category_for("URL", on=date(2026, 2, 28)) == "web_address"
    assert taxonomy.category_for("URL", on=date(2026, 3, 1)) == ""
    assert retired not in taxonomy.active(date(2026, 3, 1))
    updated = taxonomy.get("device_identifier")
    assert updated.status == "cpo_designated"
    assert updated.detected_by == base.get("device_identifier").detected_by
    assert base.get("device_identifier").status == "cpo_designated_likely"  # base untouched
    assert load_any(path) == apply_override(base, path)


def test_override_without_version_derives_one(tmp_path: Path) -> None:
    path = _write(tmp_path, OVERRIDE.replace('version: "2026.1+test"\n', ""), "override.yaml")
    assert apply_override(load_taxonomy(), path).version == "2026.1+local"


def test_override_can_move_an_entity_after_retiring_its_type(tmp_path: Path) -> None:
    text = _edit(OVERRIDE, 10, "    classification: confidential\n    detected_by: [URL]")
    text = text.replace("effective_from: 2026-01-01", "effective_from: 2026-03-01")
    taxonomy = apply_override(load_taxonomy(), _write(tmp_path, text, "override.yaml"))
    assert taxonomy.category_for("URL", on=date(2026, 3, 1)) == "behavioral_biometrics"
    assert taxonomy.category_for("URL", on=date(2026, 2, 1)) == "web_address"


@pytest.mark.parametrize(
    ("line", "replacement", "expected_line", "fragment"),
    [
        pytest.param(
            12, "  - key: web_adress", 12, "did you mean web_address", id="retire-unknown"
        ),
        pytest.param(
            13, "    on: 2017-01-01", 13, "not after its effective_from", id="retire-too-early"
        ),
        pytest.param(13, "    on: someday", 13, "on", id="retire-bad-date"),
        pytest.param(14, "", 12, "reason", id="retire-without-reason"),
        pytest.param(
            14,
            "    reason: x\n  - key: web_address\n    on: 2026-05-01\n    reason: y",
            15,
            "already retired",
            id="retire-twice",
        ),
        pytest.param(3, "  - key: ssn", 3, "already exists", id="add-existing"),
        pytest.param(
            10,
            "    classification: confidential\n    detected_by: [US_SSN]",
            11,
            "already claimed by 'ssn'",
            id="add-claims-taken-entity",
        ),
        pytest.param(
            10,
            "    classification: confidential\n    detected_by: [NOT_REAL]",
            11,
            "unknown entity type NOT_REAL",
            id="add-unknown-entity",
        ),
        pytest.param(7, "    status: pending", 7, "status", id="add-bad-status"),
        pytest.param(
            16, "  - key: device_id", 16, "did you mean device_identifier", id="update-unknown"
        ),
        pytest.param(17, "    status: maybe", 17, "status", id="update-bad-value"),
        pytest.param(17, "    stauts: cpo_designated", 17, "stauts", id="update-unknown-field"),
        pytest.param(16, "  - name: No key", 16, "needs the key", id="update-without-key"),
        pytest.param(
            17, "    retired_on: 2010-01-01", 17, "retired_on", id="update-retired-too-early"
        ),
        pytest.param(
            17,
            "    detected_by: [PERSON]",
            17,
            "already claimed by 'name'",
            id="update-claims-taken",
        ),
        pytest.param(11, "retired:", 11, "retired", id="unknown-section"),
        pytest.param(
            13, "    on: 2026-03-01\n    on: 2026-04-01", 14, "appears twice", id="duplicate-on"
        ),
    ],
)
def test_override_errors_name_the_line(
    tmp_path: Path, line: int, replacement: str, expected_line: int, fragment: str
) -> None:
    path = _write(tmp_path, _edit(OVERRIDE, line, replacement), "override.yaml")
    with pytest.raises(TaxonomyError) as info:
        apply_override(load_taxonomy(), path, known_entities=KNOWN | {"MAC_ADDRESS", "IMEI", "URL"})
    assert info.value.line == expected_line, str(info.value)
    assert fragment in str(info.value)
    assert info.value.source == str(path)


def test_readme_override_example_is_valid(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Override file", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    taxonomy = load_taxonomy(_write(tmp_path, example, "readme.yaml"))
    assert taxonomy.get("behavioral_biometrics").effective_from == date(2027, 1, 1)
    assert taxonomy.get("web_address").retired_on == date(2027, 7, 1)
    assert taxonomy.get("device_identifier").status == "cpo_designated"
