"""redact, replace, suppress, keep and mask: what each does to a value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityprivacy.protect.operators import Keep, Mask, Redact, Replace, Suppress


def test_redact_removes_the_value() -> None:
    assert Redact().build().apply("Jane Doe", entity="PERSON") is None


def test_suppress_keeps_a_marker() -> None:
    assert Suppress().build().apply("Jane Doe") == "*"
    assert Suppress(marker="[suppressed]").build().apply("x", entity="PERSON") == "[suppressed]"


def test_keep_passes_the_value_through() -> None:
    assert Keep().build().apply(" 10027 ", entity="ZIP_CODE") == " 10027 "


@pytest.mark.parametrize(
    ("spec", "entity", "expected"),
    [
        pytest.param(Replace(), "PERSON", "<PERSON>", id="default"),
        pytest.param(Replace(), None, "<REDACTED>", id="no-entity"),
        pytest.param(Replace(fallback="PII"), None, "<PII>", id="fallback"),
        pytest.param(Replace(template="[{entity}]"), "US_SSN", "[US_SSN]", id="template"),
        pytest.param(Replace(template="[removed]"), "US_SSN", "[removed]", id="fixed"),
        pytest.param(Replace(template="{{{entity}}}"), "EMAIL", "{EMAIL}", id="braces"),
    ],
)
def test_replace_gives_a_type_tag(spec: Replace, entity: str | None, expected: str) -> None:
    assert spec.build().apply("Jane Doe", entity=entity) == expected


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        pytest.param(Mask(), "123-45-6789", "***-**-6789", id="ssn"),
        pytest.param(Mask(), "4111 1111 1111 1234", "**** **** **** 1234", id="card"),
        pytest.param(Mask(), "(212) 555-0199", "(***) ***-0199", id="phone"),
        pytest.param(Mask(keep_separators=False), "123-45-6789", "*******6789", id="no-seps"),
        pytest.param(Mask(keep_last=0), "123-45-6789", "***-**-****", id="keep-none"),
        pytest.param(Mask(keep_first=1, keep_last=0), "Jane Doe", "J*** ***", id="first"),
        pytest.param(Mask(char="X"), "12/31/1990", "XX/XX/1990", id="char"),
        pytest.param(Mask(), "1234", "****", id="short-masked-whole"),
        pytest.param(Mask(), "12", "**", id="shorter"),
        pytest.param(Mask(), "", "", id="empty"),
    ],
)
def test_mask(spec: Mask, value: str, expected: str) -> None:
    assert spec.build().apply(value) == expected


@given(
    value=st.text(min_size=1, max_size=40),
    keep_last=st.integers(min_value=0, max_value=8),
)
def test_mask_keeps_length_and_last_characters(value: str, keep_last: int) -> None:
    masked = Mask(keep_last=keep_last, keep_separators=False).build().apply(value)
    assert masked is not None
    assert len(masked) == len(value)
    if len(value) > keep_last:
        assert masked[len(value) - keep_last :] == value[len(value) - keep_last :]
        assert set(masked[: len(value) - keep_last]) <= {"*"}
    else:
        assert set(masked) <= {"*"}


@given(st.from_regex(r"[0-9]{3}-[0-9]{2}-[0-9]{4}", fullmatch=True))
def test_mask_keeps_separators_in_place(ssn: str) -> None:
    masked = Mask().build().apply(ssn)
    assert masked == "***-**-" + ssn[-4:]
