"""Audit benchmark: verify a valid chain of ``--events`` events on PostgreSQL and SQLite.

What issue 5 asks: 1 million audit events verified in under 10 s. Steps, for each backend:

1. create a fresh database (a new database on the PostgreSQL server ``--server``, a new
   SQLite file in a temporary folder) and migrate it;
2. build a valid chain of ``--events`` events in this process (the same canonical form and
   hash as :func:`cityprivacy.govern.audit.append`) and bulk-insert it (``COPY`` on
   PostgreSQL, ``executemany`` on SQLite), then set the chain head and ``ANALYZE``;
3. time :func:`cityprivacy.govern.audit.verify` ``--repeat`` times with one process
   (the default) and with one worker process per core, recording the wall time,
   the CPU time of this process and of its child processes, and checking that every run
   says the chain is intact;
4. print a table, write ``benchmarks/results/audit.json``, drop the database.

The database server runs on the same cores: its CPU time is not in the figures. The load
average before and after is recorded (the machine may be shared).

    .venv/bin/python benchmarks/audit_bench.py [--events 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from cityprivacy.config import Settings
from cityprivacy.govern import open_office
from cityprivacy.govern.audit import canonical_event, format_timestamp, verify
from cityprivacy.store.models import GENESIS_HASH

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "audit.json"
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TARGET_S = 10.0
ACTIONS = ("disclosure.create", "disclosure.submit", "disclosure.approve", "disclosure.disclose")
STATUSES = ("draft", "submitted", "second_review", "approved")
Row = tuple[int, datetime, int, str, str, str, int, str, str, str]


def chain(events: int) -> Iterator[Row]:
    """A valid chain: the rows :func:`append` would have written for a busy office."""
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    prev = GENESIS_HASH
    sha256 = hashlib.sha256
    for seq in range(1, events + 1):
        moment = start + timedelta(milliseconds=37 * seq)
        step = seq % 4
        action, entity_id = ACTIONS[step], str(seq // 4 + 1)
        actor, organization = 2 + seq % 11, 1 + seq % 7
        changes = f'{{"status":"{STATUSES[step]}","version":{step + 1}}}'
        canonical = canonical_event(
            seq=seq,
            occurred_at=format_timestamp(moment),
            actor_id=actor,
            action=action,
            entity_type="disclosure",
            entity_id=entity_id,
            organization_id=organization,
            changes=changes,
        )
        digest = sha256((prev + canonical).encode("utf-8")).hexdigest()
        yield (
            seq,
            moment,
            actor,
            action,
            "disclosure",
            entity_id,
            organization,
            changes,
            prev,
            digest,
        )
        prev = digest


COLUMNS = (
    "seq, occurred_at, actor_id, action, entity_type, entity_id, organization_id, changes, "
    "prev_hash, hash"
)


def _fill_postgresql(url: str, events: int) -> str:
    engine = create_engine(url)
    last = GENESIS_HASH
    with engine.begin() as connection:
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY audit_events ({COLUMNS}) FROM STDIN") as copy:
            for row in chain(events):
                copy.write_row(row)
                last = row[-1]
        connection.execute(
            text("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1"),
            {"seq": events, "hash": last},
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE audit_events"))
    engine.dispose()
    return last


def _fill_sqlite(path: Path, events: int) -> str:
    import sqlite3

    last = GENESIS_HASH

    def rows() -> Iterator[tuple[Any, ...]]:
        nonlocal last
        for row in chain(events):
            last = row[-1]
            # stored as SQLAlchemy stores a UTC datetime on SQLite: naive ISO text
            yield (row[0], row[1].replace(tzinfo=None).isoformat(" ", "microseconds"), *row[2:])

    with sqlite3.connect(path) as connection:
        connection.executemany(
            f"INSERT INTO audit_events ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)", rows()
        )
        connection.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (events, last))
        connection.execute("ANALYZE")
    connection.close()
    return last


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _time_verify(url: str, workers: int, repeat: int, events: int) -> list[dict[str, Any]]:
    engine = create_engine(url)
    runs = []
    try:
        for _ in range(repeat):
            with engine.connect() as connection:
                cpu, began = _cpu(), time.perf_counter()
                report = verify(connection, workers=workers)
                wall, cpu = time.perf_counter() - began, _cpu() - cpu
            if not report.ok or report.events != events:
                raise SystemExit(f"verify said {report.as_dict()} on a valid chain")
            runs.append({"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)})
    finally:
        engine.dispose()
    return runs


def _migrate(url: str) -> None:
    office = open_office(url, settings=Settings(database_url=url))
    office.upgrade()
    office.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server", default=os.environ.get("CITYPRIVACY_BENCH_POSTGRES_URL", SERVER)
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backends", default="postgresql,sqlite")
    args = parser.parse_args()
    backends = args.backends.split(",")
    load_before = os.getloadavg()
    results: list[dict[str, Any]] = []

    def measure(backend: str, url: str) -> None:
        cores = os.cpu_count() or 1
        for label, workers in (("1 process", 1), (f"{cores} processes", cores)):
            runs = _time_verify(url, workers, args.repeat, args.events)
            results.append({"backend": backend, "verify": label, "runs": runs})
            walls = ", ".join(f"{r['wall_s']:.2f}" for r in runs)
            print(f"  {backend:10} {label:12} wall {walls} s", flush=True)

    if "postgresql" in backends:
        admin = create_engine(args.server, isolation_level="AUTOCOMMIT")
        name = f"cityprivacy_audit_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(args.server).set(database=name).render_as_string(hide_password=False)
        try:
            _migrate(url)
            began = time.perf_counter()
            _fill_postgresql(url, args.events)
            print(f"  postgresql filled in {time.perf_counter() - began:.1f} s", flush=True)
            measure("postgresql", url)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "audit.db"
            url = f"sqlite:///{path}"
            _migrate(url)
            began = time.perf_counter()
            _fill_sqlite(path, args.events)
            print(f"  sqlite filled in {time.perf_counter() - began:.1f} s", flush=True)
            measure("sqlite", url)
    load_after = os.getloadavg()

    record = {
        "date": date.today().isoformat(),
        "command": "python benchmarks/audit_bench.py " + " ".join(sys.argv[1:]),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
            "note": "CPU time is this process and its children (not the database server)",
        },
        "events": args.events,
        "target": f"{args.events:,} events verified in under {TARGET_S:.0f} s",
        "results": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")

    print()
    print(f"{'backend':12}{'verify':14}{'wall s (best..worst)':>22}{'CPU s':>14}")
    for r in results:
        walls = sorted(x["wall_s"] for x in r["runs"])
        cpus = sorted(x["cpu_s"] for x in r["runs"])
        print(
            f"{r['backend']:12}{r['verify']:14}{walls[0]:>12.2f}..{walls[-1]:<8.2f}"
            f"{cpus[0]:>7.2f}..{cpus[-1]:<6.2f}"
        )
    print()
    print(
        f"{args.events:,} events; load average before {load_before[0]:.2f}, after "
        f"{load_after[0]:.2f} on {os.cpu_count()} cores; wrote {RESULTS.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
