"""``cityprivacy risk``: measure the re-identification risk of a table.

Thin: reads the table (and a population table) with :func:`read_table`, calls
:func:`~cityprivacy.protect.risk.assess_risk` and renders the report with Rich, or as
JSON with ``--json``. Exit 2 on bad input (a missing column, an empty file...).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.config import Settings, get_settings
from cityprivacy.errors import InputError
from cityprivacy.protect.risk import RiskReport, RiskSummary, assess_risk
from cityprivacy.protect.table_io import read_table

__all__ = ["parse_population", "render_report", "risk"]

_HISTOGRAM_ROWS = 12
_BAR_WIDTH = 30


def risk(
    path: Annotated[
        Path,
        typer.Argument(
            help="The table to measure (CSV/TSV, Parquet, JSON lines, Excel).", show_default=False
        ),
    ],
    qi: Annotated[
        str,
        typer.Option(
            "--qi",
            help="Quasi-identifier columns, comma-separated: age,sex,zip.",
            show_default=False,
        ),
    ],
    sensitive: Annotated[
        str | None,
        typer.Option(
            "--sensitive", "-s", help="Sensitive column, for l-diversity and t-closeness."
        ),
    ] = None,
    population: Annotated[
        str | None,
        typer.Option(
            "--population",
            "-p",
            help="The population the table was drawn from: its size (8336817) for estimated "
            "population uniques, or a file with the same quasi-identifiers for journalist and "
            "marketer risk.",
            metavar="FILE|SIZE",
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            "-t",
            min=0.0,
            max=1.0,
            help="Records whose risk is above this are at risk "
            "(default: CITYPRIVACY_RISK_THRESHOLD, 0.2).",
            show_default=False,
        ),
    ] = None,
    ordered: Annotated[
        bool | None,
        typer.Option(
            "--ordered/--categorical",
            help="t-closeness distance for the sensitive column "
            "(default: ordered when every value is a number).",
            show_default=False,
        ),
    ] = None,
    suppressed_marker: Annotated[
        str | None,
        typer.Option(
            "--suppressed-marker",
            help="Rows whose quasi-identifiers are all this value (e.g. '*') are suppressed "
            "records: left out of the classes and counted apart.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Measure re-identification risk: equivalence classes, k-anonymity, l-diversity,
    t-closeness, prosecutor / journalist / marketer risk and population uniques.

    Example: cityprivacy risk visits.csv --qi age,sex,zip -s diagnosis --population 8336817
    """
    with handle_errors():
        settings = get_settings()
        columns = [name.strip() for name in qi.split(",") if name.strip()]
        table = read_table(path, settings)
        population_size, population_table = parse_population(population, settings)
        try:
            report = assess_risk(
                table,
                columns,
                sensitive=sensitive,
                population_size=population_size,
                population=population_table,
                threshold=settings.risk_threshold if threshold is None else threshold,
                suppressed_marker=suppressed_marker,
                ordered=ordered,
            )
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from None
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        return
    render_report(report, path, Console(highlight=False), policy_k=settings.k_anonymity)


def parse_population(spec: str | None, settings: Settings) -> tuple[int | None, pa.Table | None]:
    """``--population``: a whole number is a population size, anything else a file."""
    if spec is None:
        return None, None
    digits = spec.strip().replace("_", "").replace(",", "")
    if digits.isdigit():
        size = int(digits)
        if size < 1:
            raise InputError("--population: the population size must be at least 1")
        return size, None
    path = Path(spec)
    if not path.is_file():
        raise InputError(f"--population: {spec} is neither a whole number nor a file")
    return None, read_table(path, settings)


def render_report(report: RiskReport, path: Path, console: Console, *, policy_k: int) -> None:
    """The report for people: summary, risks, sensitive attribute, population, histogram."""
    classes = report.classes
    console.print(f"[bold]Re-identification risk of {escape(str(path))}[/]")
    console.print(
        f"quasi-identifiers: {escape(', '.join(report.quasi_identifiers))} · "
        f"{report.records:,} records ({report.suppressed_records:,} suppressed)"
    )
    summary = Table(title="Equivalence classes", title_justify="left")
    for name in ("classes", "k", "average size", "sample uniques"):
        summary.add_column(name, justify="right")
    summary.add_row(
        f"{classes.count:,}",
        _text(classes.k),
        _text(classes.average_size),
        f"{classes.sample_uniques:,} ({classes.sample_uniques_share:.2%} of records)",
    )
    console.print()
    console.print(summary)
    if classes.k is not None and classes.k < policy_k:
        console.print(
            f"[bold red]k = {classes.k} is below the policy minimum of {policy_k}[/] "
            "(CITYPRIVACY_K_ANONYMITY)"
        )

    risks = Table(
        title=f"Re-identification risk (threshold {report.threshold:g})", title_justify="left"
    )
    for name, justify in (
        ("attacker", "left"),
        ("highest", "right"),
        ("average", "right"),
        ("records at risk", "right"),
    ):
        risks.add_column(name, justify=justify)  # type: ignore[arg-type]
    risks.add_row("prosecutor", *_risk_cells(report.prosecutor))
    risks.add_row("journalist", *_risk_cells(report.journalist))
    risks.add_row("marketer", "", f"{report.marketer:.4f}", "")
    console.print()
    console.print(risks)
    if report.journalist_basis != "population table":
        console.print("journalist risk equals prosecutor risk: no population table was given")

    if report.sensitive is not None and report.diversity and report.closeness:
        sensitive = Table(
            title=f"Sensitive column {escape(report.sensitive)}", title_justify="left"
        )
        for name in ("distinct l", "entropy l", "entropy l (pycanon)", "t-closeness"):
            sensitive.add_column(name, justify="right")
        sensitive.add_row(
            str(report.diversity.distinct_l),
            f"{report.diversity.entropy_l:.4f}",
            str(report.diversity.entropy_l_pycanon),
            f"{report.closeness.t:.4f} ({report.closeness.distance} distance)",
        )
        console.print()
        console.print(sensitive)

    if report.population is not None:
        pop = report.population
        console.print()
        how = "counted" if pop.model == "counted" else f"estimated, {pop.model} model"
        console.print(
            f"population {pop.population_size:,} "
            f"(sampling fraction {_percent(pop.sampling_fraction)}): "
            f"{pop.uniques:,.0f} population uniques, {_percent(pop.uniques_share)} ({how})"
        )
    if classes.histogram:
        console.print()
        console.print(_histogram(classes.histogram))
    for note in report.notes:
        console.print(f"note: {escape(note)}")


def _risk_cells(summary: RiskSummary) -> tuple[str, str, str]:
    return (f"{summary.highest:.4f}", f"{summary.average:.4f}", f"{summary.records_at_risk:.2%}")


def _percent(share: float) -> str:
    """A share with three significant digits: 0.0024%, 12.5%, 100%."""
    return f"{share * 100:.3g}%"


def _text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def _histogram(histogram: tuple[tuple[int, int], ...]) -> Table:
    """Class sizes: the smallest ones row by row, the rest in one row (`≥ size`)."""
    rows: list[tuple[str, int, int]] = [
        (str(s), c, s * c) for s, c in histogram[: _HISTOGRAM_ROWS - 1]
    ]
    rest = histogram[_HISTOGRAM_ROWS - 1 :]
    if rest:
        rows.append((f"≥ {rest[0][0]}", sum(c for _, c in rest), sum(s * c for s, c in rest)))
    total = sum(records for _, _, records in rows)
    table = Table(title="Class sizes", title_justify="left")
    table.add_column("size", justify="right")
    table.add_column("classes", justify="right")
    table.add_column("records", justify="right")
    table.add_column("share of records")
    for label, count, records in rows:
        share = records / total
        bar = "█" * max(1, round(_BAR_WIDTH * share))
        table.add_row(label, f"{count:,}", f"{records:,}", f"{bar} {share:.1%}")
    return table
