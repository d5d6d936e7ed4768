"""De-identifying text: every finding replaced by its rule, and chunk boundaries never cut one."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.files import TextChunk
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer
from cityprivacy.protect.deidentify import Deidentifier
from cityprivacy.protect.deidentify.text import TextProtector, protect_chunks
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.policy import BoundPolicy, parse_policy, shipped_policy
from cityprivacy.taxonomy import load_taxonomy

KEY = SecretKey(b"text-tests-key-0123456789abcdef!")
POLICY = parse_policy(
    "version: 1\ndefault: replace\nentities:\n  US_SSN: {operator: mask}\n  EMAIL_ADDRESS: redact\n"
)

CONTEXT_FREE = TextAnalyzer(
    [
        PatternRecognizer(
            name="ssn", entity=EntityType.US_SSN,
            patterns=[
                Pattern("dashed", r"\b\d{3}-\d{2}-\d{4}\b", 0.9),
                Pattern("spaced", r"\b\d{3} \d{2} \d{4}\b", 0.9),  # spans a space
            ],
        ),
        PatternRecognizer(
            name="email", entity=EntityType.EMAIL_ADDRESS,
            patterns=[Pattern("email", r"\b[\w.+-]+@[\w-]+\.[a-z]{2,}\b", 0.9)],
        ),
    ],
    settings=Settings(),
)  # fmt: skip
"""Patterns without context words: a finding depends only on its own characters, so the
chunked output must equal the whole-text output exactly."""


@pytest.fixture(scope="module")
def real_analyzer() -> TextAnalyzer:
    """The analyzer with every built-in recognizer, built once for this module."""
    return TextAnalyzer(settings=Settings())


def _protector(analyzer: TextAnalyzer) -> TextProtector:
    return TextProtector(analyzer, BoundPolicy(POLICY, load_taxonomy(), None))


def test_each_finding_gets_its_rule_and_the_rest_is_kept(analyzer: TextAnalyzer) -> None:
    text = "SSN 123-45-6789, mail ana@example.org, zip code 10027. End."
    done = _protector(analyzer).protect(text)
    assert done.text == "SSN ***-**-6789, mail , zip code <ZIP_CODE>. End."
    assert [(s.entity_type, s.operator, s.rule) for s in done.spans] == [
        ("US_SSN", "mask", "entities.US_SSN"),
        ("EMAIL_ADDRESS", "redact", "entities.EMAIL_ADDRESS"),
        ("ZIP_CODE", "replace", "default"),
    ]
    assert text[done.spans[0].start : done.spans[0].end] == "123-45-6789"
    assert done.counts == {("US_SSN", "mask"): 1, ("EMAIL_ADDRESS", "redact"): 1,
                           ("ZIP_CODE", "replace"): 1}  # fmt: skip


def test_a_text_without_findings_comes_back_unchanged(analyzer: TextAnalyzer) -> None:
    done = _protector(analyzer).protect("nothing to see here")
    assert done.text == "nothing to see here"
    assert done.spans == ()
    assert not done.counts


def test_end_to_end_with_the_real_analyzer(real_analyzer: TextAnalyzer) -> None:
    deid = Deidentifier(shipped_policy("research"), None, Settings(), real_analyzer, workers=1)
    text = (
        "Client Maria Gonzalez (SSN 123-45-6789, DOB 04/12/1961) lives at 350 W 42nd St, "
        "New York, NY 10036; call 212-555-0143 or write maria.gonzalez@example.com."
    )
    done = deid.text(text)
    for value in ("Maria", "Gonzalez", "123-45-6789", "350 W 42nd", "212-555-0143",
                  "maria.gonzalez@example.com", "04/12"):  # fmt: skip
        assert value not in done.text
    assert "<PERSON>" in done.text
    assert "1961" in done.text  # the research policy keeps the year of a date of birth
    entities = {s.entity_type for s in done.spans}
    assert {"PERSON", "US_SSN", "DATE_OF_BIRTH", "PHONE_NUMBER", "EMAIL_ADDRESS"} <= entities


def test_pseudonyms_in_text_are_keyed(real_analyzer: TextAnalyzer) -> None:
    policy = parse_policy("version: 1\ndefault: redact\nentities:\n  US_SSN: pseudonymize\n")
    other = SecretKey(b"another-key-0123456789abcdefghij")
    text = "SSN 123-45-6789."
    first = Deidentifier(policy, KEY, Settings(), real_analyzer, workers=1).text(text).text
    again = Deidentifier(policy, KEY, Settings(), real_analyzer, workers=1).text(text).text
    third = Deidentifier(policy, other, Settings(), real_analyzer, workers=1).text(text).text
    assert re.fullmatch(r"SSN US_SSN_[0-9a-f]{12}\.", first)
    assert first == again
    assert first != third


def _chunks(text: str, cuts: list[int]) -> list[TextChunk]:
    bounds = [0, *sorted(set(c for c in cuts if 0 < c < len(text))), len(text)]
    return [TextChunk(text[a:b], a, 1, 1) for a, b in pairwise(bounds)]


def test_a_finding_across_a_chunk_boundary_is_not_cut(analyzer: TextAnalyzer) -> None:
    protector = _protector(analyzer)
    text = ("filler words here " * 10) + "SSN 123-45-6789 and more " + ("tail words " * 10)
    middle = text.index("45-6789")  # the cut falls inside the SSN
    pieces = list(protect_chunks(_chunks(text, [middle]), protector, carry_chars=40))
    assert "".join(p.text for p in pieces) == protector.protect(text).text
    assert "***-**-6789" in "".join(p.text for p in pieces)


def test_the_part_written_never_ends_inside_a_finding() -> None:
    # Without line breaks the written part ends at a space, which may fall inside a finding
    # that holds one ("123 45 6789"); every input cut must still give the whole-text output.
    protector = _protector(CONTEXT_FREE)
    text = "a " * 20 + "123 45 6789" + " b" * 20
    whole = protector.protect(text).text
    for cut in range(1, len(text)):
        pieces = protect_chunks(_chunks(text, [cut]), protector, carry_chars=32)
        assert "".join(p.text for p in pieces) == whole, cut


@hsettings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            ["a", "bb", "123-45-6789", "123 45 6789", "x@y.org", "\n", "9876", "zz@q.com"]
        ),
        max_size=80,
    ),
    cuts=st.lists(st.integers(min_value=1, max_value=600), max_size=6),
)
def test_chunked_output_equals_the_whole_text_output(words: list[str], cuts: list[int]) -> None:
    protector = _protector(CONTEXT_FREE)
    text = " ".join(words)
    pieces = protect_chunks(_chunks(text, cuts), protector, carry_chars=32)
    assert "".join(p.text for p in pieces) == protector.protect(text).text
