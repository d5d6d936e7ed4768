"""``cityprivacy disclosures``: list disclosures and show one with its history."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.govern import DisclosureStatus, OfficeUnit

__all__ = ["app"]

app = typer.Typer(
    help="Disclosure requests and proposals.\n\n"
    "Example: cityprivacy disclosures list --status submitted",
    no_args_is_help=True,
)

_FIELDS = (
    "id", "kind", "status", "classification", "basis", "recipient_name", "recipient_type",
    "recipient_tags", "types", "taxonomy_version", "record_count", "purpose",
    "mission_justification", "employee_category", "anonymized", "aggregated", "agreement_id",
    "agreement_exception", "agreement_exception_reason", "designation_id", "never_routine",
    "created_at", "submitted_at", "decided_at", "decided_by", "disclosed_at",
    "records_disclosed", "method", "exigent_facts", "reported_to_apo_at", "reported_to_cpo_at",
)  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def _codes(o: OfficeUnit) -> dict[int, str]:
    return {org.id: org.code for org in o.agencies.list()}


@app.command("list")
def list_disclosures(
    status: Annotated[
        DisclosureStatus | None, typer.Option("--status", help="Only disclosures in this state.")
    ] = None,
    agency: Annotated[
        str | None, typer.Option("--agency", help="Only this organization and its contractors.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000)] = 100,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the disclosures you may see, newest first.

    Example: cityprivacy disclosures list --agency DSS --status approved --json
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        codes = _codes(o)
        rows = [
            {
                "id": d.id,
                "agency_code": codes.get(d.organization_id, "?"),
                "status": d.status.value,
                "classification": _plain(d.classification),
                "kind": d.kind.value,
                "recipient_type": d.recipient_type.value,
                "types": d.types,
                "record_count": d.record_count,
                "created_at": d.created_at.isoformat(),
            }
            for d in o.disclosures.list(status=status, agency_code=agency, limit=limit)
        ]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("id", "agency", "status", "class", "kind", "recipient", "types", "records")
    for r in rows:
        table.add_row(
            str(r["id"]), r["agency_code"], r["status"], str(r["classification"] or "—"),
            r["kind"], r["recipient_type"], ", ".join(r["types"]), str(r["record_count"]),
        )  # fmt: skip
    Console().print(table)


@app.command("show")
def show(
    disclosure_id: Annotated[int, typer.Argument(help="The disclosure's id.")],
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every field of one disclosure, its reviews and its audit events.

    Example: cityprivacy disclosures show 12 --json
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        history = o.disclosures.history(disclosure_id)
        d = history.disclosure
        record = {name: _plain(getattr(d, name)) for name in _FIELDS}
        record["agency_code"] = _codes(o).get(d.organization_id, "?")
        reviews = [
            {
                "stage": r.stage.value,
                "decision": r.decision.value,
                "reviewer_id": r.reviewer_id,
                "comment": r.comment,
                "decided_at": r.decided_at.isoformat(),
            }
            for r in history.reviews
        ]
        events = [
            {
                "seq": e.seq,
                "occurred_at": e.occurred_at.isoformat(),
                "actor_id": e.actor_id,
                "action": e.action,
                "changes": json.loads(e.changes),
            }
            for e in history.events
        ]
    if as_json:
        typer.echo(json.dumps({**record, "reviews": reviews, "events": events}, indent=2))
        return
    console = Console()
    table = Table("field", "value", title=f"disclosure {disclosure_id}")
    for name, value in record.items():
        table.add_row(name, "—" if value in (None, "", []) else str(value))
    console.print(table)
    history_table = Table("seq", "when", "actor", "action", title="history")
    for e in events:
        history_table.add_row(str(e["seq"]), e["occurred_at"], str(e["actor_id"]), e["action"])
    console.print(history_table)
