"""``cityprivacy retention``: disposal requests, their two approvals, and legal holds."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import typer

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.cli.office_output import agency_codes, as_record, parse_instant, print_rows
from cityprivacy.govern import DisposalStatus, OfficeUnit

__all__ = ["app"]

app = typer.Typer(
    help="Disposal of records (records office + law department) and legal holds.\n\n"
    "Example: cityprivacy retention approve 3 --by law_department --reference LAW-2026-14",
    no_args_is_help=True,
)

_REQUEST = (
    "id", "status", "schedule_id", "dataset_id", "records_office_ref",
    "records_office_approved_at", "law_department_ref", "law_department_approved_at",
    "disposed_at",
)  # fmt: skip
_HOLD = ("id", "matter_ref", "dataset_id", "schedule_id", "placed_at", "released_at")
ByOption = Annotated[
    str, typer.Option("--by", help="records_office or law_department.", show_default=False)
]


def _request(o: OfficeUnit, record: Any) -> dict[str, Any]:
    return as_record(record, _REQUEST, agency_code=agency_codes(o).get(record.organization_id))


def _show(row: dict[str, Any], as_json: bool, title: str) -> None:
    columns = [
        c for c in row if c not in ("records_office_approved_at", "law_department_approved_at")
    ]
    print_rows([row], columns, as_json=as_json, title=title)


def _approver(by: str) -> Literal["records_office", "law_department"]:
    if by == "records_office":
        return "records_office"
    if by == "law_department":
        return "law_department"
    raise typer.BadParameter("records_office or law_department", param_hint="--by")


@app.command("list")
def list_requests(
    status: Annotated[
        DisposalStatus | None, typer.Option("--status", help="Only this state.")
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """The disposal requests you may see.

    Example: cityprivacy retention list --status pending --json
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        rows = [_request(o, r) for r in o.retention.disposals(status)]
    columns = ("id", "agency_code", "status", "schedule_id", "dataset_id", "records_office_ref",
               "law_department_ref", "disposed_at")  # fmt: skip
    print_rows(rows, columns, as_json=as_json, title="disposal requests")


@app.command("request")
def request(
    schedule: Annotated[int, typer.Argument(help="Id of the retention schedule item.")],
    dataset: Annotated[int | None, typer.Option("--dataset", help="Only this dataset.")] = None,
    description: Annotated[str, typer.Option("--description", help="What is to go.")] = "",
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ask to dispose of the records under a schedule item.

    Example: cityprivacy retention request 2 --dataset 5 --description "Cases closed in 2018"
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        made = o.retention.request_disposal(schedule, dataset_id=dataset, description=description)
        row = _request(o, made)
    _show(row, as_json, "disposal request")


@app.command("approve")
def approve(
    request_id: Annotated[int, typer.Argument(help="Id of the disposal request.")],
    by: ByOption,
    reference: Annotated[str, typer.Option("--reference", help="That office's reference.")],
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record one office's approval; with both, the request is approved.

    Example: cityprivacy retention approve 3 --by records_office --reference DORIS-RDA-2026-031
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        row = _request(o, o.retention.approve_disposal(request_id, _approver(by), reference))
    _show(row, as_json, "disposal request")


@app.command("reject")
def reject(
    request_id: Annotated[int, typer.Argument(help="Id of the disposal request.")],
    by: ByOption,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record that one of the two offices refused the disposal (final).

    Example: cityprivacy retention reject 3 --by law_department
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        row = _request(o, o.retention.reject_disposal(request_id, _approver(by)))
    _show(row, as_json, "disposal request")


@app.command("dispose")
def dispose(
    request_id: Annotated[int, typer.Argument(help="Id of the approved disposal request.")],
    at: Annotated[
        str | None, typer.Option("--at", help="When, with a timezone (default: now).")
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the disposal of an approved request; refused while a legal hold blocks it.

    Example: cityprivacy retention dispose 3 --at 2026-09-01T12:00:00Z
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        row = _request(o, o.retention.dispose(request_id, parse_instant(at, "--at")))
    _show(row, as_json, "disposal request")


@app.command("holds")
def holds(
    active: Annotated[bool, typer.Option("--active", help="Only holds not released.")] = False,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """The legal holds you may see.

    Example: cityprivacy retention holds --active
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        codes = agency_codes(o)
        rows = [
            as_record(h, _HOLD, agency_code=codes.get(h.organization_id))
            for h in o.retention.holds(active_only=active)
        ]
    print_rows(rows, ("id", "agency_code", *_HOLD[1:]), as_json=as_json, title="legal holds")


@app.command("hold")
def hold(
    agency: Annotated[str, typer.Argument(help="Code of the organization.")],
    matter: Annotated[str, typer.Option("--matter", help="The legal matter's reference.")],
    dataset: Annotated[int | None, typer.Option("--dataset", help="Hold this dataset.")] = None,
    schedule: Annotated[
        int | None, typer.Option("--schedule", help="Hold everything under this schedule item.")
    ] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why (no identifying details).")] = "",
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Place a legal hold on a dataset or a schedule item: nothing under it is disposed of.

    Example: cityprivacy retention hold DSS --matter "Index 4512/2025" --schedule 2
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        placed = o.retention.place_hold(
            organization_code=agency,
            matter_ref=matter,
            dataset_id=dataset,
            schedule_id=schedule,
            reason=reason,
        )
        row = as_record(placed, _HOLD, agency_code=agency)
    print_rows([row], list(row), as_json=as_json, title="legal hold")


@app.command("release")
def release(
    hold_id: Annotated[int, typer.Argument(help="Id of the legal hold.")],
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Release a legal hold.

    Example: cityprivacy retention release 1
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        row = as_record(o.retention.release_hold(hold_id), _HOLD)
    print_rows([row], list(row), as_json=as_json, title="legal hold")
