"""``cityprivacy db``: apply the packaged migrations and show the database's revision.

Also the one place the office commands open the database: ``--db URL`` or the
``CITYPRIVACY_DATABASE_URL`` setting, and ``--token`` to act as a user (otherwise the
command acts as the local administrator, who has direct access to the database anyway).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console

from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.config import get_settings
from cityprivacy.govern import Actor, Office, open_office

__all__ = ["DbOption", "JsonOption", "TokenOption", "acting_as", "app", "office_at"]

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: CITYPRIVACY_DATABASE_URL, else sqlite:///cityprivacy.db).",
        show_default=False,
    ),
]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="CITYPRIVACY_TOKEN",
        help="Act as the user of this API token (default: the local administrator).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]

app = typer.Typer(
    help="The office database: apply migrations, show the revision.\n\n"
    "Example: cityprivacy db upgrade --db postgresql+psycopg://postgres@127.0.0.1/cityprivacy",
    no_args_is_help=True,
)


@contextmanager
def office_at(db: str | None) -> Iterator[Office]:
    """The office on ``db`` (or the configured URL), closed afterwards."""
    office = open_office(db or get_settings().database_url)
    try:
        yield office
    finally:
        office.close()


def acting_as(office: Office, token: str | None) -> Actor:
    """The token's user, or the local administrator."""
    return office.authenticate(token) if token else Actor.system()


@app.command("upgrade")
def upgrade(db: DbOption = None) -> None:
    """Apply every migration the package ships (safe to repeat).

    Example: cityprivacy db upgrade --db sqlite:///city.db
    """
    with handle_errors(), office_at(db) as office:
        before = office.current_revision()
        head = office.upgrade()
        if before == head:
            Console().print(f"{office.url}: already at revision {head}")
        else:
            Console().print(f"{office.url}: upgraded from {before or 'empty'} to revision {head}")


@app.command("current")
def current(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show the database's revision and the newest one; exit 1 when it is behind.

    Example: cityprivacy db current --json
    """
    with handle_errors(), office_at(db) as office:
        revision, head = office.current_revision(), office.head_revision()
    up_to_date = revision == head
    if as_json:
        typer.echo(json.dumps({"revision": revision, "head": head, "current": up_to_date}))
    else:
        state = "up to date" if up_to_date else "behind: run `cityprivacy db upgrade`"
        Console().print(f"revision {revision or 'none (empty database)'}, head {head}: {state}")
    if not up_to_date:
        raise typer.Exit(1)
