"""Routine designations, and matching a disclosure against them.

A designation applies to a disclosure of an organization when it is the organization's
own, an ancestor's (a contractor inherits its agency's) or citywide; when it is in force
(effective, not past its review date, not revoked); and when the recipient type fits. A
routine designation matches when it covers *all* the disclosure's types; a "never
routine" designation matches when it names *any* of them, and then wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from cityprivacy.errors import InputError, WorkflowError
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import REVIEWERS, require_office_writer
from cityprivacy.govern.scope import get_visible, organization_by_code, scoped
from cityprivacy.store.enums import AppliesTo, RecipientType
from cityprivacy.store.models import Disclosure, Organization, RoutineDesignation

__all__ = [
    "DesignationMatch",
    "Designations",
    "ancestor_ids",
    "classify",
    "match_designations",
]


@dataclass(frozen=True, slots=True)
class DesignationMatch:
    """What a disclosure matched: a routine designation, a never-routine one, or neither."""

    routine: RoutineDesignation | None
    never_routine: RoutineDesignation | None


def ancestor_ids(session: Session, organization_id: int) -> list[int]:
    """The organization and every organization above it."""
    path = session.scalar(select(Organization.path).where(Organization.id == organization_id))
    codes = [c for c in (path or "").split("/") if c]
    return list(session.scalars(select(Organization.id).where(Organization.code.in_(codes))))


def _in_force(designation: RoutineDesignation, today: date) -> bool:
    return (
        designation.revoked_at is None
        and designation.effective_from <= today
        and (designation.review_on is None or today <= designation.review_on)
    )


def match_designations(session: Session, disclosure: Disclosure, today: date) -> DesignationMatch:
    """The designations in force that classify ``disclosure`` (see the module docstring)."""
    owners = ancestor_ids(session, disclosure.organization_id)
    candidates = session.scalars(
        select(RoutineDesignation)
        .where(
            RoutineDesignation.applies_to == AppliesTo.DISCLOSURE,
            or_(
                RoutineDesignation.organization_id.is_(None),
                RoutineDesignation.organization_id.in_(owners),
            ),
        )
        .order_by(RoutineDesignation.id)
    ).all()
    return classify(candidates, disclosure.types, disclosure.recipient_type, today)


def classify(
    candidates: Iterable[RoutineDesignation],
    types: Iterable[str],
    recipient_type: RecipientType | None,
    today: date,
) -> DesignationMatch:
    """The match among ``candidates`` (already the organization's, in id order); pure.

    Also used without a database, on designations described in a manifest.
    """
    wanted = set(types)
    routine = never = None
    for designation in candidates:
        if not _in_force(designation, today):
            continue
        if designation.recipient_type not in (None, recipient_type):
            continue
        if designation.never_routine:
            if never is None and wanted & set(designation.types):
                never = designation
        elif routine is None and wanted <= set(designation.types):
            routine = designation
    return DesignationMatch(routine=None if never else routine, never_routine=never)


class Designations:
    """Create, list and revoke routine designations (APO for an organization, CPO citywide)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def create(
        self,
        *,
        categories: Sequence[str],
        purpose: str,
        effective_from: date,
        organization_code: str | None = None,
        applies_to: AppliesTo = AppliesTo.DISCLOSURE,
        recipient_type: RecipientType | None = None,
        agreement_required: bool = False,
        never_routine: bool = False,
        review_on: date | None = None,
    ) -> RoutineDesignation:
        ctx = self._ctx
        organization_id = None
        if organization_code is not None:
            organization_id = organization_by_code(ctx.session, ctx.actor, organization_code).id
        require_office_writer(ctx.actor, organization_id, "designate", REVIEWERS)
        if ctx.actor.user_id is None:
            raise WorkflowError("a designation needs a named approver (a user, not the system)")
        if not purpose.strip():
            raise InputError("purpose: must not be empty")
        if review_on is not None and review_on < effective_from:
            raise InputError("review_on: must not be before effective_from")
        designation = RoutineDesignation(
            organization_id=organization_id,
            applies_to=applies_to,
            types=ctx.taxonomy_types(categories),
            taxonomy_version=ctx.taxonomy_version,
            recipient_type=recipient_type,
            purpose=purpose.strip(),
            agreement_required=agreement_required,
            never_routine=never_routine,
            effective_from=effective_from,
            review_on=review_on,
            approver_id=ctx.actor.user_id,
        )
        ctx.session.add(designation)
        ctx.flush("designation")
        ctx.audit(
            "designation.create",
            "designation",
            designation.id,
            organization_id,
            {
                "applies_to": applies_to.value,
                "types": designation.types,
                "taxonomy_version": designation.taxonomy_version,
                "recipient_type": recipient_type.value if recipient_type else None,
                "agreement_required": agreement_required,
                "never_routine": never_routine,
                "effective_from": effective_from.isoformat(),
                "review_on": review_on.isoformat() if review_on else None,
            },
        )
        return designation

    def revoke(self, designation_id: int) -> RoutineDesignation:
        ctx = self._ctx
        designation = self.get(designation_id)
        require_office_writer(
            ctx.actor, designation.organization_id, "revoke designations", REVIEWERS
        )
        if designation.revoked_at is not None:
            raise WorkflowError(f"designation {designation_id} is already revoked")
        designation.revoked_at = ctx.now()
        ctx.flush(f"designation {designation_id}")
        ctx.audit("designation.revoke", "designation", designation.id, designation.organization_id)
        return designation

    def get(self, designation_id: int) -> RoutineDesignation:
        ctx = self._ctx
        return get_visible(
            ctx.session,
            ctx.actor,
            RoutineDesignation,
            designation_id,
            label="designation",
            citywide_visible=True,
        )

    def list(self) -> Sequence[RoutineDesignation]:
        ctx = self._ctx
        stmt = scoped(
            select(RoutineDesignation),
            ctx.actor,
            RoutineDesignation.organization_id,
            citywide_visible=True,
        )
        return ctx.session.scalars(stmt.order_by(RoutineDesignation.id)).all()
