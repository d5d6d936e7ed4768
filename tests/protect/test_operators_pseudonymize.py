"""Keyed pseudonyms: stable per key, unrelated across keys and entity types."""

from __future__ import annotations

import hashlib
import hmac
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.operators import Operator, Pseudonymize
from cityprivacy.protect.operators.pseudonymize import normalize_for_pseudonym

KEY = SecretKey(b"pseudonym-test-key-" + b"a" * 32)
OTHER_KEY = SecretKey(b"pseudonym-test-key-" + b"b" * 32)


@pytest.fixture
def pseudonyms() -> Operator:
    return Pseudonymize().build(KEY)


def test_token_shape(pseudonyms: Operator) -> None:
    token = pseudonyms.apply("John Smith", entity="PERSON")
    assert token is not None
    assert re.fullmatch(r"PERSON_[0-9a-f]{12}", token)


def test_token_is_the_hmac_of_the_label_and_normalized_value(pseudonyms: Operator) -> None:
    expected = hmac.new(KEY.derive("pseudonym"), b"PERSON\x00john smith", hashlib.sha256)
    assert (
        pseudonyms.apply(" John  SMITH", entity="PERSON") == "PERSON_" + (expected.hexdigest()[:12])
    )


@pytest.mark.parametrize(
    ("spec", "entity", "pattern"),
    [
        pytest.param(Pseudonymize(prefix="P"), "PERSON", r"P_[0-9a-f]{12}", id="prefix"),
        pytest.param(Pseudonymize(), None, r"ID_[0-9a-f]{12}", id="no-entity"),
        pytest.param(Pseudonymize(length=6), "X", r"X_[0-9a-f]{6}", id="short"),
        pytest.param(Pseudonymize(length=64), "X", r"X_[0-9a-f]{64}", id="long"),
    ],
)
def test_prefix_and_length(spec: Pseudonymize, entity: str | None, pattern: str) -> None:
    token = spec.build(KEY).apply("value", entity=entity)
    assert token is not None
    assert re.fullmatch(pattern, token)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("John  Smith", "JOHN SMITH", id="case-and-spaces"),
        pytest.param(" john smith\t", "john smith", id="strip"),
        pytest.param("ＪＯＨＮ", "john", id="fullwidth-nfkc"),
        pytest.param("Straße", "STRASSE", id="casefold"),
    ],
)
def test_normalization_merges_variants(pseudonyms: Operator, first: str, second: str) -> None:
    assert pseudonyms.apply(first, entity="PERSON") == pseudonyms.apply(second, entity="PERSON")


def test_normalize_off_keeps_variants_apart() -> None:
    exact = Pseudonymize(normalize=False).build(KEY)
    assert exact.apply("John Smith", entity="PERSON") != exact.apply("JOHN SMITH", entity="PERSON")


def test_normalize_for_pseudonym() -> None:
    assert normalize_for_pseudonym("  Ｊohn \n\t SMITH ") == "john smith"


def test_same_prefix_joins_two_entity_types() -> None:
    joined = Pseudonymize(prefix="RESIDENT").build(KEY)
    assert joined.apply("Ann Lee", entity="PERSON") == joined.apply("Ann Lee", entity="NAME")


def test_repeat_calls_hit_the_cache_with_the_same_answer(pseudonyms: Operator) -> None:
    first = [pseudonyms.apply(f"name {i % 50}", entity="PERSON") for i in range(200)]
    again = [Pseudonymize().build(KEY).apply(f"name {i % 50}", entity="PERSON") for i in range(200)]
    assert first == again


@given(value=st.text(max_size=60), entity=st.from_regex(r"[A-Z][A-Z_]{0,15}", fullmatch=True))
def test_stable_per_key_and_different_across_keys(value: str, entity: str) -> None:
    token = Pseudonymize().build(KEY).apply(value, entity=entity)
    assert token == Pseudonymize().build(SecretKey(b"pseudonym-test-key-" + b"a" * 32)).apply(
        value, entity=entity
    )
    assert token != Pseudonymize().build(OTHER_KEY).apply(value, entity=entity)


@given(
    value=st.text(min_size=1, max_size=60),
    types=st.lists(
        st.sampled_from(["PERSON", "US_SSN", "EMAIL_ADDRESS", "ZIP_CODE"]),
        min_size=2,
        max_size=2,
        unique=True,
    ),
)
def test_different_entity_types_get_unrelated_tokens(value: str, types: list[str]) -> None:
    pseudonyms = Pseudonymize().build(KEY)
    first = pseudonyms.apply(value, entity=types[0])
    second = pseudonyms.apply(value, entity=types[1])
    assert first is not None
    assert second is not None
    assert first.split("_")[-1] != second.split("_")[-1]
