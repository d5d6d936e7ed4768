"""``cityprivacy serve``: the REST API under uvicorn, on a database at the newest migration.

The command brings the database up to date first (``--no-upgrade``: only check, and stop
with a clear message when it is behind), then hands uvicorn the app factory by name
(``cityprivacy.web:create_app``), which reads the settings from the environment; the
database URL given here is passed on that way. The access log drops query strings: a
query can hold an identifier (``/api/v1/accounting?identifier=...``).

With ``--workers`` above 1, uvicorn binds the listening socket itself with protocol 0, and
asyncio then leaves Nagle's algorithm on for every connection, which costs each response
~40 ms waiting for a delayed acknowledgement. :class:`TcpConfig` declares the socket as TCP
so that every accepted connection gets ``TCP_NODELAY``, as with a single worker.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import socket
from typing import Annotated, Any

import typer
import uvicorn
from rich.console import Console
from uvicorn.config import LOGGING_CONFIG
from uvicorn.supervisors import Multiprocess

from cityprivacy.cli.db_cmd import DbOption, office_at
from cityprivacy.cli.errors_cli import fail, handle_errors
from cityprivacy.config import get_settings

__all__ = ["APP_FACTORY", "StripQueryStrings", "TcpConfig", "log_config", "serve"]

APP_FACTORY = "cityprivacy.web:create_app"


class StripQueryStrings(logging.Filter):
    """Removes the query string from uvicorn's access log lines (it may identify someone)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration, with query strings kept out of the access log."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["strip_query"] = {"()": StripQueryStrings}
    config["loggers"]["uvicorn.access"]["filters"] = ["strip_query"]
    return config


class TcpConfig(uvicorn.Config):
    """uvicorn's configuration, binding the shared listening socket as a TCP socket."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
            tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, sock.detach())
            tcp.set_inheritable(True)
            return tcp
        return sock


def _run(config: TcpConfig) -> None:
    """What ``uvicorn.run`` does, with :class:`TcpConfig`'s socket for several workers."""
    if config.workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    server = uvicorn.Server(config)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:
        raise typer.Exit(1)  # uvicorn said why (e.g. the port is taken)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Server processes.")] = 1,
    upgrade: Annotated[
        bool,
        typer.Option(
            "--upgrade/--no-upgrade",
            help="Apply the packaged migrations first (default), or only check the revision.",
        ),
    ] = True,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log each request.")
    ] = True,
) -> None:
    """Serve the REST API (/api/v1, OpenAPI at /api/v1/openapi.json, /healthz, /readyz).

    Example: cityprivacy serve --db postgresql+psycopg://postgres@127.0.0.1/cityprivacy --port 8000
    """
    url = db or get_settings().database_url
    console = Console(stderr=True, highlight=False)
    with handle_errors(), office_at(url) as office:
        if workers > 1 and office.engine.dialect.name == "sqlite":
            raise fail(
                "--workers: a SQLite office is served by one process (SQLite has one write "
                "lock; concurrent writers in several processes would fail); use PostgreSQL "
                "(CITYPRIVACY_DATABASE_URL) for several workers"
            )
        if upgrade:
            before, head = office.current_revision(), office.upgrade()
            if before != head:
                console.print(f"{office.url}: upgraded from {before or 'empty'} to {head}")
        elif not office.is_current():
            raise fail(
                f"{office.url} is at revision {office.current_revision() or 'none (empty)'}, "
                f"this version needs {office.head_revision()}: run `cityprivacy db upgrade` "
                "or serve without --no-upgrade"
            )
        shown = office.url
    os.environ["CITYPRIVACY_DATABASE_URL"] = url
    console.print(f"serving {shown} at http://{host}:{port}/api/v1 (docs: /api/v1/docs)")
    _run(
        TcpConfig(
            APP_FACTORY,
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_config=log_config(),
            access_log=access_log,
            server_header=False,
        )
    )
