"""What a column holds, from its values taken together, when its header says nothing.

The value matcher (:mod:`~cityprivacy.detect.tables.values`) asks the text recognizers
about one value at a time, and a bare ``10027``, ``Maria`` or ``HR71212H`` is too weak
for them: the context words that would decide it are missing. The *column* supplies
that context. Two hundred five-digit values all in New York City ZIP prefixes are ZIP
codes; a column where nine values in ten are Census given names holds first names;
values that all have the shape ``AA12345A`` are Medicaid CINs. A *column-value
recognizer* looks at the distinct sampled values of one column and returns
:class:`ColumnEvidence`: the share of values that fit, and a confidence that reflects
how much the fit proves (the share, the number of distinct values, how ambiguous the
shape is: a column of 5-digit counts must not read as ZIP codes).

Confidences stay below what a matching header gives (0.8–0.9), so a header still wins
a disagreement and ``source`` in the report tells the two apart. Evidence never quotes a
value: :attr:`ColumnEvidence.basis` only counts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.tables.headers import classify_header, normalize_header
from cityprivacy.detect.tables.values import MAX_VALUE_CHARS, ValueMatch

__all__ = [
    "MIN_COLUMN_VALUES",
    "ColumnEvidence",
    "ColumnRecognizer",
    "ColumnSample",
    "builtin_column_recognizers",
    "column_evidence",
    "graded_confidence",
    "merge_evidence",
]

MIN_COLUMN_VALUES = 8
"""Fewer non-empty sampled values than this prove nothing about a column."""
_OTHER_DATE = re.compile(r"(?:^|_)(?:date|dt|time|timestamp|day|at|on|year)(?:_|$)")
"""Header words of a date; with them, a header without a birth word names another date."""
_FALLBACK_YIELDS_TO = 0.5
_FULL_RATE = 0.5  # as in classify: a type matching half the values counts in full
"""A fallback type (a generic record number) gives way to any other type matching at
least this share of the values."""


@dataclass(frozen=True, slots=True)
class ColumnSample:
    """The non-empty sampled values of one column, stripped, with their counts."""

    counts: Counter[str]

    @classmethod
    def of(cls, values: Iterable[str | None]) -> ColumnSample:
        return cls(
            Counter(
                s
                for v in values
                if v is not None and (s := v.strip()) and len(s) <= MAX_VALUE_CHARS
            )
        )

    @property
    def size(self) -> int:
        """Non-empty values, repeats included."""
        return sum(self.counts.values())

    @property
    def distinct(self) -> int:
        return len(self.counts)

    def count(self, fits: Collection[str]) -> int:
        """How many values (repeats included) are among the distinct values ``fits``."""
        return sum(self.counts[v] for v in fits)


@dataclass(frozen=True, slots=True)
class ColumnEvidence:
    """How many sampled values of a column fit one type, and what that proves.

    ``fallback`` evidence (a generic record number) counts only when nothing more
    specific matched the column.
    """

    entity_type: EntityType
    matched: int
    sampled: int
    confidence: float
    basis: str
    fallback: bool = False

    @property
    def share(self) -> float:
        return self.matched / self.sampled if self.sampled else 0.0

    def as_match(self) -> ValueMatch:
        return ValueMatch(self.entity_type, self.matched, self.sampled, self.confidence)


class ColumnRecognizer(Protocol):
    """Recognizes one kind of column from its sampled values."""

    @property
    def name(self) -> str: ...

    @property
    def entities(self) -> frozenset[EntityType]:
        """The types its evidence may name."""
        ...

    def evidence(self, sample: ColumnSample) -> list[ColumnEvidence]:
        """Evidence for the types this column holds (usually none or one)."""
        ...


def graded_confidence(base: float, share: float, floor: float, size: int) -> float:
    """``base`` when every one of 50+ values fits; down to 80 % of it at the ``floor``
    share, and down to 80 % again for a sample of only :data:`MIN_COLUMN_VALUES`."""
    fit = 1.0 if floor >= 1.0 else 0.8 + 0.2 * max(0.0, share - floor) / (1.0 - floor)
    support = min(1.0, 0.8 + 0.2 * max(0, size - MIN_COLUMN_VALUES) / 42)
    return round(base * fit * support, 4)


def builtin_column_recognizers() -> list[ColumnRecognizer]:
    """The shipped column-value recognizers (imported here to keep import time low)."""
    from cityprivacy.detect.tables.column_codes import (
        RecordNumberColumn,
        ShapeColumn,
        ZipCodeColumn,
    )
    from cityprivacy.detect.tables.column_dates import BirthDateColumn
    from cityprivacy.detect.tables.column_lexicons import (
        CodeSetColumn,
        PersonNameColumn,
        SexColumn,
    )

    return [
        PersonNameColumn(),
        SexColumn(),
        CodeSetColumn(),
        ZipCodeColumn(),
        BirthDateColumn(),
        *ShapeColumn.builtin(),
        RecordNumberColumn(),
    ]


def column_evidence(
    values: Iterable[str | None],
    *,
    allowed: Collection[EntityType] | None = None,
    recognizers: Sequence[ColumnRecognizer] | None = None,
    header: str = "",
) -> list[ColumnEvidence]:
    """Evidence from every column recognizer whose types are ``allowed`` (all if None).

    A ``header`` that names some other date (``hire_date``, ``opened_on``) vetoes the
    birth-date reading: hire dates look like birth dates, and the header knows better.
    """
    sample = ColumnSample.of(values)
    if sample.size < MIN_COLUMN_VALUES:
        return []
    if header and _names_other_date(header):
        allowed = set(EntityType if allowed is None else allowed) - {EntityType.DATE_OF_BIRTH}
    found: list[ColumnEvidence] = []
    for recognizer in builtin_column_recognizers() if recognizers is None else recognizers:
        if allowed is not None and not recognizer.entities & set(allowed):
            continue
        found.extend(
            e for e in recognizer.evidence(sample) if allowed is None or e.entity_type in allowed
        )
    return found


def merge_evidence(
    matches: Sequence[ValueMatch], evidence: Sequence[ColumnEvidence]
) -> list[ValueMatch]:
    """The value matches with the column evidence added (best first).

    Per type, the stronger reading wins whole (its match count with its score: mixing the
    best score of a few values with the count of the column would overstate both). A
    birth-date verdict replaces the plain date type (a birth date *is* a date; a header
    ``dob`` reports only the former), and a fallback type is dropped when another type
    matches most of the values.
    """
    by_type = {m.entity_type: m for m in matches}
    specific = [e for e in evidence if not e.fallback]
    for e in specific:
        old = by_type.get(e.entity_type)
        if old is None or _strength(e.as_match()) > _strength(old):
            by_type[e.entity_type] = e.as_match()
    if any(e.entity_type is EntityType.DATE_OF_BIRTH for e in specific):
        by_type.pop(EntityType.DATE_TIME, None)
    for e in evidence:
        if e.fallback and not any(m.match_rate >= _FALLBACK_YIELDS_TO for m in by_type.values()):
            by_type.setdefault(e.entity_type, e.as_match())
    merged = list(by_type.values())
    merged.sort(key=lambda v: (-v.matched, -v.mean_score, v.entity_type))
    return merged


def _names_other_date(header: str) -> bool:
    if classify_header(header).entity_type is EntityType.DATE_OF_BIRTH:
        return False
    return _OTHER_DATE.search(normalize_header(header)) is not None


def _strength(m: ValueMatch) -> float:
    """The confidence :func:`~cityprivacy.detect.tables.classify.classify_column` gives."""
    return m.mean_score * min(1.0, m.match_rate / _FULL_RATE)
