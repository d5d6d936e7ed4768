"""Agency isolation, in one place.

Staff and APOs see the records of their organization and of everything under it (an
agency's contractors and their subcontractors); the CPO, auditors and administrators see
everything. A record outside the actor's scope answers :class:`NotFoundError`, exactly as
a record that does not exist, so its existence is not revealed. Citywide records
(``organization_id`` null: the CPO's designations and rules) are visible to everyone.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from cityprivacy.errors import NotFoundError
from cityprivacy.govern.actors import Actor
from cityprivacy.store.models import Organization

__all__ = ["get_visible", "organization_by_code", "scoped", "visible_clause"]

T = TypeVar("T")
S = TypeVar("S", bound=Select[*tuple[Any, ...]])


def visible_clause(
    actor: Actor, column: InstrumentedAttribute[Any], *, citywide_visible: bool = False
) -> ColumnElement[bool] | None:
    """The WHERE clause limiting ``column`` (an organization id) to the actor's scope."""
    if actor.reads_everything:
        return None
    if actor.organization_path is None:
        return column.is_(None) if citywide_visible else column.in_([])
    subtree = select(Organization.id).where(
        Organization.path.startswith(actor.organization_path, autoescape=True)
    )
    clause: ColumnElement[bool] = column.in_(subtree)
    if citywide_visible:
        clause = or_(clause, column.is_(None))
    return clause


def scoped(
    stmt: S, actor: Actor, column: InstrumentedAttribute[Any], *, citywide_visible: bool = False
) -> S:
    """``stmt`` limited to the records the actor may see."""
    clause = visible_clause(actor, column, citywide_visible=citywide_visible)
    return stmt if clause is None else stmt.where(clause)


def get_visible(
    session: Session,
    actor: Actor,
    model: type[T],
    record_id: int,
    *,
    label: str,
    citywide_visible: bool = False,
) -> T:
    """The record ``record_id`` of ``model`` if the actor may see it, else NotFoundError."""
    column: InstrumentedAttribute[Any] = getattr(model, "organization_id")  # noqa: B009
    stmt = scoped(
        select(model).where(getattr(model, "id") == record_id),  # noqa: B009
        actor,
        column,
        citywide_visible=citywide_visible,
    )
    record = session.scalars(stmt).one_or_none()
    if record is None:
        raise NotFoundError(f"{label} {record_id} not found")
    return record


def organization_by_code(session: Session, actor: Actor, code: str) -> Organization:
    """The organization ``code`` if the actor may see it, else NotFoundError."""
    stmt = select(Organization).where(Organization.code == code)
    clause = visible_clause(actor, Organization.id)
    if clause is not None:
        stmt = stmt.where(clause)
    organization = session.scalars(stmt).one_or_none()
    if organization is None:
        raise NotFoundError(f"organization {code!r} not found")
    return organization
