"""Who is acting: a user's id, role and place in the organization tree.

An :class:`Actor` is what the CLI or a web request hands to the office; every service
function decides what the actor may see and do from it (see :mod:`.scope` and
:mod:`.roles`). The ``system`` actor is the local administrator running the CLI against
the database directly (user id ``None`` in the audit trail).
"""

from __future__ import annotations

from dataclasses import dataclass

from cityprivacy.store.enums import Role

__all__ = ["Actor"]

_READS_EVERYTHING = frozenset({Role.CPO, Role.AUDITOR, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class Actor:
    """A user acting on the office records."""

    user_id: int | None
    role: Role
    organization_id: int | None = None
    organization_path: str | None = None

    @classmethod
    def system(cls) -> Actor:
        """The local administrator (CLI with direct database access)."""
        return cls(user_id=None, role=Role.ADMIN)

    @property
    def reads_everything(self) -> bool:
        """CPO, auditors and administrators see every agency's records."""
        return self.role in _READS_EVERYTHING
