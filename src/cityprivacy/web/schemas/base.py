"""What every API body shares, and the bounds the database puts on values.

Every number and string a request carries is bounded here as tightly as the column that
stores it (PostgreSQL refuses an ``integer`` above 2**31 - 1 and a ``varchar(n)`` longer than
``n``), so a value out of range is a 422 naming the field, never a database error.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "MAX_INT",
    "Code",
    "Comment",
    "Count",
    "In",
    "Label",
    "Name",
    "Out",
    "RecordId",
    "Short",
    "Text",
    "Title",
]

MAX_INT = 2**31 - 1
"""The largest value of an ``integer`` column (ids, counts)."""

RecordId = Annotated[int, Field(ge=1, le=MAX_INT)]
Count = Annotated[int, Field(ge=0, le=MAX_INT)]

Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
"""Organization codes (32 characters)."""
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
"""Short codes and schedule items (64 characters)."""
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
"""Methods, disposal methods, references (100 characters)."""
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""Names of organizations, systems, datasets, fields, divisions (200 characters)."""
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
"""Titles and recipients' names (300 characters)."""
Text = Annotated[str, StringConstraints(max_length=20_000)]
Comment = Annotated[str, StringConstraints(max_length=5_000)]


class In(BaseModel):
    """A request body: frozen, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Out(BaseModel):
    """A response body."""

    model_config = ConfigDict(frozen=True)
