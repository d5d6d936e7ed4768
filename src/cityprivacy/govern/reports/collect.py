"""Reading the records a biennial report is built from, for one agency and one period.

The agency's subtree (its contractors and their subcontractors) is one prefix match on the
organization path, as in :mod:`cityprivacy.govern.scope`; the caller has already been
checked to see the agency. Dated records are kept when their dates meet the period; the
inventory and the retention schedules are taken as they stand (they describe holdings,
not events).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from cityprivacy.govern.reports.period import ReportingPeriod
from cityprivacy.store.enums import DisclosureStatus, Role
from cityprivacy.store.models import (
    Agreement,
    CitywideRule,
    DataField,
    Dataset,
    Disclosure,
    DisclosureReview,
    Division,
    Incident,
    Organization,
    RetentionSchedule,
    RoutineDesignation,
    System,
    User,
)

__all__ = ["ReportRecords", "collect"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ReportRecords:
    """Everything one report reads, loaded once."""

    agency: Organization
    organizations: Sequence[Organization]
    systems: Sequence[System]
    datasets: Sequence[Dataset]
    fields: Sequence[DataField]
    schedules: Sequence[RetentionSchedule]
    disclosures: Sequence[Disclosure]
    reviews: dict[int, list[DisclosureReview]]
    roles: dict[int, Role]
    divisions: dict[int, str]
    designations: Sequence[RoutineDesignation]
    agreements: Sequence[Agreement]
    incidents: Sequence[Incident]
    rules: Sequence[CitywideRule]

    def code(self, organization_id: int | None) -> str:
        """An organization's code ("citywide" for records of no organization)."""
        if organization_id is None:
            return "citywide"
        return next(o.code for o in self.organizations if o.id == organization_id)


def _in(
    column: InstrumentedAttribute[datetime | None], period: ReportingPeriod
) -> ColumnElement[bool]:
    return and_(column >= period.starts_at, column < period.ends_before)


def _owned(session: Session, model: type[T], ids: list[int]) -> list[T]:
    column: InstrumentedAttribute[int] = getattr(model, "organization_id")  # noqa: B009
    key: InstrumentedAttribute[int] = getattr(model, "id")  # noqa: B009
    return list(session.scalars(select(model).where(column.in_(ids)).order_by(key)))


def collect(session: Session, agency: Organization, period: ReportingPeriod) -> ReportRecords:
    """Load the agency's (and its contractors') records that the report reads."""
    organizations = session.scalars(
        select(Organization)
        .where(Organization.path.startswith(agency.path, autoescape=True))
        .order_by(Organization.path)
    ).all()
    ids = [o.id for o in organizations]

    disclosures = session.scalars(
        select(Disclosure)
        .where(
            Disclosure.organization_id.in_(ids),
            Disclosure.status != DisclosureStatus.DRAFT,
            or_(_in(Disclosure.submitted_at, period), _in(Disclosure.disclosed_at, period)),
        )
        .order_by(Disclosure.id)
    ).all()
    reviews: dict[int, list[DisclosureReview]] = defaultdict(list)
    for review in session.scalars(
        select(DisclosureReview)
        .where(DisclosureReview.disclosure_id.in_([d.id for d in disclosures]))
        .order_by(DisclosureReview.id)
    ):
        reviews[review.disclosure_id].append(review)
    designations = [
        d
        for d in session.scalars(
            select(RoutineDesignation)
            .where(
                or_(
                    RoutineDesignation.organization_id.is_(None),
                    RoutineDesignation.organization_id.in_(ids),
                )
            )
            .order_by(RoutineDesignation.id)
        )
        if period.overlaps(d.effective_from, d.review_on)
        and (d.revoked_at is None or d.revoked_at >= period.starts_at)
    ]
    agreements = [
        a
        for a in session.scalars(
            select(Agreement).where(Agreement.organization_id.in_(ids)).order_by(Agreement.id)
        )
        if period.overlaps(a.effective_from, a.expires_on)
    ]
    return ReportRecords(
        agency=agency,
        organizations=organizations,
        systems=_owned(session, System, ids),
        datasets=_owned(session, Dataset, ids),
        fields=_owned(session, DataField, ids),
        schedules=_owned(session, RetentionSchedule, ids),
        disclosures=disclosures,
        reviews=dict(reviews),
        roles={user_id: role for user_id, role in session.execute(select(User.id, User.role))},
        divisions={
            division_id: name
            for division_id, name in session.execute(
                select(Division.id, Division.name).where(Division.organization_id.in_(ids))
            )
        },
        designations=designations,
        agreements=agreements,
        incidents=session.scalars(
            select(Incident)
            .where(Incident.organization_id.in_(ids), _in(Incident.discovered_at, period))
            .order_by(Incident.id)
        ).all(),
        rules=session.scalars(select(CitywideRule).order_by(CitywideRule.id)).all(),
    )
