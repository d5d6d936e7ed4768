"""Linkage at scale: N × N synthetic city records with realistic errors, on one machine.

    .venv/bin/python benchmarks/link_scale.py [--records 1000000] [--threshold 0.69]

Generates agency A's N clients and agency B's N clients, half of whom are A's clients
recorded again with errors (:mod:`cityprivacy.link.synthetic`), encodes both with the
shipped ``city`` schema (hardened: balanced, names salted with the birth year) in batches,
compares only the candidate pairs of its three keyed blocking passes, links one-to-one
(greedy) and scores the links against the truth. Reports the time of each step, the peak
memory (resident set of this process), the blocking statistics and the precision and
recall, and writes benchmarks/results/link_scale_<N>.json.

Links are scored down to ``--scan``; precision, recall and F1 are reported at
``--threshold`` and the best threshold (the one with the highest F1) alongside.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cityprivacy.link import (
    Assignment,
    BlockingMode,
    BloomEncoder,
    Encodings,
    load_schema,
    match_encodings,
)
from cityprivacy.link.synthetic import linkage_sample
from cityprivacy.protect.keys import SecretKey

HERE = Path(__file__).resolve().parent
BATCH = 50_000


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _encode(encoder: BloomEncoder, table: Any, label: str, bar: Progress) -> Encodings:
    task = bar.add_task(f"encoding {label}", total=table.num_rows)
    ids, words, blocks = [], [], []
    for start in range(0, table.num_rows, BATCH):
        piece = table.slice(start, BATCH)
        batch = encoder.encode(piece, np.arange(start + 2, start + 2 + piece.num_rows))
        ids.append(batch.ids)
        words.append(batch.words)
        blocks.append(batch.blocks)
        bar.advance(task, piece.num_rows)
    return Encodings.from_batches(encoder.meta, ids, words, blocks)


def _positions(ids: Any, wanted: Any) -> np.ndarray:
    import pyarrow.compute as pc

    return np.asarray(pc.index_in(wanted, value_set=ids).fill_null(-1), dtype=np.int64)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000, help="records per agency")
    parser.add_argument("--threshold", type=float, default=0.75, help="the linkage threshold")
    parser.add_argument(
        "--scan", type=float, default=0.65, help="match down to this to find the best threshold"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    n = args.records
    times: dict[str, float] = {}
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("generating", total=None)
        t0 = time.perf_counter()
        sample = linkage_sample(n, seed=args.seed)
        times["generate"] = time.perf_counter() - t0
        bar.remove_task(task)
        encoder = BloomEncoder(
            load_schema("city"), SecretKey(b"scale-benchmark-shared-secret-0123456789")
        )
        t0 = time.perf_counter()
        a = _encode(encoder, sample.a, "A", bar)
        b = _encode(encoder, sample.b, "B", bar)
        times["encode"] = time.perf_counter() - t0
        truth_a = _positions(a.ids, sample.a.column("client_id").take(sample.truth_a))
        truth_b = _positions(b.ids, sample.b.column("client_id").take(sample.truth_b))
        known = (truth_a >= 0) & (truth_b >= 0)
        truth_a, truth_b = truth_a[known], truth_b[known]
        del sample
        task = bar.add_task("matching (candidate pairs)", total=None)
        result = match_encodings(
            a,
            b,
            min(args.scan, args.threshold),
            assignment=Assignment.GREEDY,
            blocking=BlockingMode.KEYS,
            progress=lambda done, _total: bar.update(task, completed=done),
        )
        times["block_and_score"] = result.compare_seconds
        times["assign"] = result.seconds - result.compare_seconds
    total = time.perf_counter() - started
    agree = (a.blocks[truth_a] == b.blocks[truth_b]) & (a.blocks[truth_a] != 0)
    kept_by_blocking = int(agree.any(axis=1).sum())
    true_links = truth_a * len(b) + truth_b
    hits = np.isin(result.i.astype(np.int64) * len(b) + result.j, true_links)
    at = (
        result.scores >= args.threshold
    )  # greedy links above a threshold do not depend on lower ones
    correct, linked = int(hits[at].sum()), int(at.sum())
    cum = np.cumsum(hits)  # links are best first
    f1 = 2 * cum / (np.arange(1, len(hits) + 1) + len(true_links))
    best = int(np.argmax(f1)) if len(f1) else 0
    stats = {
        "records_per_agency": n,
        "true_pairs": len(true_links),
        "candidate_pairs": result.compared,
        "reduction_ratio": 1 - result.compared / (len(a) * len(b)),
        "pairs_completeness": kept_by_blocking / len(true_links),
        "threshold": args.threshold,
        "links": linked,
        "precision": correct / linked if linked else 0.0,
        "recall": correct / len(true_links),
        "f1": 2 * correct / (linked + len(true_links)),
        "best_threshold": float(result.scores[best]) if len(hits) else None,
        "best_f1": float(f1[best]) if len(hits) else 0.0,
        "best_precision": float(cum[best] / (best + 1)) if len(hits) else 0.0,
        "best_recall": float(cum[best] / len(true_links)) if len(hits) else 0.0,
        "seconds": {**{k: round(v, 2) for k, v in times.items()}, "total": round(total, 2)},
        "encode_records_per_s": round(2 * n / times["encode"]),
        "candidate_pairs_per_s": round(result.compared / max(result.compare_seconds, 1e-9)),
        "peak_rss_mb": round(_peak_mb()),
    }
    table = Table("measure", "value", title=f"Linkage at scale: {n:,} × {n:,} records")
    for key, value in stats.items():
        table.add_row(
            key,
            json.dumps(value)
            if isinstance(value, dict)
            else f"{value:,.6g}"
            if isinstance(value, float)
            else f"{value:,}",
        )
    Console().print(table)
    report = {
        "date": dt.date.today().isoformat(),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "schema": "city",
        **stats,
    }
    out = HERE / "results" / f"link_scale_{n}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
