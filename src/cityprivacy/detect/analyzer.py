"""The text analyzer: runs every registered recognizer over a text and resolves overlaps.

``TextAnalyzer`` is built once (recognizers from the plugin registry, the taxonomy for
the entity → category crosswalk) and is then cheap to call. Very long texts (a 50 MB
single line) are analyzed in overlapping windows so memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from cityprivacy.config import Settings, get_settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.overlap import resolve_overlaps
from cityprivacy.detect.recognizer import Recognizer
from cityprivacy.detect.text import Text
from cityprivacy.errors import ConfigurationError, UnknownEntityError
from cityprivacy.taxonomy import Taxonomy, load_taxonomy

__all__ = ["SUPPORTED_LANGUAGES", "TextAnalyzer", "parse_entities"]

SUPPORTED_LANGUAGES = frozenset({"en"})
_WINDOW_OVERLAP = 512


def parse_entities(entities: Collection[str | EntityType] | None) -> frozenset[EntityType] | None:
    """Entity names as given by a user, checked against :class:`EntityType`."""
    if entities is None:
        return None
    parsed = set()
    for name in entities:
        try:
            parsed.add(EntityType[str(name).strip().upper()])
        except KeyError:
            known = ", ".join(sorted(EntityType))
            raise UnknownEntityError(
                f"unknown entity type {name!r}; known types: {known}"
            ) from None
    return frozenset(parsed)


class TextAnalyzer:
    """Find identifying information in text with every registered recognizer."""

    def __init__(
        self,
        recognizers: Sequence[Recognizer] | None = None,
        *,
        settings: Settings | None = None,
        taxonomy: Taxonomy | None = None,
    ) -> None:
        from cityprivacy.plugins import collect_recognizers

        self.settings = settings or get_settings()
        self.taxonomy = taxonomy or load_taxonomy(self.settings.taxonomy_override)
        self.recognizers: tuple[Recognizer, ...] = tuple(
            recognizers if recognizers is not None else collect_recognizers(self.settings)
        )
        self._categories = {e: self.taxonomy.category_for(e) for e in EntityType}

    @property
    def entities(self) -> frozenset[EntityType]:
        """Every entity type some recognizer of this analyzer can report."""
        return frozenset().union(*(r.entities for r in self.recognizers))

    def analyze(
        self,
        text: str,
        *,
        entities: Collection[str | EntityType] | None = None,
        language: str = "en",
        min_score: float | None = None,
    ) -> list[Finding]:
        """Findings in ``text``, non-overlapping, sorted by position."""
        if language not in SUPPORTED_LANGUAGES:
            raise ConfigurationError(
                f"language {language!r} is not supported; supported: {sorted(SUPPORTED_LANGUAGES)}"
            )
        if not isinstance(text, str):
            raise TypeError(f"analyze() needs a str, not {type(text).__name__}")
        wanted = parse_entities(entities)
        threshold = self.settings.min_score if min_score is None else min_score
        size = self.settings.max_text_chars
        if len(text) <= size:
            raw = self._run(text, 0, wanted)
        else:
            raw = []
            for offset in range(0, len(text), size):
                raw.extend(
                    self._run(text[offset : offset + size + _WINDOW_OVERLAP], offset, wanted)
                )
        kept = resolve_overlaps(f for f in raw if f.score >= threshold)
        # Categories come from the taxonomy, filled in last on the findings that survived.
        # A plain Finding is built directly: ``dataclasses.replace`` costs several times as
        # much (it stays for subclasses, which may have more fields).
        categories = self._categories
        return [
            Finding(
                entity_type=f.entity_type,
                start=f.start,
                end=f.end,
                score=f.score,
                recognizer=f.recognizer,
                category=categories[f.entity_type],
                explanation=f.explanation,
            )
            if type(f) is Finding
            else replace(f, category=categories[f.entity_type])
            for f in kept
        ]

    def _run(self, text: str, offset: int, wanted: frozenset[EntityType] | None) -> list[Finding]:
        view = Text(text, window=self.settings.context_window)
        out: list[Finding] = []
        for recognizer in self.recognizers:
            if wanted is not None and not (recognizer.entities & wanted):
                continue
            found = recognizer.analyze(view)
            if wanted is not None:
                found = (f for f in found if f.entity_type in wanted)
            if offset:
                found = (replace(f, start=f.start + offset, end=f.end + offset) for f in found)
            out.extend(found)
        return out
