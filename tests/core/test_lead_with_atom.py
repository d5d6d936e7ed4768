"""A leading one-character lookbehind moved after the first atom matches the same spans."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, _lead_with_atom
from cityprivacy.detect.text import Text

PATTERNS = [
    r"(?<![\w$.,/+-])\d{9}(?![\w]|[.,/-]\d)",
    r"(?<![\w-])[A-Z]{2}\d{5}[A-Z](?![\w-])",
    r"(?<![\w-])\d{3,6}-\d{2}",
    r"(?<![\w@.-])www\.[a-z]+",
    r"(?<![\w-])[A-Z]\d+",
    r"(?<![\w-])\d{2}|(?<![\w-])[A-Z]{3}",
]
alphabet = st.sampled_from(list("0123456789-./$ abwWXYZ\n"))


@pytest.mark.parametrize(
    ("regex", "rewritten"),
    [
        (r"(?<![\w-])\d{9}x", r"\d(?<![\w-]\d)\d{8}x"),
        (r"(?<![\w-])\d{2}x", r"\d(?<![\w-]\d)\dx"),
        (r"(?<![\w-])[A-Z]{1,5}x", r"[A-Z](?<![\w-][A-Z])[A-Z]{0,4}x"),
        (r"(?<![\w-])[A-Z]x", r"[A-Z](?<![\w-][A-Z])x"),
        (r"(?<![\w-])\d+x", r"\d(?<![\w-]\d)\d*x"),
        (r"(?<![\w-])\d{2,}x", r"\d(?<![\w-]\d)\d{1,}x"),
        (r"(?<![\w-])\d?x", r"(?<![\w-])\d?x"),  # optional: left alone
        (r"(?<![\w-])\d{2}?x", r"(?<![\w-])\d{2}?x"),  # lazy: left alone
        (r"(?<![\w-])(?:ab)x", r"(?<![\w-])(?:ab)x"),  # a group: left alone
    ],
)
def test_rewrite_table(regex: str, rewritten: str) -> None:
    assert _lead_with_atom(regex) == rewritten


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet=alphabet, max_size=60))
def test_rewrite_keeps_matches(regex: str, text: str) -> None:
    before = [m.span() for m in re.finditer(regex, text)]
    assert [m.span() for m in re.finditer(_lead_with_atom(regex), text)] == before


def test_gate_skips_only_texts_it_rejects() -> None:
    recognizer = PatternRecognizer(
        name="ticket",
        entity=EntityType.US_SSN,
        patterns=[Pattern("ticket", r"\bT-\d{4}\b", 0.5, gate=r"T-\d")],
    )
    assert [f.start for f in recognizer.analyze(Text("see T-1234 and T-99"))] == [4]
    assert list(recognizer.analyze(Text("see T 1234"))) == []
