"""The bounds the database puts on values, as input types the office's models use.

PostgreSQL refuses a ``varchar(n)`` longer than ``n`` and an ``integer`` above 2**31 - 1
with a database error; SQLite stores either without complaint. So that the library, the
CLI and the API refuse such a value alike, before anything is written, with an
:class:`~cityprivacy.errors.InputError` naming the field, the office's input models bound
their fields here, reading each length from the model column that stores it::

    recipient_name: Annotated[str, fits(Disclosure.recipient_name)]   # 1..300, stripped

Text columns (``TEXT``) have no database limit; :data:`MAX_TEXT` keeps them to a size a
person writes.

Components that take keyword arguments rather than a model can check the rows they are
about to write with :func:`check_rows` (every ``String(n)`` and ``integer`` column of every
new or changed row in the session), which names the first field at fault in the same way.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints
from sqlalchemy import BigInteger, Integer, String, inspect
from sqlalchemy.orm import InstrumentedAttribute, Session

from cityprivacy.errors import InputError

__all__ = [
    "MAX_INT",
    "MAX_TEXT",
    "Count",
    "LongText",
    "RecordId",
    "check_count",
    "check_length",
    "check_row",
    "check_rows",
    "column_length",
    "fits",
]

MAX_INT = 2**31 - 1
"""The largest value of an ``integer`` column (ids, counts)."""
MAX_TEXT = 20_000
"""The longest free text (purposes, justifications, reasons) the office accepts."""

RecordId = Annotated[int, Field(ge=1, le=MAX_INT)]
Count = Annotated[int, Field(ge=0, le=MAX_INT)]
LongText = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


def column_length(column: InstrumentedAttribute[Any]) -> int:
    """The declared length of a ``String(n)`` model column."""
    column_type = column.property.columns[0].type
    if not isinstance(column_type, String) or column_type.length is None:
        raise TypeError(f"{column} is not a String(n) column")
    return int(column_type.length)


def fits(column: InstrumentedAttribute[Any], *, required: bool = True) -> StringConstraints:
    """A string stripped and no longer than ``column`` holds (not empty if ``required``):
    use as ``Annotated[str, fits(Model.column)]``."""
    return StringConstraints(
        strip_whitespace=True, min_length=1 if required else 0, max_length=column_length(column)
    )


def check_length(field: str, value: str, column: InstrumentedAttribute[Any]) -> None:
    """Refuse ``value`` for ``field`` when ``column`` cannot hold it (the value is not shown)."""
    limit = column_length(column)
    if len(value) > limit:
        raise InputError(f"{field}: at most {limit} characters")


def check_count(field: str, value: int) -> None:
    """Refuse a count outside 0..MAX_INT for ``field``."""
    if not 0 <= value <= MAX_INT:
        raise InputError(f"{field}: between 0 and {MAX_INT}")


def check_row(row: object) -> None:
    """Refuse ``row`` (an ORM object) if a column cannot hold one of its values."""
    for attribute in inspect(row).mapper.column_attrs:
        column_type = attribute.columns[0].type
        value = getattr(row, attribute.key)
        if isinstance(value, str) and isinstance(column_type, String) and column_type.length:
            if len(value) > column_type.length:
                raise InputError(f"{attribute.key}: at most {column_type.length} characters")
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and isinstance(column_type, Integer)
            and not isinstance(column_type, BigInteger)
            and not -MAX_INT - 1 <= value <= MAX_INT
        ):
            raise InputError(f"{attribute.key}: between {-MAX_INT - 1} and {MAX_INT}")


def check_rows(session: Session) -> None:
    """:func:`check_row` for every row the session is about to insert or update."""
    for row in [*session.new, *session.dirty]:
        check_row(row)
