"""``cityprivacy share extract|verify``: governed data-sharing extracts and their receipts.

Thin: parse, call :mod:`cityprivacy.govern.sharing.extract`, render. The office key (for
the agreement key) comes from ``CITYPRIVACY_KEY_FILE`` or ``CITYPRIVACY_KEY``; only its
fingerprint is ever shown. Output names columns, types and counts, never a value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import fail, handle_errors
from cityprivacy.cli.office_output import print_json
from cityprivacy.govern import Basis
from cityprivacy.govern.sharing.extract import (
    ExtractReport,
    ExtractRequest,
    make_extract,
    verify_extract,
)

__all__ = ["app"]

EXIT_PENDING = 1
"""``extract``: the disclosure waits for review, nothing was written."""
EXIT_NO_RECEIPT = 1
"""``verify``: no receipt under the agreement matches the file."""

app = typer.Typer(
    help="Governed data-sharing extracts under an agreement, and their receipts.\n\n"
    "Example: cityprivacy share extract --agreement 3 clients.csv extract.csv --token $TOKEN",
    no_args_is_help=True,
)

AgreementOption = Annotated[
    int, typer.Option("--agreement", help="Id of the data sharing agreement.", show_default=False)
]


def _extract_record(report: ExtractReport) -> dict[str, Any]:
    return {
        "agreement_id": report.agreement_id,
        "disclosure_id": report.disclosure_id,
        "status": report.status.value,
        "written": report.written,
        "output": str(report.output),
        "records": report.records,
        "subjects": report.subjects,
        "subject_column": report.subject_column,
        "id_column": report.id_column,
        "linkable": report.linkable,
        "categories": list(report.categories),
        "columns": [
            {
                "column": c.column,
                "types": list(c.types),
                "treatment": c.treatment.value if c.treatment is not None else "kept",
                "free_text": c.free_text,
                "reason": c.reason,
            }
            for c in report.columns
        ],
        "encoded_fields": list(report.encoded_fields),
        "suppressed_cells": report.suppressed_cells,
        "key_fingerprint": report.key_fingerprint,
        "sha256": report.sha256,
        "size_bytes": report.size_bytes,
    }


def _print_extract(record: dict[str, Any]) -> None:
    console = Console(highlight=False)
    table = Table("column", "types", "treatment", title=f"agreement {record['agreement_id']}")
    for c in record["columns"]:
        treatment = c["treatment"] + (f" ({c['reason']})" if c["reason"] else "")
        table.add_row(c["column"], ", ".join(c["types"]) or "—", treatment)
    console.print(table)
    if record["encoded_fields"]:
        fields = ", ".join(record["encoded_fields"])
        console.print(f"linkage_encoding: made from the schema fields {fields}")
    if record["linkable"]:
        ids = record["id_column"] or "row numbers"
        console.print(f"linkable with `cityprivacy link match` (record ids: {ids})")
    if record["suppressed_cells"]:
        console.print(f"small cells: {record['suppressed_cells']} cells suppressed")
    if record["written"]:
        console.print(
            f"{record['records']:,} records → {record['output']}; disclosure "
            f"{record['disclosure_id']} recorded ({record['subjects']:,} people in the "
            f"accounting, by {record['subject_column']})\n"
            f"receipt sha256 {record['sha256']}; agreement key {record['key_fingerprint']}"
        )


@app.command("extract")
def extract(
    source: Annotated[Path, typer.Argument(help="The table to extract from (CSV, Parquet...).")],
    output: Annotated[Path, typer.Argument(help="The extract to write (.csv, .parquet...).")],
    agreement: AgreementOption,
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            help="The disclosing organization: the agreement's (default) or one under it.",
        ),
    ] = None,
    subject_column: Annotated[
        str | None,
        typer.Option(
            "--subject-column",
            help="The column that identifies people, for the accounting (default: the "
            "column of the terms' subject_type).",
        ),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option(
            "--id-column",
            help="The record id `link match` reports for a linkable extract (default: the "
            "column of the terms' id_type, else row numbers).",
        ),
    ] = None,
    drop_uncovered: Annotated[
        bool,
        typer.Option(
            "--drop-uncovered",
            help="Leave out columns holding types the agreement does not cover (default: refuse).",
        ),
    ] = False,
    basis: Annotated[Basis, typer.Option("--basis", help="The basis claimed.")] = Basis.ROUTINE,
    disclosure: Annotated[
        int | None,
        typer.Option("--disclosure", help="An approved disclosure under the agreement to use."),
    ] = None,
    mission: Annotated[
        str | None, typer.Option("--mission", help="How the disclosure furthers the mission.")
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Make an extract the agreement permits, record it as a disclosure, keep its receipt.

    Exit 0 written, 1 waiting for review (nothing written; run again with --disclosure ID
    once approved), 2 refused (e.g. types the agreement does not cover, listed).

    Example: cityprivacy share extract --agreement 3 clients.csv extract.parquet --drop-uncovered
    """
    request = ExtractRequest(
        agreement_id=agreement,
        source=source,
        output=output,
        agency_code=agency,
        subject_column=subject_column,
        id_column=id_column,
        drop_uncovered=drop_uncovered,
        basis=basis,
        disclosure_id=disclosure,
        mission_justification=mission,
    )
    with handle_errors(), office_at(db) as office:
        report = make_extract(office, acting_as(office, token), request)
    record = _extract_record(report)
    if as_json:
        print_json(record)
    else:
        _print_extract(record)
    if not report.written:
        raise fail(
            f"disclosure {report.disclosure_id} is {report.status.value} and needs review; "
            f"nothing was written. Once it is approved: cityprivacy share extract --agreement "
            f"{agreement} {source} {output} --disclosure {report.disclosure_id}",
            EXIT_PENDING,
        )


@app.command("verify")
def verify(
    path: Annotated[Path, typer.Argument(help="The extract file to check.")],
    agreement: AgreementOption,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a file against the receipts of the agreement's extracts: exit 0 if one matches.

    Exit 1 when none does (the file was changed, or was not made under this agreement).

    Example: cityprivacy share verify extract.parquet --agreement 3
    """
    with handle_errors(), office_at(db) as office:
        report = verify_extract(office, acting_as(office, token), agreement, path)
    receipt = report.receipt
    record = {
        "ok": report.ok,
        "agreement_id": agreement,
        "path": str(path),
        "sha256": report.sha256,
        "disclosure_id": receipt.disclosure_id if receipt else None,
        "disclosed_at": (
            receipt.disclosed_at.isoformat() if receipt and receipt.disclosed_at else None
        ),
    }
    if as_json:
        print_json(record)
    elif receipt is not None:
        Console(highlight=False).print(
            f"{path}: matches the receipt of disclosure {receipt.disclosure_id} under agreement "
            f"{agreement}, disclosed {record['disclosed_at']}"
        )
    if receipt is None:
        if as_json:
            raise typer.Exit(EXIT_NO_RECEIPT)
        raise fail(
            f"{path}: no extract under agreement {agreement} has this SHA-256 "
            f"({report.sha256}); the file was changed or was not made under this agreement",
            EXIT_NO_RECEIPT,
        )
