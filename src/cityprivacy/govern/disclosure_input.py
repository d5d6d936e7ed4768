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
from cityprivacy.store.enums import AgreementException, Basis, DisclosureKind, RecipientType

__all__ = ["DisclosureMade", "NewDisclosure", "parse_input"]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class NewDisclosure(BaseModel):
    """A request (someone asked) or proposal (the agency offers) to disclose."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    agency_code: Short
    kind: DisclosureKind
    recipient_name: Short
    recipient_type: RecipientType
    categories: list[str] = Field(min_length=1)
    record_count: int = Field(ge=0)
    purpose: Text
    mission_justification: Text
    basis: Basis
    agreement_id: int | None = None
    division: str | None = None
    employee_category: str = Field("", max_length=100)
    recipient_tags: list[str] = Field(default_factory=list)
    anonymized: bool = False
    aggregated: bool = False
    agreement_exception: AgreementException | None = None
    agreement_exception_reason: str = ""


class DisclosureMade(BaseModel):
    """What was actually sent: when, how many records, how, and about whom."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    disclosed_at: datetime
    records_disclosed: int = Field(ge=0)
    method: Short
    subjects: list[str] = Field(default_factory=list)


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
