"""``cityprivacy serve``: migrations first (or a clear refusal), then a real uvicorn server."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.cli.serve_cmd import APP_FACTORY, StripQueryStrings, TcpConfig, log_config


def test_serve_refuses_a_database_behind_without_upgrade(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--db", f"sqlite:///{tmp_path}/empty.db", "--no-upgrade"]
    )
    assert result.exit_code == 2
    assert "cityprivacy db upgrade" in result.output
    assert "none (empty)" in result.output


def test_serve_says_when_the_database_cannot_be_reached() -> None:
    result = CliRunner().invoke(
        app, ["serve", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"]
    )
    assert result.exit_code == 2
    assert "cannot" in result.output


def test_the_access_log_keeps_no_query_string() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/api/v1/accounting?identifier=123-45-6789", "1.1", 200),
        None,
    )
    assert StripQueryStrings().filter(record)
    assert "6789" not in record.getMessage()
    assert "/api/v1/accounting" in record.getMessage()
    assert log_config()["loggers"]["uvicorn.access"]["filters"] == ["strip_query"]


def test_the_shared_socket_of_several_workers_is_tcp() -> None:
    """So that asyncio turns Nagle's algorithm off on every connection (no 40 ms stalls)."""
    sock = TcpConfig(APP_FACTORY, factory=True, host="127.0.0.1", port=0, workers=2).bind_socket()
    try:
        assert sock.proto == socket.IPPROTO_TCP
        assert sock.get_inheritable()
        sock.listen()
        client = socket.create_connection(sock.getsockname())
        accepted, _ = sock.accept()
        with client, accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0  # not yet...
            assert accepted.proto == socket.IPPROTO_TCP  # ...but asyncio will set it
    finally:
        sock.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_runs_the_api_on_a_fresh_database(tmp_path: Path) -> None:
    port = _free_port()
    args = ["serve", "--db", f"sqlite:///{tmp_path}/served.db", "--port", str(port)]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    with subprocess.Popen(
        [sys.executable, "-c", "from cityprivacy.cli import main; main()", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=tmp_path,
    ) as server:
        try:
            ready = None
            for _ in range(200):
                try:
                    ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert ready is not None, "the server did not start"
            assert ready.status_code == 200
            secret = httpx.get(f"http://127.0.0.1:{port}/api/v1/accounting?identifier=SECRET-42")
            assert secret.status_code == 401
        finally:
            server.terminate()
            output = server.communicate(timeout=30)[0].decode()
    assert "upgraded from empty" in output
    assert "GET /api/v1/accounting HTTP/1.1" in output
    assert "SECRET-42" not in output


def test_several_workers_on_sqlite_are_refused(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/one.db"
    result = CliRunner().invoke(app, ["serve", "--db", db, "--workers", "2", "--port", "1"])
    assert result.exit_code == 2
    assert "one process" in result.output
    assert "PostgreSQL" in result.output
