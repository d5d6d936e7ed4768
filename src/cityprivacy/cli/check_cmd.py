"""``cityprivacy check MANIFEST.yaml``: policy as code for an agency's CI.

Exit 0 when the manifest obeys every rule, 1 with the list of violations, 2 when the
manifest is malformed (its line is named) or the office cannot be reached.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cityprivacy.cli.db_cmd import JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.config import get_settings
from cityprivacy.errors import InputError
from cityprivacy.govern.manifest import (
    Manifest,
    Violation,
    check_manifest,
    load_manifest,
    office_baseline,
)
from cityprivacy.taxonomy import load_taxonomy

__all__ = ["check"]


def _checked(manifest: Manifest, db: str | None, token: str | None, on: date) -> list[Violation]:
    if db is None:
        taxonomy = load_taxonomy(get_settings().taxonomy_override)
        return check_manifest(manifest, taxonomy, on=on)
    with office_at(db) as office, office.unit(acting_as(office, token)) as o:
        baseline = office_baseline(o, manifest)
        return check_manifest(manifest, office.tools.taxonomy, on=on, baseline=baseline)


def _github(violation: Violation) -> str:
    """A GitHub Actions workflow command that annotates the line in the pull request."""
    message = f"{violation.subject}: {violation.message}".replace("%", "%25").replace("\n", " ")
    where = f"file={violation.source},line={violation.line},title={violation.rule}"
    return f"::error {where}::{message}"


def check(
    manifest_path: Annotated[
        Path, typer.Argument(metavar="MANIFEST", help="The agency's manifest (YAML).")
    ],
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Also check against this office database: its citywide rules, and the "
            "designations and agreements of the manifest's agency (default: no database).",
            show_default=False,
        ),
    ] = None,
    token: TokenOption = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Check as of this date, YYYY-MM-DD (default: today)."),
    ] = None,
    as_json: JsonOption = False,
    github: Annotated[
        bool, typer.Option("--github", help="Print GitHub Actions annotations instead.")
    ] = False,
) -> None:
    """Check an agency's systems, datasets and planned disclosures against the office's rules.

    Exit 0 when clean, 1 with the list of violations, 2 on a malformed manifest.

    Example: cityprivacy check examples/agency-manifest.yaml --json
    """
    with handle_errors():
        day = _date(on)
        manifest = load_manifest(manifest_path)
        violations = _checked(manifest, db, token, day)
    if as_json:
        report = {
            "file": manifest.source,
            "ok": not violations,
            "on": day.isoformat(),
            "checked": manifest.counts(),
            "violations": [v.as_dict() for v in violations],
        }
        typer.echo(json.dumps(report, indent=2))
    elif github:
        for violation in violations:
            typer.echo(_github(violation))
    else:
        _render(manifest, violations, day)
    if violations:
        raise typer.Exit(1)


def _date(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("--on: give a date as YYYY-MM-DD") from None


def _render(manifest: Manifest, violations: list[Violation], day: date) -> None:
    console = Console()
    counts = ", ".join(f"{kind} {n}" for kind, n in manifest.counts().items())
    if not violations:
        console.print(f"{manifest.source}: clean ({counts}; checked on {day.isoformat()})")
        return
    table = Table(title=manifest.source)
    table.add_column("where", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("violation", overflow="fold")
    for v in violations:
        table.add_row(v.where, v.rule, f"{v.subject}: {v.message}")
    console.print(table)
    console.print(
        f"[bold red]{len(violations)} violation(s)[/] in {manifest.source} "
        f"({counts}; checked on {day.isoformat()})"
    )
