"""What each role may change (reading is the business of :mod:`.scope`).

- ``staff`` prepare and submit disclosures and keep the inventory of their organization;
- ``apo`` do the same and approve, deny, escalate, designate and make agreements;
- ``cpo`` may do all of that anywhere, and is the only one to change citywide records;
- ``auditor`` reads everything and changes nothing;
- ``admin`` manages organizations, users and tokens, and no office record.
"""

from __future__ import annotations

from cityprivacy.errors import PermissionDeniedError
from cityprivacy.govern.actors import Actor
from cityprivacy.store.enums import Role

__all__ = ["OFFICE_WRITERS", "REVIEWERS", "require_office_writer", "require_role"]

OFFICE_WRITERS = frozenset({Role.STAFF, Role.APO, Role.CPO})
REVIEWERS = frozenset({Role.APO, Role.CPO})


def require_role(actor: Actor, roles: frozenset[Role] | set[Role], action: str) -> None:
    """Refuse ``action`` unless the actor has one of ``roles``."""
    if actor.role not in roles:
        allowed = ", ".join(sorted(r.value for r in roles))
        raise PermissionDeniedError(f"role {actor.role.value} may not {action} (needs {allowed})")


def require_office_writer(
    actor: Actor, organization_id: int | None, action: str, roles: frozenset[Role] = OFFICE_WRITERS
) -> None:
    """Refuse a change to an office record: citywide records (no organization) are the CPO's."""
    require_role(actor, roles, action)
    if organization_id is None and actor.role is not Role.CPO:
        raise PermissionDeniedError(f"only the CPO may {action} for the whole city")
