"""Service benchmark: the REST API under a real uvicorn process on a fresh PostgreSQL database.

What issue 5 asks: concurrent clients on loopback, p50/p95/p99 latency and requests per
second for listing, creating and approving disclosures; the target is p99 < 50 ms at 50
concurrent clients. Steps:

1. create a fresh database on the PostgreSQL server (``--server``, default the local one),
   migrate it and seed two agencies, their people and ``--seed`` submitted disclosures
   (through the office's own service functions, so the audit chain is real), then
   ``ANALYZE`` it, as autovacuum would a live database (without statistics PostgreSQL
   sorts all of an agency's disclosures to list the newest 20);
2. start ``cityprivacy serve`` on it (``--workers`` processes, no access log), wait for
   ``/readyz``, and warm every worker's token cache;
3. for each scenario and each concurrency level, run that many closed-loop clients (asyncio
   tasks, each on its own keep-alive connection, sending its next request as soon as the
   last answered; see :class:`Connection`) for ``--seconds``: ``list`` = GET
   /api/v1/disclosures?agency_code=DSS&limit=20 (an APO),
   ``create`` = POST /api/v1/disclosures (staff), ``approve`` = POST
   /api/v1/disclosures/{id}/approve on a distinct submitted disclosure each time (an APO);
4. print a table, write ``benchmarks/results/service.json``, stop the server, drop the
   database.

The clients run in this process, on the same 2 cores as the server: they take part of the
CPU the server would otherwise have (recorded per run, with the server processes' CPU).
The load average before and after is recorded.

    .venv/bin/python benchmarks/service_bench.py [--seconds 8] [--workers 2] [--seed 6000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from cityprivacy.config import Settings
from cityprivacy.govern import Actor, NewDisclosure, open_office

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "service.json"
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
LEVELS = (1, 10, 50)
TARGET_MS = 50.0
BODY = {
    "agency_code": "DSS",
    "kind": "request",
    "recipient_name": "Department of Health",
    "recipient_type": "city_agency",
    "categories": ["name", "address"],
    "record_count": 40,
    "purpose": "Outreach to families",
    "mission_justification": "Connects families with services",
    "basis": "apo_approval",
    "division": "Family Services",
    "employee_category": "caseworker",
}


@dataclass
class Run:
    scenario: str
    concurrency: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    client_cpu: float = 0.0

    def summary(self) -> dict[str, Any]:
        ms = sorted(x * 1000 for x in self.latencies)
        q = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
        ok = sum(n for status, n in self.statuses.items() if 0 < status < 400)
        return {
            "scenario": self.scenario,
            "concurrency": self.concurrency,
            "requests": len(ms),
            "errors": len(ms) - ok,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "seconds": round(self.seconds, 2),
            "requests_per_second": round(len(ms) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(q[49], 1),
            "p95_ms": round(q[94], 1),
            "p99_ms": round(q[98], 1),
            "max_ms": round(ms[-1], 1),
            "client_cpu_s": round(self.client_cpu, 2),
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _seed(url: str, count: int) -> tuple[dict[str, str], list[int]]:
    """Two agencies, their people, and ``count`` submitted disclosures of DSS."""
    office = open_office(url, settings=Settings(database_url=url))
    office.upgrade()
    tokens: dict[str, str] = {}
    with office.unit(Actor.system()) as o:
        o.agencies.create("DSS", "Department of Social Services")
        o.agencies.create("HRA", "Human Resources Administration")
        for name, role, agency in (
            ("staff", "staff", "DSS"),
            ("apo", "apo", "DSS"),
            ("cpo", "cpo", None),
        ):
            tokens[name] = o.users.create(f"{name}@bench.example", role, agency).token
    staff = office.authenticate(tokens["staff"])
    new = NewDisclosure.model_validate(BODY)
    ids: list[int] = []
    while len(ids) < count:
        with office.unit(staff) as o:
            for _ in range(min(500, count - len(ids))):
                disclosure_id = o.disclosures.create(new).id
                o.disclosures.submit(disclosure_id)
                ids.append(disclosure_id)
    with office.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
    office.close()
    return tokens, ids


def _start(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CITYPRIVACY_DATABASE_URL": url, "PYTHONWARNINGS": "ignore"}
    command = [
        sys.executable,
        "-c",
        "from cityprivacy.cli import main; main()",
        "serve",
        "--db",
        url,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            raise SystemExit(
                f"the server stopped: {server.stderr.read().decode() if server.stderr else ''}"
            )
        time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not become ready in 60 s")


Request = Callable[[], tuple[str, str, dict[str, Any] | None]]


class Connection:
    """One keep-alive HTTP/1.1 connection: a request out, its whole response in.

    The load generator is deliberately lean (no HTTP library): the clients share the two
    cores with the server, and a heavy client would measure itself. The server answers
    with ``Content-Length`` (uvicorn does for every response here); any other framing,
    a closed connection or a timeout counts as an error.
    """

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: dict[str, Any] | None) -> int:
        """Send one request and read its response; the status (0: the connection failed)."""
        try:
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            assert self.reader is not None
            data = b"" if body is None else json.dumps(body).encode()
            self.writer.write(
                f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{self.head}"
                f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n".encode()
                + data
            )
            head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), 60)
            status = int(head[9:12])
            length = _content_length(head)
            if length is None:
                raise ConnectionError("a response without Content-Length")
            await self.reader.readexactly(length)
            return status
        except (OSError, ConnectionError, asyncio.IncompleteReadError, TimeoutError, ValueError):
            self.close()
            return 0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def _content_length(head: bytes) -> int | None:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            return int(value)
    return None


async def _run(
    port: int, scenario: str, level: int, seconds: float, make: Request, headers: dict[str, str]
) -> Run:
    """``level`` closed-loop clients, each on its own connection, for ``seconds``."""
    run = Run(scenario, level)
    connections = [Connection(port, headers) for _ in range(level)]
    end = time.perf_counter() + seconds

    async def client(connection: Connection) -> None:
        while time.perf_counter() < end:
            try:
                method, path, body = make()
            except StopIteration:
                return
            start = time.perf_counter()
            status = await connection.request(method, path, body)
            run.latencies.append(time.perf_counter() - start)
            run.statuses[status] = run.statuses.get(status, 0) + 1

    began = time.perf_counter()
    cpu = time.process_time()
    await asyncio.gather(*(client(c) for c in connections))
    run.seconds = time.perf_counter() - began
    run.client_cpu = time.process_time() - cpu
    for connection in connections:
        connection.close()
    return run


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop when it is installed (a cheaper client), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of process ``pid`` and its children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def _warm(base: str, tokens: dict[str, str], workers: int) -> None:
    """Every token through every worker process, so the token caches are filled."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        for token in tokens.values():
            for _ in range(8 * workers):
                await client.get("/api/v1/taxonomy", headers={"Authorization": f"Bearer {token}"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server", default=os.environ.get("CITYPRIVACY_BENCH_POSTGRES_URL", SERVER)
    )
    parser.add_argument("--seconds", type=float, default=8.0, help="per scenario and level")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn processes")
    parser.add_argument("--seed", type=int, default=6000, help="submitted disclosures to approve")
    args = parser.parse_args()

    load_before = os.getloadavg()
    admin = create_engine(args.server, isolation_level="AUTOCOMMIT")
    name = f"cityprivacy_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(args.server).set(database=name).render_as_string(hide_password=False)
    server = None
    try:
        began = time.perf_counter()
        tokens, pool = _seed(url, args.seed)
        seeded_in = time.perf_counter() - began
        port = _free_port()
        server = _start(url, port, args.workers)
        base = f"http://127.0.0.1:{port}"
        asyncio.run(_warm(base, tokens, args.workers))
        approvals: Iterator[int] = iter(pool)
        scenarios: dict[str, tuple[Request, str]] = {
            "list": (lambda: ("GET", "/api/v1/disclosures?agency_code=DSS&limit=20", None), "apo"),
            "create": (lambda: ("POST", "/api/v1/disclosures", BODY), "staff"),
            "approve": (
                lambda: ("POST", f"/api/v1/disclosures/{next(approvals)}/approve", {"comment": ""}),
                "apo",
            ),
        }
        runs: list[dict[str, Any]] = []
        for scenario, (make, who) in scenarios.items():
            for level in LEVELS:
                headers = {"Authorization": f"Bearer {tokens[who]}"}
                server_cpu = _tree_cpu(server.pid)
                with asyncio.Runner(loop_factory=_loop_factory()) as runner:
                    run = runner.run(_run(port, scenario, level, args.seconds, make, headers))
                runs.append(
                    {**run.summary(), "server_cpu_s": round(_tree_cpu(server.pid) - server_cpu, 2)}
                )
                print(
                    f"  {scenario:8} x{level:<3} {runs[-1]['requests_per_second']:7.1f} req/s "
                    f"p99 {runs[-1]['p99_ms']:7.1f} ms",
                    flush=True,
                )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    load_after = os.getloadavg()

    at_target = [r for r in runs if r["concurrency"] == 50]
    record = {
        "date": date.today().isoformat(),
        "command": "python benchmarks/service_bench.py " + " ".join(sys.argv[1:]),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
            "note": "shared with other jobs; the clients run on the same cores as the server",
        },
        "server": {
            "command": f"cityprivacy serve --workers {args.workers} --no-access-log",
            "database": "postgresql (fresh database on the local server)",
            "token_cache_seconds": 30,
        },
        "seeded": {"submitted_disclosures": args.seed, "seconds": round(seeded_in, 1)},
        "seconds_per_run": args.seconds,
        "target": f"p99 < {TARGET_MS:.0f} ms at 50 concurrent clients",
        "target_met": {r["scenario"]: r["p99_ms"] < TARGET_MS for r in at_target},
        "runs": runs,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")

    print()
    print(
        f"{'scenario':10}{'clients':>8}{'requests':>10}{'errors':>8}{'req/s':>9}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    )
    for r in runs:
        print(
            f"{r['scenario']:10}{r['concurrency']:>8}{r['requests']:>10}{r['errors']:>8}"
            f"{r['requests_per_second']:>9.1f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
            f"{r['p99_ms']:>9.1f}{r['max_ms']:>9.1f}"
        )
    print()
    print(f"target {record['target']}: {record['target_met']}")
    print(
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
        f"on {os.cpu_count()} cores; wrote {RESULTS.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
