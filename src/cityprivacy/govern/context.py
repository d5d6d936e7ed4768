"""What every service function works with: the session, the actor, and the office's tools.

A :class:`Context` lives for one unit of work (one transaction). It buffers audit events
and appends them to the chain just before the commit, and turns a lost optimistic-lock
race into a :class:`~cityprivacy.errors.ConflictError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from cityprivacy.config import Settings
from cityprivacy.errors import ConflictError, InputError
from cityprivacy.govern import audit
from cityprivacy.govern.actors import Actor
from cityprivacy.govern.bounds import check_rows
from cityprivacy.protect.keys import SecretKey
from cityprivacy.taxonomy import Taxonomy

__all__ = ["Context", "OfficeTools"]


@dataclass(frozen=True, slots=True)
class OfficeTools:
    """What lives as long as the office: settings, taxonomy, key, token hasher, clock."""

    settings: Settings
    taxonomy: Taxonomy
    hasher: PasswordHasher
    clock: Callable[[], datetime]
    key: Callable[[], SecretKey]


class Context:
    """One unit of work for one actor."""

    def __init__(self, session: Session, actor: Actor, tools: OfficeTools) -> None:
        self.session = session
        self.actor = actor
        self.tools = tools
        self._events: list[audit.PendingEvent] = []
        # Every row is checked against its columns before it is written, whichever
        # component made it, so an out-of-range value is an InputError naming the field,
        # not a database error (PostgreSQL) or a silently stored overlong value (SQLite).
        event.listen(session, "before_flush", _check_pending_rows)

    def now(self) -> datetime:
        return self.tools.clock()

    def audit(
        self,
        action: str,
        entity_type: str,
        entity_id: int | str,
        organization_id: int | None,
        changes: Mapping[str, audit.AuditValue] | None = None,
    ) -> None:
        """Record a state change; it is chained and stored with the unit's commit."""
        self._events.append(
            audit.PendingEvent.make(
                occurred_at=self.now(),
                actor_id=self.actor.user_id,
                action=action,
                entity_type=entity_type,
                entity_id=entity_id,
                organization_id=organization_id,
                changes=changes,
            )
        )

    def flush(self, what: str) -> None:
        """Write pending changes now; a concurrent change of ``what`` is a ConflictError."""
        try:
            self.session.flush()
        except StaleDataError:
            raise ConflictError(
                f"{what} was changed by someone else at the same time; reload it and try again"
            ) from None

    def finish(self) -> None:
        """Flush the changes, then chain and store the buffered audit events."""
        self.flush("a record")
        audit.append(self.session, self._events)
        self._events.clear()

    def taxonomy_types(self, keys: Iterable[str], field: str = "categories") -> list[str]:
        """``keys`` checked against the taxonomy in force today, sorted and without repeats."""
        unique = sorted(set(keys))
        if not unique:
            raise InputError(f"{field}: name at least one taxonomy type")
        today = self.now().date()
        for key in unique:
            if not self.tools.taxonomy.get(key).is_active(today):
                raise InputError(f"{field}: taxonomy type {key!r} is retired")
        return unique

    @property
    def taxonomy_version(self) -> str:
        return self.tools.taxonomy.version


def _check_pending_rows(session: Session, _flush: object, _instances: object) -> None:
    check_rows(session)
