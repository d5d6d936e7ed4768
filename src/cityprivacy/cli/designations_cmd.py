"""``cityprivacy designations``: routine (and "never routine") designations."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.cli.office_output import (
    TypesOption,
    agency_codes,
    as_record,
    parse_day,
    print_json,
    print_rows,
)
from cityprivacy.govern import AppliesTo, RecipientType

__all__ = ["app"]

app = typer.Typer(
    help="Routine designations: kinds of collection or disclosure done in the normal course.\n\n"
    "Example: cityprivacy designations list --json",
    no_args_is_help=True,
)

_FIELDS = (
    "id", "applies_to", "types", "taxonomy_version", "recipient_type", "purpose",
    "agreement_required", "never_routine", "effective_from", "review_on", "revoked_at",
    "approver_id",
)  # fmt: skip


@app.command("list")
def list_designations(
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """The designations you may see: your organizations' and the citywide ones.

    Example: cityprivacy designations list --token "$CITYPRIVACY_TOKEN"
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        codes = agency_codes(o)
        rows = [
            as_record(
                d,
                _FIELDS,
                scope=codes.get(d.organization_id, "?")
                if d.organization_id is not None
                else "citywide",
            )
            for d in o.designations.list()
        ]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        row["kind"] = _kind(row)
    columns = ("id", "scope", "kind", "types", "recipient_type", "effective_from", "review_on",
               "revoked_at")  # fmt: skip
    print_rows(rows, columns, as_json=False, title="designations")


def _kind(row: dict[str, Any]) -> str:
    """``routine disclosure``, ``never-routine collection``, ``… + agreement`` (for the table)."""
    kind = f"{'never-routine' if row['never_routine'] else 'routine'} {row['applies_to']}"
    return f"{kind} + agreement" if row["agreement_required"] else kind


@app.command("add")
def add(
    types: TypesOption,
    purpose: Annotated[
        str, typer.Option("--purpose", help="The kind of collection or disclosure designated.")
    ],
    agency: Annotated[
        str | None,
        typer.Option("--agency", help="For this organization (APO); omit for citywide (CPO)."),
    ] = None,
    applies_to: Annotated[
        AppliesTo, typer.Option("--applies-to", help="A kind of disclosure or of collection.")
    ] = AppliesTo.DISCLOSURE,
    recipient_type: Annotated[
        RecipientType | None,
        typer.Option("--recipient-type", help="Only disclosures to this kind of recipient."),
    ] = None,
    agreement_required: Annotated[
        bool, typer.Option("--agreement-required", help="Routine, but still needs an agreement.")
    ] = False,
    never_routine: Annotated[
        bool,
        typer.Option("--never-routine", help="These types may never be treated as routine."),
    ] = False,
    effective_from: Annotated[
        str | None, typer.Option("--effective-from", help="YYYY-MM-DD (default: today).")
    ] = None,
    review_on: Annotated[
        str | None, typer.Option("--review-on", help="YYYY-MM-DD: the designation lapses after.")
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Designate a kind of disclosure (or collection) as routine, or as never routine.

    Example: cityprivacy designations add --agency DSS --type name --type address
    --recipient-type city_agency --purpose "Shelter placement" --token "$APO_TOKEN"
    """
    with handle_errors():
        start = parse_day(effective_from, "--effective-from") or date.today()
        review = parse_day(review_on, "--review-on")
        with office_at(db) as office, office.unit(acting_as(office, token)) as o:
            designation = o.designations.create(
                categories=types,
                purpose=purpose,
                effective_from=start,
                organization_code=agency,
                applies_to=applies_to,
                recipient_type=recipient_type,
                agreement_required=agreement_required,
                never_routine=never_routine,
                review_on=review,
            )
            record = as_record(designation, _FIELDS, scope=agency or "citywide")
    if as_json:
        print_json(record)
    else:
        kind = "never-routine" if never_routine else "routine"
        Console().print(f"created {kind} designation {record['id']} ({record['scope']})")
