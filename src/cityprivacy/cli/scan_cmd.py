"""``cityprivacy scan``: find identifying information in files and folders.

Exit codes make it a CI gate: 0 nothing at or above ``--fail-on``, 1 findings, 2 bad usage
or a file that could not be (fully) read. Files that cannot be read are reported and the
scan goes on; the report still covers every other file.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from cityprivacy.cli.errors_cli import fail, handle_errors, stderr
from cityprivacy.cli.render import OutputFormat, render
from cityprivacy.config import Settings, get_settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.files.scan import FileScanner
from cityprivacy.detect.report import Hit, ScanReport
from cityprivacy.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UnknownEntityError

__all__ = ["FailOn", "build_analyzer", "scan"]

_COMBINATION = {"combination", "combinations"}
_NEVER = {"none", "never"}


def build_analyzer(settings: Settings) -> TextAnalyzer:
    """The analyzer a scan uses (a seam for tests and embedding)."""
    return TextAnalyzer(settings=settings)


@dataclass(frozen=True, slots=True)
class FailOn:
    """Which hits fail the run: a score, or entity types / taxonomy categories at ``min_score``."""

    min_score: float
    names: frozenset[str] | None = None
    never: bool = False

    @classmethod
    def parse(cls, spec: str | None, min_score: float, categories: set[str]) -> FailOn:
        if spec is None or not spec.strip():
            return cls(min_score)
        spec = spec.strip()
        try:
            score = float(spec)
        except ValueError:
            pass
        else:
            if not 0.0 <= score <= 1.0:
                raise UnknownEntityError(f"--fail-on score {spec} is outside 0..1")
            return cls(score)
        names = {part.strip() for part in spec.split(",") if part.strip()}
        if names & _NEVER:
            return cls(min_score, never=True)
        known = {str(e) for e in EntityType} | categories | _COMBINATION
        lowered = {k.lower(): k for k in known}
        unknown = sorted(n for n in names if n not in known and n.lower() not in lowered)
        if unknown:
            raise UnknownEntityError(
                f"--fail-on: unknown entity type or category {', '.join(unknown)}; use a score "
                "(0.8), entity types (US_SSN), taxonomy categories, 'combination' or 'none'"
            )
        return cls(min_score, frozenset(lowered.get(n.lower(), n).lower() for n in names))

    def fails(self, hit: Hit) -> bool:
        if self.never or hit.score < self.min_score:
            return False
        if self.names is None:
            return True
        if hit.kind == "combination":
            return bool(self.names & _COMBINATION)
        entity = str(hit.entity_type).lower() if hit.entity_type else ""
        return entity in self.names or hit.category.lower() in self.names


@contextmanager
def _destination(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        return
    try:
        handle = output.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}") from None
    with handle:
        yield handle


def scan(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files and folders to scan (folders recursively).", show_default=False),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Report format.", case_sensitive=False),
    ] = OutputFormat.HUMAN,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file, not standard output."),
    ] = None,
    show_values: Annotated[
        bool,
        typer.Option("--show-values", help="Print matched values in clear (default: ***-**-6789)."),
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding reaches this score (0.8), or is one of these entity "
            "types or taxonomy categories (US_SSN,contact_information,combination); 'none' "
            "never fails. Default: any finding at or above the minimum score.",
        ),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option("--min-score", min=0.0, max=1.0, help="Drop findings scored below this."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=0, help="Processes for free text (0: all cores)."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Show a progress bar on standard error (default: when it is a terminal).",
            show_default=False,
        ),
    ] = None,
    combinations: Annotated[
        bool,
        typer.Option(
            "--combinations/--no-combinations",
            help="Check which columns single out rows alone or combined.",
        ),
    ] = True,
) -> None:
    """Scan files and folders for identifying information: CSV/TSV, Parquet, JSON lines,
    Excel, text and Markdown.

    Table columns are classified from their names and sampled values; free-text columns and
    text files are analyzed in full. Exit code 0: clean, 1: findings, 2: bad usage or a file
    that could not be read.

    Example: cityprivacy scan data/ --format sarif -o privacy.sarif --fail-on 0.8
    """
    with handle_errors():
        base = get_settings()
        overrides: dict[str, object] = {}
        if min_score is not None:
            overrides["min_score"] = min_score
        if workers is not None:
            overrides["workers"] = workers
        settings = base.model_copy(update=overrides) if overrides else base
        analyzer = build_analyzer(settings)
        categories = {analyzer.taxonomy.category_for(e) for e in EntityType}
        gate = FailOn.parse(fail_on, settings.min_score, categories)
        scanner = FileScanner(analyzer, settings, workers=workers, combinations=combinations)
        report = _run(scanner, paths, progress)
    problems = report.all_problems
    if output_format is not OutputFormat.HUMAN or output is not None:
        for p in problems:
            stderr.print(f"[bold red]error:[/] {escape(p.describe())}", soft_wrap=True)
    with _destination(output) as out:
        render(report, output_format, out, show_values=show_values)
    if problems:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if any(gate.fails(h) for h in report.hits()) else EXIT_OK)


def _run(scanner: FileScanner, paths: list[Path], progress: bool | None) -> ScanReport:
    show = progress if progress is not None else sys.stderr.isatty()
    files, problems = scanner.discover(paths)
    report = ScanReport(problems=problems)
    if not show:
        report.files = [scanner.scan_file(f) for f in files]
        return report
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("scanning", total=sum(f.size for f in files) or 1)
        for file in files:
            bar.update(task, description=escape(file.path.name))
            report.files.append(scanner.scan_file(file, lambda n: bar.advance(task, n)))
    return report
