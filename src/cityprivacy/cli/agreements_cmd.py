"""``cityprivacy agreements``: data sharing agreements, their terms and versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

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
from cityprivacy.govern import AgreementStatus, RecipientType
from cityprivacy.govern.sharing import load_terms_file

__all__ = ["app"]

app = typer.Typer(
    help="Data sharing agreements.\n\nExample: cityprivacy agreements show 3 --json",
    no_args_is_help=True,
)

_SUMMARY = (
    "id", "title", "recipient_name", "recipient_type", "types", "status", "version",
    "effective_from", "review_on", "expires_on",
)  # fmt: skip
_TERMS = (
    "parties", "taxonomy_version", "purposes", "permitted_uses", "future_use_clause",
    "onward_disclosure_limits", "retention_terms", "destruction_terms", "security_terms",
    "extract_terms",
)  # fmt: skip


@app.command("list")
def list_agreements(
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """The agreements you may see.

    Example: cityprivacy agreements list --json
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        codes = agency_codes(o)
        rows = [
            as_record(a, _SUMMARY, agency_code=codes.get(a.organization_id, "?"))
            for a in o.agreements.list()
        ]
    columns = ("id", "agency_code", "title", "recipient_type", "types", "status",
               "expires_on")  # fmt: skip
    print_rows(rows, columns, as_json=as_json, title="agreements")


@app.command("add")
def add(
    agency: Annotated[str, typer.Argument(help="Code of the organization that shares.")],
    title: Annotated[str, typer.Option("--title", help="The agreement's title.")],
    recipient: Annotated[str, typer.Option("--recipient", help="Who receives the data.")],
    recipient_type: Annotated[
        RecipientType, typer.Option("--recipient-type", help="What kind of recipient.")
    ],
    types: TypesOption,
    purposes: Annotated[str, typer.Option("--purposes", help="What the data are shared for.")],
    permitted_uses: Annotated[
        str, typer.Option("--permitted-uses", help="What the recipient may do with them.")
    ],
    future_use_clause: Annotated[
        str,
        typer.Option(
            "--future-use-clause",
            help="The clause binding the recipient's anticipated and future use to the law.",
        ),
    ],
    party: Annotated[
        list[str] | None,
        typer.Option("--party", help="A party; repeat (default: the agency and the recipient)."),
    ] = None,
    onward_limits: Annotated[
        str, typer.Option("--onward-limits", help="Limits on onward disclosure.")
    ] = "",
    retention_terms: Annotated[str, typer.Option("--retention-terms")] = "",
    destruction_terms: Annotated[str, typer.Option("--destruction-terms")] = "",
    security_terms: Annotated[str, typer.Option("--security-terms")] = "",
    effective_from: Annotated[
        str | None, typer.Option("--effective-from", help="YYYY-MM-DD.")
    ] = None,
    review_on: Annotated[str | None, typer.Option("--review-on", help="YYYY-MM-DD.")] = None,
    expires_on: Annotated[str | None, typer.Option("--expires-on", help="YYYY-MM-DD.")] = None,
    activate: Annotated[
        bool, typer.Option("--activate", help="Make it active at once (default: a draft).")
    ] = False,
    extract_terms: Annotated[
        Path | None,
        typer.Option(
            "--extract-terms",
            help="YAML file: how `cityprivacy share extract` treats each type (see the README).",
        ),
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Register a data sharing agreement (APO of the organization, or the CPO).

    Example: cityprivacy agreements add DOHMH --title "Asthma study" --recipient "Gotham U"
    --recipient-type third_party --type name --type address --purposes "Study"
    --permitted-uses "Protocol only" --future-use-clause "Bound by Admin Code 23-12" --activate
    """
    with handle_errors():
        dates = {
            "effective_from": parse_day(effective_from, "--effective-from"),
            "review_on": parse_day(review_on, "--review-on"),
            "expires_on": parse_day(expires_on, "--expires-on"),
        }
        with office_at(db) as office, office.unit(acting_as(office, token)) as o:
            terms = (
                load_terms_file(extract_terms, office.tools.taxonomy)
                if extract_terms is not None
                else None
            )
            agreement = o.agreements.create(
                organization_code=agency,
                title=title,
                recipient_name=recipient,
                recipient_type=recipient_type,
                categories=types,
                purposes=purposes,
                permitted_uses=permitted_uses,
                future_use_clause=future_use_clause,
                parties=party or (),
                onward_disclosure_limits=onward_limits,
                retention_terms=retention_terms,
                destruction_terms=destruction_terms,
                security_terms=security_terms,
                extract_terms=terms,
                **dates,
            )
            if activate:
                agreement = o.agreements.set_status(agreement.id, AgreementStatus.ACTIVE)
            record = as_record(agreement, _SUMMARY, agency_code=agency)
    if as_json:
        print_json(record)
    else:
        Console().print(f"created agreement {record['id']} ({record['status']})")


@app.command("show")
def show(
    agreement_id: Annotated[int, typer.Argument(help="The agreement's id.")],
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every term of one agreement, and its versions.

    Example: cityprivacy agreements show 3
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        agreement = o.agreements.get(agreement_id)
        record = as_record(
            agreement,
            (*_SUMMARY, *_TERMS),
            agency_code=agency_codes(o).get(agreement.organization_id, "?"),
        )
        versions = [
            {
                "number": v.number,
                "changed_at": v.changed_at.isoformat(),
                "changed_by": v.changed_by,
                "status": v.snapshot.get("status"),
            }
            for v in o.agreements.versions(agreement_id)
        ]
    if as_json:
        print_json({**record, "versions": versions})
        return
    console = Console()
    table = Table("term", "value", title=f"agreement {agreement_id}")
    for name, value in record.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        if isinstance(value, dict):
            shown = json.dumps(value, sort_keys=True) if value else ""
        table.add_row(name, "—" if shown in (None, "") else str(shown))
    console.print(table)
    history = Table("version", "changed at", "by", "status", title="versions")
    for v in versions:
        history.add_row(
            str(v["number"]), str(v["changed_at"]), str(v["changed_by"]), str(v["status"])
        )
    console.print(history)
