"""``cityprivacy taxonomy``: list, show, validate and diff the types of identifying information.

Thin on purpose: each command loads with :mod:`cityprivacy.taxonomy`, renders, and lets
:func:`~cityprivacy.cli.errors_cli.handle_errors` turn a ``TaxonomyError`` into
``file:line: message`` and exit code 2. ``validate`` is the one place that checks
``detected_by`` against the detector's entity types, since the taxonomy cannot import
the detector.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Column, Table

from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.detect.entities import EntityType
from cityprivacy.taxonomy import IdentifyingType, Taxonomy, diff_taxonomies, load_taxonomy
from cityprivacy.taxonomy.loader import is_override, load_any

__all__ = ["app"]

SHIPPED = "shipped"

app = typer.Typer(
    help="The legal types of identifying information: list, show, validate and diff them.\n\n"
    "Example: cityprivacy taxonomy list --all",
    no_args_is_help=True,
)

OverrideOption = Annotated[
    Path | None,
    typer.Option(
        "--override",
        help="Apply this override file to the shipped taxonomy first.",
        exists=True,
        dir_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _known_entities() -> frozenset[str]:
    return frozenset(e.value for e in EntityType)


def _dump(t: IdentifyingType) -> dict[str, Any]:
    return t.model_dump(mode="json")


@app.command("list")
def list_types(
    include_retired: Annotated[bool, typer.Option("--all", help="Include retired types.")] = False,
    as_json: JsonOption = False,
    override: OverrideOption = None,
) -> None:
    """List the types in force today: key, name, status, breach flag, classification, entities.

    Example: cityprivacy taxonomy list --all --override moip-2026.yaml
    """
    with handle_errors():
        taxonomy = load_taxonomy(override)
    types = list(taxonomy.types.values()) if include_retired else taxonomy.active()
    if as_json:
        typer.echo(
            json.dumps({"version": taxonomy.version, "types": [_dump(t) for t in types]}, indent=2)
        )
        return
    table = Table(
        Column("key", overflow="fold"),
        Column("name"),
        Column("status"),
        Column("private info"),
        Column("classification"),
        Column("entity types", overflow="fold"),
        title=f"Identifying information, taxonomy {taxonomy.version}",
    )
    for t in types:
        key = f"{t.key} (retired {t.retired_on})" if t.retired_on else t.key
        table.add_row(
            key,
            t.name,
            t.status,
            "yes" if t.breach_private_information else "no",
            t.classification,
            ", ".join(t.detected_by) or "—",
        )
    Console().print(table)


@app.command("show")
def show(
    key: Annotated[str, typer.Argument(help="Key of the type, e.g. ssn.")],
    as_json: JsonOption = False,
    override: OverrideOption = None,
) -> None:
    """Show every field of one type.

    Example: cityprivacy taxonomy show immigration_status --json
    """
    with handle_errors():
        t = load_taxonomy(override).get(key)
    data = _dump(t)
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    table = Table("field", "value", show_header=False, title=t.name)
    for name, value in data.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        table.add_row(name, "—" if shown in (None, "") else str(shown))
    Console().print(table)


@app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="A full taxonomy file or an override file.")],
) -> None:
    """Check a taxonomy or override file, including entity names, and report file:line on error.

    An override file (one with add, retire or update) is applied to the shipped taxonomy.
    Exit code 0 when valid, 2 when not.

    Example: cityprivacy taxonomy validate moip-2026.yaml
    """
    with handle_errors():
        taxonomy = load_any(file, known_entities=_known_entities())
        kind = "override" if is_override(file) else "taxonomy"
    typer.echo(f"ok: {len(taxonomy.types)} types, version {taxonomy.version} ({kind})")
    uncovered = sorted(e.value for e in EntityType if not taxonomy.category_for(e))
    if uncovered:
        typer.echo(
            f"note: {len(uncovered)} entity type(s) map to no type in force: {', '.join(uncovered)}"
        )


@app.command("diff")
def diff(
    old: Annotated[str, typer.Argument(help=f"Old taxonomy or override file, or '{SHIPPED}'.")],
    new: Annotated[str, typer.Argument(help=f"New taxonomy or override file, or '{SHIPPED}'.")],
    as_json: JsonOption = False,
) -> None:
    """Show what changed between two taxonomies: added, retired, removed and changed types.

    An override file is compared as applied to the shipped taxonomy; 'shipped' names the
    shipped taxonomy itself.

    Example: cityprivacy taxonomy diff shipped moip-2026.yaml
    """
    with handle_errors():
        result = diff_taxonomies(_resolve(old), _resolve(new))
    if as_json:
        typer.echo(
            json.dumps(
                result.model_dump(mode="json") | {"version_changed": result.version_changed},
                indent=2,
            )
        )
        return
    for line in result.summary():
        typer.echo(line)


def _resolve(name: str) -> Taxonomy:
    if name == SHIPPED and not Path(name).exists():
        return load_taxonomy()
    return load_any(name)
