"""The result of a scan: per file, its findings, column classifications, risky column
combinations and the problems met while reading it.

Findings keep the matched text (``value``) because renderers need it to mask it (or show
it with ``--show-values``); nothing in this module prints or logs a value, and
:meth:`ScanReport.hits` (what a CI gate looks at) carries none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.tables.classify import ColumnClassification
from cityprivacy.errors import UnreadableFileError

__all__ = [
    "CombinationRisk",
    "FileFinding",
    "FileProblem",
    "FileReport",
    "Hit",
    "Location",
    "ScanReport",
    "TableReport",
]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is. Text files: line, column (1-based) and character offset (0-based).
    Tables: table (sheet), 1-based data row, column name, and the file line of the row;
    ``offset`` is then the character offset inside the cell."""

    path: Path
    line: int | None = None
    column: int | None = None
    offset: int | None = None
    length: int | None = None
    table: str | None = None
    row: int | None = None
    field: str | None = None

    def describe(self) -> str:
        parts = [str(self.path)]
        if self.table is not None:
            parts.append(f"sheet {self.table!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field is not None:
            parts.append(f"column {self.field!r}")
        if self.row is None and self.line is not None:
            parts.append(f"line {self.line}" + (f", col {self.column}" if self.column else ""))
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class FileFinding:
    """One finding in a text file or a free-text cell, with its matched text."""

    entity_type: EntityType
    score: float
    category: str
    recognizer: str
    location: Location
    value: str = field(repr=False)
    explanation: str = ""

    @classmethod
    def of(cls, finding: Finding, text: str, location: Location) -> FileFinding:
        """The file-level form of a finding in ``text`` (the analyzed text) at ``location``."""
        return cls(
            finding.entity_type,
            finding.score,
            finding.category,
            finding.recognizer,
            location,
            text[finding.start : finding.end],
            finding.explanation.describe(),
        )


@dataclass(frozen=True, slots=True)
class CombinationRisk:
    """Columns that, alone or together, single out rows: ``unique_share`` of the rows
    measured (``rows``; a uniform sample when ``sampled``) are unique on them."""

    columns: tuple[str, ...]
    unique_share: float
    rows: int
    sampled: bool


@dataclass(slots=True)
class TableReport:
    """One table of a file (an Excel sheet, or the whole CSV/Parquet/JSON-lines file)."""

    name: str | None
    rows: int = 0
    columns: list[ColumnClassification] = field(default_factory=list)
    combinations: list[CombinationRisk] = field(default_factory=list)
    uniqueness_rows: int = 0
    uniqueness_sampled: bool = False


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A problem met while reading a file. ``skipped``: nothing (more) of it was scanned."""

    path: Path
    reason: str
    line: int | None = None

    @classmethod
    def from_error(cls, error: UnreadableFileError) -> FileProblem:
        return cls(error.path, error.reason, error.line)

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class FileReport:
    """Everything a scan found in one file."""

    path: Path
    format: str
    size: int = 0
    findings: list[FileFinding] = field(default_factory=list)
    counts: Counter[EntityType] = field(default_factory=Counter)
    findings_truncated: bool = False
    tables: list[TableReport] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing a CI gate can fail on: no value, only type, category and score."""

    kind: Literal["finding", "column", "combination"]
    entity_type: EntityType | None
    category: str
    score: float


@dataclass(slots=True)
class ScanReport:
    """The result of scanning some paths."""

    files: list[FileReport] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    """Problems not tied to a scanned file: missing paths, directory loops."""

    @property
    def all_problems(self) -> list[FileProblem]:
        return [*self.problems, *(p for f in self.files for p in f.problems)]

    def counts(self) -> Counter[EntityType]:
        total: Counter[EntityType] = Counter()
        for f in self.files:
            total.update(f.counts)
        return total

    def hits(self) -> Iterator[Hit]:
        """Findings, typed columns and risky combinations, for ``--fail-on``."""
        for f in self.files:
            for finding in f.findings:
                yield Hit("finding", finding.entity_type, finding.category, finding.score)
            for table in f.tables:
                for column in table.columns:
                    for t in column.entity_types:
                        yield Hit("column", t.entity_type, t.category, t.confidence)
                for combo in table.combinations:
                    yield Hit("combination", None, "", combo.unique_share)
