"""The default, readable scan report (Rich): per file, its findings, its columns and the
column combinations that single out rows, then a summary line."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cityprivacy.cli.render.masking import mask_value
from cityprivacy.detect.report import FileReport, ScanReport

__all__ = ["FINDINGS_SHOWN", "render_human"]

FINDINGS_SHOWN = 50
"""Findings listed per file; the rest are counted (use a machine format for all)."""


def render_human(report: ScanReport, console: Console, show_values: bool) -> None:
    for file in report.files:
        _file(file, console, show_values)
    if report.problems:  # problems of files are listed under each file above
        console.print("")
        for p in report.problems:
            console.print(f"[red]✗[/] {escape(p.describe())}")
    counts = report.counts()
    typed = sum(1 for f in report.files for t in f.tables for c in t.columns if c.entity_types)
    combos = sum(len(t.combinations) for f in report.files for t in f.tables)
    by_type = ", ".join(f"{k} {v}" for k, v in counts.most_common())
    console.print(
        f"\n[bold]{len(report.files)} file(s)[/]: {sum(counts.values())} finding(s)"
        + (f" ({escape(by_type)})" if by_type else "")
        + f", {typed} identifying column(s), {combos} risky combination(s), "
        f"{len(report.all_problems)} problem(s)"
    )


def _file(file: FileReport, console: Console, show_values: bool) -> None:
    console.print(
        f"\n[bold cyan]{escape(str(file.path))}[/] [dim]({file.format}, {file.size:,} bytes)[/]"
    )
    if file.findings:
        table = Table("type", "where", "score", "value", "category", box=None, pad_edge=False)
        for f in file.findings[:FINDINGS_SHOWN]:
            loc = f.location
            if loc.row is not None:
                where = f"row {loc.row} · {loc.field}" + (f" · {loc.table}" if loc.table else "")
            else:
                where = f"line {loc.line}:{loc.column}"
            value = f.value if show_values else mask_value(f.value)
            table.add_row(
                str(f.entity_type), escape(where), f"{f.score:.2f}", escape(value), f.category
            )
        console.print(table)
        more = sum(file.counts.values()) - min(len(file.findings), FINDINGS_SHOWN)
        if more > 0:
            console.print(f"  [dim]… and {more} more finding(s)[/]")
    for t in file.tables:
        title = f"sheet {t.name!r}, " if t.name is not None else ""
        console.print(f"  [bold]{escape(title)}{t.rows:,} row(s), {len(t.columns)} column(s)[/]")
        cols = Table(
            "column", "holds", "confidence", "match rate", "from", box=None, pad_edge=False
        )
        for c in t.columns:
            if c.is_free_text:
                counts = c.free_text.counts if c.free_text else {}
                found = ", ".join(f"{k} ×{v}" for k, v in sorted(counts.items())) or "nothing found"
                cols.add_row(escape(c.column), f"free text: {escape(found)}", "", "", "text")
            for ct in c.entity_types:
                rate = "" if ct.match_rate is None else f"{ct.match_rate:.0%}"
                cols.add_row(
                    escape(c.column), str(ct.entity_type), f"{ct.confidence:.2f}", rate, ct.source
                )
        if cols.row_count:
            console.print(cols)
        for r in t.combinations:
            sample = " (sample)" if r.sampled else ""
            console.print(
                f"  [yellow]⚠[/] {escape(' + '.join(r.columns))}: {r.unique_share:.0%} of "
                f"{r.rows:,} rows unique{sample}"
            )
    for p in file.problems:
        line = f" line {p.line}" if p.line is not None else ""
        console.print(f"  [red]✗[/]{line}: {escape(p.reason)}")
