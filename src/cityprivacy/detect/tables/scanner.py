"""``TableScanner``: classify the columns of a streamed table and find risky combinations.

One pass over the batches. Per table it keeps a uniform reservoir sample of rows (for
classifying values and measuring uniqueness; bounded memory) and analyzes free-text
columns in full as they stream by. At the end of each table it classifies every column
from its header and its sampled values and checks the non-identifier columns "alone or
combined". Rows are numbered from 1 without the header; findings carry the file line too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import pyarrow as pa

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.files.base import TableBatch
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.report import FileFinding, Location, TableReport
from cityprivacy.detect.tables.classify import ColumnClassification, classify_sampled_column
from cityprivacy.detect.tables.combinations import uniqueness_risks
from cityprivacy.detect.tables.freetext import FreeTextTally, looks_free_text
from cityprivacy.detect.tables.headers import classify_header
from cityprivacy.detect.tables.sampling import RowReservoir
from cityprivacy.detect.tables.values import MAX_VALUE_CHARS, SupportsAnalyze

__all__ = ["TableScanner"]

"""Rows sampled to measure uniqueness; smaller tables are measured exactly."""

TextBatchAnalyzer = Callable[[list[str]], Iterable[list[Finding]]]


@dataclass(slots=True)
class _TableState:
    name: str | None
    reservoir: RowReservoir
    columns: dict[str, bool] = field(default_factory=dict)  # name -> is free text
    tallies: dict[str, FreeTextTally] = field(default_factory=dict)
    rows: int = 0


class TableScanner:
    """Scans record batches of one file; see the module docstring.

    ``analyze_texts`` analyzes a list of free-text cells (default: the analyzer, one by
    one; the file scanner passes :func:`~cityprivacy.detect.parallel.analyze_many` with
    ``--workers``). ``findings`` collects free-text findings, at most ``max_findings``.
    """

    def __init__(
        self,
        analyzer: SupportsAnalyze,
        settings: Settings,
        *,
        categories: Mapping[EntityType, str] | None = None,
        recognizable: Collection[EntityType] = (),
        analyze_texts: TextBatchAnalyzer | None = None,
        uniqueness_rows: int | None = None,
        combinations: bool = True,
        max_findings: int = 10_000,
    ) -> None:
        self.analyzer = analyzer
        self.settings = settings
        self.categories = dict(categories or {})
        self.recognizable = frozenset(recognizable)
        self.analyze_texts = analyze_texts or (lambda texts: map(analyzer.analyze, texts))
        self.uniqueness_rows = (
            settings.uniqueness_sample_rows if uniqueness_rows is None else uniqueness_rows
        )
        self.combinations = combinations
        self.max_findings = max_findings
        self.findings: list[FileFinding] = []
        self.findings_truncated = False
        self.counts: Counter[EntityType] = Counter()

    def scan(
        self,
        batches: Iterable[TableBatch],
        path: Path,
        on_batch: Callable[[TableBatch], None] | None = None,
    ) -> Iterator[TableReport]:
        """A :class:`TableReport` per table, each as soon as its last batch is read."""
        for name, group in groupby(batches, key=lambda b: b.table):
            size = max(self.settings.sample_rows, self.uniqueness_rows)
            state = _TableState(name, RowReservoir(size))
            for batch in group:
                self._batch(state, batch, path)
                if on_batch is not None:
                    on_batch(batch)
            yield self._finish(state)

    def _batch(self, state: _TableState, batch: TableBatch, path: Path) -> None:
        data = batch.batch
        for name, column in zip(data.schema.names, data.columns, strict=True):
            if name not in state.columns:
                hint = classify_header(name).free_text_hint
                head = column.slice(0, 200).to_pylist()
                state.columns[name] = looks_free_text(head, header_hint=hint)
            if state.columns[name]:
                self._free_text(state, batch, name, column, path)
        state.reservoir.offer(data, MAX_VALUE_CHARS + 1)
        state.rows += data.num_rows

    def _free_text(
        self, state: _TableState, batch: TableBatch, name: str, column: pa.Array, path: Path
    ) -> None:
        tally = state.tallies.setdefault(name, FreeTextTally())
        cells = column.to_pylist()
        present = [(i, v) for i, v in enumerate(cells) if isinstance(v, str) and v.strip()]
        results = self.analyze_texts([v for _, v in present])
        for (i, text), found in zip(present, results, strict=True):
            row = batch.first_row + i
            for f in found:
                tally.add(f.entity_type, row)
                self.counts[f.entity_type] += 1
                if len(self.findings) >= self.max_findings:
                    self.findings_truncated = True
                    continue
                where = Location(
                    path,
                    line=batch.line_of(i),
                    offset=f.start,
                    length=f.end - f.start,
                    table=state.name,
                    row=row,
                    field=name,
                )
                self.findings.append(FileFinding.of(f, text, where))

    def _finish(self, state: _TableState) -> TableReport:
        sample = state.reservoir.shuffled()
        values_sample = sample[: self.settings.sample_rows]
        columns: list[ColumnClassification] = []
        for name, free in state.columns.items():
            columns.append(
                classify_sampled_column(
                    name,
                    (r.get(name) for r in values_sample),
                    self.analyzer,
                    is_free_text=free,
                    threshold=self.settings.value_match_threshold,
                    recognizable=self.recognizable,
                    categories=self.categories,
                    free_text=state.tallies.get(name),
                )
            )
        report = TableReport(
            state.name,
            state.rows,
            columns,
            uniqueness_rows=len(sample),
            uniqueness_sampled=state.reservoir.sampled,
        )
        if self.combinations:
            candidates = _candidates(columns, sample)
            if candidates:
                table = pa.table(
                    {c: pa.array([r.get(c) for r in sample], pa.string()) for c in candidates}
                )
                report.combinations = uniqueness_risks(
                    table,
                    candidates,
                    threshold=self.settings.uniqueness_threshold,
                    sampled=state.reservoir.sampled,
                )
        return report


def _candidates(
    columns: list[ColumnClassification], rows: list[dict[str, str | None]]
) -> list[str]:
    """Columns to combine: not direct identifiers, not free text, not empty; typed first."""
    keep = [
        c
        for c in columns
        if not c.is_free_text
        and not c.is_direct_identifier
        and any(r.get(c.column) is not None for r in rows)
    ]
    keep.sort(key=lambda c: 0 if c.entity_types else 1)
    return [c.column for c in keep]
