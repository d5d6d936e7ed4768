"""Retention schedules, disposal requests and legal holds.

Retention periods come from the records schedules of the records office (DORIS). No record
is disposed of without both the records office's and the law department's (Corporation
Counsel's) approval, recorded here by an APO or the CPO with each office's reference; a
legal hold on the dataset or on its schedule item blocks disposal until it is released.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from sqlalchemy import or_, select

from cityprivacy.errors import InputError, WorkflowError
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import REVIEWERS, require_office_writer
from cityprivacy.govern.scope import get_visible, organization_by_code, scoped
from cityprivacy.store.enums import DisposalStatus
from cityprivacy.store.models import Dataset, DisposalRequest, LegalHold, RetentionSchedule

__all__ = ["Approver", "Retention"]

Approver = Literal["records_office", "law_department"]


class Retention:
    """Schedules, disposal with its two approvals, and legal holds."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def create_schedule(
        self,
        *,
        organization_code: str,
        schedule_item: str,
        title: str,
        period_months: int | None,
        trigger_event: str,
        disposal_method: str,
        justification: str = "",
    ) -> RetentionSchedule:
        """A schedule item (``period_months`` None: permanent) and why keeping serves the mission.

        APOs of the organization and the CPO keep schedules.
        """
        ctx = self._ctx
        organization = organization_by_code(ctx.session, ctx.actor, organization_code)
        require_office_writer(ctx.actor, organization.id, "keep retention schedules", REVIEWERS)
        if period_months is not None and period_months < 0:
            raise InputError("period_months: must not be negative")
        schedule = RetentionSchedule(
            organization_id=organization.id,
            schedule_item=schedule_item.strip(),
            title=title.strip(),
            period_months=period_months,
            trigger_event=trigger_event.strip(),
            disposal_method=disposal_method.strip(),
            justification=justification,
        )
        ctx.session.add(schedule)
        ctx.flush("retention schedule")
        ctx.audit(
            "retention.schedule",
            "retention_schedule",
            schedule.id,
            organization.id,
            {"period_months": period_months, "fields": ["schedule_item", "title", "justification"]},
        )
        return schedule

    def schedule(self, schedule_id: int) -> RetentionSchedule:
        ctx = self._ctx
        return get_visible(
            ctx.session, ctx.actor, RetentionSchedule, schedule_id, label="retention schedule"
        )

    def schedules(self) -> Sequence[RetentionSchedule]:
        ctx = self._ctx
        stmt = scoped(select(RetentionSchedule), ctx.actor, RetentionSchedule.organization_id)
        return ctx.session.scalars(stmt.order_by(RetentionSchedule.id)).all()

    # --- disposal ----------------------------------------------------------------------

    def request_disposal(
        self, schedule_id: int, *, dataset_id: int | None = None, description: str = ""
    ) -> DisposalRequest:
        ctx = self._ctx
        schedule = self.schedule(schedule_id)
        require_office_writer(ctx.actor, schedule.organization_id, "request disposal")
        if dataset_id is not None:
            get_visible(ctx.session, ctx.actor, Dataset, dataset_id, label="dataset")
        request = DisposalRequest(
            organization_id=schedule.organization_id,
            schedule_id=schedule.id,
            dataset_id=dataset_id,
            description=description,
            requested_by=ctx.actor.user_id,
        )
        ctx.session.add(request)
        ctx.flush("disposal request")
        self._audit(request, "request")
        return request

    def disposal(self, request_id: int) -> DisposalRequest:
        ctx = self._ctx
        return get_visible(
            ctx.session, ctx.actor, DisposalRequest, request_id, label="disposal request"
        )

    def disposals(self, status: DisposalStatus | None = None) -> Sequence[DisposalRequest]:
        """The disposal requests the actor may see (of one status if given), oldest first."""
        ctx = self._ctx
        stmt = scoped(select(DisposalRequest), ctx.actor, DisposalRequest.organization_id)
        if status is not None:
            stmt = stmt.where(DisposalRequest.status == status)
        return ctx.session.scalars(stmt.order_by(DisposalRequest.id)).all()

    def _audit(self, request: DisposalRequest, action: str, **extra: str | None) -> None:
        self._ctx.audit(
            f"disposal.{action}",
            "disposal_request",
            request.id,
            request.organization_id,
            {
                "status": request.status.value,
                "schedule_id": request.schedule_id,
                "dataset_id": request.dataset_id,
                **extra,
            },
        )

    def approve_disposal(self, request_id: int, by: Approver, reference: str) -> DisposalRequest:
        """Record one office's approval; with both, the request is approved."""
        ctx = self._ctx
        request = self.disposal(request_id)
        require_office_writer(ctx.actor, request.organization_id, "record approvals", REVIEWERS)
        if request.status is not DisposalStatus.PENDING:
            raise WorkflowError(f"disposal request {request_id} is {request.status.value}")
        if not reference.strip():
            raise InputError("reference: give the approving office's reference")
        now = ctx.now()
        if by == "records_office":
            if request.records_office_approved_at is not None:
                raise WorkflowError(f"the records office already approved request {request_id}")
            request.records_office_ref, request.records_office_approved_at = reference, now
        elif by == "law_department":
            if request.law_department_approved_at is not None:
                raise WorkflowError(f"the law department already approved request {request_id}")
            request.law_department_ref, request.law_department_approved_at = reference, now
        else:
            raise InputError("by: records_office or law_department")
        if request.records_office_approved_at and request.law_department_approved_at:
            request.status = DisposalStatus.APPROVED
        ctx.flush(f"disposal request {request_id}")
        self._audit(request, "approve", by=by)
        return request

    def reject_disposal(self, request_id: int, by: Approver) -> DisposalRequest:
        ctx = self._ctx
        request = self.disposal(request_id)
        require_office_writer(ctx.actor, request.organization_id, "record approvals", REVIEWERS)
        if request.status is not DisposalStatus.PENDING:
            raise WorkflowError(f"disposal request {request_id} is {request.status.value}")
        request.status = DisposalStatus.REJECTED
        ctx.flush(f"disposal request {request_id}")
        self._audit(request, "reject", by=by)
        return request

    def blocking_holds(self, request: DisposalRequest) -> Sequence[LegalHold]:
        """Active holds on the request's dataset or schedule item."""
        targets = [LegalHold.schedule_id == request.schedule_id]
        if request.dataset_id is not None:
            targets.append(LegalHold.dataset_id == request.dataset_id)
        return self._ctx.session.scalars(
            select(LegalHold).where(LegalHold.released_at.is_(None), or_(*targets))
        ).all()

    def dispose(self, request_id: int, at: datetime) -> DisposalRequest:
        """Record that the records were disposed of: approved by both, and no hold."""
        ctx = self._ctx
        request = self.disposal(request_id)
        require_office_writer(ctx.actor, request.organization_id, "record disposal", REVIEWERS)
        if request.status is not DisposalStatus.APPROVED:
            raise WorkflowError(
                f"disposal request {request_id} is {request.status.value}: it needs the records "
                "office's and the law department's approval first"
            )
        holds = self.blocking_holds(request)
        if holds:
            raise WorkflowError(
                f"disposal request {request_id} is blocked by legal hold(s) "
                f"{', '.join(str(h.id) for h in holds)}"
            )
        if at.tzinfo is None or at > ctx.now():
            raise InputError("at: give a past time with a timezone")
        request.status = DisposalStatus.DISPOSED
        request.disposed_at = at
        ctx.flush(f"disposal request {request_id}")
        self._audit(request, "dispose")
        return request

    # --- legal holds -------------------------------------------------------------------

    def place_hold(
        self,
        *,
        organization_code: str,
        matter_ref: str,
        dataset_id: int | None = None,
        schedule_id: int | None = None,
        reason: str = "",
    ) -> LegalHold:
        ctx = self._ctx
        organization = organization_by_code(ctx.session, ctx.actor, organization_code)
        require_office_writer(ctx.actor, organization.id, "place legal holds", REVIEWERS)
        if dataset_id is None and schedule_id is None:
            raise InputError("dataset_id: a hold covers a dataset or a schedule item")
        if dataset_id is not None:
            get_visible(ctx.session, ctx.actor, Dataset, dataset_id, label="dataset")
        if schedule_id is not None:
            self.schedule(schedule_id)
        hold = LegalHold(
            organization_id=organization.id,
            dataset_id=dataset_id,
            schedule_id=schedule_id,
            matter_ref=matter_ref.strip(),
            reason=reason,
            placed_by=ctx.actor.user_id,
        )
        ctx.session.add(hold)
        ctx.flush("legal hold")
        ctx.audit(
            "legal_hold.place",
            "legal_hold",
            hold.id,
            organization.id,
            {"dataset_id": dataset_id, "schedule_id": schedule_id, "fields": ["matter_ref"]},
        )
        return hold

    def holds(self, *, active_only: bool = False) -> Sequence[LegalHold]:
        """The legal holds the actor may see (only those not released if asked), oldest first."""
        ctx = self._ctx
        stmt = scoped(select(LegalHold), ctx.actor, LegalHold.organization_id)
        if active_only:
            stmt = stmt.where(LegalHold.released_at.is_(None))
        return ctx.session.scalars(stmt.order_by(LegalHold.id)).all()

    def release_hold(self, hold_id: int) -> LegalHold:
        ctx = self._ctx
        hold = get_visible(ctx.session, ctx.actor, LegalHold, hold_id, label="legal hold")
        require_office_writer(ctx.actor, hold.organization_id, "release legal holds", REVIEWERS)
        if hold.released_at is not None:
            raise WorkflowError(f"legal hold {hold_id} is already released")
        hold.released_at = ctx.now()
        ctx.flush(f"legal hold {hold_id}")
        ctx.audit("legal_hold.release", "legal_hold", hold.id, hold.organization_id)
        return hold
