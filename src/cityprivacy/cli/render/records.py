"""The scan report as plain dicts: the one place the JSON, JSON-lines and CSV shapes live.

``show_values=False`` (the default everywhere) puts the masked value in ``value``;
nothing else in a record ever holds a matched value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cityprivacy import __version__
from cityprivacy.cli.render.masking import mask_value
from cityprivacy.detect.report import (
    CombinationRisk,
    FileFinding,
    FileProblem,
    FileReport,
    ScanReport,
    TableReport,
)
from cityprivacy.detect.tables.classify import ColumnClassification

__all__ = ["CSV_FIELDS", "document", "flat_records", "uri_of"]

Record = dict[str, Any]

CSV_FIELDS = (
    "kind", "path", "table", "row", "line", "column", "field", "entity_type", "category",
    "score", "match_rate", "source", "value", "detail",
)  # fmt: skip


def uri_of(path: object) -> str:
    """A path as it appears in reports: POSIX separators, as given (relative stays relative)."""
    from pathlib import Path

    p = Path(str(path))
    return p.as_uri() if p.is_absolute() else p.as_posix()


def finding_record(f: FileFinding, show_values: bool) -> Record:
    loc = f.location
    return {
        "kind": "finding",
        "entity_type": str(f.entity_type),
        "category": f.category,
        "score": round(f.score, 4),
        "recognizer": f.recognizer,
        "path": uri_of(loc.path),
        "table": loc.table,
        "row": loc.row,
        "field": loc.field,
        "line": loc.line,
        "column": loc.column,
        "offset": loc.offset,
        "length": loc.length,
        "value": f.value if show_values else mask_value(f.value),
        "explanation": f.explanation,
    }


def column_record(path: str, table: TableReport, c: ColumnClassification) -> Record:
    free = c.free_text
    return {
        "kind": "column",
        "path": path,
        "table": table.name,
        "column": c.column,
        "is_free_text": c.is_free_text,
        "is_direct_identifier": c.is_direct_identifier,
        "sampled": c.sampled,
        "header_synonym": c.header_synonym or None,
        "entity_types": [
            {
                "entity_type": str(t.entity_type),
                "confidence": t.confidence,
                "match_rate": t.match_rate,
                "source": t.source,
                "category": t.category,
            }
            for t in c.entity_types
        ],
        "free_text_counts": {str(k): v for k, v in free.counts.items()} if free else {},
        "free_text_rows": {str(k): v for k, v in free.rows.items()} if free else {},
    }


def combination_record(path: str, table: TableReport, r: CombinationRisk) -> Record:
    return {
        "kind": "combination",
        "path": path,
        "table": table.name,
        "columns": list(r.columns),
        "unique_share": r.unique_share,
        "rows": r.rows,
        "sampled": r.sampled,
    }


def problem_record(p: FileProblem) -> Record:
    return {"kind": "problem", "path": uri_of(p.path), "line": p.line, "reason": p.reason}


def file_record(f: FileReport, show_values: bool) -> Record:
    path = uri_of(f.path)
    return {
        "path": path,
        "format": f.format,
        "size": f.size,
        "counts": {str(k): v for k, v in sorted(f.counts.items())},
        "findings": [finding_record(x, show_values) for x in f.findings],
        "findings_truncated": f.findings_truncated,
        "tables": [
            {
                "name": t.name,
                "rows": t.rows,
                "uniqueness_rows": t.uniqueness_rows,
                "uniqueness_sampled": t.uniqueness_sampled,
                "columns": [column_record(path, t, c) for c in t.columns],
                "combinations": [combination_record(path, t, r) for r in t.combinations],
            }
            for t in f.tables
        ],
        "problems": [problem_record(p) for p in f.problems],
    }


def document(report: ScanReport, show_values: bool) -> Record:
    """The whole report as one JSON-able document (``--format json``)."""
    counts = report.counts()
    return {
        "tool": "cityprivacy",
        "version": __version__,
        "summary": {
            "files": len(report.files),
            "findings": sum(counts.values()),
            "counts": {str(k): v for k, v in sorted(counts.items())},
            "problems": len(report.all_problems),
        },
        "files": [file_record(f, show_values) for f in report.files],
        "problems": [problem_record(p) for p in report.problems],
    }


def flat_records(report: ScanReport, show_values: bool) -> Iterator[Record]:
    """One record per finding, typed column, risky combination and problem (``jsonl``)."""
    for p in report.problems:
        yield problem_record(p)
    for f in report.files:
        path = uri_of(f.path)
        for x in f.findings:
            yield finding_record(x, show_values)
        for t in f.tables:
            for c in t.columns:
                if c.entity_types or c.is_free_text:
                    yield column_record(path, t, c)
            for r in t.combinations:
                yield combination_record(path, t, r)
        for p in f.problems:
            yield problem_record(p)


def csv_rows(report: ScanReport, show_values: bool) -> Iterator[Record]:
    """Flat records squeezed into :data:`CSV_FIELDS` (``--format csv``)."""
    for r in flat_records(report, show_values):
        kind = r["kind"]
        row: Record = {k: r.get(k) for k in ("kind", "path", "table", "row", "line")}
        if kind == "finding":
            row.update(
                column=r["column"], field=r["field"], entity_type=r["entity_type"],
                category=r["category"], score=r["score"], value=r["value"],
                detail=r["explanation"],
            )  # fmt: skip
        elif kind == "column":
            top = r["entity_types"][0] if r["entity_types"] else None
            row.update(field=r["column"], detail="free text" if r["is_free_text"] else "")
            if top:
                row.update(
                    entity_type=top["entity_type"], category=top["category"],
                    score=top["confidence"], match_rate=top["match_rate"], source=top["source"],
                )  # fmt: skip
        elif kind == "combination":
            row.update(
                field="+".join(r["columns"]), score=r["unique_share"],
                detail=f"{r['unique_share']:.0%} of {r['rows']} rows unique",
            )  # fmt: skip
        else:
            row.update(detail=r["reason"])
        yield row
