"""Users, their roles, and their API tokens (created by an administrator).

Staff and APOs belong to exactly one organization; the CPO, auditors and administrators
to none. A new user's token is returned once and never again; the audit trail records
the user's id and role, never the e-mail address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update

from cityprivacy.errors import ConflictError, InputError, NotFoundError
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import require_role
from cityprivacy.govern.scope import organization_by_code, scoped
from cityprivacy.govern.tokens import new_token
from cityprivacy.store.enums import Role
from cityprivacy.store.models import ApiToken, User

__all__ = ["NewUser", "Users"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_IN_ORGANIZATION = frozenset({Role.STAFF, Role.APO})
_ADMINS = frozenset({Role.ADMIN})


@dataclass(frozen=True, slots=True)
class NewUser:
    """A created user and the token to hand over (shown once)."""

    user: User
    token: str


class Users:
    """Create users, issue and revoke tokens."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def create(self, email: str, role: Role | str, organization_code: str | None = None) -> NewUser:
        ctx = self._ctx
        require_role(ctx.actor, _ADMINS, "create users")
        try:
            role = Role(role)
        except ValueError:
            raise InputError(f"role: must be one of {', '.join(r.value for r in Role)}") from None
        email = email.strip()
        if not _EMAIL.match(email) or len(email) > 320:
            raise InputError("email: not an e-mail address")
        organization_id = None
        if role in _IN_ORGANIZATION:
            if organization_code is None:
                raise InputError(f"agency_code: a {role.value} user belongs to an organization")
            organization_id = organization_by_code(ctx.session, ctx.actor, organization_code).id
        elif organization_code is not None:
            raise InputError(f"agency_code: a {role.value} user belongs to no organization")
        if ctx.session.scalar(select(User.id).where(User.email == email)) is not None:
            raise ConflictError("email: a user with this e-mail address already exists")
        user = User(email=email, role=role, organization_id=organization_id)
        ctx.session.add(user)
        ctx.flush("user")
        ctx.audit("user.create", "user", user.id, organization_id, {"role": role.value})
        return NewUser(user, self.issue_token(user.id))

    def issue_token(self, user_id: int) -> str:
        """A new token for ``user_id`` (admin); returned once, stored as a hash."""
        ctx = self._ctx
        require_role(ctx.actor, _ADMINS, "issue tokens")
        user = ctx.session.get(User, user_id)
        if user is None:
            raise NotFoundError(f"user {user_id} not found")
        token, prefix, digest = new_token(ctx.tools.hasher)
        row = ApiToken(user_id=user.id, prefix=prefix, token_hash=digest)
        ctx.session.add(row)
        ctx.flush("token")
        ctx.audit("token.issue", "api_token", row.id, user.organization_id, {"user_id": user.id})
        return token

    def revoke_tokens(self, user_id: int) -> int:
        """Revoke every token of ``user_id``; returns how many were active."""
        ctx = self._ctx
        require_role(ctx.actor, _ADMINS, "revoke tokens")
        result = ctx.session.execute(
            update(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=ctx.now())
            .execution_options(synchronize_session=False)
        )
        count = int(getattr(result, "rowcount", 0) or 0)
        ctx.audit("token.revoke", "user", user_id, None, {"tokens": count})
        return count

    def list(self) -> Sequence[User]:
        """Users the actor may see (staff and APOs: those of their organizations)."""
        stmt = scoped(select(User), self._ctx.actor, User.organization_id)
        return self._ctx.session.scalars(stmt.order_by(User.id)).all()
