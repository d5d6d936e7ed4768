"""The regex prefilter only ever skips scans that could not match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.detect.prefilter import Needs, requirements
from cityprivacy.detect.text import Text


@pytest.mark.parametrize(
    ("regex", "flags", "digit_run", "chars"),
    [
        pytest.param(r"\b\d{3}-\d{2}-\d{4}\b", 0, 4, {"-"}, id="dashed-ssn"),
        pytest.param(r"(?<!\d)\d{9}(?!\d)", 0, 9, set(), id="nine-digits"),
        pytest.param(r"[\w.+-]+@[\w-]+\.\w+", 0, 0, {"@", "."}, id="email"),
        pytest.param(r"https?://\S+", 0, 0, {":", "/"}, id="url"),
        pytest.param(r"(?:ssn|tin)\s*\d{4}", re.IGNORECASE, 4, set(), id="icase-letters-ignored"),
        pytest.param(r"a|\d{5}", 0, 0, set(), id="branch-requires-common-part-only"),
        pytest.param(r"(\d)\1{8}", 0, 1, set(), id="backreference-not-counted"),
        pytest.param(r"(?:\d{3})?[A-Z]{3}", 0, 0, set(), id="optional-part"),
    ],
)
def test_requirements_table(regex: str, flags: int, digit_run: int, chars: set[str]) -> None:
    needs = requirements(re.compile(regex, flags))
    assert needs.digit_run == digit_run
    assert chars <= set(needs.chars)


def test_impossible_text_is_skipped_and_possible_one_is_not() -> None:
    needs = requirements(re.compile(r"\b\d{3}-\d{2}-\d{4}\b"))
    assert not needs.possible(Text("no digits at all"))
    assert not needs.possible(Text("call 555 0147"))  # longest run 4 but no dash
    assert needs.possible(Text("ssn 212-45-7788"))
    assert Needs().possible(Text(""))


PATTERNS = [
    r"\b\d{3}-\d{2}-\d{4}\b",
    r"(?<![\d-])\d{9}(?![\d-])",
    r"[\w.+-]+@[\w-]+\.[a-z]{2,}",
    r"\(\d{3}\)\s?\d{3}-\d{4}",
    r"(?i:dob|born)\W{0,3}\d{1,2}/\d{1,2}/\d{2,4}",
    r"[A-Z]{2}\d{5}[A-Z]",
    r"\d{1,3}(?:\.\d{1,3}){3}",
    r"(?:\+?1[ .-]?)?\d{3}[ .-]\d{3}[ .-]\d{4}",
]
alphabet = st.sampled_from(list("0123456789-./@():+ abcDOBorn\nAZ"))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet=alphabet, max_size=60))
def test_prefilter_never_hides_a_match(regex: str, text: str) -> None:
    compiled = re.compile(regex)
    if compiled.search(text):
        assert requirements(compiled).possible(Text(text))
