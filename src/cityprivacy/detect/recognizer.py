"""The recognizer extension point, and the pattern recognizer most built-ins are made of.

A recognizer is *data plus a validator*: named regular expressions with base scores,
context words that raise the score when they appear near a match, negative context
words that veto it (``order number`` before nine digits is not an SSN), and an optional
validator (a checksum) that confirms or rejects a candidate. Every finding carries an
:class:`~cityprivacy.detect.finding.Explanation` of its score.

Third-party recognizers only need to satisfy the :class:`Recognizer` protocol and
register through the ``cityprivacy`` plugin hook (see :mod:`cityprivacy.plugins`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.prefilter import requirements
from cityprivacy.detect.text import Text

__all__ = ["Pattern", "PatternRecognizer", "Recognizer", "Validator"]

Validator = Callable[[str], bool | None]
"""Takes the matched string; True confirms, False rejects, None gives no verdict."""


@runtime_checkable
class Recognizer(Protocol):
    """Anything that finds spans of identifying information in a text."""

    @property
    def name(self) -> str:
        """A stable name, reported in each finding's ``recognizer`` field."""
        ...

    @property
    def entities(self) -> frozenset[EntityType]:
        """The entity types this recognizer can report."""
        ...

    def analyze(self, text: Text) -> Iterable[Finding]:
        """Yield findings (category left empty; the analyzer fills it)."""
        ...


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named regular expression and the score a bare match earns.

    ``group`` selects the capture group that is the finding (0: the whole match), so a
    pattern can require surrounding characters without reporting them.
    """

    name: str
    regex: str
    score: float
    group: int = 0


class PatternRecognizer:
    """Regex patterns + context words + an optional validator, for one entity type.

    Scoring: a match starts at its pattern's score. A validator that returns True raises
    it to ``validated_score``; False drops the match. Context words found within
    ``context_window`` characters (from settings) add ``context_boost``. Negative
    context words drop the match. With ``requires_context`` a match without context
    is dropped, for formats too generic to report alone (nine digits, a plate).
    """

    def __init__(
        self,
        *,
        name: str,
        entity: EntityType,
        patterns: Sequence[Pattern],
        context: Sequence[str] = (),
        negative_context: Sequence[str] = (),
        validator: Validator | None = None,
        validated_score: float = 1.0,
        context_boost: float = 0.35,
        requires_context: bool = False,
        flags: int = 0,
    ) -> None:
        if not patterns:
            raise ValueError(f"recognizer {name} has no patterns")
        self._name = name
        self.entity = entity
        self.patterns = tuple(patterns)
        self._compiled = tuple(re.compile(p.regex, flags) for p in self.patterns)
        # What every match of each pattern must contain, so a text without it is not scanned.
        self._needs = tuple(requirements(c) for c in self._compiled)
        self.context = tuple(w.lower() for w in context)
        self.negative_context = tuple(w.lower() for w in negative_context)
        self.validator = validator
        self.validated_score = validated_score
        self.context_boost = context_boost
        self.requires_context = requires_context

    @property
    def name(self) -> str:
        return self._name

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({self.entity})

    def __repr__(self) -> str:
        return f"PatternRecognizer({self._name!r}, {self.entity})"

    def analyze(self, text: Text) -> Iterator[Finding]:
        seen: set[tuple[int, int]] = set()
        for pattern, compiled, needs in zip(
            self.patterns, self._compiled, self._needs, strict=True
        ):
            if not needs.possible(text):
                continue
            for match in text.matches(compiled):
                start, end = match.span(pattern.group)
                if start == end or (start, end) in seen:
                    continue
                finding = self._score(text, pattern, match.group(pattern.group), start, end)
                if finding is not None:
                    seen.add((start, end))
                    yield finding

    def _score(
        self, text: Text, pattern: Pattern, value: str, start: int, end: int
    ) -> Finding | None:
        score = pattern.score
        validated: bool | None = None
        if self.validator is not None:
            validated = self.validator(value)
            if validated is False:
                return None
            if validated:
                score = max(score, self.validated_score)
        if self.negative_context and text.context_has(start, end, self.negative_context):
            return None
        words: tuple[str, ...] = ()
        boost = 0.0
        if self.context:
            words = text.context_words(start, end, self.context)
            if words:
                boost = self.context_boost
                score = min(1.0, score + boost)
            elif self.requires_context:
                return None
        explanation = Explanation(
            pattern=pattern.name,
            base_score=pattern.score,
            context_words=words,
            context_boost=boost,
            validator=getattr(self.validator, "__name__", None) if self.validator else None,
            validated=validated,
        )
        return Finding(self.entity, start, end, score, self._name, explanation=explanation)
