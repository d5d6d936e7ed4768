"""Anonymization benchmark on ARX's adult data: cityprivacy beside ARX and the Python peers.

The task of issue 4: the 30,162 adult records, quasi-identifiers age, sex, race,
marital-status, education, native-country and workclass with ARX's own hierarchies, k = 5,
suppression limits 0% and 4%. For each limit it reports the chosen generalization levels,
the information loss (ARX's default "Loss" metric), the number of classes, the highest
re-identification risk, the records suppressed, the time of the library call (median of
``--runs``) and of a whole fresh ``cityprivacy anonymize`` process (wall clock, median
of ``--cli-runs``), next to

* ARX's figures quoted in the issue (ARX itself is Java and not run here);
* anjana (k-anonymity with the same hierarchies and suppression limit), run in the same
  benchmark run; its levels are scored with the same Loss definition;
* pycanon, which checks the k of both tools' outputs (suppressed records left out).

anjana and pycanon pin old numpy/pandas, so they run in ``benchmarks/.venv-peers`` (made
from ``benchmarks/requirements-peers.txt`` with ``python3 -m venv`` and pip when missing),
in a subprocess that prints JSON.

    .venv/bin/python benchmarks/anonymize_bench.py [--runs 7] [--cli-runs 3] [--no-peers]

Prints a table and writes ``benchmarks/results/anonymize.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from cityprivacy.protect.anonymize import anonymize
from cityprivacy.protect.anonymize.classes import Grouper
from cityprivacy.protect.anonymize.encoding import encode
from cityprivacy.protect.anonymize.metrics import Metric, UtilityModel
from cityprivacy.protect.anonymize.privacy import ModelChecker, PrivacyModel
from cityprivacy.protect.hierarchy import load_hierarchies
from cityprivacy.protect.table_io import read_table, write_table

ROOT = Path(__file__).resolve().parent.parent
ADULT = ROOT.parent / "shared" / "data" / "adult"
PEERS = ROOT / "benchmarks" / ".venv-peers"
REQUIREMENTS = ROOT / "benchmarks" / "requirements-peers.txt"
RESULTS = ROOT / "benchmarks" / "results" / "anonymize.json"
QI = ["age", "sex", "race", "marital-status", "education", "native-country", "workclass"]
K = 5
LIMITS = (0.0, 0.04)
# ARX (Java) on this task, as quoted in issue 4.
ARX = {
    0.0: {"classes": 20, "highest_risk": 0.071, "records_suppressed": 0},
    0.04: {"classes": 327, "highest_risk": 0.20, "records_suppressed": 1038},
}
ARX_TIMES = "0.1-0.4 s in a warm JVM, about 3 s as a fresh process"

# Runs in the peers' venv: anjana's k-anonymity on adult, then pycanon's k of each output.
PEER_SCRIPT = r"""
import contextlib, json, sys, time
import anjana, pandas as pd, pycanon, pycanon.anonymity
from anjana.anonymity._k_anonymity import k_anonymity_inner
args = json.loads(sys.argv[1])
qi, folder = args["qi"], args["adult"]
data = pd.read_csv(f"{folder}/adult.csv", sep=";", dtype=str)
hierarchies = {}
for column in qi:
    frame = pd.read_csv(f"{folder}/adult_hierarchy_{column}.csv", sep=";", header=None, dtype=str)
    hierarchies[column] = {i: frame[i].values for i in range(frame.shape[1])}
report = {"versions": {"anjana": anjana.__version__, "pycanon": pycanon.__version__,
                       "pandas": pd.__version__}, "anjana": {}, "pycanon": {}}
for limit in args["limits"]:
    with contextlib.redirect_stdout(sys.stderr):
        start = time.perf_counter()
        out, removed, levels = k_anonymity_inner(
            data, [], qi, args["k"], limit * 100, {c: dict(h) for c, h in hierarchies.items()})
        seconds = time.perf_counter() - start
    report["anjana"][str(limit)] = {
        "levels": [int(levels[c]) for c in qi], "records_suppressed": int(removed),
        "classes": int(out.groupby(qi).ngroups), "seconds": seconds,
        "pycanon_k": int(pycanon.anonymity.k_anonymity(out, qi))}
for name, path in args["outputs"].items():
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    kept = table[~(table[qi] == "*").all(axis=1)]
    report["pycanon"][name] = int(pycanon.anonymity.k_anonymity(kept, qi))
print(json.dumps(report))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="library calls timed per limit")
    parser.add_argument("--cli-runs", type=int, default=3, help="fresh CLI processes per limit")
    parser.add_argument("--no-peers", action="store_true", help="skip anjana and pycanon")
    options = parser.parse_args()

    table = read_table(ADULT / "adult.csv")
    hierarchies = load_hierarchies(ADULT, QI)
    ours: dict[float, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        outputs: dict[str, str] = {}
        for limit in LIMITS:
            ours[limit] = library(table, hierarchies, limit, options.runs)
            output = Path(tmp) / f"cityprivacy_{limit}.csv"
            write_table(ours[limit].pop("table"), output)
            outputs[str(limit)] = str(output)
            ours[limit].update(cli(limit, Path(tmp), options.cli_runs))
        peers = None if options.no_peers else run_peers(outputs)
    if peers is not None:
        for limit in LIMITS:
            ours[limit]["pycanon_k"] = peers["pycanon"][str(limit)]
            anjana = peers["anjana"][str(limit)]
            anjana["loss"] = loss_of(table, hierarchies, anjana["levels"], limit)
            anjana["highest_risk"] = 1 / anjana["pycanon_k"]
    report = {
        "task": {"data": "ARX adult (30,162 records)", "quasi_identifiers": QI, "k": K,
                 "metric": "loss (ARX MetricMDNMLoss, geometric mean)"},
        "date": date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "numpy": np.__version__, "platform": platform.platform(),
                    "load_average_1min_at_end": round(os.getloadavg()[0], 2)},
        "arx_reference": {str(k): v for k, v in ARX.items()} | {"times": ARX_TIMES},
        "cityprivacy": {str(k): v for k, v in ours.items()},
        "peers": peers,
    }  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(ours, peers)
    for limit in LIMITS:
        mine = ours[limit]
        print(f"{limit:.0%}: library CPU {mine['library_cpu_seconds']:.3f} s; CLI process "
              f"{mine['cli_seconds']:.2f} s wall / {mine['cli_cpu_seconds']:.2f} s CPU, of which "
              f"start-up (cityprivacy --help) {mine['cli_startup_seconds']:.2f} s wall / "
              f"{mine['cli_startup_cpu_seconds']:.2f} s CPU")  # fmt: skip
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


def library(table: Any, hierarchies: Any, limit: float, runs: int) -> dict[str, Any]:
    """The library call, timed ``runs`` times (median), and what it chose."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = anonymize(table, QI, hierarchies, k=K, max_suppression=limit)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "levels": [result.levels[c] for c in QI],
        "loss": result.utility.loss,
        "classes": result.utility.classes,
        "highest_risk": result.risk.prosecutor.highest,
        "records_suppressed": result.utility.records_suppressed,
        "nodes_checked": result.search.checked,
        "nodes": result.search.nodes,
        "library_seconds": statistics.median(times),
        "library_seconds_all": [round(t, 4) for t in times],
        "library_cpu_seconds": statistics.median(cpu),
        "table": result.table,
    }


def cli(limit: float, folder: Path, runs: int) -> dict[str, float]:
    """Median wall clock (and CPU time) of a fresh ``cityprivacy anonymize`` process, and
    of ``cityprivacy --help`` (the start-up every command pays)."""
    script = Path(sys.executable).parent / "cityprivacy"
    if not script.exists():
        raise SystemExit(f"{script} not found: run this with the project's .venv/bin/python")
    command = [str(script), "anonymize", str(ADULT / "adult.csv"), str(folder / "cli.csv"),
               "--qi", ",".join(QI), "--hierarchies", str(ADULT), "--k", str(K),
               "--max-suppression", str(limit), "--json"]  # fmt: skip
    return {
        **_timed("cli", command, runs),
        **_timed("cli_startup", [str(script), "--help"], runs),
    }


def _timed(name: str, command: list[str], runs: int) -> dict[str, float]:
    wall, cpu = [], []
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        wall.append(time.perf_counter() - start)
        after = os.times()
        cpu.append(after.children_user + after.children_system
                   - before.children_user - before.children_system)  # fmt: skip
    return {
        f"{name}_seconds": statistics.median(wall),
        f"{name}_cpu_seconds": statistics.median(cpu),
    }


def peers_python() -> Path:
    """The peers' interpreter, creating their venv from requirements-peers.txt if missing."""
    python = PEERS / "bin" / "python"
    if not python.exists():
        print(f"creating {PEERS.relative_to(ROOT)} (anjana, pycanon) ...", file=sys.stderr)
        subprocess.run(["python3", "-m", "venv", str(PEERS)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)],
                       check=True)  # fmt: skip
    return python


def run_peers(outputs: dict[str, str]) -> dict[str, Any]:
    args = {"qi": QI, "adult": str(ADULT), "k": K, "limits": list(LIMITS), "outputs": outputs}
    done = subprocess.run(
        [str(peers_python()), "-c", PEER_SCRIPT, json.dumps(args)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def loss_of(table: Any, hierarchies: Any, levels: list[int], limit: float) -> float:
    """ARX's Loss of a node, with the records of classes under k suppressed (anjana's rule)."""
    encoded = encode(table, QI, hierarchies)
    classes = Grouper(encoded).group(levels)
    failing = ModelChecker(PrivacyModel(k=K, max_suppression=limit), encoded).failing(classes)
    return UtilityModel(encoded).measure(Metric.LOSS, classes, failing)[0]


def print_table(ours: dict[float, dict[str, Any]], peers: dict[str, Any] | None) -> None:
    header = (
        f"{'limit':>5}  {'tool':<12} {'levels':<16} {'loss':>7} {'classes':>7} "
        f"{'max risk':>8} {'suppr.':>6} {'pycanon k':>9} {'library s':>9} {'CLI s':>6}"
    )
    print(header)
    print("-" * len(header))
    for limit in LIMITS:
        arx, mine = ARX[limit], ours[limit]
        pct = f"{limit:.0%}"
        print(f"{pct:>5}  {'ARX (issue)':<12} {'—':<16} {'—':>7} {arx['classes']:>7} "
              f"{arx['highest_risk']:>8.3f} {arx['records_suppressed']:>6} {'—':>9} "
              f"{'0.1-0.4':>9} {'~3':>6}")  # fmt: skip
        print(f"{pct:>5}  {'cityprivacy':<12} {_levels(mine['levels']):<16} {mine['loss']:>7.4f} "
              f"{mine['classes']:>7} {mine['highest_risk']:>8.3f} {mine['records_suppressed']:>6} "
              f"{mine.get('pycanon_k', '—'):>9} {mine['library_seconds']:>9.3f} "
              f"{mine['cli_seconds']:>6.2f}")  # fmt: skip
        if peers is not None:
            other = peers["anjana"][str(limit)]
            print(f"{pct:>5}  {'anjana':<12} {_levels(other['levels']):<16} {other['loss']:>7.4f} "
                  f"{other['classes']:>7} {other['highest_risk']:>8.4f} "
                  f"{other['records_suppressed']:>6} {other['pycanon_k']:>9} "
                  f"{other['seconds']:>9.2f} {'—':>6}")  # fmt: skip


def _levels(levels: list[int]) -> str:
    return "(" + ",".join(map(str, levels)) + ")"


if __name__ == "__main__":
    main()
