"""``cityprivacy accounting``: who received data about a person, and the retention purge.

``lookup`` reads the person's identifier from standard input (or a hidden prompt), never
from the command line, where shell history and process listings would keep it. ``purge``
deletes the entries past ``CITYPRIVACY_ACCOUNTING_RETENTION_YEARS``; it is meant to run on
a schedule (cron, a systemd timer) as the local administrator or with a CPO's token.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from typing import Annotated

import typer
from rich.console import Console

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.cli.office_output import plain, print_json, print_rows
from cityprivacy.errors import InputError

__all__ = ["app"]

app = typer.Typer(
    help="The accounting of disclosures: who received data about a person; the retention "
    "purge.\n\n"
    "Example: cityprivacy accounting lookup --token $CPO_TOKEN < person.txt\n\n"
    "Example: cityprivacy accounting purge --dry-run --json",
    no_args_is_help=True,
)

_COLUMNS = ("disclosure_id", "organization_code", "recipient_name", "recipient_type", "types",
            "basis", "disclosed_at")  # fmt: skip


def _identifier() -> str:
    """The identifier from a hidden prompt, or the first line of piped standard input."""
    if sys.stdin.isatty():
        value = str(typer.prompt("Identifier", hide_input=True))
    else:
        value = sys.stdin.readline()
    if not value.strip():
        raise InputError("identifier: give the person's identifier on standard input")
    return value.strip()


@app.command("lookup")
def lookup(db: DbOption = None, token: TokenOption = None, as_json: JsonOption = False) -> None:
    """Who received data about a person: the disclosures whose accounting names them
    (under the current office key and the earlier ones of CITYPRIVACY_PREVIOUS_KEY_FILES).
    The identifier is read from standard input; the look-up is audited by its hash.

    Example: printf '%s\\n' "$PERSON_ID" | cityprivacy accounting lookup --token $TOKEN --json
    """
    with handle_errors():
        identifier = _identifier()
        with office_at(db) as office, office.unit(acting_as(office, token)) as o:
            records = o.accounting.who_received(identifier)
    rows = [{k: plain(v) for k, v in asdict(r).items()} for r in records]
    print_rows(rows, _COLUMNS, as_json=as_json, title="Disclosures about this person")


@app.command("purge")
def purge(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only count the expired entries.")
    ] = False,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Delete the accounting entries past their retention date (audited with the count).

    Example: cityprivacy accounting purge --dry-run
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        count = o.accounting.purge_expired(dry_run=dry_run)
        today = o.context.now().date()
    if as_json:
        print_json({"entries": count, "dry_run": dry_run, "expired_before": today.isoformat()})
        return
    verb = "would delete" if dry_run else "deleted"
    Console().print(f"{verb} {count} accounting entries kept until before {today}")
