"""``cityprivacy incidents``: unauthorized disclosures and breaches, and who must be told."""

from __future__ import annotations

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
    parse_instant,
    print_json,
    print_rows,
)
from cityprivacy.govern import IncidentKind, NotificationParty, OfficeUnit

__all__ = ["app"]

app = typer.Typer(
    help="Incidents and their notification duties.\n\n"
    "Example: cityprivacy incidents notify 4 cpo --at 2026-07-01T10:00:00Z",
    no_args_is_help=True,
)

_FIELDS = (
    "id", "kind", "status", "discovered_at", "types", "taxonomy_version", "private_information",
    "data_owned", "people_affected", "ny_residents_affected", "law_enforcement_delay",
    "law_enforcement_delay_until", "linked_incident_id",
)  # fmt: skip


def _duties(o: OfficeUnit, incident_id: int) -> list[dict[str, Any]]:
    return [
        as_record(n, ("party", "status", "notified_at", "count_notified"))
        for n in o.incidents.notifications(incident_id)
    ]


def _duty_line(duties: list[dict[str, Any]]) -> str:
    return ", ".join(f"{d['party']}: {d['status']}" for d in duties) or "none"


@app.command("list")
def list_incidents(
    open_only: Annotated[bool, typer.Option("--open", help="Only open incidents.")] = False,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """The incidents you may see, with each notification duty and its status.

    Example: cityprivacy incidents list --open --json
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        codes = agency_codes(o)
        rows = [
            as_record(
                i,
                _FIELDS,
                agency_code=codes.get(i.organization_id, "?"),
                notifications=_duties(o, i.id),
            )
            for i in o.incidents.list(open_only=open_only)
        ]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        row["to_notify"] = [
            d["party"] for d in row["notifications"] if d["status"] in ("pending", "delayed")
        ]
    columns = ("id", "agency_code", "kind", "status", "discovered_at", "types", "to_notify")
    print_rows(rows, columns, as_json=False, title="incidents")


@app.command("add")
def add(
    agency: Annotated[str, typer.Argument(help="Code of the organization it happened at.")],
    kind: Annotated[IncidentKind, typer.Option("--kind", help="What happened.")],
    discovered_at: Annotated[
        str, typer.Option("--discovered-at", help="When, with a timezone: 2026-07-01T10:00:00Z.")
    ],
    types: TypesOption,
    summary: Annotated[
        str, typer.Option("--summary", help="What happened (no identifying details).")
    ] = "",
    system: Annotated[
        list[int] | None, typer.Option("--system", help="Id of a system affected; repeat.")
    ] = None,
    people: Annotated[int | None, typer.Option("--people", help="People affected.", min=0)] = None,
    ny_residents: Annotated[
        int | None, typer.Option("--ny-residents", help="New York residents affected.", min=0)
    ] = None,
    maintained_only: Annotated[
        bool,
        typer.Option(
            "--maintained-only", help="The agency only maintains the data; the owner is told."
        ),
    ] = False,
    linked: Annotated[
        int | None,
        typer.Option("--linked", help="Id of the related incident (breach ↔ disclosure)."),
    ] = None,
    law_enforcement_delay: Annotated[
        bool,
        typer.Option("--law-enforcement-delay", help="Law enforcement asks to delay notifying."),
    ] = False,
    delay_until: Annotated[
        str | None, typer.Option("--delay-until", help="YYYY-MM-DD the delay is asked until.")
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record an incident; the notification duties follow from what it is.

    Example: cityprivacy incidents add DSS --kind security_breach
    --discovered-at 2026-07-01T09:30:00-04:00 --type name --type ssn --ny-residents 5400
    """
    with handle_errors():
        discovered = parse_instant(discovered_at, "--discovered-at")
        until = parse_day(delay_until, "--delay-until")
        with office_at(db) as office, office.unit(acting_as(office, token)) as o:
            incident = o.incidents.create(
                organization_code=agency,
                kind=kind,
                discovered_at=discovered,
                categories=types,
                summary=summary,
                system_ids=system or (),
                people_affected=people,
                ny_residents_affected=ny_residents,
                data_owned=not maintained_only,
                linked_incident_id=linked,
                law_enforcement_delay=law_enforcement_delay,
                law_enforcement_delay_until=until,
            )
            record = as_record(
                incident, _FIELDS, agency_code=agency, notifications=_duties(o, incident.id)
            )
    if as_json:
        print_json(record)
    else:
        Console().print(
            f"created incident {record['id']}; notify: {_duty_line(record['notifications'])}"
        )


@app.command("notify")
def notify(
    incident_id: Annotated[int, typer.Argument(help="The incident's id.")],
    party: Annotated[NotificationParty, typer.Argument(help="Who was notified.")],
    at: Annotated[
        str | None, typer.Option("--at", help="When, with a timezone (default: now).")
    ] = None,
    count: Annotated[
        int | None, typer.Option("--count", help="How many were notified.", min=0)
    ] = None,
    note: Annotated[str, typer.Option("--note", help="How, or a reference.")] = "",
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record that one notification duty of an incident was done.

    Example: cityprivacy incidents notify 4 individuals --count 5400 --note "Letters mailed"
    """
    with handle_errors():
        notified_at = parse_instant(at, "--at")
        with office_at(db) as office, office.unit(acting_as(office, token)) as o:
            o.incidents.record_notification(
                incident_id, party, notified_at=notified_at, count_notified=count, note=note
            )
            duties = _duties(o, incident_id)
    if as_json:
        print_json({"id": incident_id, "notifications": duties})
    else:
        Console().print(f"incident {incident_id}: {_duty_line(duties)}")
