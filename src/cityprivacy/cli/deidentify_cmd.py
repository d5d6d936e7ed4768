"""``cityprivacy deidentify``: apply a policy to a file or a folder of files.

Thin: load the policy and the key (both checked before anything is written), build the
:class:`~cityprivacy.protect.deidentify.Deidentifier`, run it with a progress bar, and
render its summary (a Rich table, and JSON with ``--json-summary``). Exit 0 when every
file was read and written in full, 2 when any problem was met (the other files are still
written) or on bad usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Column, Table

from cityprivacy.cli.errors_cli import handle_errors, stderr
from cityprivacy.config import Settings, get_settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.files import discover
from cityprivacy.errors import EXIT_OK, EXIT_USAGE
from cityprivacy.protect.deidentify import Deidentifier, DeidentifySummary, key_for_policy
from cityprivacy.protect.deidentify.summary import sorted_counts
from cityprivacy.protect.policy import load_policy
from cityprivacy.protect.table_io import atomic_output
from cityprivacy.taxonomy import load_taxonomy

__all__ = ["build_analyzer", "deidentify", "render_summary"]


def build_analyzer(settings: Settings) -> TextAnalyzer:
    """The analyzer ``deidentify`` uses (a seam for tests and embedding)."""
    return TextAnalyzer(settings=settings)


def deidentify(
    source: Annotated[
        Path, typer.Argument(metavar="IN", help="A file, or a folder (recursively).")
    ],
    output: Annotated[
        Path,
        typer.Argument(
            metavar="OUT",
            help="The output file (its extension may change a table's format), or folder.",
        ),
    ],
    policy_file: Annotated[
        Path, typer.Option("--policy", "-p", help="The policy (YAML).", show_default=False)
    ],
    key_file: Annotated[
        Path | None,
        typer.Option(
            "--key-file",
            help="Secret key file (else the policy's key_file, "
            "CITYPRIVACY_KEY_FILE or CITYPRIVACY_KEY).",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=0, help="Processes for table batches (0: all cores)."),
    ] = None,
    json_summary: Annotated[
        Path | None, typer.Option("--json-summary", help="Also write the summary as JSON here.")
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Show a progress bar on standard error (default: when it is a terminal).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """De-identify text files and tables (CSV, Parquet, JSON lines, Excel) with a policy.

    Free text goes through the detector; table columns are classified as `scan` does and
    get the policy's rule. Output is written atomically, in the input's format (or OUT's
    extension). Exit 0: all written; 2: a problem (listed) or bad usage.

    Example: cityprivacy deidentify extract.csv safe.csv --policy caseworker.yaml --key-file k
    """
    with handle_errors():
        settings = get_settings()
        policy = load_policy(policy_file, taxonomy=load_taxonomy(settings.taxonomy_override))
        key = key_for_policy(policy, settings, key_file=key_file)
        engine = Deidentifier(policy, key, settings, build_analyzer(settings), workers=workers)
        summary = _run(engine, source, output, progress)
        if json_summary is not None:
            with atomic_output(json_summary) as tmp:
                tmp.write_text(json.dumps(summary.to_dict(), indent=2), encoding="utf-8")
    render_summary(summary, Console())
    problems = summary.all_problems
    for p in problems:
        stderr.print(f"[bold red]error:[/] {escape(p.describe())}", soft_wrap=True)
    raise typer.Exit(EXIT_USAGE if problems else EXIT_OK)


def _run(
    engine: Deidentifier, source: Path, output: Path, progress: bool | None
) -> DeidentifySummary:
    show = progress if progress is not None else sys.stderr.isatty()
    if not show:
        return engine.files(source, output)
    total = sum(f.size for f in discover([source], lambda _: None)) or 1
    columns = (TextColumn("de-identifying"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("de-identifying", total=total)
        return engine.files(source, output, lambda n: bar.advance(task, n))


def render_summary(summary: DeidentifySummary, console: Console) -> None:
    """The summary as Rich tables: what was protected, and what each file left untouched."""
    key = summary.key_fingerprint or "none (no rule needs one)"
    console.print(
        f"policy {escape(summary.policy)} (version {escape(summary.policy_version)}), key "
        f"fingerprint {key}, {summary.workers} worker(s): {summary.files_written} of "
        f"{len(summary.files)} file(s) written, {summary.rows:,} row(s)",
        soft_wrap=True,
    )
    counts = Table("entity type", "operator", "values", title="Protected values")
    for entity, operator, n in sorted_counts(summary.counts):
        counts.add_row(entity or "(untyped column)", operator, f"{n:,}")
    console.print(counts)
    files = Table(
        Column("file", overflow="fold"),
        "format",
        "rows",
        "written",
        Column("untouched columns", overflow="fold"),
        title="Files",
    )
    for f in summary.files:
        untouched = ", ".join(f.untouched_columns) if f.tables else "—"
        files.add_row(
            escape(str(f.input)),
            f.format,
            f"{f.rows:,}" if f.tables else "—",
            "yes" if f.written else "[bold red]no[/]",
            escape(untouched) or "none",
        )
    console.print(files)
    for f in summary.files:
        for note in f.notes:
            console.print(f"note: {escape(str(f.input))}: {escape(note)}", soft_wrap=True)
