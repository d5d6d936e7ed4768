"""Screening free text for identifying information before the office publishes it.

The detector (:class:`~cityprivacy.detect.TextAnalyzer`, with the office's settings and
taxonomy) runs over the text, and every finding is replaced by a tag naming its type, as
the ``replace`` operator of :mod:`cityprivacy.protect` does: ``<PERSON>``,
``<PHONE_NUMBER>``. A :class:`Screened` result holds only the screened text, the types
found and how many findings there were, never the values found.

Detection misses some things and flags others (see the README's detector accuracy), so
screening protects people, it does not replace the moderator's reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cityprivacy.config import Settings
from cityprivacy.taxonomy import Taxonomy

if TYPE_CHECKING:
    from cityprivacy.detect import TextAnalyzer

__all__ = ["Screened", "Screener"]

TAG = "<{entity}>"


@dataclass(frozen=True, slots=True)
class Screened:
    """A text with its identifying information replaced, and what was replaced."""

    text: str
    types: tuple[str, ...]
    findings: int


class Screener:
    """Screens texts with one analyzer, built on first use (the detector loads lazily)."""

    def __init__(self, settings: Settings, taxonomy: Taxonomy) -> None:
        self._settings = settings
        self._taxonomy = taxonomy
        self._analyzer: TextAnalyzer | None = None

    def _analyze(self, text: str) -> list[tuple[int, int, str]]:
        if self._analyzer is None:
            from cityprivacy.detect import TextAnalyzer

            self._analyzer = TextAnalyzer(settings=self._settings, taxonomy=self._taxonomy)
        return [(f.start, f.end, f.entity_type.name) for f in self._analyzer.analyze(text)]

    def screen(self, text: str) -> Screened:
        """``text`` with every finding replaced by its tag (findings never overlap)."""
        if not text:
            return Screened(text, (), 0)
        spans = self._analyze(text)
        parts: list[str] = []
        position = 0
        for start, end, entity in spans:
            parts.append(text[position:start])
            parts.append(TAG.format(entity=entity))
            position = end
        parts.append(text[position:])
        return Screened("".join(parts), tuple(sorted({e for _, _, e in spans})), len(spans))
