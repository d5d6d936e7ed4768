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
    pattern can require surrounding characters without reporting them. ``gate``, if
    given, is a cheaper regex (same flags) that every text holding a match also matches
    (``\\.(?:com|org)`` for a domain): a text it does not match is not scanned at all.
    """

    name: str
    regex: str
    score: float
    group: int = 0
    gate: str | None = None


# A leading ``(?<![...])`` (a one-character class) then a first atom (``\\d``, a simple
# class or a plain character) with a count of at least one.
_LEADING_LOOKBEHIND = re.compile(
    r"\(\?<!(?P<cls>\[(?:\\.|[^\]\\])+\])\)"
    r"(?P<atom>\\d|\[(?:\\.|[^\]\\\[])+\]|[A-Za-z0-9])"
    r"(?:\{(?P<low>[1-9]\d*)(?:(?P<comma>,)(?P<high>\d*))?\}|(?P<plus>\+))?(?![?*+{])"
)


def _lead_with_atom(regex: str) -> str:
    """``regex`` with a leading one-character lookbehind moved after the first atom:
    ``(?<![\\w-])\\d{9}`` becomes ``\\d(?<![\\w-]\\d)\\d{8}``. Both match the same spans,
    but a pattern that starts with a character class lets the engine skip straight to
    candidate characters instead of trying the lookbehind at every position."""
    m = _LEADING_LOOKBEHIND.match(regex)
    if m is None:
        return regex
    cls, atom = m["cls"], m["atom"]
    if m["plus"]:
        rest = atom + "*"
    elif m["low"] is None:
        rest = ""
    else:
        low = int(m["low"]) - 1
        if m["comma"] is None:
            count = f"{{{low}}}" if low != 1 else ""
        elif m["high"]:
            count = f"{{{low},{int(m['high']) - 1}}}"
        else:
            count = f"{{{low},}}"
        rest = atom + count
    return f"{atom}(?<!{cls}{atom}){rest}{regex[m.end() :]}"


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
        self._compiled = tuple(re.compile(_lead_with_atom(p.regex), flags) for p in self.patterns)
        # What every match of each pattern must contain, so a text without it is not scanned.
        self._needs = tuple(requirements(c) for c in self._compiled)
        self._gates = tuple(
            None if p.gate is None else re.compile(p.gate, flags) for p in self.patterns
        )
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
        for pattern, compiled, needs, gate in zip(
            self.patterns, self._compiled, self._needs, self._gates, strict=True
        ):
            if not needs.possible(text) or (gate is not None and not gate.search(text.text)):
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
