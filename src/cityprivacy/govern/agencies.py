"""Agencies, their contractors and subcontractors, and divisions.

An organization without a parent is an agency; under an agency it is a contractor; under
a contractor, a subcontractor. Codes are short upper-case identifiers (``DSS``,
``ACME-HS``) and never change, because the scope path is built from them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select

from cityprivacy.errors import ConflictError, InputError
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import require_role
from cityprivacy.govern.scope import organization_by_code, scoped
from cityprivacy.store.enums import OrgKind, Role
from cityprivacy.store.models import Division, Organization

__all__ = ["Agencies"]

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")
_CHILD_KIND = {OrgKind.AGENCY: OrgKind.CONTRACTOR, OrgKind.CONTRACTOR: OrgKind.SUBCONTRACTOR}
_MANAGERS = frozenset({Role.ADMIN, Role.CPO})


class Agencies:
    """Create and list organizations and divisions."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def create(self, code: str, name: str, parent_code: str | None = None) -> Organization:
        """A new agency, or a contractor/subcontractor under ``parent_code`` (admin or CPO)."""
        ctx = self._ctx
        require_role(ctx.actor, _MANAGERS, "create organizations")
        if not _CODE.match(code):
            raise InputError(
                "code: use 1-32 upper-case letters, digits, '-' or '_', starting with a "
                "letter or digit"
            )
        if not name.strip():
            raise InputError("name: must not be empty")
        if ctx.session.scalar(select(Organization.id).where(Organization.code == code)):
            raise ConflictError(f"organization {code!r} already exists")
        kind, parent_id, path = OrgKind.AGENCY, None, f"/{code}/"
        if parent_code is not None:
            parent = organization_by_code(ctx.session, ctx.actor, parent_code)
            child = _CHILD_KIND.get(parent.kind)
            if child is None:
                raise InputError("parent_code: a subcontractor cannot have organizations under it")
            kind, parent_id, path = child, parent.id, f"{parent.path}{code}/"
        organization = Organization(
            code=code, name=name.strip(), kind=kind, parent_id=parent_id, path=path
        )
        ctx.session.add(organization)
        ctx.flush("organization")
        ctx.audit(
            "organization.create",
            "organization",
            organization.id,
            organization.id,
            {"code": code, "kind": kind.value, "parent_id": parent_id},
        )
        return organization

    def list(self) -> Sequence[Organization]:
        """The organizations the actor may see, agencies first, then by path."""
        stmt = scoped(select(Organization), self._ctx.actor, Organization.id)
        return self._ctx.session.scalars(stmt.order_by(Organization.path)).all()

    def get(self, code: str) -> Organization:
        return organization_by_code(self._ctx.session, self._ctx.actor, code)

    def division(self, organization: Organization, name: str, *, create: bool = True) -> Division:
        """The division ``name`` of ``organization``, created on first use."""
        ctx = self._ctx
        clean = " ".join(name.split())
        if not clean:
            raise InputError("division: must not be empty")
        division = ctx.session.scalars(
            select(Division).where(
                Division.organization_id == organization.id, Division.name == clean
            )
        ).one_or_none()
        if division is None:
            if not create:
                raise InputError(f"division: no such division in {organization.code}")
            division = Division(organization_id=organization.id, name=clean)
            ctx.session.add(division)
            ctx.flush("division")
            ctx.audit("division.create", "division", division.id, organization.id)
        return division

    def divisions(self, code: str) -> Sequence[Division]:
        organization = self.get(code)
        return self._ctx.session.scalars(
            select(Division)
            .where(Division.organization_id == organization.id)
            .order_by(Division.name)
        ).all()
