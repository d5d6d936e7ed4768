"""``cityprivacy anonymize``: optimal generalization and suppression of a table.

Thin: reads the table and the hierarchies, calls
:func:`cityprivacy.protect.anonymize.anonymize`, writes the result atomically and prints
the chosen levels, the utility and the risk of the output. The library (numpy, pyarrow,
the search) is imported only when the command runs, so other commands start fast.
Exit codes: 0 written; 2 bad input, a value missing from its hierarchy, or no
generalization satisfying the model within the suppression limit (nothing is written).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.config import get_settings

if TYPE_CHECKING:
    from cityprivacy.protect.anonymize import AnonymizationResult

__all__ = ["anonymize"]


class MetricName(StrEnum):
    """The metrics of :class:`cityprivacy.protect.anonymize.Metric`, without importing it."""

    LOSS = "loss"
    DISCERNIBILITY = "discernibility"
    ENTROPY = "entropy"


def anonymize(
    source: Annotated[
        Path,
        typer.Argument(
            help="The table to anonymize (CSV/TSV, Parquet, JSON lines, Excel).", show_default=False
        ),
    ],
    target: Annotated[
        Path,
        typer.Argument(
            help="Where to write the anonymized table (format from the extension).",
            show_default=False,
        ),
    ],
    qi: Annotated[
        str,
        typer.Option("--qi", help="Quasi-identifier columns, comma-separated.", show_default=False),
    ],
    hierarchies: Annotated[
        Path,
        typer.Option(
            "--hierarchies",
            help="Folder of hierarchies: <column>.csv or *_hierarchy_<column>.csv (ARX "
            "format) and *.yaml rules.",
            show_default=False,
        ),
    ],
    k: Annotated[
        int | None,
        typer.Option(
            "--k",
            min=1,
            help="k of k-anonymity [default: CITYPRIVACY_K_ANONYMITY, 5].",
            show_default=False,
        ),
    ] = None,
    l_diversity: Annotated[
        int | None, typer.Option("--l", min=1, help="Distinct l-diversity of the sensitive column.")
    ] = None,
    sensitive: Annotated[
        str | None,
        typer.Option(
            "--sensitive", help="The sensitive column (for --l, --t and the risk report)."
        ),
    ] = None,
    t: Annotated[
        float | None,
        typer.Option(
            "--t",
            min=0.0,
            max=1.0,
            help="t-closeness of the sensitive column (Earth Mover's Distance).",
        ),
    ] = None,
    max_suppression: Annotated[
        float,
        typer.Option(
            "--max-suppression",
            min=0.0,
            max=1.0,
            help="Largest share of records that may be suppressed (0.04 = 4%).",
        ),
    ] = 0.0,
    metric: Annotated[
        MetricName,
        typer.Option("--metric", case_sensitive=False, help="Utility metric to minimize."),
    ] = MetricName.LOSS,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Anonymize a table optimally: generalize the quasi-identifiers to the levels that lose
    the least information while the privacy model holds, suppressing records of the
    classes that still fail it (within --max-suppression), then report utility and risk.

    Example: cityprivacy anonymize adult.csv out.csv --qi age,sex,race --hierarchies hier/
    --k 5 --max-suppression 0.04
    """
    with handle_errors():
        from cityprivacy.protect.anonymize import anonymize as run
        from cityprivacy.protect.hierarchy import load_hierarchies
        from cityprivacy.protect.table_io import output_format, read_table, write_table

        settings = get_settings()
        columns = [c.strip() for c in qi.split(",") if c.strip()]
        output_format(target)  # an unwritable format fails before any work
        table = read_table(source, settings)
        result = run(
            table,
            columns,
            load_hierarchies(hierarchies, columns),
            k=k if k is not None else settings.k_anonymity,
            l=l_diversity,
            t=t,
            sensitive=sensitive,
            max_suppression=max_suppression,
            metric=metric.value,
            risk_threshold=settings.risk_threshold,
        )
        write_table(result.table, target)
    if as_json:
        report = {"input": str(source), "output": str(target), **result.to_dict()}
        typer.echo(json.dumps(report, indent=2))
        return
    _render(result, source, target, Console(highlight=False))


def _render(result: AnonymizationResult, source: Path, target: Path, console: Console) -> None:
    utility, risk, model = result.utility, result.risk, result.model
    console.print(
        f"[bold]{escape(str(source))}[/] → [bold]{escape(str(target))}[/] "
        f"({risk.records:,} records): {escape(model.describe())}, at most "
        f"{model.max_suppression:.2%} suppressed"
    )
    levels = Table("quasi-identifier", "level", "of", title="Generalization", title_justify="left")
    for name, level in result.levels.items():
        levels.add_row(escape(name), str(level), str(result.heights[name] - 1))
    console.print(levels)
    average = f"{utility.average_class_size:,.1f}" if utility.average_class_size else "—"
    console.print(
        f"[bold]Utility[/] (minimized: {utility.metric}): loss {utility.loss:.4f}, "
        f"discernibility {utility.discernibility:,.0f}, entropy {utility.entropy:,.1f}\n"
        f"  {utility.classes:,} classes, average size {average}; "
        f"{utility.records_suppressed:,} records suppressed ({utility.share_suppressed:.2%})"
    )
    console.print(
        f"[bold]Risk[/] of the output: k = {risk.k if risk.k is not None else '—'}, "
        f"prosecutor risk highest {risk.prosecutor.highest:.4f}, average "
        f"{risk.prosecutor.average:.4f}, records above {risk.threshold:g}: "
        f"{risk.prosecutor.records_at_risk:.2%}"
    )
    if risk.diversity is not None:
        console.print(f"  distinct l = {risk.diversity.distinct_l}")
    if risk.closeness is not None:
        console.print(f"  t = {risk.closeness.t:.4f} ({risk.closeness.distance} distance)")
    console.print(
        f"[dim]{result.search.checked:,} of {result.search.nodes:,} level combinations "
        f"checked in {result.search.seconds:.2f} s[/]"
    )
