"""``cityprivacy demo-data``: fill an empty office database with a fictional city."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cityprivacy.cli.db_cmd import DbOption, JsonOption, office_at
from cityprivacy.cli.errors_cli import fail, handle_errors
from cityprivacy.govern.demo import build_demo_city

__all__ = ["demo_data"]


def demo_data(
    db: DbOption = None,
    tokens_file: Annotated[
        Path | None,
        typer.Option(
            "--tokens-file",
            help="Write the demo users' API tokens here (JSON, readable by you only).",
            dir_okay=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Migrate the database, then add agencies, contractors, inventory, designations,
    agreements, disclosures in every state, a late exigent report, incidents, retention and
    public input. The database must hold no organizations yet.

    Example: cityprivacy demo-data --db sqlite:///demo.db --tokens-file demo-tokens.json
    """
    with handle_errors(), office_at(db) as office:
        office.upgrade()
        city = build_demo_city(office)
        report = office.verify_audit()
    if tokens_file is not None:
        try:
            fd = os.open(tokens_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(city.tokens, handle, indent=2)
        except OSError as exc:
            raise fail(f"cannot write {tokens_file}: {exc.strerror}") from None
    summary = {"created": city.counts, "audit_events": report.events, "notes": city.notes}
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    table = Table("records", "created", title="demo city")
    for kind, count in city.counts.items():
        table.add_row(kind, str(count))
    table.add_row("audit events", str(report.events))
    console = Console()
    console.print(table)
    for note in city.notes:
        console.print(f"note: {note}")
