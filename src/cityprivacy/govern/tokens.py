"""API tokens: random, shown once, stored only as argon2 hashes.

A token reads ``cp_<prefix>_<secret>``: the 12-hex-digit prefix is stored in clear to find
the row (it reveals nothing), the secret is 256 bits from :func:`secrets.token_urlsafe`,
and the whole token is verified against its argon2 hash. The hasher's cost is the office's
choice (see :func:`default_hasher`): tokens are long random strings, so a modest cost is
enough and keeps each authenticated request fast.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cityprivacy.errors import PermissionDeniedError
from cityprivacy.govern.actors import Actor
from cityprivacy.store.models import ApiToken, Organization, User

__all__ = ["TOKEN_PREFIX", "authenticate", "default_hasher", "new_token"]

TOKEN_PREFIX = "cp_"
_BAD_TOKEN = "the API token is not valid"


def default_hasher() -> PasswordHasher:
    """argon2id at OWASP's minimum for random secrets (19 MiB, 2 passes, 1 lane)."""
    return PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def new_token(hasher: PasswordHasher) -> tuple[str, str, str]:
    """A fresh token as ``(token, prefix, argon2 hash)``; only the hash is kept."""
    prefix = secrets.token_hex(6)
    token = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    return token, prefix, hasher.hash(token)


def _prefix_of(token: str) -> str | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    prefix, _, secret = token[len(TOKEN_PREFIX) :].partition("_")
    return prefix if len(prefix) == 12 and secret else None


def authenticate(session: Session, hasher: PasswordHasher, token: str) -> Actor:
    """The actor a token belongs to; any problem is the same PermissionDeniedError."""
    prefix = _prefix_of(token)
    if prefix is None:
        raise PermissionDeniedError(_BAD_TOKEN)
    row = session.execute(
        select(ApiToken, User, Organization.path)
        .join(User, User.id == ApiToken.user_id)
        .outerjoin(Organization, Organization.id == User.organization_id)
        .where(ApiToken.prefix == prefix)
    ).first()
    if row is None:
        raise PermissionDeniedError(_BAD_TOKEN)
    api_token, user, path = row
    try:
        hasher.verify(api_token.token_hash, token)
    except (VerificationError, InvalidHashError):
        raise PermissionDeniedError(_BAD_TOKEN) from None
    if api_token.revoked_at is not None or not user.active:
        raise PermissionDeniedError(_BAD_TOKEN)
    return Actor(
        user_id=user.id,
        role=user.role,
        organization_id=user.organization_id,
        organization_path=path,
    )
