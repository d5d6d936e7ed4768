"""``cityprivacy link``: privacy-preserving record linkage across agencies.

Thin: each command parses its options, calls :mod:`cityprivacy.link` and renders. Keys
come from :func:`cityprivacy.protect.keys.load_key` (the CLI is the layer that may use
both ``protect`` and ``link``); the secret is never printed, only its fingerprint.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from cityprivacy.cli.errors_cli import handle_errors, stderr
from cityprivacy.config import get_settings
from cityprivacy.errors import EXIT_OK, EXIT_USAGE, InputError, UnsupportedFormatError
from cityprivacy.link import (
    Assignment,
    BlockingMode,
    ClearRecords,
    Encodings,
    RecordProblem,
    blocking_stats,
    check_compatible,
    encode_file,
    evaluate_pairs,
    load_schema,
    match_encodings,
    read_linkage_file,
    read_pairs,
    truth_from_pattern,
    write_linkage_file,
)
from cityprivacy.link.match import Matches
from cityprivacy.link.splink_method import clear_records_from_file, splink_match
from cityprivacy.protect.keys import load_key

if TYPE_CHECKING:
    from cityprivacy.link.spark import SparkMatches

__all__ = ["app"]

app = typer.Typer(
    help="Link records across agencies without exchanging raw identifiers: encode, match, "
    "evaluate, block.\n\nExample: cityprivacy link encode clients.csv a.parquet --schema city "
    "--key-file shared.key",
    no_args_is_help=True,
)

_SHOWN_PROBLEMS = 20


class Method(StrEnum):
    """``bloom``: keyed Bloom-filter encodings; ``splink``: clear values, Splink."""

    BLOOM = "bloom"
    SPLINK = "splink"


class Engine(StrEnum):
    """``local``: this process (Splink on DuckDB); ``spark``: a Spark session."""

    LOCAL = "local"
    SPARK = "spark"


EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="local: this process (Splink on DuckDB); spark: a Spark session, local[*] or "
        "--spark-master (pip install 'cityprivacy[spark]').",
    ),
]
SparkMasterOption = Annotated[
    str | None,
    typer.Option(
        "--spark-master",
        help="Spark master URL for --engine spark (default: spark-submit's, else local[*]).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]
ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar on standard error (default: when it is a terminal).",
        show_default=False,
    ),
]


def _show(progress: bool | None) -> bool:
    return progress if progress is not None else sys.stderr.isatty()


@contextmanager
def _bar(show: bool, label: str, total: int | None) -> Iterator[Callable[[int, int], None]]:
    """A callback ``(done, total)`` that drives a Rich progress bar (or does nothing)."""
    if not show:
        yield lambda done, total: None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)

        def update(done: int, new_total: int) -> None:
            bar.update(task, completed=done, total=new_total or None)

        yield update


def _report_problems(problems: Sequence[RecordProblem], source: Path) -> None:
    for p in problems[:_SHOWN_PROBLEMS]:
        stderr.print(
            f"[yellow]warning:[/] {escape(str(source))}: {escape(p.describe())}", soft_wrap=True
        )
    if len(problems) > _SHOWN_PROBLEMS:
        stderr.print(
            f"[yellow]warning:[/] … and {len(problems) - _SHOWN_PROBLEMS:,} more", soft_wrap=True
        )


def _emit(summary: dict[str, Any], as_json: bool, lines: Sequence[str]) -> None:
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
    else:
        console = Console(highlight=False)
        for line in lines:
            console.print(line, soft_wrap=True)


@app.command("encode")
def encode(
    source: Annotated[
        Path, typer.Argument(metavar="IN", help="Records: CSV/TSV, Parquet, JSON lines, Excel.")
    ],
    output: Annotated[
        Path, typer.Argument(metavar="OUT", help="Encodings file (.parquet or .csv).")
    ],
    schema_path: Annotated[
        str,
        typer.Option("--schema", "-s", help="Linkage schema YAML, or a shipped one: city, febrl."),
    ],
    key_file: Annotated[
        Path | None,
        typer.Option(
            "--key-file", help="The shared secret (else CITYPRIVACY_KEY_FILE or CITYPRIVACY_KEY)."
        ),
    ] = None,
    method: Annotated[
        Method, typer.Option("--method", help="bloom (encodings) or splink (clear values).")
    ] = Method.BLOOM,
    engine: EngineOption = Engine.LOCAL,
    spark_master: SparkMasterOption = None,
    progress: ProgressOption = None,
    as_json: JsonOption = False,
) -> None:
    """Encode records for linkage with keyed Bloom filters (or normalize them for Splink).

    Both agencies use the same schema and shared secret; the output holds record ids and
    encodings (never the clear values), with the schema and key fingerprints. Rows that
    cannot be read or have no id are reported by line and skipped (exit 2, the rest is
    written); values that are not valid for their kind are reported and left out.

    With --engine spark, Spark reads IN (CSV/TSV, Parquet, JSON lines, or a directory)
    and writes OUT as a directory of Parquet parts (bloom method only; rows without an id
    or any field are left out, not reported by line).

    Example: cityprivacy link encode clients.csv a.parquet --schema city --key-file shared.key
    """
    if engine is Engine.SPARK:
        from cityprivacy.cli.link_spark import encode_on_spark

        encode_on_spark(source, output, schema_path, key_file, method, spark_master, as_json)
        return
    with handle_errors():
        settings = get_settings()
        schema = load_schema(schema_path)
        total = Path(source).stat().st_size if Path(source).is_file() else None
        with _bar(_show(progress), "encoding", total) as update:

            def on_bytes(done: int) -> None:
                update(done, total or 0)

            records: Encodings | ClearRecords
            if method is Method.SPLINK:
                records, problems = clear_records_from_file(source, schema, settings, on_bytes)
            else:
                key = load_key(settings, key_file=key_file)
                records, problems = encode_file(source, schema, key, settings, on_bytes)
        write_linkage_file(records, output)
    _report_problems(problems, source)
    skipped = sum(1 for p in problems if p.field is None)
    meta = records.meta
    summary = {
        "output": str(output), "method": meta.method, "records": len(records),
        "rows_skipped": skipped, "values_left_out": len(problems) - skipped,
        "schema": meta.schema_name, "schema_fingerprint": meta.schema_fingerprint,
        "key_fingerprint": meta.key_fingerprint, "bits": meta.bits,
        "blocking_passes": len(meta.blocking),
    }  # fmt: skip
    what = f"{meta.bits}-bit encodings" if meta.method == "bloom" else "normalized clear values"
    key_text = f", key {meta.key_fingerprint}" if meta.key_fingerprint else ""
    lines = [
        f"{len(records):,} records → {escape(str(output))} ({what}; schema "
        f"{escape(meta.schema_name)} {meta.schema_fingerprint[:12]}{key_text})",
        f"{skipped:,} rows skipped, {len(problems) - skipped:,} values left out",
    ]
    _emit(summary, as_json, lines)
    raise typer.Exit(EXIT_USAGE if skipped else EXIT_OK)


def _write_matches(table: pa.Table, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet", ".pq"):
        raise UnsupportedFormatError(f"{path}: write matches as .csv or .parquet")
    if not path.parent.is_dir():
        raise InputError(f"{path}: the output directory {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.partial")
    try:
        if suffix == ".csv":
            pacsv.write_csv(table, tmp)
        else:
            pq.write_table(table, tmp)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror}") from None


@app.command("match")
def match(
    file_a: Annotated[Path, typer.Argument(metavar="A", help="Encodings of agency A.")],
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            "-t",
            help="Keep pairs scoring at least this, in [0, 1].",
            show_default=False,
        ),
    ],
    file_b: Annotated[
        Path | None, typer.Argument(metavar="[B]", help="Encodings of agency B.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Matches file (.csv or .parquet).")
    ] = None,
    dedupe: Annotated[
        bool, typer.Option("--dedupe", help="Find duplicates within A (no B).")
    ] = False,
    assignment: Annotated[
        Assignment | None,
        typer.Option(
            "--assignment",
            help="greedy or optimal one-to-one (SciPy), or all pairs. "
            "Default: greedy when linking, all when deduplicating.",
        ),
    ] = None,
    blocking: Annotated[
        BlockingMode, typer.Option("--blocking", help="auto (keys if present), keys, lsh or none.")
    ] = BlockingMode.AUTO,
    method: Annotated[
        Method | None, typer.Option("--method", help="Check the files were made for this method.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=0, help="Threads (0: all cores).")
    ] = None,
    engine: EngineOption = Engine.LOCAL,
    spark_master: SparkMasterOption = None,
    progress: ProgressOption = None,
    as_json: JsonOption = False,
) -> None:
    """Match two encodings files (or deduplicate one) by Dice similarity, one-to-one.

    Files made with different schemas or keys are refused. With clear files from
    `encode --method splink`, Splink scores the pairs (match probability) instead.
    With --engine spark, the same job runs on Spark (blocking keys or LSH; A and B may be
    directories written by `encode --engine spark`), and Splink runs on Spark.

    Example: cityprivacy link match a.parquet b.parquet --threshold 0.62 -o matches.csv
    """
    if engine is Engine.SPARK:
        from cityprivacy.cli.link_spark import match_on_spark

        match_on_spark(file_a, file_b, threshold, output, dedupe, assignment, blocking, method,
                        spark_master, as_json)  # fmt: skip
        return
    with handle_errors():
        if dedupe == (file_b is not None):
            raise InputError("give two files to link, or one file with --dedupe")
        a = read_linkage_file(file_a)
        b = None if file_b is None else read_linkage_file(file_b)
        if b is not None:
            check_compatible(a.meta, b.meta, str(file_a), str(file_b))
        kind = Method.SPLINK if isinstance(a, ClearRecords) else Method.BLOOM
        if method is not None and method is not kind:
            raise InputError(
                f"{file_a} holds {a.meta.method} records; encode with --method {method.value}"
            )
        chosen = assignment or (Assignment.ALL if dedupe else Assignment.GREEDY)
        with _bar(_show(progress), "matching", None) as update:
            if isinstance(a, ClearRecords):
                assert b is None or isinstance(b, ClearRecords)
                result = splink_match(a, b, threshold, assignment=chosen)
                ids_a, ids_b = (
                    a.table.column("id").combine_chunks(),
                    None if b is None else b.table.column("id").combine_chunks(),
                )
            else:
                assert b is None or isinstance(b, Encodings)
                result = match_encodings(a, b, threshold, assignment=chosen, blocking=blocking,
                                         workers=workers or None, progress=update)  # fmt: skip
                ids_a, ids_b = a.ids, None if b is None else b.ids
        table = result.to_table(ids_a, ids_a if ids_b is None else ids_b)
        if output is not None:
            _write_matches(table, output)
    _match_summary(result, table, kind, chosen, threshold, output, as_json)


def _match_summary(
    result: Matches | SparkMatches, table: pa.Table, kind: Method, chosen: Assignment,
    threshold: float, output: Path | None, as_json: bool, engine: str = "local",
) -> None:  # fmt: skip
    scoring = result.compare_seconds or result.seconds
    rate = result.compared / scoring if scoring else 0.0
    summary = {
        "output": None if output is None else str(output), "method": kind.value,
        "engine": engine, "matches": len(result), "compared": result.compared,
        "all_pairs": result.all_pairs,
        "blocking": result.blocking.value, "assignment": chosen.value, "threshold": threshold,
        "seconds": round(result.seconds, 3), "comparisons_per_second": round(rate),
    }  # fmt: skip
    lines = [
        f"{len(result):,} matches at threshold {threshold} ({chosen.value}) "
        + (f"→ {escape(str(output))}" if output else ""),
        f"{result.compared:,} of {result.all_pairs:,} pairs compared ({result.blocking.value} "
        f"blocking) at {rate:,.0f} per second; {result.seconds:.2f} s in all",
    ]
    if output is None and not as_json:
        lines += [
            f"{x}\t{y}\t{s}"
            for x, y, s in zip(
                *(table.column(c).to_pylist() for c in table.column_names), strict=True
            )
        ]
    _emit(summary, as_json, lines)


def _truth(
    truth: Path | None, pattern: str | None, records: list[Path]
) -> tuple[list[tuple[str, str]], bool]:
    """True pairs, and whether they are unordered (one file: deduplication)."""
    if (truth is None) == (pattern is None):
        raise InputError("give --truth FILE, or --truth-pattern REGEX with --records")
    if truth is not None:
        pairs, _ = read_pairs(truth)
        return pairs, len(records) == 1
    if not 1 <= len(records) <= 2:
        raise InputError(
            "--truth-pattern needs --records A (deduplication) or --records A --records B"
        )
    ids = [_ids(read_linkage_file(p)) for p in records]
    assert pattern is not None
    return truth_from_pattern(ids[0], ids[1] if len(ids) == 2 else None, pattern), len(ids) == 1


def _ids(records: Encodings | ClearRecords) -> list[str]:
    column = records.ids if isinstance(records, Encodings) else records.table.column("id")
    return [str(v) for v in column.to_pylist()]


TruthOption = Annotated[
    Path | None, typer.Option("--truth", help="True pairs: CSV/Parquet, id_a,id_b.")
]
PatternOption = Annotated[
    str | None,
    typer.Option(
        "--truth-pattern",
        help="Ids that share this regex's group are the same person "
        "(FEBRL: 'rec-(\\d+)'); needs --records.",
    ),
]
RecordsOption = Annotated[
    list[Path] | None,
    typer.Option("--records", help="The encodings files the ids come from (for --truth-pattern)."),
]


@app.command("evaluate")
def evaluate(
    matches: Annotated[Path, typer.Argument(metavar="MATCHES", help="Output of `link match`.")],
    truth: TruthOption = None,
    truth_pattern: PatternOption = None,
    records: RecordsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of matches against the true pairs, and the best threshold.

    Run `link match` with a low threshold, then read here where to set it.

    Example: cityprivacy link evaluate matches.csv --truth truth.csv
    """
    with handle_errors():
        pairs, scores = read_pairs(matches)
        true_pairs, unordered = _truth(truth, truth_pattern, records or [])
        result = evaluate_pairs(pairs, scores, true_pairs, unordered=unordered)
    best = "—" if result.best_threshold is None else f"{result.best_threshold:g}"
    lines = [
        f"{result.predicted:,} matches, {result.true_pairs:,} true pairs, "
        f"{result.true_positives:,} correct",
        f"precision {result.precision:.4f}  recall {result.recall:.4f}  F1 {result.f1:.4f}",
        f"best threshold {best}: precision {result.best_precision:.4f}  recall "
        f"{result.best_recall:.4f}  F1 {result.best_f1:.4f}",
    ]
    _emit(result.as_dict(), as_json, lines)


@app.command("block")
def block(
    file_a: Annotated[Path, typer.Argument(metavar="A", help="Encodings of agency A.")],
    file_b: Annotated[
        Path | None, typer.Argument(metavar="[B]", help="Encodings of agency B.")
    ] = None,
    truth: TruthOption = None,
    truth_pattern: PatternOption = None,
    as_json: JsonOption = False,
) -> None:
    """Blocking statistics: candidate pairs, reduction ratio, pairs completeness.

    The keyed blocking keys come from the schema's blocking passes; with the truth, pairs
    completeness is the share of true matches blocking would compare.

    Example: cityprivacy link block a.parquet b.parquet --truth truth.csv
    """
    with handle_errors():
        a = read_linkage_file(file_a)
        b = None if file_b is None else read_linkage_file(file_b)
        if not isinstance(a, Encodings) or not (b is None or isinstance(b, Encodings)):
            raise InputError("block reads encodings files (made with --method bloom)")
        if b is not None:
            check_compatible(a.meta, b.meta, str(file_a), str(file_b))
        if not a.blocks.shape[1]:
            raise InputError(f"{file_a}: no blocking keys (the schema has no blocking passes)")
        index = None
        if truth is not None or truth_pattern is not None:
            files = [file_a] if file_b is None else [file_a, file_b]
            true_pairs, _ = _truth(truth, truth_pattern, files)
            index = _truth_index(a, b, true_pairs)
        stats = blocking_stats(a.blocks, None if b is None else b.blocks, index)
    pc_text = "—" if stats.pairs_completeness is None else f"{stats.pairs_completeness:.4f}"
    table = Table("measure", "value", title=f"Blocking: {len(a.meta.blocking)} passes")
    rows = (
        ("candidate pairs", f"{stats.candidate_pairs:,}"),
        ("all pairs", f"{stats.total_pairs:,}"),
        ("reduction ratio", f"{stats.reduction_ratio:.6f}"),
        ("pairs completeness", pc_text),
    )
    for name, value in rows:
        table.add_row(name, value)
    if as_json:
        typer.echo(json.dumps({**stats.as_dict(), "passes_spec": list(a.meta.blocking)}, indent=2))
    else:
        Console().print(table)


def _truth_index(
    a: Encodings, b: Encodings | None, pairs: list[tuple[str, str]]
) -> tuple[np.ndarray, np.ndarray]:
    pos_a = {x: k for k, x in enumerate(_ids(a))}
    pos_b = pos_a if b is None else {x: k for k, x in enumerate(_ids(b))}
    known = [(pos_a[x], pos_b[y]) for x, y in pairs if x in pos_a and y in pos_b]
    if not known:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    i, j = zip(*known, strict=True)
    return np.array(i, dtype=np.int64), np.array(j, dtype=np.int64)
