"""clkhash + anonlink on FEBRL4, run inside benchmarks/.venv-link-peers (see link_bench.py).

    benchmarks/.venv-link-peers/bin/python benchmarks/_link_peers_run.py A.csv B.csv

Prints one JSON object: encoding time, matching time, candidate pairs above the lowest
threshold with their scores (after anonlink's greedy one-to-one solving), and peak memory.
Uses clkhash's published FEBRL schema settings (the same fields and bits as ours) and
anonlink's accelerated Dice candidate generation, as their tutorial does.
"""

from __future__ import annotations

import csv
import json
import resource
import sys
import time
from pathlib import Path

LOW_THRESHOLD = float(sys.argv[3]) if len(sys.argv) > 3 else 0.7


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (clkhash forks workers
    for inputs of 10,000 records or more; FEBRL4's 5,000-record files run in-process)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _read(path: str) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, skipinitialspace=True))
    return [[v.strip() for v in row] for row in rows[1:]]


def _schema():  # type: ignore[no-untyped-def]
    from clkhash.comparators import NgramComparison
    from clkhash.field_formats import (
        BitsPerFeatureStrategy,
        FieldHashingProperties,
        Ignore,
        IntegerSpec,
        MissingValueSpec,
        StringSpec,
    )
    from clkhash.schema import Schema

    def string(name: str, bits: int) -> StringSpec:
        return StringSpec(
            name,
            FieldHashingProperties(
                comparator=NgramComparison(2), strategy=BitsPerFeatureStrategy(bits)
            ),
        )

    def integer(name: str, bits: int) -> IntegerSpec:
        return IntegerSpec(
            name,
            FieldHashingProperties(
                comparator=NgramComparison(1, True),
                strategy=BitsPerFeatureStrategy(bits),
                missing_value=MissingValueSpec(sentinel=""),
            ),
        )

    fields = [
        Ignore("rec_id"),
        string("given_name", 200),
        string("surname", 200),
        integer("street_number", 100),
        string("address_1", 100),
        string("address_2", 100),
        string("suburb", 100),
        integer("postcode", 100),
        string("state", 100),
        integer("date_of_birth", 200),
        Ignore("soc_sec_id"),
    ]
    return Schema(fields, 1024)


def main() -> None:
    import anonlink
    from clkhash import clk

    a_rows, b_rows = _read(sys.argv[1]), _read(sys.argv[2])
    schema = _schema()
    secret = "cityprivacy-benchmark-shared-secret"
    clk.generate_clks(a_rows[:200], schema, secret, validate=False)  # warm-up, as ours does
    t0, c0 = time.perf_counter(), _cpu()
    clks_a = clk.generate_clks(a_rows, schema, secret, validate=False)
    clks_b = clk.generate_clks(b_rows, schema, secret, validate=False)
    encode_s, encode_cpu = time.perf_counter() - t0, _cpu() - c0
    t0, c0 = time.perf_counter(), _cpu()
    candidates = anonlink.candidate_generation.find_candidate_pairs(
        [clks_a, clks_b], anonlink.similarities.dice_coefficient, LOW_THRESHOLD
    )
    compare_s, compare_cpu = time.perf_counter() - t0, _cpu() - c0
    t0 = time.perf_counter()
    solution = anonlink.solving.greedy_solve(candidates)
    solve_s = time.perf_counter() - t0
    sims, _, (rec_a, rec_b) = candidates
    score = {(int(i), int(j)): float(s) for s, i, j in zip(sims, rec_a, rec_b, strict=True)}
    pairs = []
    for group in solution:
        (_, i), (_, j) = sorted(group)
        pairs.append([a_rows[i][0], b_rows[j][0], score[(i, j)]])
    json.dump(
        {
            "tool": "clkhash + anonlink",
            "records": len(a_rows) + len(b_rows),
            "encode_seconds": encode_s,
            "compare_seconds": compare_s,
            "encode_cpu_seconds": encode_cpu,
            "compare_cpu_seconds": compare_cpu,
            "solve_seconds": solve_s,
            "comparisons": len(a_rows) * len(b_rows),
            "low_threshold": LOW_THRESHOLD,
            "pairs": pairs,
            "peak_rss_mb": _peak_mb(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
