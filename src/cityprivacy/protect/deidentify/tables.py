"""De-identifying tables: a plan per column, then the plan applied batch by batch.

The plan is made once per table from a sample of its first rows
(``settings.sample_rows``), classifying each column exactly as ``cityprivacy scan`` does
(its header, its sampled values, and whether it reads like free text):

1. a column named in the policy's ``columns`` gets that rule on every whole cell;
2. a column in ``free_text_columns``, or that reads like free text, goes through the
   detector cell by cell, each finding getting the rule for its entity type;
3. a column classified as an entity type gets the rule of its top type on every cell;
4. any other column is passed through **untouched**, and the summary lists it.

A column that first appears after the sample (a later JSON line with a new key) is
classified from the batch it appears in. :class:`BatchTransformer` applies a plan to a
batch; it holds no state between batches, so batches can go to worker processes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.tables.classify import ColumnClassification, classify_sampled_column
from cityprivacy.detect.tables.freetext import looks_free_text
from cityprivacy.detect.tables.headers import classify_header
from cityprivacy.detect.tables.values import MAX_VALUE_CHARS, SupportsAnalyze
from cityprivacy.protect.deidentify.columns import apply_rule_to_column
from cityprivacy.protect.deidentify.summary import ColumnAction, ColumnOutcome, Counts
from cityprivacy.protect.deidentify.text import TextProtector
from cityprivacy.protect.policy import BoundPolicy

__all__ = ["FREE_TEXT_HEAD", "BatchTransformer", "ColumnClassifier", "TablePlan", "plan_column"]

FREE_TEXT_HEAD = 200
"""Values looked at to decide whether a column is free text (as the scanner does)."""


def plan_column(
    column: str, classification: ColumnClassification | None, rules: BoundPolicy
) -> ColumnOutcome:
    """What to do with ``column``; see the module docstring for the order."""
    top = classification.top if classification is not None else None
    entity = str(top.entity_type) if top is not None else None
    named = rules.for_column(column)
    if named is not None:
        return ColumnOutcome(column, ColumnAction.RULE, entity, named.where, named.name)
    free = classification is not None and classification.is_free_text
    if column in rules.free_text_columns or free:
        return ColumnOutcome(column, ColumnAction.FREE_TEXT)
    if entity is not None:
        rule = rules.for_entity(entity)
        return ColumnOutcome(column, ColumnAction.RULE, entity, rule.where, rule.name)
    return ColumnOutcome(column, ColumnAction.UNTOUCHED)


@dataclass(slots=True)
class TablePlan:
    """The outcome planned for each column of one table, and the subject column's name."""

    columns: dict[str, ColumnOutcome] = field(default_factory=dict)
    subject_column: str | None = None

    def missing(self, batch: pa.RecordBatch) -> list[str]:
        """Columns of ``batch`` the plan does not cover yet."""
        return [n for n in batch.schema.names if n not in self.columns]


class ColumnClassifier:
    """Classifies columns from sampled rows the way the table scanner does."""

    def __init__(
        self,
        analyzer: SupportsAnalyze,
        settings: Settings,
        *,
        categories: Mapping[EntityType, str],
        recognizable: Collection[EntityType],
    ) -> None:
        self.analyzer = analyzer
        self.settings = settings
        self.categories = dict(categories)
        self.recognizable = frozenset(recognizable)

    def classify(self, name: str, values: list[str | None]) -> ColumnClassification:
        """One column from its name and sampled values (first rows first)."""
        hint = classify_header(name).free_text_hint
        free = looks_free_text(values[:FREE_TEXT_HEAD], header_hint=hint)
        sample = [v[: MAX_VALUE_CHARS + 1] if v is not None else None for v in values]
        return classify_sampled_column(
            name,
            sample,
            self.analyzer,
            is_free_text=free,
            threshold=self.settings.value_match_threshold,
            recognizable=self.recognizable,
            categories=self.categories,
        )

    def extend(
        self, plan: TablePlan, batches: Sequence[pa.RecordBatch], rules: BoundPolicy
    ) -> None:
        """Add to ``plan`` every column of ``batches`` it does not cover yet, classified from
        their first ``sample_rows`` rows (batches may differ in columns, as JSON lines do)."""
        limit = self.settings.sample_rows
        samples: dict[str, list[str | None]] = {}
        for batch in batches:
            for name, column in zip(batch.schema.names, batch.columns, strict=True):
                if name in plan.columns:
                    continue
                kept = samples.setdefault(name, [])
                if len(kept) < limit:
                    kept.extend(column.slice(0, limit - len(kept)).to_pylist())
        for name, values in samples.items():
            plan.columns[name] = plan_column(name, self.classify(name, values), rules)


class BatchTransformer:
    """Applies a :class:`TablePlan` to record batches; stateless between batches."""

    def __init__(self, rules: BoundPolicy, protector: TextProtector) -> None:
        self.rules = rules
        self.protector = protector

    def transform(self, batch: pa.RecordBatch, plan: TablePlan) -> tuple[pa.RecordBatch, Counts]:
        """The de-identified batch and what was protected in it."""
        counts: Counts = Counter()
        names = batch.schema.names
        subjects: list[str | None] | None = None
        if plan.subject_column is not None and plan.subject_column in names:
            raw = batch.column(names.index(plan.subject_column)).to_pylist()
            subjects = [s if s else None for s in raw]
        arrays: list[pa.Array] = []
        for name, column in zip(names, batch.columns, strict=True):
            outcome = plan.columns[name]
            if outcome.action is ColumnAction.UNTOUCHED:
                arrays.append(column)
            elif outcome.action is ColumnAction.FREE_TEXT:
                texts = self.protector.protect_cells(column.to_pylist(), subjects, counts)
                arrays.append(pa.array(texts, pa.string()))
            else:
                arrays.append(self._cells(column, outcome, subjects, counts))
        return pa.RecordBatch.from_arrays(arrays, names=names), counts

    def _cells(
        self,
        column: pa.Array,
        outcome: ColumnOutcome,
        subjects: list[str | None] | None,
        counts: Counts,
    ) -> pa.Array:
        assert outcome.rule is not None
        rule = self.rules.rule(outcome.rule)
        return apply_rule_to_column(rule, column, outcome.entity_type, subjects, counts)
