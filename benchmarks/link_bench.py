"""Linkage benchmark on FEBRL4: cityprivacy against clkhash + anonlink, same data, same run.

    .venv/bin/python benchmarks/link_bench.py [--a dataset4a.csv --b dataset4b.csv]

Both tools encode the 5,000 + 5,000 records of FEBRL4 (read once with the csv module,
``skipinitialspace``; reading is not timed) and compare every pair of the two files (no
blocking: anonlink's candidate generation is all-pairs), keep the pairs above a
threshold, and assign them one-to-one greedily. Truth comes from the ids
(``rec-N-org`` ↔ ``rec-N-dup-0``).

Each tool runs in fresh processes (so peak memory is its own): a *scan* at a low threshold
gives the F1 curve and the best threshold; *timed* runs at the operating threshold (the
highest whose F1 is within 0.0005 of the best), three per tool taking turns
(``--repeats``), give encoding records/s, comparisons/s (all pairs ÷ comparison time),
total time and peak memory: for each phase the fastest of the runs, the lowest total of
one run. cityprivacy
runs with hardening on (the shipped ``febrl`` schema: balanced 1024-bit encodings, names
salted with the birth year), encoding on one core and comparing on all cores (numba
threads), and again on one thread; it also reports a run with its keyed blocking.
clkhash + anonlink run in ``benchmarks/.venv-link-peers`` (clkhash pins
cryptography<41), created from ``benchmarks/requirements-link-peers.txt`` when missing,
with clkhash's published FEBRL schema settings; clkhash encodes files under 10,000
records in one process, anonlink compares on one thread.

The machine is shared, so wall-clock rates move with its load: CPU time per 1,000 records
and per pair (``time.process_time``, or ``getrusage`` with children for the peers) is
reported beside them, and the load average before and after each timed run. The warm-up
of cityprivacy (loading its compiled kernels from numba's cache) is timed apart, and so
is a first-ever run in a fresh process with an empty cache (``NUMBA_CACHE_DIR`` set to a
new directory), where every kernel is compiled.

Prints a side-by-side table and writes benchmarks/results/link.json.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FEBRL = ROOT.parent / "shared" / "data" / "febrl"
PEERS_VENV = HERE / ".venv-link-peers"
PEERS_REQUIREMENTS = HERE / "requirements-link-peers.txt"
RESULTS = HERE / "results" / "link.json"
SCAN = {"cityprivacy": 0.58, "clkhash + anonlink": 0.75}
TARGETS = {"f1": 0.995, "encode_speedup": 10.0, "compare_speedup": 1.0}
KEY = b"cityprivacy-benchmark-shared-secret-0123456789"


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [[v.strip() for v in row] for row in csv.reader(handle, skipinitialspace=True)]
    return rows[0], rows[1:]


def _ours(
    a_path: Path, b_path: Path, threshold: float, blocking: str, *, warmup_only: bool = False
) -> dict[str, Any]:
    """cityprivacy in this process: encode both files, match, greedy one-to-one.

    The warm-up (200 records encoded, then matched with the run's blocking) is timed on its
    own: it is where the compiled kernels are loaded from numba's cache, or compiled when
    there is none (``warmup_only`` stops there, for the cold-cache measurement).
    """
    t0, c0 = time.perf_counter(), time.process_time()
    import pyarrow as pa

    from cityprivacy.link import (
        Assignment,
        BlockingMode,
        encode_table,
        load_schema,
        match_encodings,
    )
    from cityprivacy.protect.keys import SecretKey

    import_s = time.perf_counter() - t0
    tables = []
    for path in (a_path, b_path):
        header, rows = _read(path)
        tables.append(
            pa.table({h: pa.array([r[k] for r in rows], pa.string()) for k, h in enumerate(header)})
        )
    schema, key = load_schema("febrl"), SecretKey(KEY)
    t1, c1 = time.perf_counter(), time.process_time()
    warm, _ = encode_table(tables[0].slice(0, 200), schema, key)  # as the peer's worker does
    match_encodings(warm, warm, threshold, blocking=BlockingMode(blocking))
    warmup = {
        "warmup_seconds": time.perf_counter() - t1,
        "warmup_cpu_seconds": time.process_time() - c1,
        "import_seconds": import_s,
        "startup_cpu_seconds": time.process_time() - c0,
    }
    if warmup_only:
        return warmup
    started, cpu = time.perf_counter(), time.process_time()
    a, _ = encode_table(tables[0], schema, key)
    b, _ = encode_table(tables[1], schema, key)
    encode_s, encode_cpu = time.perf_counter() - started, time.process_time() - cpu
    cpu = time.process_time()
    result = match_encodings(
        a, b, threshold, assignment=Assignment.GREEDY, blocking=BlockingMode(blocking)
    )
    match_cpu = time.process_time() - cpu  # scoring on all threads, and assignment
    one_thread = _score_one_thread(a.words, b.words, threshold) if blocking == "none" else {}
    ids_a, ids_b = a.ids.to_pylist(), b.ids.to_pylist()
    pairs = [
        [ids_a[i], ids_b[j], s]
        for i, j, s in zip(
            result.i.tolist(), result.j.tolist(), result.scores.tolist(), strict=True
        )
    ]
    return {
        "tool": "cityprivacy",
        "records": len(a) + len(b),
        **warmup,
        "encode_seconds": encode_s,
        "encode_cpu_seconds": encode_cpu,
        "match_cpu_seconds": match_cpu,
        "compare_cpu_seconds": result.compare_cpu_seconds,
        **one_thread,
        "compare_seconds": result.compare_seconds,  # scoring and threshold
        "solve_seconds": result.seconds - result.compare_seconds,  # one-to-one assignment
        "comparisons": result.compared,
        "blocking": result.blocking.value,
        "threshold": threshold,
        "pairs": pairs,
        "peak_rss_mb": _peak_mb(),
        "workers": os.cpu_count(),
    }


def _score_one_thread(a: np.ndarray, b: np.ndarray, threshold: float) -> dict[str, float]:
    """The dense scoring again on one thread (anonlink's is single-threaded): wall and CPU
    seconds, for the per-core figure."""
    from cityprivacy.link.dice import DiceScorer

    started, cpu = time.perf_counter(), time.process_time()
    for _ in DiceScorer(a, b).dense(threshold, workers=1):
        pass
    return {
        "compare_one_thread_seconds": time.perf_counter() - started,
        "compare_one_thread_cpu_seconds": time.process_time() - cpu,
    }


def _spawn(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT, env=env)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"{' '.join(cmd[:3])} failed with exit code {done.returncode}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _peers_python() -> Path:
    python = PEERS_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {PEERS_VENV} from {PEERS_REQUIREMENTS.name} …", file=sys.stderr)
        subprocess.run(["python3.11", "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-r", str(PEERS_REQUIREMENTS)],
            check=True,
        )
    return python


def _run(tool: str, a: Path, b: Path, threshold: float, blocking: str = "none") -> dict[str, Any]:
    if tool == "cityprivacy":
        cmd = [sys.executable, str(Path(__file__)), "--worker", "--threshold", str(threshold),
               "--blocking", blocking, "--a", str(a), "--b", str(b)]  # fmt: skip
    else:
        cmd = [
            str(_peers_python()),
            str(HERE / "_link_peers_run.py"),
            str(a),
            str(b),
            str(threshold),
        ]
    return _spawn(cmd)


def _cold_warmup(a: Path, b: Path) -> dict[str, Any]:
    """The first-ever run's cost: a fresh process with an empty numba cache
    (``NUMBA_CACHE_DIR`` set to a new directory), so every kernel is compiled."""
    with tempfile.TemporaryDirectory(prefix="numba-cold-") as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        cmd = [sys.executable, str(Path(__file__)), "--worker", "--warmup-only",
               "--threshold", "0.6", "--a", str(a), "--b", str(b)]  # fmt: skip
        return _spawn(cmd, env)


def _quality(run: dict[str, Any]) -> dict[str, Any]:
    """F1 at the best threshold, and the *operating* threshold: the highest one whose F1 is
    within 0.0005 of the best (where a tool would be run; it is where the timed run goes,
    as the lowest threshold with the very best F1 can leave millions of pairs to keep)."""
    from cityprivacy.link import evaluate_pairs, truth_from_pattern

    pairs = [(p[0], p[1]) for p in run["pairs"]]
    scores = [p[2] for p in run["pairs"]]
    ids_a = [f"rec-{k}-org" for k in range(5000)]
    ids_b = [f"rec-{k}-dup-0" for k in range(5000)]
    truth = truth_from_pattern(ids_a, ids_b, r"rec-(\d+)-")
    quality = evaluate_pairs(pairs, scores, truth)
    true_set = set(truth)
    values = np.array(scores)
    order = np.argsort(-values, kind="stable")
    hits = np.cumsum([pairs[k] in true_set for k in order])
    ranked = values[order]
    ends = np.flatnonzero(np.append(ranked[1:] != ranked[:-1], True))
    f1 = 2 * hits[ends] / (ends + 1 + len(true_set))
    operating = float(ranked[ends[np.flatnonzero(f1 >= quality.best_f1 - 0.0005)[0]]])
    return {"best_f1": quality.best_f1, "best_threshold": quality.best_threshold,
            "precision": quality.best_precision, "recall": quality.best_recall,
            "operating_threshold": operating}  # fmt: skip


_FASTEST = ("encode_seconds", "compare_seconds", "solve_seconds", "encode_cpu_seconds",
            "compare_cpu_seconds", "compare_one_thread_seconds",
            "compare_one_thread_cpu_seconds", "warmup_seconds", "warmup_cpu_seconds")  # fmt: skip


def _scan(tool: str, a: Path, b: Path) -> dict[str, Any]:
    print(f"{tool}: scan at {SCAN[tool]} …", file=sys.stderr)
    return _quality(_run(tool, a, b, SCAN[tool]))


def _timed(tools: dict[str, float], a: Path, b: Path, repeats: int) -> dict[str, list[Any]]:
    """``repeats`` timed runs of each tool at its operating threshold, taking turns, so
    that a burst of load on the shared machine hits both; each with the load average
    before and after."""
    runs: dict[str, list[Any]] = {tool: [] for tool in tools}
    for k in range(repeats):
        for tool, threshold in tools.items():
            print(f"{tool}: timed run {k + 1}/{repeats} at {threshold} …", file=sys.stderr)
            before = os.getloadavg()[0]
            run = _run(tool, a, b, threshold)
            run["load_average"] = [round(before, 2), round(os.getloadavg()[0], 2)]
            runs[tool].append(run)
    return runs


def _record(
    tool: str, quality: dict[str, Any], runs: list[Any], a: Path, b: Path
) -> dict[str, Any]:
    """Each phase's best (fastest) time over the runs, the lowest total of one run, the
    highest peak memory; the pairs are the same in every run."""
    timed = {**runs[0]}
    for key in _FASTEST:
        if key in timed:
            timed[key] = min(run[key] for run in runs)
    total = min(r["encode_seconds"] + r["compare_seconds"] + r["solve_seconds"] for r in runs)
    cpu = (timed["encode_cpu_seconds"], timed["compare_cpu_seconds"])
    record = {
        "tool": tool,
        **quality,
        "f1_timed_run": _quality(timed)["best_f1"],
        "encode_records_per_s": timed["records"] / timed["encode_seconds"],
        "comparisons_per_s": timed["comparisons"] / timed["compare_seconds"],
        "encode_seconds": timed["encode_seconds"],
        "compare_seconds": timed["compare_seconds"],
        "solve_seconds": timed["solve_seconds"],
        "total_seconds": total,
        "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
        "scan_threshold": SCAN[tool],
        "encode_cpu_ms_per_1000_records": 1000 * cpu[0] / timed["records"] * 1000,
        "compare_cpu_ns_per_pair": 1e9 * cpu[1] / timed["comparisons"],
        "timed_runs": len(runs),
        "load_average_before_after": [run["load_average"] for run in runs],
    }
    if "compare_one_thread_seconds" in timed:
        record["comparisons_per_s_one_thread"] = (
            timed["comparisons"] / timed["compare_one_thread_seconds"]
        )
        record["compare_one_thread_cpu_ns_per_pair"] = (
            1e9 * timed["compare_one_thread_cpu_seconds"] / timed["comparisons"]
        )
    if tool == "cityprivacy":
        record["warmup"] = {
            "cached_kernels_s": timed["warmup_seconds"],
            "cached_kernels_cpu_s": timed["warmup_cpu_seconds"],
            "import_s": timed["import_seconds"],
            **{f"cold_{k}": v for k, v in _cold_warmup(a, b).items()},
        }
        blocked = _run(tool, a, b, quality["operating_threshold"], "keys")
        record["with_blocking"] = {
            **_quality(blocked),
            "compared_pairs": blocked["comparisons"],
            "total_seconds": blocked["encode_seconds"] + blocked["compare_seconds"],
            "peak_rss_mb": blocked["peak_rss_mb"],
        }
    return record


def _table(ours: dict[str, Any], peers: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "measure", "cityprivacy (hardened)", "clkhash + anonlink", title="FEBRL4, 5,000 × 5,000"
    )
    rows = [
        ("F1 at best threshold", "best_f1", "{:.4f}"),
        ("best threshold", "best_threshold", "{:.3f}"),
        ("operating threshold (timed)", "operating_threshold", "{:.3f}"),
        ("F1 at the operating threshold", "f1_timed_run", "{:.4f}"),
        ("precision / recall", None, ""),
        ("encoding, records/s", "encode_records_per_s", "{:,.0f}"),
        ("comparisons/s (all pairs)", "comparisons_per_s", "{:,.0f}"),
        ("encoding CPU, ms per 1,000 records", "encode_cpu_ms_per_1000_records", "{:.1f}"),
        ("comparison CPU, ns per pair", "compare_cpu_ns_per_pair", "{:.2f}"),
        ("total time, s", "total_seconds", "{:.2f}"),
        ("peak memory, MB", "peak_rss_mb", "{:.0f}"),
    ]
    for label, key, fmt in rows:
        if key is None:
            cells = [f"{r['precision']:.4f} / {r['recall']:.4f}" for r in (ours, peers)]
        else:
            cells = [fmt.format(r[key]) for r in (ours, peers)]
        table.add_row(label, *cells)
    Console().print(table)
    warm = ours["warmup"]
    print(
        f"cityprivacy warm-up (not in the timings above): kernels from numba's cache "
        f"{warm['cached_kernels_s']:.2f} s; first run ever (empty cache, compiling) "
        f"{warm['cold_warmup_seconds']:.2f} s ({warm['cold_warmup_cpu_seconds']:.2f} s CPU)"
    )
    if "comparisons_per_s_one_thread" in ours:
        print(
            f"cityprivacy scoring on one thread: "
            f"{ours['comparisons_per_s_one_thread'] / 1e6:,.1f} M pairs/s, "
            f"{ours['compare_one_thread_cpu_ns_per_pair']:.2f} ns CPU per pair"
        )
    blocked = ours["with_blocking"]
    print(
        f"cityprivacy with keyed blocking: F1 {blocked['best_f1']:.4f}, "
        f"{blocked['compared_pairs']:,} pairs compared, total {blocked['total_seconds']:.2f} s, "
        f"peak {blocked['peak_rss_mb']:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--a", type=Path, default=FEBRL / "dataset4a.csv")
    parser.add_argument("--b", type=Path, default=FEBRL / "dataset4b.csv")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--threshold", type=float, default=0.6, help=argparse.SUPPRESS)
    parser.add_argument("--blocking", default="none", help=argparse.SUPPRESS)
    parser.add_argument("--warmup-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--repeats", type=int, default=3, help="timed runs per tool, taking turns (best kept)"
    )
    args = parser.parse_args()
    if args.worker:
        run = _ours(args.a, args.b, args.threshold, args.blocking, warmup_only=args.warmup_only)
        json.dump(run, sys.stdout)
        return
    tools = ("cityprivacy", "clkhash + anonlink")
    quality = {tool: _scan(tool, args.a, args.b) for tool in tools}
    operating = {tool: quality[tool]["operating_threshold"] for tool in tools}
    runs = _timed(operating, args.a, args.b, args.repeats)
    ours, peers = (_record(t, quality[t], runs[t], args.a, args.b) for t in tools)
    _table(ours, peers)
    speed = {
        "encode_speedup": ours["encode_records_per_s"] / peers["encode_records_per_s"],
        "compare_speedup": ours["comparisons_per_s"] / peers["comparisons_per_s"],
        "encode_cpu_ratio": peers["encode_cpu_ms_per_1000_records"]
        / ours["encode_cpu_ms_per_1000_records"],
        "compare_cpu_ratio": peers["compare_cpu_ns_per_pair"] / ours["compare_cpu_ns_per_pair"],
    }
    print(
        f"encoding {speed['encode_speedup']:.1f}× clkhash "
        f"({speed['encode_cpu_ratio']:.1f}× in CPU time), "
        f"comparisons {speed['compare_speedup']:.2f}× anonlink "
        f"({speed['compare_cpu_ratio']:.2f}× in CPU time per pair); load average before and "
        f"after each timed run: {ours['load_average_before_after']} (cityprivacy), "
        f"{peers['load_average_before_after']} (clkhash + anonlink)"
    )
    report = {
        "date": dt.date.today().isoformat(),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "data": {"a": str(args.a), "b": str(args.b)},
        "targets": TARGETS,
        "speedups": speed,
        "tools": {"cityprivacy": ours, "clkhash + anonlink": peers},
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
