"""Scoring a detector's spans against gold spans: precision, recall, F1 and character recall.

Two span-matching rules, because they answer different questions:

- **exact**: a prediction counts only with the same start, end and type. Strict, and
  unfair to a detector that reports ``Ms. Rivera`` where the gold says ``Rivera``.
- **overlap**: a gold span is found when a prediction of a compatible type overlaps it,
  and a prediction is correct when it overlaps a gold span of a compatible type.

And one rule that ignores types: **character recall**, the share of gold characters
covered by any prediction. It is what matters for redaction: a name reported as an
organization is still blacked out. Character precision is the share of predicted
characters that lie in a gold span (over-redaction lowers it).

Neutral spans (a city agency's name) can be passed as ``ignored``: predictions on them
count neither way.

Types compare as strings so another tool's labels can be scored. ``label_map`` says
which gold types a predicted label may match (Presidio's ``NRP`` may match
``NATIONALITY``, ``RELIGION`` or ``RACE_ETHNICITY``); an unmapped label matches itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Counts", "Evaluation", "Scorer", "Span", "f1"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A typed character span, gold or predicted (``end`` exclusive)."""

    start: int
    end: int
    label: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


@dataclass(slots=True)
class Counts:
    """Tallies for one entity type (or the micro total) under one matching rule.

    Recall counts gold spans (found / missed); precision counts predictions
    (correct / spurious). Under overlap matching the two sides can differ: one long
    prediction may cover two gold spans.
    """

    gold_found: int = 0
    gold_missed: int = 0
    pred_correct: int = 0
    pred_spurious: int = 0

    @property
    def support(self) -> int:
        return self.gold_found + self.gold_missed

    @property
    def precision(self) -> float:
        total = self.pred_correct + self.pred_spurious
        return self.pred_correct / total if total else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def add(self, other: Counts) -> None:
        self.gold_found += other.gold_found
        self.gold_missed += other.gold_missed
        self.pred_correct += other.pred_correct
        self.pred_spurious += other.pred_spurious

    def to_dict(self) -> dict[str, float | int]:
        return {
            "support": self.support,
            "predicted": self.pred_correct + self.pred_spurious,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Evaluation:
    """The scores of one detector over one corpus."""

    exact: dict[str, Counts] = field(default_factory=dict)
    overlap: dict[str, Counts] = field(default_factory=dict)
    gold_chars: int = 0
    gold_chars_covered: int = 0
    pred_chars: int = 0
    pred_chars_in_gold: int = 0
    negatives: Counter[str] = field(default_factory=Counter)
    negatives_flagged: Counter[str] = field(default_factory=Counter)

    @staticmethod
    def _micro(table: Mapping[str, Counts]) -> Counts:
        total = Counts()
        for counts in table.values():
            total.add(counts)
        return total

    @property
    def micro_exact(self) -> Counts:
        return self._micro(self.exact)

    @property
    def micro_overlap(self) -> Counts:
        return self._micro(self.overlap)

    @property
    def char_recall(self) -> float:
        return self.gold_chars_covered / self.gold_chars if self.gold_chars else 0.0

    @property
    def char_precision(self) -> float:
        return self.pred_chars_in_gold / self.pred_chars if self.pred_chars else 0.0

    def to_dict(self) -> dict[str, object]:
        labels = sorted(set(self.exact) | set(self.overlap))
        return {
            "micro": {
                "exact": self.micro_exact.to_dict(),
                "overlap": self.micro_overlap.to_dict(),
            },
            "char_recall": round(self.char_recall, 4),
            "char_precision": round(self.char_precision, 4),
            "per_type": {
                label: {
                    "exact": self.exact.get(label, Counts()).to_dict(),
                    "overlap": self.overlap.get(label, Counts()).to_dict(),
                }
                for label in labels
            },
            "hard_negatives": {
                kind: {"count": n, "flagged": self.negatives_flagged[kind]}
                for kind, n in sorted(self.negatives.items())
            },
        }


class Scorer:
    """Accumulates gold and predicted spans text by text, then reports an :class:`Evaluation`."""

    def __init__(self, label_map: Mapping[str, Iterable[str]] | None = None) -> None:
        self._map = {k: frozenset(v) for k, v in (label_map or {}).items()}
        self.result = Evaluation()

    def _targets(self, label: str) -> frozenset[str]:
        return self._map.get(label, frozenset({label}))

    def _row(self, label: str) -> str:
        """The row a spurious prediction is charged to: its gold type when unambiguous."""
        targets = self._targets(label)
        return next(iter(targets)) if len(targets) == 1 else label

    def add(
        self,
        gold: Sequence[Span],
        predicted: Sequence[Span],
        negatives: Sequence[Span] = (),
        ignored: Sequence[Span] = (),
    ) -> None:
        """Score one text. Gold spans must not overlap each other; predictions may.

        ``negatives`` are hard negatives (look-alikes): their label is a kind, and the
        evaluation counts how many were flagged by any prediction. ``ignored`` spans are
        neutral: a prediction that touches one and no gold span is dropped unscored.
        """
        if ignored:
            predicted = [
                p
                for p in predicted
                if not any(p.overlaps(i) for i in ignored) or any(p.overlaps(g) for g in gold)
            ]
        self._score(gold, predicted, self.result.exact, exact=True)
        self._score(gold, predicted, self.result.overlap, exact=False)
        self._chars(gold, predicted)
        for neg in negatives:
            self.result.negatives[neg.label] += 1
            if any(p.overlaps(neg) for p in predicted):
                self.result.negatives_flagged[neg.label] += 1

    def _matches(self, pred: Span, gold: Span, exact: bool) -> bool:
        if gold.label not in self._targets(pred.label):
            return False
        if exact:
            return pred.start == gold.start and pred.end == gold.end
        return pred.overlaps(gold)

    def _score(
        self, gold: Sequence[Span], predicted: Sequence[Span], table: dict[str, Counts], exact: bool
    ) -> None:
        for g in gold:
            row = table.setdefault(g.label, Counts())
            if any(self._matches(p, g, exact) for p in predicted):
                row.gold_found += 1
            else:
                row.gold_missed += 1
        for p in predicted:
            matched = next((g for g in gold if self._matches(p, g, exact)), None)
            if matched is not None:
                table.setdefault(matched.label, Counts()).pred_correct += 1
            else:
                table.setdefault(self._row(p.label), Counts()).pred_spurious += 1

    def _chars(self, gold: Sequence[Span], predicted: Sequence[Span]) -> None:
        gold_cells = {i for g in gold for i in range(g.start, g.end)}
        pred_cells = {i for p in predicted for i in range(p.start, p.end)}
        r = self.result
        r.gold_chars += len(gold_cells)
        r.gold_chars_covered += len(gold_cells & pred_cells)
        r.pred_chars += len(pred_cells)
        r.pred_chars_in_gold += len(pred_cells & gold_cells)
