"""What the office record commands share: taxonomy-type and time options, and output.

Records come back from :mod:`cityprivacy.govern` as objects; :func:`as_record` turns the
named attributes into JSON-ready values (enums by value, dates in ISO 8601), and
:func:`print_rows` prints them as JSON or as a Rich table, so every list command has the
same two shapes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from enum import Enum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from cityprivacy.errors import InputError
from cityprivacy.govern import OfficeUnit

__all__ = [
    "CommentOption",
    "TypesOption",
    "agency_codes",
    "as_record",
    "parse_day",
    "parse_instant",
    "plain",
    "print_json",
    "print_rows",
]

TypesOption = Annotated[
    list[str],
    typer.Option(
        "--type",
        "-t",
        help="A taxonomy key; repeat for several (see: cityprivacy taxonomy list).",
        show_default=False,
    ),
]
CommentOption = Annotated[
    str,
    typer.Option(
        "--comment", help="Why (kept with the review; named, not copied, in the audit trail)."
    ),
]


def parse_day(text: str | None, option: str) -> date | None:
    """``YYYY-MM-DD`` or nothing."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: give a date as YYYY-MM-DD") from None


def parse_instant(text: str | None, option: str) -> datetime:
    """An ISO 8601 time with its timezone (``2026-07-01T10:00:00Z``); nothing means now."""
    if text is None:
        return datetime.now(UTC)
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: give a time as 2026-07-01T10:00:00Z") from None
    if instant.tzinfo is None:
        raise InputError(f"{option}: give a timezone (e.g. 2026-07-01T10:00:00Z)")
    return instant


def plain(value: Any) -> Any:
    """A JSON-ready form of a record's attribute."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def as_record(obj: object, names: Iterable[str], **extra: Any) -> dict[str, Any]:
    """The named attributes of ``obj``, JSON-ready, followed by ``extra``."""
    record = {name: plain(getattr(obj, name)) for name in names}
    record.update({k: plain(v) for k, v in extra.items()})
    return record


def agency_codes(o: OfficeUnit) -> dict[int, str]:
    """Organization id → code, for the organizations the actor may see."""
    return {org.id: org.code for org in o.agencies.list()}


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2))


def _cell(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def print_rows(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, as_json: bool, title: str
) -> None:
    """``rows`` as a JSON list (every key), or a table of ``columns``."""
    if as_json:
        print_json(list(rows))
        return
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")  # wrap long values, never cut them
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    Console().print(table)
