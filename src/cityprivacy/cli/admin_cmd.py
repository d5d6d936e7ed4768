"""``cityprivacy admin``: create organizations and users (prints the user's token once)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors, stderr
from cityprivacy.govern import Role

__all__ = ["app"]

app = typer.Typer(
    help="Organizations and users.\n\n"
    "Example: cityprivacy admin create-user apo@dss.example --role apo --agency DSS",
    no_args_is_help=True,
)


@app.command("create-agency")
def create_agency(
    code: Annotated[str, typer.Argument(help="Short upper-case code, e.g. DSS.")],
    name: Annotated[str, typer.Argument(help="Full name.")],
    parent: Annotated[
        str | None,
        typer.Option("--parent", help="Code of the agency (or contractor) it works for."),
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create an agency, or a contractor/subcontractor with --parent.

    Example: cityprivacy admin create-agency ACME "Acme Human Services" --parent DSS
    """
    with handle_errors(), office_at(db) as office:
        with office.unit(acting_as(office, token)) as o:
            organization = o.agencies.create(code, name, parent_code=parent)
        result = {
            "id": organization.id,
            "code": organization.code,
            "name": organization.name,
            "kind": organization.kind.value,
            "parent_code": parent,
        }
    if as_json:
        typer.echo(json.dumps(result))
    else:
        Console().print(f"created {result['kind']} {code} (id {result['id']})")


@app.command("create-user")
def create_user(
    email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
    role: Annotated[Role, typer.Option("--role", help="staff, apo, cpo, auditor or admin.")],
    agency: Annotated[
        str | None, typer.Option("--agency", help="Organization code (staff and apo only).")
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a user and print their API token. The token is shown this once only.

    Example: cityprivacy admin create-user cpo@moip.example --role cpo
    """
    with handle_errors(), office_at(db) as office:
        with office.unit(acting_as(office, token)) as o:
            created = o.users.create(email, role, agency)
        user_id = created.user.id
    if as_json:
        typer.echo(
            json.dumps(
                {"id": user_id, "role": role.value, "agency_code": agency, "token": created.token}
            )
        )
        return
    Console().print(f"created {role.value} user {user_id}")
    stderr.print("API token (shown once, store it now):")
    typer.echo(created.token)
