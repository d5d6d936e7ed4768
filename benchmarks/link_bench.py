"""Linkage benchmark on FEBRL4: cityprivacy against clkhash + anonlink, same data, same run.

    .venv/bin/python benchmarks/link_bench.py [--a dataset4a.csv --b dataset4b.csv]

Both tools encode the 5,000 + 5,000 records of FEBRL4 (read once with the csv module,
``skipinitialspace``; reading is not timed) and compare every pair of the two files (no
blocking: anonlink's candidate generation is all-pairs), keep the pairs above a
threshold, and assign them one-to-one greedily. Truth comes from the ids
(``rec-N-org`` ↔ ``rec-N-dup-0``).

Each tool runs twice, each time in a fresh process (so peak memory is its own): a *scan* at
a low threshold gives the F1 curve and the best threshold; a *timed* run at the operating
threshold (the highest whose F1 is within 0.0005 of the best) gives encoding records/s,
comparisons/s (all pairs ÷ comparison time), total time and peak memory. cityprivacy
runs with hardening on (the shipped ``febrl`` schema: balanced 1024-bit encodings, names
salted with the birth year), encoding on one core and comparing on all cores (threads);
it also reports a run with its keyed blocking. clkhash + anonlink run in
``benchmarks/.venv-link-peers`` (clkhash pins cryptography<41), created from
``benchmarks/requirements-link-peers.txt`` when missing, with clkhash's published FEBRL
schema settings.

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


def _ours(a_path: Path, b_path: Path, threshold: float, blocking: str) -> dict[str, Any]:
    """cityprivacy in this process: encode both files, match, greedy one-to-one."""
    import pyarrow as pa

    from cityprivacy.link import (
        Assignment,
        BlockingMode,
        encode_table,
        load_schema,
        match_encodings,
    )
    from cityprivacy.protect.keys import SecretKey

    tables = []
    for path in (a_path, b_path):
        header, rows = _read(path)
        tables.append(
            pa.table({h: pa.array([r[k] for r in rows], pa.string()) for k, h in enumerate(header)})
        )
    schema, key = load_schema("febrl"), SecretKey(KEY)
    encode_table(tables[0].slice(0, 200), schema, key)  # warm-up, as the peer's worker does
    started = time.perf_counter()
    a, _ = encode_table(tables[0], schema, key)
    b, _ = encode_table(tables[1], schema, key)
    encode_s = time.perf_counter() - started
    result = match_encodings(
        a, b, threshold, assignment=Assignment.GREEDY, blocking=BlockingMode(blocking)
    )
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
        "encode_seconds": encode_s,
        "compare_seconds": result.compare_seconds,  # scoring and threshold
        "solve_seconds": result.seconds - result.compare_seconds,  # one-to-one assignment
        "comparisons": result.compared,
        "blocking": result.blocking.value,
        "threshold": threshold,
        "pairs": pairs,
        "peak_rss_mb": _peak_mb(),
        "workers": os.cpu_count(),
    }


def _spawn(cmd: list[str]) -> dict[str, Any]:
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT)
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


def _measure(tool: str, a: Path, b: Path) -> dict[str, Any]:
    print(f"{tool}: scan at {SCAN[tool]} …", file=sys.stderr)
    scan = _run(tool, a, b, SCAN[tool])
    quality = _quality(scan)
    best = quality["operating_threshold"]
    print(f"{tool}: timed run at the operating threshold {best} …", file=sys.stderr)
    timed = _run(tool, a, b, best)
    total = timed["encode_seconds"] + timed["compare_seconds"] + timed["solve_seconds"]
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
        "peak_rss_mb": timed["peak_rss_mb"],
        "scan_threshold": SCAN[tool],
    }
    if tool == "cityprivacy":
        blocked = _run(tool, a, b, best, "keys")
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
    args = parser.parse_args()
    if args.worker:
        json.dump(_ours(args.a, args.b, args.threshold, args.blocking), sys.stdout)
        return
    ours = _measure("cityprivacy", args.a, args.b)
    peers = _measure("clkhash + anonlink", args.a, args.b)
    _table(ours, peers)
    speed = {
        "encode_speedup": ours["encode_records_per_s"] / peers["encode_records_per_s"],
        "compare_speedup": ours["comparisons_per_s"] / peers["comparisons_per_s"],
    }
    print(
        f"encoding {speed['encode_speedup']:.1f}× clkhash, "
        f"comparisons {speed['compare_speedup']:.2f}× anonlink"
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
