"""Choosing an output format and writing the report to a stream."""

from __future__ import annotations

import csv
import json
from enum import StrEnum
from typing import TextIO

from rich.console import Console

from cityprivacy.cli.render.human import render_human
from cityprivacy.cli.render.records import CSV_FIELDS, csv_rows, document, flat_records
from cityprivacy.cli.render.sarif import sarif_document
from cityprivacy.detect.report import ScanReport

__all__ = ["OutputFormat", "render"]


class OutputFormat(StrEnum):
    """The ``--format`` choices."""

    HUMAN = "human"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    SARIF = "sarif"


def render(report: ScanReport, fmt: OutputFormat, out: TextIO, *, show_values: bool) -> None:
    """Write ``report`` to ``out`` in ``fmt``; values masked unless ``show_values``."""
    if fmt is OutputFormat.HUMAN:
        console = Console(file=out, highlight=False, soft_wrap=True)
        render_human(report, console, show_values)
    elif fmt is OutputFormat.JSON:
        json.dump(document(report, show_values), out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt is OutputFormat.JSONL:
        for record in flat_records(report, show_values):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.CSV:
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_rows(report, show_values))
    else:
        json.dump(sarif_document(report, show_values), out, indent=2, ensure_ascii=False)
        out.write("\n")
