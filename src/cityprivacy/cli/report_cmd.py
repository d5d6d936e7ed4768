"""``cityprivacy report biennial``: the agency biennial report as JSON, CSV or Excel."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cityprivacy.cli.db_cmd import DbOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import fail, handle_errors
from cityprivacy.errors import InputError
from cityprivacy.govern.reports import ReportingPeriod, build_biennial_report, render

__all__ = ["app"]

app = typer.Typer(
    help="Reports built from the office records.\n\n"
    "Example: cityprivacy report biennial --agency DSS --period-end 2026-07-31 --format xlsx "
    "-o dss-2026.xlsx",
    no_args_is_help=True,
)


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            "--period-end: give a date as YYYY-MM-DD (July 31 of an even year)"
        ) from None


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once (a temporary file renamed into place)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=".report-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise fail(f"cannot write {path}: {exc.strerror}") from None


@app.command("biennial")
def biennial(
    agency: Annotated[str, typer.Option("--agency", help="The agency's code, e.g. DSS.")],
    period_end: Annotated[
        str | None,
        typer.Option(
            "--period-end",
            help="July 31 of an even year, e.g. 2026-07-31 (default: the period under way).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.JSON,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write here (default: standard output).", dir_okay=False
        ),
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
) -> None:
    """The report of an agency and its contractors for the two years ending July 31 of an
    even year (Admin Code § 23-1205): types collected, retained and disclosed, designations
    and CPO approvals, policies, approving divisions, agreements, requesters, reasons and
    mission, exigent disclosures, incidents, and the register of disclosures.

    Example: cityprivacy report biennial --agency DSS --period-end 2026-07-31 --format csv
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        end = _day(period_end) if period_end else None
        end = end or ReportingPeriod.containing(o.context.now().date()).end
        report = build_biennial_report(o, agency, end)
        data = render(report, fmt.value)
    if output is None:
        if fmt is Format.XLSX and sys.stdout.isatty():
            raise fail("an Excel workbook is binary: write it to a file with -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    _write(output, data)
    made = next(s.value for s in report.summary if s.measure == "disclosures_made")
    Console(stderr=True, highlight=False).print(
        f"wrote {output}: {report.agency_code}, {report.period_start} to {report.period_end}"
        f"{' (interim)' if report.interim else ''}, {len(report.disclosures)} requests, "
        f"proposals and disclosures, {made} disclosures made"
    )
