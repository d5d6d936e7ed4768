"""Loading policies: every kind of mistake is refused with its file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cityprivacy.detect.entities import EntityType
from cityprivacy.errors import PolicyError
from cityprivacy.protect.operators import Mask, Pseudonymize, Redact
from cityprivacy.protect.policy import SHIPPED_POLICIES, load_policy, parse_policy, shipped_policy

VALID = """\
version: "2026.1"
description: test policy
default: replace
subject_column: client_id
key_file: secret.key
columns:
  client_id: {operator: pseudonymize, prefix: CLIENT}
free_text_columns: [notes]
entities:
  US_SSN:
    operator: mask
    keep_last: 4
categories:
  name: pseudonymize
classifications:
  confidential: redact
"""


def _error(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "p.yaml")
    return caught.value


def test_a_valid_policy_loads_with_every_section() -> None:
    policy = parse_policy(VALID, "p.yaml", base_dir=Path("/etc/city"))
    assert policy.version == "2026.1"
    assert policy.subject_column == "client_id"
    assert policy.key_file == Path("/etc/city/secret.key")
    assert policy.columns["client_id"] == Pseudonymize(prefix="CLIENT")
    assert policy.free_text_columns == ("notes",)
    assert policy.entities[EntityType.US_SSN] == Mask(keep_last=4)
    assert policy.categories["name"] == Pseudonymize()
    assert policy.classifications["confidential"] == Redact()
    assert policy.source == "p.yaml"


def test_rules_come_in_resolution_order_and_say_which_need_the_key() -> None:
    policy = parse_policy(VALID, "p.yaml")
    assert [where for where, _ in policy.rules()] == [
        "columns.client_id",
        "entities.US_SSN",
        "categories.name",
        "classifications.confidential",
        "default",
    ]
    assert policy.needs_key
    assert [(k.where, k.operator) for k in policy.keyed_rules()] == [
        ("columns.client_id", "pseudonymize"),
        ("categories.name", "pseudonymize"),
    ]
    assert not parse_policy("version: 1\ndefault: redact\n").needs_key


def test_a_numeric_version_is_read_as_text() -> None:
    assert parse_policy("version: 3\ndefault: redact\n").version == "3"


@pytest.mark.parametrize("name", SHIPPED_POLICIES)
def test_shipped_policies_are_valid(name: str) -> None:
    policy = shipped_policy(name)
    assert policy.default is not None
    assert policy.rules()


def test_load_policy_reads_a_file_and_anchors_the_key_file(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(VALID, encoding="utf-8")
    policy = load_policy(path)
    assert policy.key_file == tmp_path / "secret.key"
    assert policy.source == str(path)


def test_a_missing_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"absent\.yaml: cannot read the policy: not found"):
        load_policy(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param("version: 1\ndefault: redact\nentitys: {}\n", 3,
                     r"unknown field 'entitys'; did you mean entities", id="unknown-field"),
        pytest.param("version: 1\ndefault: redact\nentities:\n  US_SNN: redact\n", 4,
                     r"unknown entity type 'US_SNN'; did you mean US_SSN", id="unknown-entity"),
        pytest.param("version: 1\ndefault: redact\nentities:\n  us_ssn: redact\n", 4,
                     r"unknown entity type 'us_ssn'; did you mean US_SSN", id="entity-case"),
        pytest.param("version: 1\ndefault: redact\ncategories:\n  sn: redact\n  dob: x\n", 4,
                     r"unknown taxonomy category 'sn'", id="unknown-category"),
        pytest.param("version: 1\ndefault: redact\ncategories:\n  date_of_brith: redact\n", 4,
                     r"did you mean date_of_birth", id="category-suggestion"),
        pytest.param("version: 1\ndefault: redact\nclassifications:\n  secret: redact\n", 4,
                     r"unknown classification 'secret'", id="unknown-classification"),
        pytest.param("version: 1\ndefault: redact\nentities:\n  US_SSN: {operator: redcat}\n", 4,
                     r"unknown operator 'redcat'; did you mean redact", id="unknown-operator"),
        pytest.param("version: 1\ndefault: rdact\n", 2,
                     r"default: unknown operator 'rdact'", id="unknown-default-operator"),
        pytest.param("version: 1\ndefault: redact\nentities:\n  US_SSN:\n    operator: mask\n"
                     "    keep_lats: 4\n", 6,
                     r"entities.US_SSN.keep_lats: unknown parameter for mask",
                     id="unknown-parameter"),
        pytest.param("version: 1\ndefault: redact\nentities:\n  US_SSN:\n    operator: mask\n"
                     "    keep_last: -1\n", 6,
                     r"entities.US_SSN.keep_last: .*greater than or equal to 0",
                     id="out-of-range-parameter"),
        pytest.param("version: 1\ndefault: {operator: generalize}\n", 2,
                     r"default.to: required parameter of generalize is missing",
                     id="missing-parameter"),
        pytest.param("version: 1\ndefault: {operator: generalize, to: year, width: 5}\n", 2,
                     r"width applies only to 'to: interval'", id="parameter-for-another-target"),
        pytest.param("version: 1\ndefault: redact\ncolumns:\n  ssn: {keep_last: 4}\n", 4,
                     r"columns.ssn: the 'operator' field is missing", id="no-operator-field"),
        pytest.param("version: 1\ndefault: redact\ncolumns:\n  ssn: [mask]\n", 4,
                     r"columns.ssn: an operator is a name", id="operator-not-a-mapping"),
        pytest.param("version: 1\ndefault: redact\ncolumns:\n  ssn:\n", 4,
                     r"columns.ssn: an operator is a name", id="operator-empty"),
        pytest.param("version: 1\ndefault: redact\nentities: [US_SSN]\n", 3,
                     r"entities: must be a mapping", id="section-not-a-mapping"),
        pytest.param("default: redact\n", 1, r"required field 'version' is missing",
                     id="no-version"),
        pytest.param("version: 1\nentities: {}\n", 1, r"required field 'default' is missing",
                     id="no-default"),
        pytest.param("version: ''\ndefault: redact\n", 1, r"version: must be a non-empty text",
                     id="empty-version"),
        pytest.param("version: 1\ndefault: redact\nsubject_column: [a, b]\n", 3,
                     r"subject_column: must be a non-empty text", id="subject-not-text"),
        pytest.param("version: 1\ndefault: redact\ncolumns:\n  notes: redact\n"
                     "free_text_columns: [notes]\n", 5,
                     r"column 'notes' is both in columns .* and in free_text_columns",
                     id="column-and-free-text"),
        pytest.param("version: 1\ndefault: redact\nfree_text_columns: notes\n", 3,
                     r"free_text_columns: must be a list", id="free-text-not-a-list"),
        pytest.param("version: 1\ndefault: redact\nfree_text_columns: [a, a]\n", 3,
                     r"'a' is listed twice", id="free-text-repeated"),
        pytest.param("version: 1\ndefault: redact\nentities:\n  US_SSN: redact\n"
                     "  US_SSN: mask\n", 5, r"field 'US_SSN' appears twice", id="repeated-key"),
        pytest.param("version: 1\ndefault: [redact\n", 3, r"invalid YAML", id="invalid-yaml"),
        pytest.param("- version: 1\n", 1, r"a policy is a mapping", id="not-a-mapping"),
        pytest.param("", 1, r"the file is empty", id="empty-file"),
    ],
)  # fmt: skip
def test_every_mistake_names_its_line(text: str, line: int, message: str) -> None:
    error = _error(text)
    assert error.source == "p.yaml"
    assert error.line == line, str(error)
    assert str(error).startswith(f"p.yaml:{line}: ")
    assert re.search(message, str(error)), str(error)


def test_an_unknown_shipped_policy_is_refused() -> None:
    with pytest.raises(PolicyError, match="no shipped policy 'nope'"):
        shipped_policy("nope")
