"""The analyzer's own behaviour, with in-memory recognizers so results are predictable."""

from __future__ import annotations

import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.parallel import analyze_many
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer
from cityprivacy.errors import ConfigurationError, UnknownEntityError

TICKET = PatternRecognizer(
    name="ticket",
    entity=EntityType.CASE_NUMBER,
    patterns=[Pattern("ticket", r"\bTKT-\d{6}\b", 0.9)],
)
WEAK = PatternRecognizer(
    name="weak_email",
    entity=EntityType.EMAIL_ADDRESS,
    patterns=[Pattern("at", r"\b\w+@\w+\b", 0.3)],
)


@pytest.fixture
def analyzer() -> TextAnalyzer:
    return TextAnalyzer([TICKET, WEAK], settings=Settings(max_text_chars=1000))


def test_findings_carry_the_taxonomy_category(analyzer: TextAnalyzer) -> None:
    [finding] = analyzer.analyze("opened TKT-123456 today")
    assert (finding.start, finding.end) == (7, 17)
    assert finding.category == analyzer.taxonomy.category_for(EntityType.CASE_NUMBER)
    assert finding.category


def test_min_score_filters(analyzer: TextAnalyzer) -> None:
    assert [f.entity_type for f in analyzer.analyze("a@b")] == []
    assert [f.entity_type for f in analyzer.analyze("a@b", min_score=0.2)] == [
        EntityType.EMAIL_ADDRESS
    ]


def test_entities_filter_and_unknown_entity(analyzer: TextAnalyzer) -> None:
    text = "TKT-123456 a@b"
    assert analyzer.analyze(text, entities=["EMAIL_ADDRESS"], min_score=0) == [
        f for f in analyzer.analyze(text, min_score=0) if f.entity_type is EntityType.EMAIL_ADDRESS
    ]
    with pytest.raises(UnknownEntityError, match="NOT_A_TYPE"):
        analyzer.analyze(text, entities=["NOT_A_TYPE"])


def test_unsupported_language_is_a_clear_error(analyzer: TextAnalyzer) -> None:
    with pytest.raises(ConfigurationError, match="'xx'"):
        analyzer.analyze("text", language="xx")


def test_non_string_input_is_rejected(analyzer: TextAnalyzer) -> None:
    with pytest.raises(TypeError, match="bytes"):
        analyzer.analyze(b"TKT-123456")  # type: ignore[arg-type]


def test_long_text_is_windowed_with_correct_offsets(analyzer: TextAnalyzer) -> None:
    # 1000-char windows: put tickets inside, across and after window boundaries.
    positions = [10, 995, 2400, 5001]
    chars = [" "] * 6000
    for p in positions:
        chars[p : p + 10] = "TKT-123456"
    text = "".join(chars)
    found = analyzer.analyze(text)
    assert [f.start for f in found] == positions
    assert all(text[f.start : f.end] == "TKT-123456" for f in found)


def test_analyze_many_keeps_order_and_matches_serial() -> None:
    settings = Settings()
    texts = [f"note {i}: ticket TKT-{i:06d} and nothing else" for i in range(300)]
    serial = list(analyze_many(texts, workers=1, settings=settings))
    parallel = list(analyze_many(texts, workers=2, settings=settings, chunk_size=50))
    assert parallel == serial
    assert len(serial) == 300


def test_analyze_many_of_nothing() -> None:
    assert list(analyze_many([], workers=2)) == []
