"""``cityprivacy report biennial``: the agency biennial report as JSON, CSV or Excel;
``cityprivacy report summaries``: the summaries of exigent and unlawful disclosures."""

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
from cityprivacy.govern.reports.summaries import build_summaries, render_summaries

__all__ = ["app"]

app = typer.Typer(
    help="Reports built from the office records.\n\n"
    "Example: cityprivacy report biennial --agency DSS --period-end 2026-07-31 --format xlsx "
    "-o dss-2026.xlsx\n\n"
    "Example: cityprivacy report summaries --from 2026-01-01 --to 2026-06-30 --format csv",
    no_args_is_help=True,
)


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


def _day(text: str, option: str = "--period-end", hint: str = " (July 31 of an even year)") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: give a date as YYYY-MM-DD{hint}") from None


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


class SummaryFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


@app.command("summaries")
def summaries(
    period_from: Annotated[
        str, typer.Option("--from", help="First day of the period, e.g. 2026-01-01 (UTC).")
    ],
    period_to: Annotated[
        str, typer.Option("--to", help="Last day of the period, e.g. 2026-06-30 (inclusive).")
    ],
    fmt: Annotated[
        SummaryFormat, typer.Option("--format", help="Output format.")
    ] = SummaryFormat.JSON,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write here (default: standard output).", dir_okay=False
        ),
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
) -> None:
    """Summaries of exigent and unlawful disclosures for the Mayor and the Council Speaker:
    counts by agency, recipient type and type of identifying information, and whether each
    report was made on time. Counts only: no person, recipient or free text.

    Example: cityprivacy report summaries --from 2026-01-01 --to 2026-06-30 --format csv
    """
    with handle_errors():
        start = _day(period_from, "--from", "")
        end = _day(period_to, "--to", "")
        with office_at(db) as office, office.unit(acting_as(office, token)) as o:
            data = render_summaries(build_summaries(o, start, end), fmt.value)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    _write(output, data)
    Console(stderr=True, highlight=False).print(f"wrote {output}: {start} to {end}")
