"""SARIF 2.1.0, so findings show up in code-scanning tools (GitHub, Azure DevOps, IDEs).

One rule per entity type (``tool.driver.rules``) plus one for risky column combinations.
Text findings carry a region with ``startLine``/``startColumn``/``charOffset``/``charLength``;
table findings and typed columns point at the row's (or the header's) line. Problems
reading files become ``toolExecutionNotifications`` of the invocation, which is marked
unsuccessful when any file was skipped. Messages hold masked values only, unless
``--show-values``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cityprivacy import __version__
from cityprivacy.cli.render.masking import mask_value
from cityprivacy.cli.render.records import uri_of
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.report import FileFinding, FileReport, Location, ScanReport

__all__ = ["COMBINATION_RULE", "SARIF_SCHEMA", "level_for", "sarif_document"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
COMBINATION_RULE = "QUASI_IDENTIFIER_COMBINATION"
Json = dict[str, Any]


def level_for(score: float) -> str:
    """SARIF level: ``error`` for near-certain findings, ``warning`` otherwise."""
    return "error" if score >= 0.85 else "warning"


def _rules() -> list[Json]:
    rules: list[Json] = [
        {
            "id": str(e),
            "name": "".join(part.title() for part in str(e).split("_")),
            "shortDescription": {"text": e.description},
            "fullDescription": {"text": f"Identifying information: {e.description}."},
            "defaultConfiguration": {"level": "warning"},
            "properties": {"tags": ["privacy", "identifying-information"]},
        }
        for e in EntityType
    ]
    rules.append(
        {
            "id": COMBINATION_RULE,
            "name": "QuasiIdentifierCombination",
            "shortDescription": {"text": "Columns that single out rows alone or combined"},
            "fullDescription": {
                "text": "Most rows are unique on these columns, so they identify people "
                "when combined with other information."
            },
            "defaultConfiguration": {"level": "warning"},
            "properties": {"tags": ["privacy", "re-identification"]},
        }
    )
    return rules


def _location(loc: Location, *, with_offsets: bool) -> Json:
    physical: Json = {"artifactLocation": {"uri": uri_of(loc.path)}}
    region: Json = {}
    if loc.line is not None:
        region["startLine"] = loc.line
        if with_offsets and loc.column is not None:
            region["startColumn"] = loc.column
    if with_offsets and loc.offset is not None:
        region["charOffset"] = loc.offset
        if loc.length is not None:
            region["charLength"] = loc.length
    if region:
        physical["region"] = region
    location: Json = {"physicalLocation": physical}
    names = [n for n in (loc.table, loc.field) if n is not None]
    if names:
        location["logicalLocations"] = [{"name": "/".join(names), "kind": "member"}]
    return location


def _finding_result(f: FileFinding, index: dict[str, int], show_values: bool) -> Json:
    shown = f.value if show_values else mask_value(f.value)
    where = f" in column {f.location.field!r}, row {f.location.row}" if f.location.row else ""
    in_text = f.location.row is None
    return {
        "ruleId": str(f.entity_type),
        "ruleIndex": index[str(f.entity_type)],
        "level": level_for(f.score),
        "message": {"text": f"{f.entity_type.description} ({shown}, score {f.score:.2f}){where}"},
        "locations": [_location(f.location, with_offsets=in_text)],
        "properties": {"score": round(f.score, 4), "category": f.category},
    }


def _column_results(file: FileReport, index: dict[str, int]) -> Iterator[Json]:
    header_line = 1 if file.format == "csv" else None
    for table in file.tables:
        for column in table.columns:
            loc = Location(file.path, line=header_line, table=table.name, field=column.column)
            for t in column.entity_types:
                rate = "" if t.match_rate is None else f", {t.match_rate:.0%} of sampled values"
                text = (
                    f"Column {column.column!r} holds {t.entity_type.description} "
                    f"(confidence {t.confidence:.2f} from {t.source}{rate})"
                )
                yield {
                    "ruleId": str(t.entity_type),
                    "ruleIndex": index[str(t.entity_type)],
                    "level": level_for(t.confidence),
                    "message": {"text": text},
                    "locations": [_location(loc, with_offsets=False)],
                    "properties": {"confidence": t.confidence, "category": t.category},
                }
        for combo in table.combinations:
            loc = Location(file.path, line=header_line, table=table.name)
            text = (
                f"{combo.unique_share:.0%} of {combo.rows} rows are unique on "
                f"{' + '.join(combo.columns)}"
            )
            yield {
                "ruleId": COMBINATION_RULE,
                "ruleIndex": index[COMBINATION_RULE],
                "level": "warning",
                "message": {"text": text},
                "locations": [_location(loc, with_offsets=False)],
                "properties": {"columns": list(combo.columns), "uniqueShare": combo.unique_share},
            }


def sarif_document(report: ScanReport, show_values: bool) -> Json:
    """The report as a SARIF 2.1.0 log with one run."""
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    results: list[Json] = []
    for file in report.files:
        results.extend(_finding_result(f, index, show_values) for f in file.findings)
        results.extend(_column_results(file, index))
    notifications = [
        {
            "level": "error",
            "message": {"text": p.reason},
            "locations": [_location(Location(p.path, line=p.line), with_offsets=False)],
        }
        for p in report.all_problems
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cityprivacy",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }
