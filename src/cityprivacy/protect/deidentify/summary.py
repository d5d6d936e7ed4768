"""What a de-identification run did, for the reviewer who signs off on the output.

Counts of protected values by (entity type, operator), per file and in total; for every
table, what happened to each column, so that the columns passed through **untouched**
stand out; rows and files processed; the problems met (file and line, never a value);
and the fingerprint of the key (never the key). Nothing in a summary is a value read from
the data: column names, types, counts and line numbers only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from cityprivacy.detect.report import FileProblem

__all__ = [
    "ColumnAction",
    "ColumnOutcome",
    "Counts",
    "DeidentifySummary",
    "FileSummary",
    "TableSummary",
    "sorted_counts",
]

Counts = Counter[tuple[str | None, str]]
"""Protected values by (entity type or ``None`` for an untyped column, operator name)."""


class ColumnAction(StrEnum):
    """What the engine does with a table column."""

    RULE = "rule"
    """A policy rule rewrites every cell (the column is named in the policy, or typed)."""
    FREE_TEXT = "free_text"
    """Every cell is analyzed as text; each finding gets its rule."""
    UNTOUCHED = "untouched"
    """Not identified and not named in the policy: passed through as it was."""


@dataclass(frozen=True, slots=True)
class ColumnOutcome:
    """One column of one table: what was done to it and why."""

    column: str
    action: ColumnAction
    entity_type: str | None = None
    rule: str | None = None
    operator: str | None = None

    @property
    def unchanged(self) -> bool:
        """Whether the values came out as they went in (untouched, or a ``keep`` rule)."""
        return self.action is ColumnAction.UNTOUCHED or self.operator == "keep"

    def to_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "action": str(self.action),
            "entity_type": self.entity_type,
            "rule": self.rule,
            "operator": self.operator,
        }


@dataclass(slots=True)
class TableSummary:
    """One table of a file (an Excel sheet, or the whole CSV)."""

    name: str | None
    columns: list[ColumnOutcome] = field(default_factory=list)
    rows: int = 0

    @property
    def untouched(self) -> list[str]:
        return [c.column for c in self.columns if c.unchanged]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "rows": self.rows,
            "columns": [c.to_dict() for c in self.columns],
            "untouched_columns": self.untouched,
        }


@dataclass(slots=True)
class FileSummary:
    """One input file: where it went, what was protected, and what was left as it was."""

    input: Path
    output: Path | None
    format: str
    written: bool = False
    rows: int = 0
    counts: Counts = field(default_factory=Counter)
    tables: list[TableSummary] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def untouched_columns(self) -> list[str]:
        """Untouched columns, as ``sheet!column`` for workbooks with several sheets."""
        named = len(self.tables) > 1
        return [
            f"{t.name}!{c}" if named and t.name else c for t in self.tables for c in t.untouched
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": str(self.input),
            "output": str(self.output) if self.output is not None else None,
            "format": self.format,
            "written": self.written,
            "rows": self.rows,
            "counts": _counts(self.counts),
            "tables": [t.to_dict() for t in self.tables],
            "untouched_columns": self.untouched_columns,
            "problems": [_problem(p) for p in self.problems],
            "notes": list(self.notes),
        }


@dataclass(slots=True)
class DeidentifySummary:
    """The whole run: every file, the totals, the policy and the key's fingerprint."""

    policy: str
    policy_version: str
    key_fingerprint: str | None
    workers: int
    files: list[FileSummary] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        total: Counts = Counter()
        for f in self.files:
            total.update(f.counts)
        return total

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def files_written(self) -> int:
        return sum(f.written for f in self.files)

    @property
    def all_problems(self) -> list[FileProblem]:
        return [*self.problems, *(p for f in self.files for p in f.problems)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "policy_version": self.policy_version,
            "key_fingerprint": self.key_fingerprint,
            "workers": self.workers,
            "files_processed": len(self.files),
            "files_written": self.files_written,
            "rows": self.rows,
            "counts": _counts(self.counts),
            "files": [f.to_dict() for f in self.files],
            "problems": [_problem(p) for p in self.problems],
        }


def sorted_counts(counts: Counts) -> list[tuple[str | None, str, int]]:
    """``(entity, operator, n)`` by entity then operator (untyped columns last)."""
    return sorted(
        ((e, op, n) for (e, op), n in counts.items()),
        key=lambda row: (row[0] is None, row[0] or "", row[1]),
    )


def _counts(counts: Counts) -> list[dict[str, Any]]:
    return [{"entity_type": e, "operator": op, "count": n} for e, op, n in sorted_counts(counts)]


def _problem(p: FileProblem) -> dict[str, Any]:
    return {"path": str(p.path), "line": p.line, "reason": p.reason}
