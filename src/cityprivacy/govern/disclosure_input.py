"""What a caller gives to open a disclosure (the API's request body, validated once).

Field names follow the REST API (``agency_code``, ``categories``), so the web layer passes
its body straight through. ``categories`` are taxonomy keys; the office records them with
the taxonomy version in force.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from cityprivacy.errors import InputError
from cityprivacy.govern.bounds import MAX_TEXT, Count, LongText, RecordId, fits
from cityprivacy.store.enums import AgreementException, Basis, DisclosureKind, RecipientType
from cityprivacy.store.models import Disclosure, Division, Organization

__all__ = ["DisclosureMade", "NewDisclosure", "parse_input"]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
"""Taxonomy keys and recipient tags."""
Identifier = Annotated[str, StringConstraints(max_length=200)]
"""A person's identifier in ``subjects`` (hashed, never stored)."""


class NewDisclosure(BaseModel):
    """A request (someone asked) or proposal (the agency offers) to disclose.

    Every field is bounded as tightly as the column that stores it (see :mod:`.bounds`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    agency_code: Annotated[str, fits(Organization.code)]
    kind: DisclosureKind
    recipient_name: Annotated[str, fits(Disclosure.recipient_name)]
    recipient_type: RecipientType
    categories: list[Key] = Field(min_length=1, max_length=100)
    record_count: Count
    purpose: Text
    mission_justification: Text
    basis: Basis
    agreement_id: RecordId | None = None
    division: Annotated[str, fits(Division.name)] | None = None
    employee_category: Annotated[str, fits(Disclosure.employee_category, required=False)] = ""
    recipient_tags: list[Key] = Field(default_factory=list, max_length=20)
    anonymized: bool = False
    aggregated: bool = False
    agreement_exception: AgreementException | None = None
    agreement_exception_reason: LongText = ""


class DisclosureMade(BaseModel):
    """What was actually sent: when, how many records, how, and about whom."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    disclosed_at: datetime
    records_disclosed: Count
    method: Annotated[str, fits(Disclosure.method)]
    subjects: list[Identifier] = Field(default_factory=list, max_length=100_000)


M = TypeVar("M", bound=BaseModel)


def parse_input(model: type[M], data: object) -> M:
    """Validate ``data`` into ``model``; the first problem is an InputError naming the field.

    Values are never quoted back (they may be identifying).
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "body"
        raise InputError(f"{field}: {first['msg']}") from None
