"""What each column of an extract holds, found by scanning it, and what the terms do with it.

A column's types come from its values and its name, classified exactly as
``cityprivacy scan`` and ``cityprivacy deidentify`` classify them (every type the
classification reports, not only the first, so a column is judged by everything it may
hold). A column renamed ``x7`` still holds SSNs and is still treated as ``ssn``. A free-text
column (notes, comments) is read cell by cell, and holds every type found in any cell.

The plan of a column:

- no identifying type found: kept as it is;
- a type the agreement does not permit: refused (:class:`UncoveredTypesError`, listing every
  such column), or dropped with ``drop_uncovered``;
- otherwise the strongest treatment of its types (``drop`` > ``encode`` > ``pseudonym`` >
  ``clear``); free text whose types are not all ``clear`` is dropped, as it cannot be
  pseudonymized or encoded whole.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pyarrow as pa

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.errors import InputError
from cityprivacy.govern.sharing.terms import STRICTNESS, ExtractTerms, Treatment
from cityprivacy.protect.deidentify.tables import ColumnClassifier

__all__ = [
    "ColumnPlan",
    "ColumnTypes",
    "UncoveredTypesError",
    "detect_column_types",
    "plan_columns",
]


@dataclass(frozen=True, slots=True)
class ColumnTypes:
    """The taxonomy types found in one column."""

    column: str
    types: tuple[str, ...]
    free_text: bool = False


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """What the extract does with one column (``treatment`` None: no type, kept as is)."""

    column: str
    types: tuple[str, ...]
    treatment: Treatment | None
    free_text: bool = False
    reason: str = ""
    """Why a column is dropped although its types are not treated ``drop``."""

    @property
    def kept(self) -> bool:
        return self.treatment is not Treatment.DROP


class UncoveredTypesError(InputError):
    """The input holds types the agreement does not cover; ``columns`` lists them."""

    def __init__(self, agreement_id: int, columns: dict[str, tuple[str, ...]]) -> None:
        self.columns = columns
        listed = "; ".join(f"{name} → {', '.join(types)}" for name, types in columns.items())
        super().__init__(
            f"agreement {agreement_id} does not cover types held by {len(columns)} "
            f"column(s): {listed}. Nothing was written or recorded; remove these columns, "
            "amend the agreement, or give --drop-uncovered to leave them out"
        )


def detect_column_types(
    table: pa.Table, analyzer: TextAnalyzer, settings: Settings
) -> list[ColumnTypes]:
    """The types of every column of ``table`` (string columns), in column order."""
    taxonomy = analyzer.taxonomy
    classifier = ColumnClassifier(
        analyzer,
        settings,
        categories={e: taxonomy.category_for(e) for e in EntityType},
        recognizable=analyzer.entities,
    )
    found: list[ColumnTypes] = []
    for name in table.column_names:
        values: list[str | None] = table.column(name).to_pylist()
        verdict = classifier.classify(name, values[: settings.sample_rows])
        if verdict.is_free_text:
            types = {
                finding.category
                for value in values
                if value and value.strip()
                for finding in analyzer.analyze(value)
            }
        else:
            types = {t.category for t in verdict.entity_types}
        found.append(ColumnTypes(name, tuple(sorted(t for t in types if t)), verdict.is_free_text))
    return found


def _strongest(treatments: Sequence[Treatment]) -> Treatment:
    return max(treatments, key=STRICTNESS.index)


def plan_columns(
    found: Sequence[ColumnTypes],
    terms: ExtractTerms,
    permitted: Collection[str],
    *,
    agreement_id: int,
    drop_uncovered: bool,
) -> list[ColumnPlan]:
    """The plan of each column (see the module docstring); raises UncoveredTypesError."""
    allowed = set(permitted)
    uncovered = {
        c.column: tuple(t for t in c.types if t not in allowed)
        for c in found
        if any(t not in allowed for t in c.types)
    }
    if uncovered and not drop_uncovered:
        raise UncoveredTypesError(agreement_id, uncovered)
    plans: list[ColumnPlan] = []
    for c in found:
        if c.column in uncovered:
            not_covered = ", ".join(uncovered[c.column])
            plans.append(
                ColumnPlan(
                    c.column, c.types, Treatment.DROP, c.free_text, f"not covered: {not_covered}"
                )
            )
        elif not c.types:
            plans.append(ColumnPlan(c.column, c.types, None, c.free_text))
        else:
            treatment = _strongest([terms.treatment_of(t) for t in c.types])
            if c.free_text and treatment is not Treatment.CLEAR:
                reason = f"free text holding types treated {treatment.value}"
                plans.append(ColumnPlan(c.column, c.types, Treatment.DROP, True, reason))
            else:
                plans.append(ColumnPlan(c.column, c.types, treatment, c.free_text))
    return plans
