"""``cityprivacy audit verify``: check the hash chain of the audit trail.

Exit 0 when every event is intact and in place, 1 when the chain is broken (the first bad
event and why are printed), 2 when the database cannot be used.
"""

from __future__ import annotations

import json

import typer
from rich.console import Console

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors

__all__ = ["app"]

app = typer.Typer(
    help="The tamper-evident audit trail.\n\nExample: cityprivacy audit verify --json",
    no_args_is_help=True,
)


@app.command("verify")
def verify(db: DbOption = None, token: TokenOption = None, as_json: JsonOption = False) -> None:
    """Verify every event of the audit chain; exit 1 and name the first bad event if broken.

    Example: cityprivacy audit verify --db postgresql+psycopg://postgres@127.0.0.1/cityprivacy
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        report = o.audit.verify()
    if as_json:
        typer.echo(json.dumps(report.as_dict()))
    elif report.ok:
        Console().print(f"ok: {report.events} events, chain intact")
    else:
        Console().print(
            f"[bold red]broken[/] at event {report.first_bad_event}: {report.reason} "
            f"({report.events} events read)"
        )
    if not report.ok:
        raise typer.Exit(1)
