"""Where processes are spawned (macOS, Windows), workers get the caller's analyzer pickled.

The test forces the ``spawn`` start method on any platform: the output of two spawned
workers must equal the one-process output of the same in-memory analyzer (the suite's
three test recognizers), which the default analyzer would not reproduce.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pyarrow as pa
import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.protect.deidentify import Deidentifier
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.policy import parse_policy
from cityprivacy.protect.table_io import write_table

KEY = SecretKey(b"spawn-tests-key-0123456789abcdef")
POLICY = parse_policy("version: 1\ndefault: replace\nentities:\n  US_SSN: pseudonymize\n")


def test_spawned_workers_use_the_callers_analyzer(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 120  # three batches of 50 rows
    table = pa.table(
        {
            "ssn": [f"{100 + i:03d}-45-{1000 + i:04d}" for i in range(n)],
            "notes": [f"Client {i} was born 03/04/1980 and lives at 2107 Westchester Ave, "
                      f"Bronx; SSN {200 + i:03d}-12-{3000 + i:04d}" for i in range(n)],
        }
    )  # fmt: skip
    write_table(table, tmp_path / "in.parquet")
    one = Deidentifier(POLICY, KEY, settings, analyzer, workers=1)
    one.files(tmp_path / "in.parquet", tmp_path / "one.csv")

    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: spawn)
    two = Deidentifier(POLICY, KEY, settings, analyzer, workers=2)
    summary = two.files(tmp_path / "in.parquet", tmp_path / "two.csv")

    assert summary.workers == 2
    assert summary.all_problems == []
    assert (tmp_path / "two.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
    assert "Westchester" in (tmp_path / "two.csv").read_text(encoding="utf-8")
