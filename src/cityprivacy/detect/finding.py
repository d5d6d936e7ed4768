"""What the detector reports: a typed span of text, its score, and why it got that score."""

from __future__ import annotations

from dataclasses import dataclass, field

from cityprivacy.detect.entities import EntityType

__all__ = ["Explanation", "Finding"]


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a finding has its score: the pattern that matched and what moved the score.

    Holds no matched text: explanations are safe to log and to print.
    """

    pattern: str
    base_score: float
    context_words: tuple[str, ...] = ()
    context_boost: float = 0.0
    validator: str | None = None
    validated: bool | None = None
    notes: tuple[str, ...] = ()

    def describe(self) -> str:
        """A one-line human reading of the explanation."""
        parts = [f"pattern {self.pattern} scored {self.base_score:.2f}"]
        if self.validator is not None:
            state = {True: "passed", False: "failed", None: "gave no verdict"}[self.validated]
            parts.append(f"validator {self.validator} {state}")
        if self.context_words:
            parts.append(f"context {', '.join(self.context_words)} added {self.context_boost:+.2f}")
        parts.extend(self.notes)
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Finding:
    """One span of identifying information found in a text.

    ``start``/``end`` are character offsets into the analyzed text (end exclusive).
    ``category`` is the taxonomy key of the legal type the entity belongs to; the
    analyzer fills it in from the taxonomy, recognizers leave it empty.
    """

    entity_type: EntityType
    start: int
    end: int
    score: float
    recognizer: str
    category: str = ""
    explanation: Explanation = field(default_factory=lambda: Explanation("", 0.0), compare=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} outside [0, 1]")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, object]:
        """The machine form used by ``detect --jsonl`` and ``--format json``."""
        return {
            "entity_type": str(self.entity_type),
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "category": self.category,
            "recognizer": self.recognizer,
            "explanation": self.explanation.describe(),
        }
