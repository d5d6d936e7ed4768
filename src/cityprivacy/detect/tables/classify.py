"""One verdict per column from what its name says and what its values are.

Confidence of a type:

* header and values agree → ``1 - (1 - h)(1 - v)`` (source ``both``);
* values only → ``v``: the mean finding score, scaled down when fewer than half of the
  sampled values match (a 35 % match rate at score 0.9 gives 0.63) (source ``values``);
* header only → ``h``, halved when at least :data:`MIN_VALUES_TO_DOUBT` values were
  sampled, none matched, and the type has a recognizable format (an ``ssn`` column full
  of ``Y``/``N`` is a flag, not SSNs; a ``sex`` column of ``F``/``M`` is not doubted)
  (source ``header``).

Value types below ``value_match_threshold`` are dropped.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.tables.column_values import column_evidence, merge_evidence
from cityprivacy.detect.tables.freetext import FreeTextTally
from cityprivacy.detect.tables.headers import HeaderMatch, classify_header
from cityprivacy.detect.tables.values import SupportsAnalyze, ValueMatch, classify_values

__all__ = [
    "DIRECT_IDENTIFIERS",
    "MIN_VALUES_TO_DOUBT",
    "ColumnClassification",
    "ColumnType",
    "classify_column",
    "classify_sampled_column",
]

MIN_VALUES_TO_DOUBT = 10
_FULL_RATE = 0.5

DIRECT_IDENTIFIERS = frozenset(
    {
        EntityType.PERSON,
        EntityType.STREET_ADDRESS,
        EntityType.EMAIL_ADDRESS,
        EntityType.PHONE_NUMBER,
        EntityType.US_SSN,
        EntityType.US_ITIN,
        EntityType.US_PASSPORT,
        EntityType.US_DRIVER_LICENSE,
        EntityType.NY_MEDICAID_CIN,
        EntityType.NYC_OSIS,
        EntityType.MEDICAL_RECORD_NUMBER,
        EntityType.CASE_NUMBER,
        EntityType.US_BANK_NUMBER,
        EntityType.CREDIT_CARD,
        EntityType.IBAN_CODE,
        EntityType.LICENSE_PLATE,
        EntityType.VIN,
        EntityType.IP_ADDRESS,
        EntityType.MAC_ADDRESS,
        EntityType.IMEI,
        EntityType.SOCIAL_MEDIA,
        EntityType.GPS_COORDINATES,
        EntityType.URL,
    }
)
"""Types that identify a person on their own; the other types are quasi-identifiers,
which the combination check looks at."""

_FORMATTED = DIRECT_IDENTIFIERS | {
    EntityType.ZIP_CODE,
    EntityType.DATE_OF_BIRTH,
    EntityType.NYC_BBL,
    EntityType.US_ITIN,
    EntityType.ABA_ROUTING_NUMBER,
}
"""Types with a recognizable format, whose header is doubted when no value has it. Not
categories such as gender or language: their values are codes (F, M, SPA) that the text
recognizers are not meant to match."""


@dataclass(frozen=True, slots=True)
class ColumnType:
    """One entity type a column holds."""

    entity_type: EntityType
    confidence: float
    match_rate: float | None
    source: Literal["header", "values", "both"]
    category: str = ""


@dataclass(frozen=True, slots=True)
class ColumnClassification:
    """What a column holds: entity types (best first), and whether it is free text."""

    column: str
    entity_types: tuple[ColumnType, ...] = ()
    is_free_text: bool = False
    sampled: int = 0
    header_synonym: str = ""
    free_text: FreeTextTally | None = field(default=None, compare=False)

    @property
    def top(self) -> ColumnType | None:
        return self.entity_types[0] if self.entity_types else None

    @property
    def is_direct_identifier(self) -> bool:
        return any(t.entity_type in DIRECT_IDENTIFIERS for t in self.entity_types)


def classify_column(
    column: str,
    header: HeaderMatch,
    values: Sequence[ValueMatch],
    sampled: int,
    *,
    threshold: float,
    recognizable: Collection[EntityType],
    categories: Mapping[EntityType, str] | None = None,
    is_free_text: bool = False,
    free_text: FreeTextTally | None = None,
) -> ColumnClassification:
    """Combine the header verdict and the value matches into one classification."""
    by_type = {v.entity_type: v for v in values if v.match_rate >= threshold}
    types: list[ColumnType] = []
    h_type = header.entity_type
    if h_type is not None:
        v = by_type.pop(h_type, None)
        if v is not None:
            conf = 1 - (1 - header.confidence) * (1 - _value_confidence(v))
            types.append(ColumnType(h_type, round(conf, 4), round(v.match_rate, 4), "both"))
        else:
            matched = next((m for m in values if m.entity_type == h_type), None)
            rate = matched.match_rate if matched else 0.0
            conf = header.confidence
            doubtful = h_type in recognizable and h_type in _FORMATTED
            if sampled >= MIN_VALUES_TO_DOUBT and rate == 0.0 and doubtful:
                conf /= 2
            rate_out = round(rate, 4) if sampled else None
            types.append(ColumnType(h_type, round(conf, 4), rate_out, "header"))
    if not is_free_text:
        for v in by_type.values():
            conf = _value_confidence(v)
            types.append(
                ColumnType(v.entity_type, round(conf, 4), round(v.match_rate, 4), "values")
            )
    cats = categories or {}
    types = [
        ColumnType(t.entity_type, t.confidence, t.match_rate, t.source, cats.get(t.entity_type, ""))
        for t in sorted(types, key=lambda t: (-t.confidence, t.entity_type))
    ]
    return ColumnClassification(
        column, tuple(types), is_free_text, sampled, header.synonym, free_text
    )


def classify_sampled_column(
    column: str,
    values: Iterable[str | None],
    analyzer: SupportsAnalyze,
    *,
    is_free_text: bool,
    threshold: float,
    recognizable: Collection[EntityType],
    categories: Mapping[EntityType, str] | None = None,
    free_text: FreeTextTally | None = None,
    value_evidence: bool = True,
) -> ColumnClassification:
    """Classify a column from its name and sampled values: the one way ``scan`` and
    ``deidentify`` decide what a column holds (free-text columns' values are not matched).

    With ``value_evidence`` (the default) the values are also judged together, by the
    column-value recognizers of :mod:`~cityprivacy.detect.tables.column_values`, for the
    ``recognizable`` types: that is what types a column whose header says nothing."""
    header = classify_header(column)
    matches: list[ValueMatch] = []
    sampled = 0
    if not is_free_text:
        kept = list(values)
        matches, sampled = classify_values(column, kept, analyzer)
        if value_evidence:
            matches = merge_evidence(
                matches, column_evidence(kept, allowed=recognizable, header=column)
            )
    return classify_column(
        column,
        header,
        matches,
        sampled,
        threshold=threshold,
        recognizable=recognizable,
        categories=categories,
        is_free_text=is_free_text,
        free_text=free_text,
    )


def _value_confidence(v: ValueMatch) -> float:
    return v.mean_score * min(1.0, v.match_rate / _FULL_RATE)
