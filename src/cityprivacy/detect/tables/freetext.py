"""Free-text columns: notes, comments and narratives, analyzed as text on every row.

A column is free text when its values read like sentences: long and with many spaces
(median over the first batch), or when its name says so (``notes``, ``comments``) and its
values are more than a word or two. The decision is made on the first batch of rows, so
that every row of the column can be analyzed while streaming. Values of typed columns
(an SSN column) are classified from a sample instead; free text can hold anything, so it
is read in full and its findings are counted per type with their row numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from cityprivacy.detect.entities import EntityType

__all__ = ["FreeTextTally", "looks_free_text"]

MIN_MEDIAN_CHARS = 40
MIN_MEDIAN_SPACES = 5
HINTED_MEDIAN_CHARS = 15
ROWS_KEPT_PER_TYPE = 50


def looks_free_text(values: Sequence[str | None], *, header_hint: bool = False) -> bool:
    """Whether a column's values (a sample) look like free text."""
    texts = [v for v in values if v is not None and v.strip()]
    if not texts:
        return False
    chars = median(len(v) for v in texts)
    spaces = median(v.count(" ") for v in texts)
    if header_hint:
        return chars >= HINTED_MEDIAN_CHARS or spaces >= 2
    return chars >= MIN_MEDIAN_CHARS and spaces >= MIN_MEDIAN_SPACES


@dataclass(slots=True)
class FreeTextTally:
    """Per-type finding counts of one free-text column, with the first rows of each type."""

    counts: Counter[EntityType] = field(default_factory=Counter)
    rows: dict[EntityType, list[int]] = field(default_factory=dict)

    def add(self, entity_type: EntityType, row: int) -> None:
        self.counts[entity_type] += 1
        kept = self.rows.setdefault(entity_type, [])
        if len(kept) < ROWS_KEPT_PER_TYPE and (not kept or kept[-1] != row):
            kept.append(row)
