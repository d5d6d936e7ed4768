"""Agencies (with contractors and subcontractors), divisions, users and tokens."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from cityprivacy.govern import OrgKind, Role
from cityprivacy.web.schemas.base import Code, In, Name, Out

__all__ = [
    "AgencyDetail",
    "AgencyIn",
    "AgencyOut",
    "DivisionOut",
    "NewUserOut",
    "RevokedOut",
    "TokenOut",
    "UserIn",
    "UserOut",
]


class AgencyIn(In):
    """An agency, or (with ``parent_code``) a contractor or subcontractor under one."""

    code: Code = Field(examples=["DSS"])
    name: Name = Field(examples=["Department of Social Services"])
    parent_code: Code | None = None


class AgencyOut(Out):
    id: int
    code: str
    name: str
    kind: OrgKind
    parent_code: str | None
    created_at: datetime


class DivisionOut(Out):
    id: int
    name: str


class AgencyDetail(AgencyOut):
    divisions: list[DivisionOut]


class UserIn(In):
    """Staff and APOs belong to an agency (or contractor); the other roles to none."""

    email: str = Field(max_length=320, examples=["apo@dss.example"])
    role: Role
    agency_code: Code | None = None


class UserOut(Out):
    id: int
    email: str
    role: Role
    agency_code: str | None
    active: bool
    created_at: datetime


class NewUserOut(Out):
    """The user and its API token, shown this once and never again."""

    user: UserOut
    token: str


class TokenOut(Out):
    """A new API token, shown this once."""

    user_id: int
    token: str


class RevokedOut(Out):
    user_id: int
    revoked: int
