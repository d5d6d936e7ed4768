"""``cityprivacy detect``: analyze one text, or a JSON-lines stream of ``{"text": ...}`` objects.

With ``--jsonl``, each output line is the input object plus ``findings``, in input order;
texts are analyzed on ``--workers`` processes with
:func:`~cityprivacy.detect.parallel.analyze_many`, streaming, so inputs of any length work.
A bad input line (invalid JSON or UTF-8, not an object, no string ``text``) is reported on
standard error with its line number and skipped; the exit code is then 2. Findings are the
output of this command, not a failure: it exits 0 otherwise (use ``scan`` as a CI gate).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from typing import IO, Annotated, Any, BinaryIO

import typer

from cityprivacy.cli.errors_cli import handle_errors, stderr
from cityprivacy.config import Settings, get_settings
from cityprivacy.detect.analyzer import TextAnalyzer, parse_entities
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.parallel import analyze_many
from cityprivacy.errors import EXIT_OK, EXIT_USAGE, InputError

__all__ = ["build_analyzer", "detect", "finding_json"]


def build_analyzer(settings: Settings) -> TextAnalyzer:
    """The analyzer ``detect`` uses in this process (a seam for tests and embedding)."""
    return TextAnalyzer(settings=settings)


def finding_json(f: Finding) -> dict[str, Any]:
    """The ``findings`` item of ``detect``: type, span, score and taxonomy category."""
    return {
        "entity_type": str(f.entity_type),
        "start": f.start,
        "end": f.end,
        "score": round(f.score, 4),
        "category": f.category,
    }


class _Lines:
    """Valid input records, in order; bad lines are reported and counted."""

    def __init__(self, source: BinaryIO) -> None:
        self.source = source
        self.pending: deque[dict[str, Any]] = deque()
        self.bad = 0

    def _bad(self, number: int, reason: str) -> None:
        self.bad += 1
        stderr.print(f"[bold red]error:[/] line {number}: {reason}; line skipped", soft_wrap=True)

    def texts(self) -> Iterator[str]:
        for number, raw in enumerate(self.source, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                self._bad(number, f"invalid UTF-8 at byte {exc.start}")
                continue
            except json.JSONDecodeError as exc:
                self._bad(number, f"invalid JSON ({exc.msg}, column {exc.colno})")
                continue
            if not isinstance(record, dict):
                self._bad(number, f"a JSON {type(record).__name__}, not an object")
                continue
            if "text" not in record:
                self._bad(number, "no 'text' field")
                continue
            if not isinstance(record["text"], str):
                self._bad(number, f"'text' is a {type(record['text']).__name__}, not a string")
                continue
            self.pending.append(record)
            yield record["text"]


def _open_in(name: str) -> BinaryIO:
    if name == "-":
        return typer.get_binary_stream("stdin")
    try:
        return open(name, "rb")
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None


def _open_out(name: str) -> IO[str]:
    if name == "-":
        return typer.get_text_stream("stdout")
    try:
        return open(name, "w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{name}: cannot write ({exc.strerror})") from None


def detect(
    text: Annotated[
        str | None,
        typer.Argument(
            help="A text to analyze; with --jsonl, the JSON-lines file to read "
            "(standard input when omitted or '-').",
            show_default=False,
        ),
    ] = None,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl", help="Read JSON lines, each an object with a 'text' field, and stream out."
        ),
    ] = False,
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output file; '-' is standard output.")
    ] = "-",
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=0, help="Processes to use (0: all cores)."),
    ] = None,
    entities: Annotated[
        str | None,
        typer.Option(
            "--entities", "-e", help="Only these entity types, comma-separated (US_SSN,IMEI)."
        ),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option("--min-score", min=0.0, max=1.0, help="Drop findings scored below this."),
    ] = None,
) -> None:
    """Find identifying information in a text, or in each line of a JSON-lines file.

    Each output line is the input object plus "findings": [{entity_type, start, end, score,
    category}]. Bad input lines are reported on stderr and skipped (exit code 2).

    Examples: cityprivacy detect --jsonl messages.jsonl -o messages.findings.jsonl
              cat messages.jsonl | cityprivacy detect --jsonl > findings.jsonl
    """
    with handle_errors():
        settings = get_settings()
        wanted = parse_entities(entities.split(",")) if entities else None
        names = [str(e) for e in wanted] if wanted else None
        if not jsonl:
            if text is None:
                raise InputError("give a TEXT to analyze, or --jsonl [FILE] (stdin by default)")
            analyzer = build_analyzer(settings)
            found = analyzer.analyze(text, entities=names, min_score=min_score)
            out = _open_out(output)
            out.write(json.dumps([finding_json(f) for f in found]) + "\n")
            out.flush()
            raise typer.Exit(EXIT_OK)
        path = text or "-"
        source = _open_in(path)
        out = _open_out(output)
        lines = _Lines(source)
        try:
            results = analyze_many(
                lines.texts(), workers=workers, entities=names, min_score=min_score,
                settings=settings, analyzer=build_analyzer(settings),
            )  # fmt: skip
            for found in results:
                record = lines.pending.popleft()
                record["findings"] = [finding_json(f) for f in found]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        finally:
            if path != "-":
                source.close()
            if output != "-":
                out.close()
    raise typer.Exit(EXIT_USAGE if lines.bad else EXIT_OK)
