"""Operator specs as a policy holds them: parsing, parameter checks, keys."""

from __future__ import annotations

import doctest
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import cityprivacy.protect.operators as operators
from cityprivacy.errors import KeyMaterialError
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.operators import (
    OPERATOR_NAMES,
    DateShift,
    Encrypt,
    Generalize,
    Keep,
    Mask,
    Pseudonymize,
    Redact,
    Replace,
    Suppress,
    parse_operator,
)
from cityprivacy.protect.operators.generalize import Target

KEY = SecretKey(b"spec-test-key-" + b"k" * 32)


def test_every_operator_has_a_name_and_parses_with_defaults() -> None:
    assert OPERATOR_NAMES == (
        "redact",
        "replace",
        "mask",
        "pseudonymize",
        "encrypt",
        "generalize",
        "date_shift",
        "suppress",
        "keep",
    )
    for name in OPERATOR_NAMES:
        data: dict[str, object] = {"operator": name}
        if name == "generalize":
            data["to"] = "year"
        spec = parse_operator(data)
        assert spec.operator == name
        built = spec.build(KEY)
        assert built.name == name


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param({"operator": "mask", "keep_last": 2}, Mask(keep_last=2), id="mask"),
        pytest.param({"operator": "redact"}, Redact(), id="redact"),
        pytest.param({"operator": "suppress", "marker": "#"}, Suppress(marker="#"), id="suppress"),
        pytest.param({"operator": "keep"}, Keep(), id="keep"),
        pytest.param({"operator": "replace", "fallback": "X"}, Replace(fallback="X"), id="replace"),
        pytest.param({"operator": "pseudonymize", "length": 16}, Pseudonymize(length=16), id="ps"),
        pytest.param(
            {"operator": "encrypt", "alphabet": "alphanumeric"},
            Encrypt(alphabet="alphanumeric"),
            id="encrypt",
        ),
        pytest.param(
            {"operator": "generalize", "to": "age_band", "bands": [0, 65]},
            Generalize(to="age_band", bands=(0, 65)),
            id="generalize",
        ),
        pytest.param({"operator": "date_shift", "max_days": 30}, DateShift(max_days=30), id="ds"),
    ],
)
def test_parse_operator_gives_the_spec(data: dict[str, object], expected: object) -> None:
    assert parse_operator(data) == expected


@pytest.mark.parametrize(
    ("data", "parameter"),
    [
        pytest.param({"operator": "shred"}, "operator", id="unknown-operator"),
        pytest.param({}, "operator", id="no-operator"),
        pytest.param({"operator": "redact", "with": "x"}, "with", id="redact-extra"),
        pytest.param({"operator": "keep", "why": "x"}, "why", id="keep-extra"),
        pytest.param({"operator": "suppress", "marker": ""}, "marker", id="suppress-empty"),
        pytest.param({"operator": "replace", "template": ""}, "template", id="replace-empty"),
        pytest.param(
            {"operator": "replace", "template": "<{name}>"}, "template", id="replace-placeholder"
        ),
        pytest.param({"operator": "replace", "template": "<{"}, "template", id="replace-broken"),
        pytest.param({"operator": "replace", "fallback": ""}, "fallback", id="replace-fallback"),
        pytest.param({"operator": "mask", "keep_last": -1}, "keep_last", id="mask-negative"),
        pytest.param({"operator": "mask", "keep_last": "four"}, "keep_last", id="mask-word"),
        pytest.param({"operator": "mask", "keep_first": -2}, "keep_first", id="mask-first"),
        pytest.param({"operator": "mask", "char": "##"}, "char", id="mask-two-chars"),
        pytest.param({"operator": "mask", "char": ""}, "char", id="mask-no-char"),
        pytest.param({"operator": "mask", "keep_separators": "maybe"}, "keep_separators", id="m"),
        pytest.param({"operator": "pseudonymize", "length": 5}, "length", id="ps-short"),
        pytest.param({"operator": "pseudonymize", "length": 65}, "length", id="ps-long"),
        pytest.param({"operator": "pseudonymize", "prefix": "a b"}, "prefix", id="ps-prefix"),
        pytest.param({"operator": "pseudonymize", "prefix": "9X"}, "prefix", id="ps-digit"),
        pytest.param({"operator": "pseudonymize", "normalize": "?"}, "normalize", id="ps-norm"),
        pytest.param({"operator": "pseudonymize", "salt": "x"}, "salt", id="ps-salt"),
        pytest.param({"operator": "encrypt", "alphabet": "hex"}, "alphabet", id="fpe-alphabet"),
        pytest.param({"operator": "encrypt", "tweak": ""}, "tweak", id="fpe-tweak"),
        pytest.param({"operator": "encrypt", "too_short": "skip"}, "too_short", id="fpe-short"),
        pytest.param({"operator": "generalize"}, "to", id="gen-no-target"),
        pytest.param({"operator": "generalize", "to": "decade"}, "to", id="gen-target"),
        pytest.param(
            {"operator": "generalize", "to": "interval", "width": 0}, "width", id="gen-width"
        ),
        pytest.param(
            {"operator": "generalize", "to": "year", "width": 5}, "width", id="gen-width-misused"
        ),
        pytest.param(
            {"operator": "generalize", "to": "age_band", "bands": []}, "bands", id="gen-no-bands"
        ),
        pytest.param(
            {"operator": "generalize", "to": "age_band", "bands": [0, 30, 20]},
            "bands",
            id="gen-bands-order",
        ),
        pytest.param(
            {"operator": "generalize", "to": "age_band", "bands": [-5, 10]},
            "bands",
            id="gen-bands-negative",
        ),
        pytest.param(
            {"operator": "generalize", "to": "zip3", "bands": [0, 10]}, "bands", id="gen-bands-use"
        ),
        pytest.param({"operator": "date_shift", "max_days": 0}, "max_days", id="ds-zero"),
        pytest.param({"operator": "date_shift", "max_days": 50_000}, "max_days", id="ds-huge"),
    ],
)
def test_bad_parameters_are_refused_naming_the_parameter(
    data: dict[str, object], parameter: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_operator(data)
    assert parameter in str(caught.value)


def test_specs_are_frozen() -> None:
    spec = Mask()
    with pytest.raises(ValidationError):
        spec.keep_last = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    "spec",
    [Pseudonymize(), Encrypt(), DateShift()],
    ids=lambda spec: spec.operator,
)
def test_keyed_operators_need_a_key_and_say_which(
    spec: Pseudonymize | Encrypt | DateShift,
) -> None:
    assert spec.needs_key
    with pytest.raises(KeyMaterialError, match=spec.operator):
        spec.build(None)


@pytest.mark.parametrize(
    "spec",
    [Redact(), Replace(), Mask(), Generalize(to="zip3"), Suppress(), Keep()],
    ids=lambda spec: spec.operator,
)
def test_unkeyed_operators_build_without_a_key(spec: operators.SpecBase) -> None:
    assert not spec.needs_key
    assert spec.build(None).name == spec.model_dump()["operator"]


def test_exports_exist() -> None:
    assert len(set(operators.__all__)) == len(operators.__all__)
    for name in operators.__all__:
        assert hasattr(operators, name), name


def test_package_docstring_example_runs() -> None:
    result = doctest.testmod(operators)
    assert result.attempted >= 1
    assert result.failed == 0


@settings(deadline=None, max_examples=200)
@given(value=st.text(max_size=50), entity=st.none() | st.sampled_from(["PERSON", "US_SSN"]))
def test_every_operator_takes_any_text(value: str, entity: str | None) -> None:
    specs = [
        *(
            parse_operator({"operator": name})
            for name in OPERATOR_NAMES
            if name not in {"generalize", "encrypt"}
        ),
        Encrypt(too_short="suppress"),
        *(Generalize(to=to) for to in get_args(Target)),
    ]
    for spec in specs:
        result = spec.build(KEY).apply(value, entity=entity, subject="s1")
        assert result is None or isinstance(result, str)
