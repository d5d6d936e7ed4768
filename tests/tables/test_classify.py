"""Column classification from sampled values, and header + values combined."""

from __future__ import annotations

import pytest

from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType as E
from cityprivacy.detect.tables.classify import classify_column
from cityprivacy.detect.tables.freetext import looks_free_text
from cityprivacy.detect.tables.headers import classify_header
from cityprivacy.detect.tables.values import classify_values

SSNS = [f"{100 + i:03d}-{10 + i:02d}-{2000 + i:04d}" for i in range(20)]


@pytest.mark.parametrize(
    ("column", "values", "entity", "rate"),
    [
        pytest.param("x", SSNS, E.US_SSN, 1.0, id="all-ssn"),
        pytest.param("x", SSNS[:10] + ["n/a"] * 10, E.US_SSN, 0.5, id="half-ssn"),
        pytest.param("x", SSNS[:5] + [None, "", "  "] * 5, E.US_SSN, 1.0, id="empties-ignored"),
        # a bare 5-digit number is too weak on its own; the header supplies the context word
        pytest.param("zip", ["10001", "11201", "10451"], E.ZIP_CODE, 1.0, id="zip-with-header"),
        pytest.param("code", ["10001", "11201", "10451"], None, 0.0, id="zip-without-context"),
        # a value that merely *contains* an SSN is not an SSN
        pytest.param("x", [f"see file {s} for the details of the visit" for s in SSNS], None, 0.0,
                     id="neg-contains-ssn"),
        pytest.param("x", ["123456789"] * 5, None, 0.0, id="neg-undashed"),
    ],
)  # fmt: skip
def test_value_match_rate(
    analyzer: TextAnalyzer, column: str, values: list[str | None], entity: E | None, rate: float
) -> None:
    matches, _ = classify_values(column, values, analyzer)
    rates = {m.entity_type: m.match_rate for m in matches}
    if entity is None:
        assert rates == {}
    else:
        assert rates[entity] == pytest.approx(rate)


def _classify(analyzer: TextAnalyzer, column: str, values: list[str | None]) -> dict[E, tuple]:
    matches, sampled = classify_values(column, values, analyzer)
    result = classify_column(
        column,
        classify_header(column),
        matches,
        sampled,
        threshold=0.3,
        recognizable=analyzer.entities,
    )
    return {t.entity_type: (t.source, t.confidence) for t in result.entity_types}


def test_header_and_values_agreeing_beat_either_alone(analyzer: TextAnalyzer) -> None:
    both = _classify(analyzer, "ssn", SSNS)
    values_only = _classify(analyzer, "ident", SSNS)
    header_only = _classify(analyzer, "ssn", [None] * 20)
    assert both[E.US_SSN][0] == "both"
    assert values_only[E.US_SSN][0] == "values"
    assert header_only[E.US_SSN][0] == "header"
    assert both[E.US_SSN][1] > max(values_only[E.US_SSN][1], header_only[E.US_SSN][1])


def test_a_header_contradicted_by_its_values_is_doubted(analyzer: TextAnalyzer) -> None:
    flags = _classify(analyzer, "ssn", ["Y", "N"] * 10)
    empty = _classify(analyzer, "ssn", [None] * 20)
    assert flags[E.US_SSN][1] == pytest.approx(empty[E.US_SSN][1] / 2)


def test_coded_categories_are_not_doubted() -> None:
    # Even when some recognizer can find gender words in text, F/M codes do not contradict
    # a "gender" header the way Y/N contradict an "ssn" header.
    result = classify_column(
        "gender",
        classify_header("gender"),
        [],
        20,
        threshold=0.3,
        recognizable={E.GENDER_IDENTITY, E.US_SSN},
    )
    assert [(t.source, t.confidence) for t in result.entity_types] == [("header", 0.8)]


def test_value_types_below_the_threshold_are_dropped(analyzer: TextAnalyzer) -> None:
    few = SSNS[:2] + ["none"] * 18  # 10 % match
    assert _classify(analyzer, "ident", few) == {}


@pytest.mark.parametrize(
    ("values", "hint", "expected"),
    [
        pytest.param(["Client called twice about the heating in the apartment, no answer"] * 3,
                     False, True, id="sentences"),
        pytest.param(["10001", "10002"], False, False, id="codes"),
        pytest.param(["a" * 80] * 3, False, False, id="long-token-no-spaces"),
        pytest.param(["left a message today"] * 3, True, True, id="short-but-named-notes"),
        pytest.param(["ok", "no"], True, False, id="named-notes-but-one-word"),
        pytest.param([None, ""], False, False, id="empty"),
    ],
)  # fmt: skip
def test_looks_free_text(values: list[str | None], hint: bool, expected: bool) -> None:
    assert looks_free_text(values, header_hint=hint) is expected
