"""``cityprivacy release``: publish statistics safely.

Two subcommands, because the two methods take different options and give different
guarantees:

* ``release table``: counts and sums by one or two columns with margins, small cells
  suppressed (primary and complementary) and the result audited;
* ``release dp``: differentially private counts, sums and means through OpenDP, with an
  epsilon budget, its split and the expected accuracy (``--plan`` shows only those).

Thin: reads with :func:`read_table`, calls :mod:`cityprivacy.protect.release`, renders with
Rich (or JSON with ``--json``) and writes the released table atomically with ``-o``.
Exit 2 on bad input.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.config import get_settings
from cityprivacy.errors import InputError
from cityprivacy.protect.release import (
    Bounds,
    Cell,
    DPPlan,
    DPRelease,
    DPRequest,
    Status,
    SuppressedTable,
    accuracy_sentences,
    cross_tabulate,
    declared_keys,
    dp_report,
    dp_rows,
    feasible_intervals,
    plan_release,
    plan_report,
    recoverable_cells,
    release_dp,
    sum_layer,
    suppress_small_cells,
    table_report,
    table_rows,
)
from cityprivacy.protect.release.columns import parse_columns
from cityprivacy.protect.release.crosstab import COUNT, TOTAL_LABEL
from cityprivacy.protect.table_io import read_table, write_table

__all__ = ["app", "parse_bounds"]

SUPPRESSED_MARK = "x"

app = typer.Typer(
    help="Publish statistics safely: small-cell suppression, or differential privacy.\n\n"
    "Example: cityprivacy release table clients.csv --by borough,age_band",
    no_args_is_help=True,
)

ByOption = Annotated[
    str,
    typer.Option(
        "--by",
        help="One or two group columns, comma-separated: borough,age_band.",
        show_default=False,
    ),
]
CountOption = Annotated[
    bool | None,
    typer.Option(
        "--count/--no-count",
        help="Publish counts (default: yes, unless only --sum/--mean are asked for).",
        show_default=False,
    ),
]
SumOption = Annotated[
    list[str] | None,
    typer.Option(
        "--sum", help="Publish the sum of this numeric column (repeatable).", show_default=False
    ),
]
SheetOption = Annotated[
    str | None, typer.Option("--sheet", help="Excel sheet to read (default: the first).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the released table here (.csv .tsv .parquet .jsonl .xlsx), atomically.",
    ),
]


@app.command("table")
def table(
    path: Annotated[
        Path,
        typer.Argument(help="The table (CSV/TSV, Parquet, JSON lines, Excel).", show_default=False),
    ],
    by: ByOption,
    count: CountOption = None,
    sums: SumOption = None,
    threshold: Annotated[
        int | None,
        typer.Option(
            "--threshold",
            "-t",
            min=1,
            help="Suppress counts below this (default: CITYPRIVACY_SMALL_CELL_THRESHOLD, 5).",
            show_default=False,
        ),
    ] = None,
    zeros_sensitive: Annotated[
        bool,
        typer.Option("--zeros-sensitive", help="Treat empty cells (count 0) as sensitive too."),
    ] = False,
    sheet: SheetOption = None,
    as_json: JsonOption = False,
    output: OutputOption = None,
) -> None:
    """Counts (and sums) by one or two columns, with margins, small cells suppressed.

    Cells below the threshold are suppressed (primary), then enough other cells that none
    can be worked out from the totals (complementary); an exact audit checks it.

    Example: cityprivacy release table clients.csv --by borough,age_band --sum benefit -o out.csv
    """
    with handle_errors():
        settings = get_settings()
        columns = parse_columns(by)
        summed = list(dict.fromkeys(sums or []))
        publish_count = count if count is not None else not summed
        if not publish_count and not summed:
            raise InputError("nothing to publish: drop --no-count or add --sum COLUMN")
        data = read_table(path, settings, sheet=sheet)
        crosstab = cross_tabulate(data, columns, summed, source=str(path))
        result = suppress_small_cells(
            crosstab,
            threshold or settings.small_cell_threshold,
            zeros_sensitive=zeros_sensitive,
        )
        layers = ([COUNT] if publish_count else []) + [sum_layer(c) for c in summed]
        if output is not None:
            write_table(table_rows(result, layers), output)
    if as_json:
        typer.echo(json.dumps(table_report(result, layers), indent=2))
        return
    console = Console()
    if output is None:
        _render_crosstab(console, result, layers)
    for line in _table_summary(result, layers):
        console.print(escape(line), soft_wrap=True)
    if output is not None:
        console.print(f"wrote {escape(str(output))}")


def parse_bounds(specs: list[str], columns: list[str]) -> dict[str, Bounds]:
    """``--bounds`` values (``LO,HI`` for every column, or ``COLUMN=LO,HI``) per column."""
    default: Bounds | None = None
    named: dict[str, Bounds] = {}
    for spec in specs:
        column, sep, rest = spec.partition("=")
        if sep:
            if column.strip() not in columns:
                raise InputError(
                    f"--bounds {spec!r}: {column.strip()!r} is not a --sum/--mean column"
                )
            named[column.strip()] = Bounds.parse(rest)
        else:
            default = Bounds.parse(spec)
    result = {}
    for column in columns:
        bounds = named.get(column, default)
        if bounds is None:
            raise InputError(
                f"column {column!r} needs bounds to be summed privately: "
                f"--bounds LO,HI or --bounds {column}=LO,HI"
            )
        result[column] = bounds
    return result


@app.command("dp")
def dp(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The table (CSV/TSV, Parquet, JSON lines, Excel); not needed with --plan.",
            show_default=False,
        ),
    ] = None,
    by: ByOption = "",
    epsilon: Annotated[
        float | None,
        typer.Option(
            "--epsilon",
            "-e",
            help="Privacy budget for the whole release (> 0).",
            show_default=False,
        ),
    ] = None,
    count: CountOption = None,
    sums: SumOption = None,
    means: Annotated[
        list[str] | None,
        typer.Option(
            "--mean",
            help="Publish the mean of this numeric column (repeatable).",
            show_default=False,
        ),
    ] = None,
    bounds: Annotated[
        list[str] | None,
        typer.Option(
            "--bounds",
            help="Clamp summed/averaged values to LO,HI (every column), or COLUMN=LO,HI.",
            show_default=False,
        ),
    ] = None,
    keys: Annotated[
        Path | None,
        typer.Option(
            "--keys",
            help="A table whose --by columns list the groups to publish (public, declared in "
            "advance, not read from the data).",
            show_default=False,
        ),
    ] = None,
    delta: Annotated[
        float | None,
        typer.Option(
            "--delta",
            help="Instead of --keys: take the groups from the data (stability-based release), "
            "with this delta (e.g. 1e-7).",
            show_default=False,
        ),
    ] = None,
    contributions: Annotated[
        int,
        typer.Option("--contributions", help="Most rows one person can have in the table."),
    ] = 1,
    confidence: Annotated[
        float, typer.Option("--confidence", help="Confidence of the accuracy figures.")
    ] = 0.95,
    plan_only: Annotated[
        bool, typer.Option("--plan", help="Only show the budget split and accuracy; read no data.")
    ] = False,
    sheet: SheetOption = None,
    as_json: JsonOption = False,
    output: OutputOption = None,
) -> None:
    """Differentially private counts, sums and means by group, through OpenDP.

    The epsilon budget is split evenly over the statistics; each one's expected accuracy
    is shown. Groups are declared with --keys, or taken from the data with --delta.

    Example: cityprivacy release dp data.csv --by borough -e 1 --keys boroughs.csv
    """
    with handle_errors():
        if not by.strip():
            raise InputError("--by is required: one or two group columns")
        if epsilon is None:
            raise InputError("--epsilon is required: the privacy budget of the release (> 0)")
        if keys is not None and delta is not None:
            raise InputError(
                "give --keys (declared groups) or --delta (groups from the data), not both"
            )
        summed = list(dict.fromkeys(sums or []))
        averaged = list(dict.fromkeys(means or []))
        limits = parse_bounds(bounds or [], list(dict.fromkeys(summed + averaged)))
        request = DPRequest(
            by=parse_columns(by),
            epsilon=epsilon,
            count=count if count is not None else not (summed or averaged),
            sums={c: limits[c] for c in summed},
            means={c: limits[c] for c in averaged},
            delta=delta,
            contributions=contributions,
            confidence=confidence,
        )
        if plan_only:
            plan = plan_release(request)
        else:
            if path is None:
                raise InputError("give the table to release (or --plan to see the budget only)")
            if keys is None and delta is None:
                raise InputError(
                    "declare the groups with --keys FILE, or give --delta to take them from the "
                    "data (stability-based release)"
                )
            declared = (
                declared_keys(read_table(keys, get_settings()), request.by, source=str(keys))
                if keys is not None
                else None
            )
            data = read_table(path, get_settings(), sheet=sheet)
            release = release_dp(data, request, declared, source=str(path))
            if output is not None:
                write_table(dp_rows(release), output)
    if plan_only:
        _print_plan(plan, as_json)
        return
    if as_json:
        typer.echo(json.dumps(dp_report(release), indent=2))
        return
    console = Console()
    if output is None:
        _render_dp(console, release)
    for line in _dp_summary(release):
        console.print(escape(line), soft_wrap=True)
    if output is not None:
        console.print(f"wrote {escape(str(output))}")


# --- rendering ----------------------------------------------------------------------------


def _shown(layer: str, value: float) -> str:
    return f"{round(value):,}" if layer == COUNT else f"{value:,.2f}"


def _label(text: str) -> str:
    return escape(text) if text else "(empty)"


def _column(header: str) -> Column:
    return Column(header, overflow="fold", justify="right")


def _render_crosstab(console: Console, result: SuppressedTable, layers: list[str]) -> None:
    crosstab = result.table
    hidden = result.suppressed
    rows, columns = crosstab.shape

    def value(layer: str, cell: Cell) -> str:
        if hidden[cell]:
            return SUPPRESSED_MARK
        return _shown(layer, float(crosstab.layers[layer][cell]))

    def row_label(i: int) -> str:
        return TOTAL_LABEL if i == rows - 1 else _label(crosstab.row_labels[i])

    if not crosstab.two_way:
        grid = Table(
            Column(escape(crosstab.by[0]), overflow="fold"),
            *(_column(escape(layer)) for layer in layers),
        )
        for i in range(rows):
            grid.add_row(row_label(i), *(value(layer, Cell(i, 0)) for layer in layers))
        console.print(grid)
        return
    for layer in layers:
        headers = [_label(c) for c in crosstab.column_labels] + [TOTAL_LABEL]
        grid = Table(
            Column(f"{escape(crosstab.by[0])} \\ {escape(crosstab.by[1])}", overflow="fold"),
            *(_column(h) for h in headers),
            title=escape(layer),
        )
        for i in range(rows):
            grid.add_row(row_label(i), *(value(layer, Cell(i, j)) for j in range(columns)))
        console.print(grid)


def _table_summary(result: SuppressedTable, layers: list[str]) -> list[str]:
    primary, complementary = result.count(Status.PRIMARY), result.count(Status.COMPLEMENTARY)
    rule = f"Threshold {result.threshold}{' (zeros sensitive)' if result.zeros_sensitive else ''}"
    if primary + complementary == 0:
        return [f"{rule}: no cell below it, nothing suppressed."]
    lines = [
        f"{SUPPRESSED_MARK} = suppressed. {rule}: {primary} cell(s) below it, and "
        f"{complementary} more so that they cannot be worked out from the totals."
    ]
    if recoverable_cells(result):  # pragma: no cover - the heuristic guarantees it
        lines.append("AUDIT FAILED: some suppressed cells can be recovered; do not publish.")
        return lines
    layer = layers[0]
    intervals = feasible_intervals(result, layer)
    narrowest = min(intervals.values(), key=lambda i: i.width)
    upper = "unbounded" if math.isinf(narrowest.upper) else _shown(layer, narrowest.upper)
    lines.append(
        f"Audit: no suppressed cell can be recovered from the published ones; the narrowest "
        f"range a suppressed {layer} could take is {_shown(layer, narrowest.lower)} to {upper}."
    )
    return lines


def _print_plan(plan: DPPlan, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(plan_report(plan), indent=2))
        return
    console = Console()
    console.print(_budget_line(plan), soft_wrap=True)
    for line in accuracy_sentences(plan):
        console.print(f"  {escape(line)}", soft_wrap=True)
    console.print("Plan only: no data read, nothing released.")


def _budget_line(plan: DPPlan) -> str:
    request = plan.request
    spent = f"epsilon {request.epsilon:g}"
    if request.delta is not None:
        spent += f", delta {request.delta:g}"
    return (
        f"Budget {spent}, split evenly over {len(plan.statistics)} statistic(s); "
        f"privacy unit: one person with up to {request.contributions} row(s)."
    )


def _render_dp(console: Console, release: DPRelease) -> None:
    rows = dp_rows(release)
    by = set(release.plan.request.by)
    grid = Table(
        *(
            Column(escape(name), overflow="fold") if name in by else _column(escape(name))
            for name in rows.column_names
        ),
        title="differentially private",
    )
    for record in rows.to_pylist():
        grid.add_row(*(_dp_value(name, record[name]) for name in rows.column_names))
    console.print(grid)


def _dp_value(name: str, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return _label(value)
    return f"{value:,}" if name == COUNT else f"{value:,.2f}"


def _dp_summary(release: DPRelease) -> list[str]:
    lines = [
        _budget_line(release.plan),
        f"OpenDP's privacy maps: epsilon spent {release.epsilon_spent:.6g}.",
    ]
    lines += [f"  {line}" for line in accuracy_sentences(release.plan)]
    if release.outside_keys is not None:
        lines.append(
            f"Rows outside the declared groups (noisy, not published as a group): "
            f"{release.outside_keys:,}."
        )
    if not release.keys:
        lines.append("No group was released.")
    return lines
