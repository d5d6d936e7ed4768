"""Classifying a column from a sample of its values.

Each distinct sampled value is analyzed as ``"<column name>: <value>"``, so the header acts
as the context words a recognizer looks for (a bare nine-digit number is weak; after
"ssn:" it is not); only findings inside the value count. A value *matches* a type when
findings of that type cover most of it (:data:`COVERAGE`): a street address that merely
contains a ZIP code is not a ZIP code. The match rate is the share of non-empty sampled
values that match.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.tables.headers import normalize_header

__all__ = ["COVERAGE", "MAX_VALUE_CHARS", "SupportsAnalyze", "ValueMatch", "classify_values"]

COVERAGE = 0.6
"""Share of a value's characters that findings of one type must cover to match it."""
MAX_VALUE_CHARS = 256
"""Longer values are free text, analyzed as text rather than as one value."""


class SupportsAnalyze(Protocol):
    """What the table scanner needs from an analyzer (``TextAnalyzer`` has it)."""

    def analyze(self, text: str) -> list[Finding]: ...


@dataclass(frozen=True, slots=True)
class ValueMatch:
    """How many sampled values of a column are wholly one entity type."""

    entity_type: EntityType
    matched: int
    sampled: int
    mean_score: float

    @property
    def match_rate(self) -> float:
        return self.matched / self.sampled if self.sampled else 0.0


def classify_values(
    column: str, values: Iterable[str | None], analyzer: SupportsAnalyze
) -> tuple[list[ValueMatch], int]:
    """Types matched by the sampled values (best first) and the number of non-empty values."""
    counts = Counter(v.strip() for v in values if v is not None and v.strip())
    sampled = sum(counts.values())
    label = normalize_header(column).replace("_", " ") or "value"
    prefix = f"{label}: "
    matched: Counter[EntityType] = Counter()
    scores: defaultdict[EntityType, float] = defaultdict(float)
    for value, n in counts.items():
        if len(value) > MAX_VALUE_CHARS:
            continue
        covered: defaultdict[EntityType, int] = defaultdict(int)
        best: defaultdict[EntityType, float] = defaultdict(float)
        for f in analyzer.analyze(prefix + value):
            if f.start < len(prefix):
                continue
            covered[f.entity_type] += f.end - f.start
            best[f.entity_type] = max(best[f.entity_type], f.score)
        for entity, chars in covered.items():
            if chars >= COVERAGE * len(value):
                matched[entity] += n
                scores[entity] += best[entity] * n
    result = [ValueMatch(e, m, sampled, round(scores[e] / m, 4)) for e, m in matched.items() if m]
    result.sort(key=lambda v: (-v.matched, -v.mean_score, v.entity_type))
    return result, sampled
