"""``cityprivacy rules``: the citywide rules checked at submission, and switching them."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.cli.office_output import as_record, print_rows

__all__ = ["app"]

app = typer.Typer(
    help="Citywide rules checked at every submission (the CPO switches them).\n\n"
    "Example: cityprivacy rules deactivate immigration-status-to-federal-immigration",
    no_args_is_help=True,
)

_FIELDS = ("code", "active", "types", "recipient_types", "recipient_tags", "allowed_bases")
CodeArgument = Annotated[str, typer.Argument(help="The rule's code.")]


def _switch(code: str, active: bool, db: str | None, token: str | None, as_json: bool) -> None:
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        row: dict[str, Any] = as_record(o.rules.set_active(code, active), _FIELDS)
    print_rows([row], _FIELDS, as_json=as_json, title="citywide rule")


@app.command("list")
def list_rules(db: DbOption = None, token: TokenOption = None, as_json: JsonOption = False) -> None:
    """Every citywide rule and whether it is checked.

    Example: cityprivacy rules list --json
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        rows = [as_record(r, _FIELDS) for r in o.rules.list()]
    print_rows(rows, _FIELDS, as_json=as_json, title="citywide rules")


@app.command("activate")
def activate(
    code: CodeArgument, db: DbOption = None, token: TokenOption = None, as_json: JsonOption = False
) -> None:
    """Check the rule at every later submission (CPO).

    Example: cityprivacy rules activate immigration-status-to-federal-immigration --token $CPO
    """
    _switch(code, True, db, token, as_json)


@app.command("deactivate")
def deactivate(
    code: CodeArgument, db: DbOption = None, token: TokenOption = None, as_json: JsonOption = False
) -> None:
    """Stop checking the rule (CPO); it stays on record.

    Example: cityprivacy rules deactivate my-rule --token $CPO
    """
    _switch(code, False, db, token, as_json)
