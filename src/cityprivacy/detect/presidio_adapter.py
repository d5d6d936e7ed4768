"""Interoperability with Microsoft Presidio: findings as Presidio results, and cityprivacy
inside a Presidio ``AnalyzerEngine``.

- :func:`to_presidio` turns findings into the JSON shape of Presidio's
  ``RecognizerResult`` (with ``analysis_explanation`` and ``recognition_metadata``), so
  tools that consume Presidio output (its anonymizer, dashboards) read ours unchanged.
  It needs no Presidio install.
- :class:`CityPrivacyPresidioRecognizer` is a Presidio ``EntityRecognizer`` that runs a
  cityprivacy recognizer, or a whole :class:`~cityprivacy.detect.analyzer.TextAnalyzer`,
  so a team already on Presidio can add the city's types with one
  ``registry.add_recognizer(...)``.

Presidio is an optional extra (``pip install cityprivacy[presidio]``). This is the only
module that imports it, and only when the recognizer class is first used; without it a
:class:`~cityprivacy.errors.ConfigurationError` says what to install.

Entity names: Presidio's name where :attr:`EntityType.presidio` has one, otherwise the
cityprivacy name. Three types share Presidio's ``NRP``; the exact cityprivacy type
travels in ``recognition_metadata["cityprivacy_entity_type"]``, so
:func:`from_presidio` gives back what :func:`to_presidio` was given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizer import Recognizer
from cityprivacy.detect.text import Text
from cityprivacy.errors import ConfigurationError

# CityPrivacyPresidioRecognizer is served by the module __getattr__ below.
__all__ = [
    "CityPrivacyPresidioRecognizer",  # noqa: F822
    "from_presidio",
    "presidio_name",
    "to_presidio",
]

_INSTALL_HINT = "Presidio is not installed: install cityprivacy[presidio]"
_TYPE_KEY = "cityprivacy_entity_type"
_CATEGORY_KEY = "cityprivacy_category"


def presidio_name(entity: EntityType) -> str:
    """The name Presidio uses for ``entity``, or the cityprivacy name where it has none."""
    return entity.presidio or str(entity)


def _explanation(finding: Finding) -> dict[str, Any]:
    e = finding.explanation
    return {
        "recognizer": finding.recognizer,
        "pattern_name": e.pattern or None,
        "pattern": None,  # the regex stays internal; the name identifies it
        "original_score": e.base_score,
        "score": finding.score,
        "textual_explanation": e.describe(),
        "score_context_improvement": e.context_boost,
        "supportive_context_word": e.context_words[0] if e.context_words else "",
        "validation_result": e.validated,
        "regex_flags": None,
    }


def _metadata(finding: Finding, name: str, identifier: str) -> dict[str, Any]:
    return {
        "recognizer_name": name,
        "recognizer_identifier": identifier,
        _TYPE_KEY: str(finding.entity_type),
        _CATEGORY_KEY: finding.category,
    }


def to_presidio(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Findings as Presidio ``RecognizerResult.to_dict()`` dictionaries (JSON-ready)."""
    return [
        {
            "entity_type": presidio_name(f.entity_type),
            "start": f.start,
            "end": f.end,
            "score": f.score,
            "analysis_explanation": _explanation(f),
            "recognition_metadata": _metadata(f, f.recognizer, f.recognizer),
        }
        for f in findings
    ]


def _entity_from(result: Mapping[str, Any]) -> EntityType | None:
    meta = result.get("recognition_metadata") or {}
    for candidate in (meta.get(_TYPE_KEY), result.get("entity_type")):
        if candidate in EntityType.__members__:
            return EntityType[str(candidate)]
    by_presidio = [e for e in EntityType if e.presidio == result.get("entity_type")]
    return by_presidio[0] if len(by_presidio) == 1 else None


def from_presidio(results: Iterable[Mapping[str, Any] | Any]) -> list[Finding]:
    """Presidio results (dicts or ``RecognizerResult`` objects) as findings.

    Results whose type has no cityprivacy equivalent (or is ambiguous, a bare ``NRP``)
    are skipped.
    """
    findings = []
    for item in results:
        result: Mapping[str, Any] = item if isinstance(item, Mapping) else _as_dict(item)
        entity = _entity_from(result)
        if entity is None:
            continue
        meta = result.get("recognition_metadata") or {}
        expl = result.get("analysis_explanation") or {}
        recognizer = str(meta.get("recognizer_name") or expl.get("recognizer") or "presidio")
        findings.append(
            Finding(
                entity,
                int(result["start"]),
                int(result["end"]),
                float(result["score"]),
                recognizer,
                category=str(meta.get(_CATEGORY_KEY, "")),
                explanation=Explanation(
                    pattern=str(expl.get("pattern_name") or ""),
                    base_score=float(expl.get("original_score") or result["score"]),
                    validated=expl.get("validation_result"),
                ),
            )
        )
    return findings


def _as_dict(result: Any) -> dict[str, Any]:
    expl = getattr(result, "analysis_explanation", None)
    return {
        "entity_type": result.entity_type,
        "start": result.start,
        "end": result.end,
        "score": result.score,
        "analysis_explanation": expl.to_dict() if expl is not None else None,
        "recognition_metadata": result.recognition_metadata,
    }


@cache
def _recognizer_class() -> type:
    """Build the Presidio recognizer class on first use (Presidio imported only here)."""
    try:
        from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
    except ImportError as exc:
        raise ConfigurationError(_INSTALL_HINT) from exc

    class CityPrivacyPresidioRecognizer(EntityRecognizer):
        """Runs a cityprivacy recognizer or analyzer inside a Presidio ``AnalyzerEngine``."""

        def __init__(
            self,
            detector: Recognizer | TextAnalyzer | None = None,
            *,
            name: str | None = None,
            supported_language: str = "en",
            min_score: float | None = None,
        ) -> None:
            self.detector = detector if detector is not None else TextAnalyzer()
            self.min_score = min_score
            default = getattr(self.detector, "name", "cityprivacy")
            names = sorted({presidio_name(e) for e in self.detector.entities})
            self.label: str = name or f"cityprivacy:{default}"
            super().__init__(
                supported_entities=names,
                name=self.label,
                supported_language=supported_language,
            )

        def load(self) -> None:
            """Nothing to load: the detector was built in ``__init__``."""

        def _findings(self, text: str) -> list[Finding]:
            if isinstance(self.detector, TextAnalyzer):
                return self.detector.analyze(text, min_score=self.min_score)
            found = self.detector.analyze(Text(text))
            floor = self.min_score or 0.0
            return [f for f in found if f.score >= floor]

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
            wanted = set(entities) if entities else None
            results = []
            for f in self._findings(text):
                label = presidio_name(f.entity_type)
                if wanted is not None and label not in wanted:
                    continue
                data = _explanation(f)
                explanation = AnalysisExplanation(
                    recognizer=self.label,
                    original_score=data["original_score"],
                    pattern_name=data["pattern_name"],
                    validation_result=data["validation_result"],
                    textual_explanation=data["textual_explanation"],
                )
                explanation.set_improved_score(f.score)
                if data["supportive_context_word"]:
                    explanation.set_supportive_context_word(data["supportive_context_word"])
                results.append(
                    RecognizerResult(
                        label,
                        f.start,
                        f.end,
                        f.score,
                        analysis_explanation=explanation,
                        recognition_metadata=_metadata(f, self.label, str(self.id)),
                    )
                )
            return results

    return CityPrivacyPresidioRecognizer


def __getattr__(name: str) -> Any:
    # The class derives from Presidio's base class, so it is only built when asked for.
    if name == "CityPrivacyPresidioRecognizer":
        return _recognizer_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
