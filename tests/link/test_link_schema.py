"""Linkage schemas: the shipped ones load, fingerprints identify them, errors name the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityprivacy.errors import PolicyError
from cityprivacy.link.schema import BUILTIN_SCHEMAS, TokenScheme, load_schema, parse_schema

MINIMAL = """\
name: minimal
fields:
  - {name: first_name, kind: given_name, bits: 50}
"""


@pytest.mark.parametrize("name", BUILTIN_SCHEMAS)
def test_shipped_schemas_load(name: str) -> None:
    schema = load_schema(name)
    assert schema.output_bits == 1024
    assert schema.hardening.balance
    assert schema.hardening.salt is not None
    assert len(schema.fingerprint) == 64


def test_defaults_are_filled_in_and_part_of_the_fingerprint() -> None:
    schema = parse_schema(MINIMAL)
    assert schema.encoding.length == 1024
    assert schema.encoding.hash == "aes-256"
    assert schema.fields[0].token_scheme is TokenScheme.QGRAMS
    spelled_out = parse_schema(MINIMAL + "encoding: {length: 1024, hash: aes-256}\n")
    assert spelled_out.fingerprint == schema.fingerprint


def test_fingerprint_changes_with_any_setting() -> None:
    base = parse_schema(MINIMAL).fingerprint
    assert parse_schema(MINIMAL.replace("bits: 50", "bits: 51")).fingerprint != base
    assert parse_schema(MINIMAL + "encoding: {length: 512}\n").fingerprint != base
    assert parse_schema(MINIMAL + "hardening: {balance: true}\n").fingerprint != base


def test_output_bits_follow_hardening() -> None:
    assert parse_schema(MINIMAL + "hardening: {balance: true}\n").output_bits == 2048
    assert parse_schema(MINIMAL + "hardening: {xor_fold: true}\n").output_bits == 512
    both = parse_schema(MINIMAL + "hardening: {balance: true, xor_fold: true}\n")
    assert both.output_bits == 1024


def test_blocking_passes_parse() -> None:
    schema = parse_schema(
        MINIMAL.replace("fields:", "fields:\n  - {name: dob, kind: date, bits: 0}")
        + "blocking:\n  - soundex(first_name) + year(dob)\n  - first2(first_name)\n"
    )
    assert [str(p) for p in schema.blocking] == [
        "soundex(first_name) + year(dob)",
        "first2(first_name)",
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param("name: x\nfields: [\n", 3, "invalid YAML", id="syntax"),
        pytest.param("- a\n- b\n", 1, "a mapping", id="not-a-mapping"),
        pytest.param(MINIMAL + "colour: blue\n", 4, "colour", id="unknown-key"),
        pytest.param(
            MINIMAL.replace("bits: 50", "bits: 50, bits_per_token: 5"),
            3,
            "exactly one",
            id="two-weights",
        ),
        pytest.param(MINIMAL.replace("given_name", "shoe_size"), 3, "kind", id="unknown-kind"),
        pytest.param(
            MINIMAL.replace("bits: 50}", "bits: 50, salted: true}"),
            3,
            "salt",
            id="salt-without-field",
        ),
        pytest.param(MINIMAL + "hardening: {salt: {field: nope}}\n", 4, "nope", id="salt-unknown"),
        pytest.param(
            MINIMAL + "blocking:\n  - soundex(nope)\n", 5, "nope", id="blocking-unknown-field"
        ),
        pytest.param(
            MINIMAL + "blocking:\n  - shoe(first_name)\n", 5, "unknown blocking", id="blocking-fn"
        ),
        pytest.param(MINIMAL + "encoding: {length: 1000}\n", 4, "multiple of 64", id="length"),
        pytest.param(
            MINIMAL + "fields:\n  - {name: a, kind: text, bits: 1}\n",
            4,
            "twice",
            id="duplicate-key",
        ),
    ],
)
def test_invalid_schemas_name_file_and_line(
    text: str, line: int, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "schema.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as raised:
        load_schema(path)
    assert raised.value.line == line
    assert str(raised.value).startswith(f"{path}:{line}: ")
    assert message in str(raised.value)


def test_missing_schema_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read the linkage schema"):
        load_schema(tmp_path / "nope.yaml")
