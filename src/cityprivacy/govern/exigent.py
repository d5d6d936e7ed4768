"""Exigent disclosures after the fact: reporting to the APO, then to the CPO, on time.

The law sets no fixed deadline, so the windows are settings
(``exigent_report_to_apo_hours``, ``exigent_report_to_cpo_hours``, counted from the time
of the disclosure). A report is ``pending`` before its deadline, ``overdue`` after it
while still missing, and ``late`` or ``on_time`` once made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select

from cityprivacy.errors import InputError, WorkflowError
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import OFFICE_WRITERS, REVIEWERS, require_office_writer
from cityprivacy.govern.scope import get_visible, scoped
from cityprivacy.store.enums import Classification
from cityprivacy.store.models import Disclosure

__all__ = ["ExigentReporting", "ExigentStatus", "ReportState"]

ReportState = Literal["pending", "overdue", "on_time", "late"]


def _state(reported: datetime | None, due: datetime, now: datetime) -> ReportState:
    if reported is None:
        return "overdue" if now > due else "pending"
    return "late" if reported > due else "on_time"


@dataclass(frozen=True, slots=True)
class ExigentStatus:
    """Where the two reports of one exigent disclosure stand."""

    disclosure_id: int
    disclosed_at: datetime
    apo_due: datetime
    apo_state: ReportState
    cpo_due: datetime
    cpo_state: ReportState

    @property
    def flagged(self) -> bool:
        """Overdue or made late."""
        return {self.apo_state, self.cpo_state} & {"overdue", "late"} != set()


class ExigentReporting:
    """Record the reports of exigent disclosures and list those overdue or late."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def _exigent(self, disclosure_id: int) -> Disclosure:
        ctx = self._ctx
        disclosure = get_visible(
            ctx.session, ctx.actor, Disclosure, disclosure_id, label="disclosure"
        )
        if disclosure.classification is not Classification.EXIGENT:
            raise WorkflowError(f"disclosure {disclosure_id} is not an exigent disclosure")
        return disclosure

    def reported_to_apo(self, disclosure_id: int, at: datetime) -> Disclosure:
        """Staff reported the disclosure to the APO at ``at``."""
        ctx = self._ctx
        disclosure = self._exigent(disclosure_id)
        require_office_writer(
            ctx.actor, disclosure.organization_id, "record exigent reports", OFFICE_WRITERS
        )
        self._check_time(disclosure, at)
        if disclosure.reported_to_apo_at is not None:
            raise WorkflowError(f"disclosure {disclosure_id} was already reported to the APO")
        disclosure.reported_to_apo_at = at
        return self._done(disclosure, "reported_to_apo", at)

    def reported_to_cpo(self, disclosure_id: int, at: datetime) -> Disclosure:
        """The APO reported the disclosure to the CPO at ``at`` (after the APO knew of it)."""
        ctx = self._ctx
        disclosure = self._exigent(disclosure_id)
        require_office_writer(
            ctx.actor, disclosure.organization_id, "record exigent reports", REVIEWERS
        )
        self._check_time(disclosure, at)
        if disclosure.reported_to_apo_at is None or at < disclosure.reported_to_apo_at:
            raise WorkflowError(
                f"disclosure {disclosure_id}: record the report to the APO before the CPO's"
            )
        if disclosure.reported_to_cpo_at is not None:
            raise WorkflowError(f"disclosure {disclosure_id} was already reported to the CPO")
        disclosure.reported_to_cpo_at = at
        return self._done(disclosure, "reported_to_cpo", at)

    def _check_time(self, disclosure: Disclosure, at: datetime) -> None:
        if at.tzinfo is None:
            raise InputError("at: give a timezone")
        assert disclosure.disclosed_at is not None
        if at < disclosure.disclosed_at or at > self._ctx.now():
            raise InputError("at: must be between the disclosure and now")

    def _done(self, disclosure: Disclosure, action: str, at: datetime) -> Disclosure:
        ctx = self._ctx
        ctx.flush(f"disclosure {disclosure.id}")
        status = self.status_of(disclosure)
        ctx.audit(
            f"disclosure.{action}",
            "disclosure",
            disclosure.id,
            disclosure.organization_id,
            {"apo_state": status.apo_state, "cpo_state": status.cpo_state},
        )
        return disclosure

    def status_of(self, disclosure: Disclosure) -> ExigentStatus:
        settings = self._ctx.tools.settings
        assert disclosure.disclosed_at is not None
        apo_due = disclosure.disclosed_at + timedelta(hours=settings.exigent_report_to_apo_hours)
        cpo_due = disclosure.disclosed_at + timedelta(hours=settings.exigent_report_to_cpo_hours)
        now = self._ctx.now()
        return ExigentStatus(
            disclosure_id=disclosure.id,
            disclosed_at=disclosure.disclosed_at,
            apo_due=apo_due,
            apo_state=_state(disclosure.reported_to_apo_at, apo_due, now),
            cpo_due=cpo_due,
            cpo_state=_state(disclosure.reported_to_cpo_at, cpo_due, now),
        )

    def all(self) -> Sequence[ExigentStatus]:
        """Every exigent disclosure the actor may see, oldest first."""
        ctx = self._ctx
        stmt = scoped(
            select(Disclosure).where(Disclosure.classification == Classification.EXIGENT),
            ctx.actor,
            Disclosure.organization_id,
        ).order_by(Disclosure.disclosed_at, Disclosure.id)
        return [self.status_of(d) for d in ctx.session.scalars(stmt)]

    def overdue(self) -> Sequence[ExigentStatus]:
        """Exigent disclosures with a report overdue or made late."""
        return [status for status in self.all() if status.flagged]
