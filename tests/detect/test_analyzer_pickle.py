"""An analyzer (and the taxonomy inside it) survives pickling: workers that do not fork get
the caller's analyzer, custom recognizers and taxonomy override included."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer
from cityprivacy.taxonomy import Taxonomy, load_taxonomy

SAMPLE = (
    "Intake 2026-03-14: Maria Lopez (DOB 03/04/1980, SSN 123-45-6789) called from "
    "212-555-0137 about her Medicaid CIN AB12345C; write to m.lopez@example.org or to "
    "2107 Westchester Ave, Apt. 12C, Bronx, NY 10462. Case worker: J. Smith, ext. 4410."
)


T = TypeVar("T")


def _round_trip(value: T) -> T:
    restored: T = pickle.loads(pickle.dumps(value))
    return restored


def _signature(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [
        (f.entity_type, f.start, f.end, f.score, f.recognizer, f.category, f.explanation)
        for f in findings
    ]


def test_the_default_analyzer_finds_the_same_after_a_round_trip() -> None:
    analyzer = TextAnalyzer()
    restored = _round_trip(analyzer)
    before = analyzer.analyze(SAMPLE)
    assert len(before) >= 4  # the sample does hold identifying information
    assert _signature(restored.analyze(SAMPLE)) == _signature(before)
    assert restored.entities == analyzer.entities
    assert restored.taxonomy == analyzer.taxonomy


def test_the_taxonomy_round_trips_with_its_read_only_crosswalk() -> None:
    taxonomy = load_taxonomy()
    restored = _round_trip(taxonomy)
    assert isinstance(restored, Taxonomy)
    assert restored == taxonomy
    assert dict(restored.by_entity) == dict(taxonomy.by_entity)
    assert restored.category_for(EntityType.US_SSN) == taxonomy.category_for(EntityType.US_SSN)
    assert restored.category_for("US_SSN", date(2020, 1, 1)) == taxonomy.category_for(
        "US_SSN", date(2020, 1, 1)
    )
    with pytest.raises(TypeError):
        restored.by_entity["US_SSN"] = "changed"  # type: ignore[index]


def test_custom_recognizers_and_an_override_travel_with_the_analyzer(tmp_path: Path) -> None:
    override = tmp_path / "override.yaml"
    override.write_text(
        "version: '2026.1+test'\nupdate:\n  - {key: ssn, name: Social Security number (local)}\n",
        encoding="utf-8",
    )
    case_numbers = PatternRecognizer(
        name="case_number",
        entity=EntityType.MEDICAL_RECORD_NUMBER,
        patterns=[Pattern("case", r"\bCASE-\d{6}\b", 0.8)],
    )
    analyzer = TextAnalyzer([case_numbers], settings=Settings(taxonomy_override=override))
    restored = _round_trip(analyzer)
    text = "Refer to CASE-004211 and CASE-118003."
    assert restored.taxonomy.version == "2026.1+test"
    assert [f.recognizer for f in restored.analyze(text)] == ["case_number", "case_number"]
    assert _signature(restored.analyze(text)) == _signature(analyzer.analyze(text))
