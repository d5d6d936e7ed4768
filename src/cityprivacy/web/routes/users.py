"""``/users``: people with roles, and their API tokens (administrators)."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request

from cityprivacy.govern import Role
from cityprivacy.web.auth import TokenCache, allow
from cityprivacy.web.deps import IdPath, LookupsDep, UnitDep
from cityprivacy.web.lookups import Lookups
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import record_out
from cityprivacy.web.schemas.organizations import (
    NewUserOut,
    RevokedOut,
    TokenOut,
    UserIn,
    UserOut,
)

__all__ = ["router"]

router = APIRouter(tags=["users"])
_ADMIN = allow(Role.ADMIN)


def _out(user: object, lookups: Lookups) -> UserOut:
    return record_out(
        UserOut,
        user,
        lookups,
        agency_code=lookups.code(getattr(user, "organization_id")),  # noqa: B009
    )


@router.post("/users", status_code=201, dependencies=[_ADMIN])
def create_user(body: UserIn, o: UnitDep, lookups: LookupsDep) -> NewUserOut:
    """Create a user; the answer holds its API token, shown this once (admin)."""
    new = o.users.create(body.email, body.role, body.agency_code)
    return NewUserOut(user=_out(new.user, lookups), token=new.token)


@router.get("/users", dependencies=[allow(*Role)])
def list_users(o: UnitDep, lookups: LookupsDep, page: PageDep) -> Page[UserOut]:
    """The users you may see (staff and APOs: those of their organizations)."""
    return page.cut(o.users.list(), lambda user: _out(user, lookups))


@router.post("/users/{user_id}/tokens", status_code=201, dependencies=[_ADMIN])
def issue_token(user_id: IdPath, o: UnitDep) -> TokenOut:
    """A new API token for the user, shown this once (admin)."""
    return TokenOut(user_id=user_id, token=o.users.issue_token(user_id))


@router.delete("/users/{user_id}/tokens", dependencies=[_ADMIN])
def revoke_tokens(
    user_id: IdPath, o: UnitDep, request: Request, after: BackgroundTasks
) -> RevokedOut:
    """Revoke every token of the user, effective at once on this server (admin)."""
    revoked = o.users.revoke_tokens(user_id)
    cache: TokenCache = request.app.state.tokens
    cache.clear()
    after.add_task(cache.clear)  # again once committed: nothing re-cached meanwhile survives
    return RevokedOut(user_id=user_id, revoked=revoked)
