"""Who is calling: Bearer tokens checked with the office, and role checks as dependencies.

A token is verified against its argon2 hash by :meth:`Office.authenticate`; that costs tens
of milliseconds on purpose, too much for every request. :class:`TokenCache` keeps the
actor of a token that verified for ``ttl`` seconds (keyed by the token's SHA-256, never the
token), so a client pays the cost once a while. Revoking tokens through the API empties
the cache at once; a token revoked elsewhere (the CLI, another server process) keeps
working here for at most ``ttl`` seconds. ``ttl=0`` verifies every request.

Role checks (:func:`allow`) refuse a role that may never use a route, before any record is
read, so the answer does not depend on which records exist. What a role may do with a
given record is the office's decision (:mod:`cityprivacy.govern.roles`), checked again
there.
"""

from __future__ import annotations

import hashlib
import threading
import time
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from cityprivacy.errors import PermissionDeniedError
from cityprivacy.govern import Actor, Office, Role
from cityprivacy.web.errors import AuthenticationError

__all__ = ["ActorDep", "TokenCache", "allow", "bearer", "current_actor"]

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="An API token from `POST /api/v1/users` or `cityprivacy admin create-user`.",
)


class TokenCache:
    """Actors of recently verified tokens, for ``ttl`` seconds (thread-safe, bounded)."""

    def __init__(self, ttl: float = 30.0, max_entries: int = 10_000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[str, tuple[Actor, float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    def get(self, token: str) -> Actor | None:
        """The actor of a token verified less than ``ttl`` seconds ago, else None."""
        if self.ttl <= 0:
            return None
        with self._lock:
            hit = self._entries.get(self.key(token))
        return hit[0] if hit is not None and hit[1] > time.monotonic() else None

    def put(self, token: str, actor: Actor) -> None:
        """Remember that ``token`` verified as ``actor``."""
        if self.ttl <= 0:
            return
        now = time.monotonic()
        with self._lock:
            if len(self._entries) >= self.max_entries:
                self._entries = {k: v for k, v in self._entries.items() if v[1] > now}
                if len(self._entries) >= self.max_entries:
                    self._entries.clear()
            self._entries[self.key(token)] = (actor, now + self.ttl)

    def clear(self) -> None:
        """Forget every token (after a revocation)."""
        with self._lock:
            self._entries.clear()


async def current_actor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    """The caller, from ``Authorization: Bearer <token>``; 401 without a valid token.

    A cached token costs nothing; verifying one runs in a worker thread (it is slow on
    purpose and reads the database), never on the event loop.
    """
    if credentials is None:
        raise AuthenticationError("send an API token: Authorization: Bearer <token>")
    token = credentials.credentials
    cache: TokenCache = request.app.state.tokens
    actor = cache.get(token)
    if actor is not None:
        return actor
    office: Office = request.app.state.office
    try:
        actor = await run_in_threadpool(office.authenticate, token)
    except PermissionDeniedError:
        raise AuthenticationError("the API token is not valid") from None
    cache.put(token, actor)
    return actor


ActorDep = Annotated[Actor, Depends(current_actor)]


def allow(*roles: Role) -> Any:
    """A route dependency refusing (403) every role but ``roles``."""
    allowed = frozenset(roles)
    names = ", ".join(sorted(r.value for r in allowed))

    async def check(actor: ActorDep) -> None:
        if actor.role not in allowed:
            raise PermissionDeniedError(f"role {actor.role.value} may not do this (needs {names})")

    return Depends(check)
