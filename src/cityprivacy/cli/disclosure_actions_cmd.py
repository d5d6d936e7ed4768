"""``cityprivacy disclosures create|submit|approve|deny|escalate|disclose``: the workflow.

These commands join ``list`` and ``show`` (:mod:`.disclosures_cmd`) in the ``disclosures``
group through :func:`register`. Each is one step of the state machine in
:mod:`cityprivacy.govern.disclosures`, taken by the user of ``--token``. The people a
disclosure concerned are read from a file (``--subjects-file``), never from the command
line, where shell history and process listings would keep them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.cli.office_output import (
    CommentOption,
    TypesOption,
    as_record,
    parse_instant,
    print_json,
)
from cityprivacy.errors import UnreadableFileError
from cityprivacy.govern import (
    AgreementException,
    Basis,
    DisclosureKind,
    DisclosureMade,
    NewDisclosure,
    RecipientType,
    parse_input,
)

__all__ = ["register"]

_STATE = ("id", "status", "classification", "designation_id", "never_routine", "basis")

IdArgument = Annotated[int, typer.Argument(help="The disclosure's id.")]


def _report(record: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(record)
        return
    classification = f" ({record['classification']})" if record["classification"] else ""
    Console().print(f"disclosure {record['id']}: {record['status']}{classification}")


def create(
    agency: Annotated[str, typer.Argument(help="Code of the disclosing organization.")],
    kind: Annotated[
        DisclosureKind, typer.Option("--kind", help="request (asked) or proposal (offered).")
    ],
    recipient: Annotated[str, typer.Option("--recipient", help="Who would receive the data.")],
    recipient_type: Annotated[
        RecipientType, typer.Option("--recipient-type", help="What kind of recipient.")
    ],
    types: TypesOption,
    records: Annotated[int, typer.Option("--records", help="Number of records or people.", min=0)],
    purpose: Annotated[str, typer.Option("--purpose", help="What the data are for.")],
    mission: Annotated[
        str, typer.Option("--mission", help="How the disclosure furthers the mission.")
    ],
    basis: Annotated[Basis, typer.Option("--basis", help="The basis claimed.")],
    agreement: Annotated[
        int | None, typer.Option("--agreement", help="Id of the agreement that covers it.")
    ] = None,
    division: Annotated[str | None, typer.Option("--division", help="Disclosing division.")] = None,
    employee_category: Annotated[
        str, typer.Option("--employee-category", help="Category of the disclosing employee.")
    ] = "",
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", help="A recipient tag (e.g. researcher); repeat."),
    ] = None,
    anonymized: Annotated[bool, typer.Option("--anonymized")] = False,
    aggregated: Annotated[bool, typer.Option("--aggregated")] = False,
    exception: Annotated[
        AgreementException | None,
        typer.Option("--exception", help="Why no agreement is made (with --exception-reason)."),
    ] = None,
    exception_reason: Annotated[str, typer.Option("--exception-reason")] = "",
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Open a draft request or proposal to disclose.

    Example: cityprivacy disclosures create DSS --kind request --recipient "Health Department"
    --recipient-type city_agency --type name --records 40 --purpose Outreach
    --mission "Connects families to care" --basis apo_approval --token "$STAFF_TOKEN"
    """
    body = {
        "agency_code": agency,
        "kind": kind,
        "recipient_name": recipient,
        "recipient_type": recipient_type,
        "categories": types,
        "record_count": records,
        "purpose": purpose,
        "mission_justification": mission,
        "basis": basis,
        "agreement_id": agreement,
        "division": division,
        "employee_category": employee_category,
        "recipient_tags": tag or [],
        "anonymized": anonymized,
        "aggregated": aggregated,
        "agreement_exception": exception,
        "agreement_exception_reason": exception_reason,
    }
    with handle_errors():
        new = parse_input(NewDisclosure, body)
        with office_at(db) as office, office.unit(acting_as(office, token)) as o:
            record = as_record(o.disclosures.create(new), _STATE)
    _report(record, as_json)


def submit(
    disclosure_id: IdArgument,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Submit a draft: citywide rules, then classification; routine ones are approved at once.

    Example: cityprivacy disclosures submit 12 --token "$STAFF_TOKEN"
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        record = as_record(o.disclosures.submit(disclosure_id), _STATE)
    _report(record, as_json)


def _review(
    step: str, disclosure_id: int, comment: str, db: str | None, token: str | None
) -> dict[str, Any]:
    """One review step (approve, deny or escalate) in its own unit of work."""
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        steps = {
            "approve": o.disclosures.approve,
            "deny": o.disclosures.deny,
            "escalate": o.disclosures.escalate,
        }
        return as_record(steps[step](disclosure_id, comment), _STATE)


def approve(
    disclosure_id: IdArgument,
    comment: CommentOption = "",
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Approve (APO approval, second review by another reviewer, or the CPO's decision).

    Example: cityprivacy disclosures approve 12 --comment "Minimum necessary" --token "$APO_TOKEN"
    """
    _report(_review("approve", disclosure_id, comment, db, token), as_json)


def deny(
    disclosure_id: IdArgument,
    comment: CommentOption = "",
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Deny a disclosure under review.

    Example: cityprivacy disclosures deny 12 --comment "Not needed for the purpose"
    """
    _report(_review("deny", disclosure_id, comment, db, token), as_json)


def escalate(
    disclosure_id: IdArgument,
    comment: CommentOption = "",
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Send the decision to the CPO (an APO); the CPO's decision is final.

    Example: cityprivacy disclosures escalate 12 --comment "Novel recipient" --token "$APO_TOKEN"
    """
    _report(_review("escalate", disclosure_id, comment, db, token), as_json)


def _subjects(path: Path | None) -> list[str]:
    if path is None:
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise UnreadableFileError(path, reason) from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def disclose(
    disclosure_id: IdArgument,
    records: Annotated[int, typer.Option("--records", help="Records actually sent.", min=0)],
    method: Annotated[str, typer.Option("--method", help="How they were sent.")],
    at: Annotated[
        str | None, typer.Option("--at", help="When, with a timezone (default: now).")
    ] = None,
    subjects_file: Annotated[
        Path | None,
        typer.Option(
            "--subjects-file",
            help="The people it concerned, one identifier a line, for the accounting "
            "(stored only as keyed hashes; needs the office key).",
            dir_okay=False,
        ),
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record that an approved disclosure was made, and whom it concerned.

    Example: cityprivacy disclosures disclose 12 --records 38 --method "SFTP"
    --subjects-file people.txt
    """
    with handle_errors():
        made = parse_input(
            DisclosureMade,
            {
                "disclosed_at": parse_instant(at, "--at"),
                "records_disclosed": records,
                "method": method,
                "subjects": _subjects(subjects_file),
            },
        )
        with office_at(db) as office, office.unit(acting_as(office, token)) as o:
            record = as_record(o.disclosures.disclose(disclosure_id, made), _STATE)
    _report(record, as_json)


def register(app: typer.Typer) -> None:
    """Add the workflow commands to the ``disclosures`` group."""
    for name, command in (
        ("create", create),
        ("submit", submit),
        ("approve", approve),
        ("deny", deny),
        ("escalate", escalate),
        ("disclose", disclose),
    ):
        app.command(name)(command)
