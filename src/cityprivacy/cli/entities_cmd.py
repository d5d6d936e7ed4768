"""``cityprivacy entities``: list the entity types the detector reports."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from cityprivacy.detect.entities import EntityType
from cityprivacy.taxonomy import load_taxonomy

__all__ = ["entities"]


def entities(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List every entity type, its taxonomy category and its Presidio name.

    Example: cityprivacy entities --json
    """
    taxonomy = load_taxonomy()
    rows = [
        {
            "entity_type": str(e),
            "category": taxonomy.category_for(e),
            "presidio": e.presidio,
            "description": e.description,
        }
        for e in EntityType
    ]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("entity type", "category", "presidio", "description")
    for r in rows:
        table.add_row(
            str(r["entity_type"]),
            str(r["category"]),
            str(r["presidio"] or "—"),
            str(r["description"]),
        )
    Console().print(table)
