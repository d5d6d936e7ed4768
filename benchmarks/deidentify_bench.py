"""De-identification benchmark: rows per second and peak memory on a generated client table,
and per-text throughput on its notes against Microsoft Presidio.

    .venv/bin/python benchmarks/deidentify_bench.py [--rows 1000000] [--small 100000]
        [--peer-texts 2000] [--seed 7]

Generates a caseworker extract (subject id, names, SSN, address, ZIP, date of birth and a
free-text notes column, from :mod:`cityprivacy.datasets.records`) as CSV in a temporary
folder, ``--small`` rows and ``--rows`` rows, in one pass. Then, each in a fresh
subprocess (so load time and peak memory are its own), runs the library call
``Deidentifier.files`` with the shipped ``default`` policy on each size, with one process
and with every core. Peak RSS is the subprocess's own high-water mark and, for the
multi-process runs, the largest worker's; the two sizes show whether memory grows with
the file. The peer runs Presidio's analyzer and anonymizer (replace, its default) and our
``Deidentifier.text`` on the same ``--peer-texts`` notes, one process each.

Prints a table and writes benchmarks/results/deidentify.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import secrets
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from _peers import presidio_engine, rss_mb, spawn

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "deidentify.json"
COLUMNS = ("client_id", "first_name", "last_name", "ssn", "address", "zip", "dob", "notes")
CHUNK = 10_000


# ---------------------------------------------------------------- data


def generate_rows(n: int, seed: int) -> Iterator[dict[str, str]]:
    """``n`` client rows with the benchmark's columns; ``client_id`` is unique per row."""
    from cityprivacy.datasets.records import client_records

    done = 0
    for chunk in range(0, n, CHUNK):
        for row in client_records(min(CHUNK, n - chunk), seed=seed * 1_000_003 + chunk):
            out = {c: row[c] for c in COLUMNS}
            out["client_id"] = f"S{done:08d}"
            done += 1
            yield out


def write_tables(folder: Path, small: int, rows: int, seed: int) -> tuple[Path, Path]:
    """CSV files of the first ``small`` rows and of all ``rows`` rows, written in one pass."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    schema = pa.schema([(c, pa.string()) for c in COLUMNS])
    small_path, big_path = folder / f"clients_{small}.csv", folder / f"clients_{rows}.csv"
    big = pacsv.CSVWriter(big_path, schema)
    little = pacsv.CSVWriter(small_path, schema)
    buffer: list[dict[str, str]] = []
    written = 0

    def flush() -> None:
        nonlocal written
        batch = pa.RecordBatch.from_pylist(buffer, schema=schema)
        big.write_batch(batch)
        if written < small:
            little.write_batch(batch.slice(0, small - written))
        written += len(buffer)
        buffer.clear()

    for row in generate_rows(rows, seed):
        buffer.append(row)
        if len(buffer) == CHUNK:
            flush()
    if buffer:
        flush()
    big.close()
    little.close()
    return small_path, big_path


def notes_texts(n: int, seed: int) -> list[str]:
    texts = [r["notes"] for r in generate_rows(n * 2, seed + 1) if r["notes"]]
    return texts[:n]


# ---------------------------------------------------------------- workers (subprocesses)


def _children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _RssCurve:
    """Resident memory each time another tenth of the input has been read."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self.done = 0
        self.points: list[tuple[float, float]] = []

    def __call__(self, advanced: int) -> None:
        self.done += advanced
        share = min(1.0, self.done / self.size)
        while len(self.points) < int(share * 10):
            self.points.append(((len(self.points) + 1) / 10, round(_current_rss_mb(), 1)))


def run_table(path: Path, workers: int, key_file: Path) -> dict[str, Any]:
    from cityprivacy.config import Settings
    from cityprivacy.protect.deidentify import Deidentifier, key_for_policy
    from cityprivacy.protect.policy import shipped_policy

    t0 = time.perf_counter()
    settings = Settings()
    policy = shipped_policy("default")
    engine = Deidentifier(policy, key_for_policy(policy, settings, key_file=key_file), settings,
                          workers=workers)  # fmt: skip
    load = time.perf_counter() - t0
    curve = _RssCurve(path.stat().st_size)
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        summary = engine.files(path, Path(out) / "out.csv", curve)
        secs = time.perf_counter() - t0
    assert not summary.all_problems, [p.describe() for p in summary.all_problems]
    return {
        "rows": summary.rows,
        "workers": engine.workers,
        "load_seconds": round(load, 2),
        "seconds": round(secs, 2),
        "rows_per_s": round(summary.rows / secs),
        "peak_rss_mb": round(rss_mb(), 1),
        "peak_worker_rss_mb": round(_children_peak_mb(), 1) if workers > 1 else None,
        "protected_values": sum(summary.counts.values()),
        # (rows read so far, resident MB then), at every tenth of the file
        "rss_by_rows": [(round(share * summary.rows), mb) for share, mb in curve.points],
    }


def run_texts(tool: str, path: Path, key_file: Path) -> dict[str, Any]:
    texts = json.loads(path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    if tool == "cityprivacy":
        from cityprivacy.config import Settings
        from cityprivacy.protect.deidentify import Deidentifier
        from cityprivacy.protect.policy import parse_policy

        # Presidio's default anonymizer replaces every finding with <ENTITY>: do the same.
        engine = Deidentifier(parse_policy("version: 1\ndefault: replace\n"), None, Settings(),
                              workers=1)  # fmt: skip
        engine.text("Warm-up: Ana Diaz, SSN 123-45-6789.")

        def run(text: str) -> str:
            return engine.text(text).text
    else:
        from presidio_anonymizer import AnonymizerEngine

        analyzer, anonymizer = presidio_engine(), AnonymizerEngine()

        def run(text: str) -> str:
            found = analyzer.analyze(text, language="en")
            return str(anonymizer.anonymize(text=text, analyzer_results=found).text)

        run("Warm-up: Ana Diaz, SSN 123-45-6789.")
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text in texts:
        run(text)
    secs = time.perf_counter() - t0
    return {
        "tool": tool,
        "texts": len(texts),
        "load_seconds": round(load, 2),
        "seconds": round(secs, 2),
        "texts_per_s": round(len(texts) / secs, 1),
        "peak_rss_mb": round(rss_mb(), 1),
    }


# ---------------------------------------------------------------- driver


def _table(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    title = "De-identifying a generated client table (CSV to CSV, default policy)"
    table = Table("rows", "workers", "rows/s", "seconds", "peak RSS (MB)",
                  "largest worker (MB)", title=title)  # fmt: skip
    for run in results["tables"]:
        worker = run["peak_worker_rss_mb"]
        table.add_row(f"{run['rows']:,}", str(run["workers"]), f"{run['rows_per_s']:,}",
                      f"{run['seconds']:.1f}", f"{run['peak_rss_mb']:.0f}",
                      "—" if worker is None else f"{worker:.0f}")  # fmt: skip
    Console().print(table)
    peer = Table("tool", "texts", "texts/s", "load (s)", "peak RSS (MB)",
                 title="Notes column, one process: find and replace every finding")  # fmt: skip
    for run in results["peer"]:
        peer.add_row(run["tool"], str(run["texts"]), f"{run['texts_per_s']:,}",
                     f"{run['load_seconds']:.2f}", f"{run['peak_rss_mb']:.0f}")  # fmt: skip
    Console().print(peer)


def compare(rows: int, small: int, peer_texts: int, seed: int) -> dict[str, Any]:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        key_file = folder / "bench.key"
        key_file.write_text(secrets.token_hex(32), encoding="utf-8")
        t0 = time.perf_counter()
        small_path, big_path = write_tables(folder, small, rows, seed)
        generated = time.perf_counter() - t0
        texts_path = folder / "notes.json"
        texts_path.write_text(json.dumps(notes_texts(peer_texts, seed)), encoding="utf-8")
        tables = []
        for path in (small_path, big_path):
            for workers in (1, cores):
                args = ["--table", str(path), "--workers", str(workers), "--key", str(key_file)]
                tables.append(spawn(Path(__file__), args))
                print(f"done: {tables[-1]['rows']:,} rows, {workers} worker(s)", file=sys.stderr)
        peer = [spawn(Path(__file__), ["--texts", str(texts_path), "--tool", tool,
                                        "--key", str(key_file)])
                for tool in ("cityprivacy", "presidio")]  # fmt: skip
    ours, theirs = peer
    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": {"cores": cores, "python": platform.python_version(),
                    "platform": platform.platform()},
        "command": f"benchmarks/deidentify_bench.py --rows {rows} --small {small} "
                   f"--peer-texts {peer_texts} --seed {seed}",
        "generation_seconds": round(generated, 1),
        "tables": tables,
        "peer": peer,
        "text_speedup_vs_presidio": round(ours["texts_per_s"] / theirs["texts_per_s"], 1),
    }  # fmt: skip


def rss_curve(rows: int, seed: int) -> int:
    """Run only the one-process configuration on ``rows`` rows and keep its memory curve."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        key_file = folder / "bench.key"
        key_file.write_text(secrets.token_hex(32), encoding="utf-8")
        _, big = write_tables(folder, 1, rows, seed)
        run = spawn(Path(__file__), ["--table", str(big), "--workers", "1", "--key", str(key_file)])
    for done, mb in run["rss_by_rows"]:
        print(f"{done:>10,} rows  {mb:6.0f} MB resident")
    path = RESULTS.with_name("deidentify_rss.json")
    path.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), **run}, indent=2) + "\n")
    print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--peer-texts", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rss-curve", action="store_true",
                        help="only the one-process run on --rows rows, with its memory curve "
                        "(writes results/deidentify_rss.json)")  # fmt: skip
    parser.add_argument("--table", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tool", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--key", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.table is not None:
        print(json.dumps(run_table(args.table, args.workers, args.key)))
        return 0
    if args.texts is not None:
        print(json.dumps(run_texts(args.tool, args.texts, args.key)))
        return 0
    if args.rss_curve:
        return rss_curve(args.rows, args.seed)
    results = compare(args.rows, min(args.small, args.rows), args.peer_texts, args.seed)
    _table(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
