"""Agencies with their contractors and subcontractors, divisions, users and API tokens.

Organizations form a tree (agency → contractor → subcontractor). ``path`` is the chain of
codes from the agency down (``/DSS/ACME/``), so "this organization and everything under it"
is one prefix comparison: the agency isolation scope uses it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cityprivacy.store.base import Base, StrEnumType, utcnow
from cityprivacy.store.enums import OrgKind, Role

__all__ = ["ApiToken", "Division", "Organization", "User"]


class Organization(Base):
    """An agency, or a contractor/subcontractor of one (a covered party)."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrgKind] = mapped_column(StrEnumType(OrgKind))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    path: Mapped[str] = mapped_column(String(400), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Division(Base):
    """A division of an organization (the biennial report counts disclosures by division)."""

    __tablename__ = "divisions"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))


class User(Base):
    """A person who signs in. Staff and APOs belong to one organization; the rest do not."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[Role] = mapped_column(StrEnumType(Role, 16))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """An API token, kept only as an argon2 hash; ``prefix`` (not secret) finds the row."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    token_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
