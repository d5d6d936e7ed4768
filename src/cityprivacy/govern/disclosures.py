"""The disclosure workflow: a state machine whose every step is audited.

::

    draft ──submit──▶ approved                      (routine: matches a designation in force)
      │                 ▲
      ├──submit──▶ submitted ──approve (APO)──▶ second_review ──approve (other APO/CPO)──┘
      │              │  │                           │  │
      │              │  └──────escalate (APO)───────┼──┴──▶ escalated ──approve/deny (CPO, final)
      │              └──deny──▶ denied ◀──deny──────┘          ▲
      └──submit (basis cpo_preapproval)─────────────────────────┘
    approved ──disclose──▶ disclosed                (date, records sent, method, accounting)

- At submission the citywide rules are checked first (a violation refuses the submission
  and nothing changes), then the disclosure is classified against the designations: a
  routine match is approved at once, unless the designation requires an agreement and no
  active agreement covers the disclosure (then one approval by an APO, with an agreement,
  approves it); a "never routine" match or no match makes it non-routine.
- Non-routine: an APO approves, then a *different* APO (or the CPO) gives the second review.
  An APO may escalate to the CPO instead, and the CPO's decision is final.
- Basis ``cpo_preapproval`` ("approved in advance by the CPO as in the city's best
  interest"): after the citywide rules, the submission goes straight to the CPO (status
  ``escalated``, even when a designation would make it routine); no APO may approve or
  deny it, and the CPO's decision is final.
- A non-routine disclosure to a third party cannot be approved without an active agreement
  that covers it or a recorded exception (exigent, or no important privacy interest unduly
  compromised, with the reason).
- Exigent disclosures are recorded after the fact (see :mod:`.exigent`).
- ``version`` is an optimistic lock: of two concurrent approvals exactly one wins, the other
  gets a :class:`~cityprivacy.errors.ConflictError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from cityprivacy.errors import InputError, PermissionDeniedError, RuleViolationError, WorkflowError
from cityprivacy.govern.accounting import Accounting
from cityprivacy.govern.agencies import Agencies
from cityprivacy.govern.agreements import Agreements
from cityprivacy.govern.audit import AuditValue
from cityprivacy.govern.bounds import check_count, check_length, check_row
from cityprivacy.govern.context import Context
from cityprivacy.govern.designations import match_designations
from cityprivacy.govern.disclosure_input import DisclosureMade, NewDisclosure
from cityprivacy.govern.roles import REVIEWERS, require_office_writer
from cityprivacy.govern.rules import RECIPIENT_TAGS, CitywideRules
from cityprivacy.govern.scope import get_visible, organization_by_code, scoped
from cityprivacy.store.enums import (
    AgreementException,
    Basis,
    Classification,
    Decision,
    DisclosureStatus,
    RecipientType,
    ReviewStage,
    Role,
)
from cityprivacy.store.models import (
    Agreement,
    AuditEvent,
    Disclosure,
    DisclosureAttachment,
    DisclosureReview,
    Organization,
    RoutineDesignation,
)

__all__ = ["DisclosureHistory", "Disclosures"]

_CPO = frozenset({Role.CPO})
_OPEN_FOR_REVIEW = (DisclosureStatus.SUBMITTED, DisclosureStatus.SECOND_REVIEW)


@dataclass(frozen=True, slots=True)
class DisclosureHistory:
    """A disclosure's reviews and its audit events, oldest first."""

    disclosure: Disclosure
    reviews: Sequence[DisclosureReview]
    events: Sequence[AuditEvent]


def _expect(disclosure: Disclosure, allowed: Sequence[DisclosureStatus], action: str) -> None:
    if disclosure.status not in allowed:
        needs = " or ".join(s.value for s in allowed)
        raise WorkflowError(
            f"disclosure {disclosure.id} is {disclosure.status.value}; "
            f"it must be {needs} to {action}"
        )


class Disclosures:
    """Open, submit, review, disclose and list disclosures."""

    def __init__(
        self,
        ctx: Context,
        *,
        agencies: Agencies,
        agreements: Agreements,
        accounting: Accounting,
        rules: CitywideRules,
    ) -> None:
        self._ctx = ctx
        self._agencies = agencies
        self._agreements = agreements
        self._accounting = accounting
        self._rules = rules

    # --- reading ---------------------------------------------------------------------

    def get(self, disclosure_id: int) -> Disclosure:
        ctx = self._ctx
        return get_visible(ctx.session, ctx.actor, Disclosure, disclosure_id, label="disclosure")

    def list(
        self,
        *,
        status: DisclosureStatus | None = None,
        agency_code: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Sequence[Disclosure]:
        """Disclosures the actor may see, newest first; ``agency_code`` includes contractors."""
        ctx = self._ctx
        stmt = scoped(select(Disclosure), ctx.actor, Disclosure.organization_id)
        if status is not None:
            stmt = stmt.where(Disclosure.status == status)
        if agency_code is not None:
            organization = organization_by_code(ctx.session, ctx.actor, agency_code)
            stmt = stmt.where(
                Disclosure.organization_id.in_(
                    select(Organization.id).where(
                        Organization.path.startswith(organization.path, autoescape=True)
                    )
                )
            )
        stmt = stmt.order_by(Disclosure.id.desc()).limit(max(1, min(limit, 1000))).offset(offset)
        return ctx.session.scalars(stmt).all()

    def history(self, disclosure_id: int) -> DisclosureHistory:
        disclosure = self.get(disclosure_id)
        session = self._ctx.session
        reviews = session.scalars(
            select(DisclosureReview)
            .where(DisclosureReview.disclosure_id == disclosure.id)
            .order_by(DisclosureReview.id)
        ).all()
        events = session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.entity_type == "disclosure", AuditEvent.entity_id == str(disclosure.id)
            )
            .order_by(AuditEvent.seq)
        ).all()
        return DisclosureHistory(disclosure, reviews, events)

    # --- opening -----------------------------------------------------------------------

    def _build(self, new: NewDisclosure) -> Disclosure:
        ctx = self._ctx
        organization = organization_by_code(ctx.session, ctx.actor, new.agency_code)
        require_office_writer(ctx.actor, organization.id, "open disclosures")
        unknown = sorted(set(new.recipient_tags) - RECIPIENT_TAGS)
        if unknown:
            raise InputError(f"recipient_tags: unknown tag {unknown[0]!r}")
        division_id = None
        if new.division:
            division_id = self._agencies.division(organization, new.division).id
        if new.agreement_id is not None:
            get_visible(ctx.session, ctx.actor, Agreement, new.agreement_id, label="agreement")
        if new.agreement_exception is not None and not new.agreement_exception_reason.strip():
            raise InputError("agreement_exception_reason: an exception needs its reason")
        disclosure = Disclosure(
            organization_id=organization.id,
            division_id=division_id,
            employee_category=new.employee_category.strip(),
            kind=new.kind,
            recipient_name=new.recipient_name,
            recipient_type=new.recipient_type,
            recipient_tags=sorted(set(new.recipient_tags)),
            types=ctx.taxonomy_types(new.categories),
            taxonomy_version=ctx.taxonomy_version,
            record_count=new.record_count,
            purpose=new.purpose,
            mission_justification=new.mission_justification,
            basis=new.basis,
            anonymized=new.anonymized,
            aggregated=new.aggregated,
            agreement_id=new.agreement_id,
            agreement_exception=new.agreement_exception,
            agreement_exception_reason=new.agreement_exception_reason.strip(),
            created_by=ctx.actor.user_id,
        )
        check_row(disclosure)
        ctx.session.add(disclosure)
        ctx.flush("disclosure")
        return disclosure

    def _audit(self, disclosure: Disclosure, action: str, **changes: AuditValue | StrEnum) -> None:
        values: dict[str, AuditValue] = {
            k: (v.value if isinstance(v, StrEnum) else v) for k, v in changes.items()
        }
        self._ctx.audit(
            f"disclosure.{action}", "disclosure", disclosure.id, disclosure.organization_id, values
        )

    def create(self, new: NewDisclosure) -> Disclosure:
        """A draft (staff, APO or CPO of the organization). Exigent ones: :meth:`record_exigent`."""
        if new.basis is Basis.EXIGENT:
            raise WorkflowError(
                "an exigent disclosure is recorded after the fact (record_exigent), not requested"
            )
        disclosure = self._build(new)
        self._audit(
            disclosure,
            "create",
            status=disclosure.status,
            kind=disclosure.kind,
            basis=disclosure.basis,
            recipient_type=disclosure.recipient_type,
            recipient_tags=disclosure.recipient_tags,
            types=disclosure.types,
            taxonomy_version=disclosure.taxonomy_version,
            record_count=disclosure.record_count,
            agreement_id=disclosure.agreement_id,
            division_id=disclosure.division_id,
            fields=["employee_category", "mission_justification", "purpose", "recipient_name"],
        )
        return disclosure

    def set_agreement(
        self,
        disclosure_id: int,
        *,
        agreement_id: int | None = None,
        exception: AgreementException | None = None,
        reason: str = "",
    ) -> Disclosure:
        """Attach an agreement, or record why none is made (APO or CPO), before approval."""
        ctx = self._ctx
        disclosure = self.get(disclosure_id)
        require_office_writer(ctx.actor, disclosure.organization_id, "record agreements", REVIEWERS)
        _expect(
            disclosure,
            (DisclosureStatus.DRAFT, *_OPEN_FOR_REVIEW, DisclosureStatus.ESCALATED),
            "change its agreement",
        )
        if agreement_id is not None:
            get_visible(ctx.session, ctx.actor, Agreement, agreement_id, label="agreement")
        if exception is not None and not reason.strip():
            raise InputError("reason: an exception needs its reason")
        disclosure.agreement_id = agreement_id
        disclosure.agreement_exception = exception
        disclosure.agreement_exception_reason = reason.strip() if exception else ""
        ctx.flush(f"disclosure {disclosure.id}")
        self._audit(
            disclosure,
            "agreement",
            agreement_id=agreement_id,
            agreement_exception=exception,
            fields=["agreement_exception_reason"] if exception else [],
        )
        return disclosure

    def add_attachment(
        self, disclosure_id: int, *, filename: str, media_type: str, size_bytes: int, sha256: str
    ) -> DisclosureAttachment:
        """Record an attached document's metadata (its content is kept elsewhere)."""
        ctx = self._ctx
        disclosure = self.get(disclosure_id)
        require_office_writer(ctx.actor, disclosure.organization_id, "attach documents")
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise InputError("sha256: 64 lower-case hex digits")
        check_count("size_bytes", size_bytes)
        if not filename.strip() or not media_type.strip():
            raise InputError("filename: and media_type must not be empty")
        check_length("filename", filename.strip(), DisclosureAttachment.filename)
        check_length("media_type", media_type.strip(), DisclosureAttachment.media_type)
        attachment = DisclosureAttachment(
            disclosure_id=disclosure.id,
            filename=filename.strip(),
            media_type=media_type.strip(),
            size_bytes=size_bytes,
            sha256=sha256,
        )
        ctx.session.add(attachment)
        ctx.flush(f"disclosure {disclosure.id}")
        self._audit(
            disclosure,
            "attach",
            attachment_id=attachment.id,
            sha256=sha256,
            size_bytes=size_bytes,
            fields=["filename", "media_type"],
        )
        return attachment

    def attachments(self, disclosure_id: int) -> Sequence[DisclosureAttachment]:
        disclosure = self.get(disclosure_id)
        return self._ctx.session.scalars(
            select(DisclosureAttachment)
            .where(DisclosureAttachment.disclosure_id == disclosure.id)
            .order_by(DisclosureAttachment.id)
        ).all()

    # --- the state machine -----------------------------------------------------------

    def submit(self, disclosure_id: int) -> Disclosure:
        """Check the citywide rules, classify, and approve at once when routine; a CPO
        pre-approval waits for the CPO."""
        ctx = self._ctx
        disclosure = self.get(disclosure_id)
        require_office_writer(ctx.actor, disclosure.organization_id, "submit disclosures")
        _expect(disclosure, (DisclosureStatus.DRAFT,), "submit it")
        violations = self._rules.violations(disclosure)
        if violations:
            raise RuleViolationError(
                f"disclosure {disclosure.id} is refused by citywide rule(s): "
                f"{', '.join(violations)}",
                tuple(violations),
            )
        match = match_designations(ctx.session, disclosure, ctx.now().date())
        disclosure.submitted_at = ctx.now()
        disclosure.status = (
            DisclosureStatus.ESCALATED
            if disclosure.basis is Basis.CPO_PREAPPROVAL
            else DisclosureStatus.SUBMITTED
        )
        if match.never_routine is not None:
            disclosure.classification = Classification.NON_ROUTINE
            disclosure.never_routine = True
            disclosure.designation_id = match.never_routine.id
        elif match.routine is not None:
            disclosure.classification = Classification.ROUTINE
            disclosure.designation_id = match.routine.id
        else:
            disclosure.classification = Classification.NON_ROUTINE
        ctx.flush(f"disclosure {disclosure.id}")
        self._audit(
            disclosure,
            "submit",
            status=disclosure.status,
            basis=disclosure.basis,
            classification=disclosure.classification,
            designation_id=disclosure.designation_id,
            never_routine=disclosure.never_routine,
        )
        if disclosure.basis is Basis.CPO_PREAPPROVAL:
            return disclosure  # the CPO alone decides (escalated at submission)
        routine = match.routine
        if routine is not None and (
            not routine.agreement_required or self._agreements.covers(disclosure)
        ):
            self._decide(
                disclosure,
                ReviewStage.APO_APPROVAL,
                Decision.APPROVE,
                "",
                final=True,
                automatic=True,
            )
            disclosure.status = DisclosureStatus.APPROVED
            ctx.flush(f"disclosure {disclosure.id}")
            self._audit(
                disclosure, "auto_approve", status=disclosure.status, designation_id=routine.id
            )
        return disclosure

    def _decide(
        self,
        disclosure: Disclosure,
        stage: ReviewStage,
        decision: Decision,
        comment: str,
        *,
        final: bool,
        automatic: bool = False,
    ) -> None:
        """Store the review; a final decision also stamps who decided and when."""
        ctx = self._ctx
        reviewer = None if automatic else ctx.actor.user_id
        ctx.session.add(
            DisclosureReview(
                disclosure_id=disclosure.id,
                reviewer_id=reviewer,
                stage=stage,
                decision=decision,
                comment=comment.strip(),
            )
        )
        if final:
            disclosure.decided_at = ctx.now()
            disclosure.decided_by = reviewer

    def _first_approver(self, disclosure: Disclosure) -> int | None:
        return self._ctx.session.scalar(
            select(DisclosureReview.reviewer_id)
            .where(
                DisclosureReview.disclosure_id == disclosure.id,
                DisclosureReview.stage == ReviewStage.APO_APPROVAL,
                DisclosureReview.decision == Decision.APPROVE,
            )
            .order_by(DisclosureReview.id.desc())
            .limit(1)
        )

    def _check_agreement(self, disclosure: Disclosure) -> None:
        if (
            disclosure.designation_id is not None
            and disclosure.classification is Classification.ROUTINE
        ):
            designation = self._ctx.session.get(RoutineDesignation, disclosure.designation_id)
            if (
                designation is not None
                and designation.agreement_required
                and not self._agreements.covers(disclosure)
            ):
                raise WorkflowError(
                    f"disclosure {disclosure.id}: designation {designation.id} requires an "
                    "agreement; attach an active agreement that covers its types"
                )
        if (
            disclosure.recipient_type is RecipientType.THIRD_PARTY
            and disclosure.classification is not Classification.ROUTINE
            and disclosure.agreement_exception is None
            and not self._agreements.covers(disclosure)
        ):
            raise WorkflowError(
                f"disclosure {disclosure.id} is a non-routine disclosure to a third party: "
                "attach an active agreement that covers its types, or record an exception "
                "(exigent, or no important privacy interest compromised) with its reason"
            )

    def _reviewable(self, disclosure_id: int, action: str) -> Disclosure:
        ctx = self._ctx
        disclosure = self.get(disclosure_id)
        if disclosure.status is DisclosureStatus.ESCALATED:
            require_office_writer(ctx.actor, disclosure.organization_id, action, _CPO)
        else:
            require_office_writer(ctx.actor, disclosure.organization_id, action, REVIEWERS)
        return disclosure

    def approve(self, disclosure_id: int, comment: str = "") -> Disclosure:
        """One approval step: APO approval, second review, or the CPO's final decision."""
        ctx = self._ctx
        disclosure = self._reviewable(disclosure_id, "approve disclosures")
        _expect(disclosure, (*_OPEN_FOR_REVIEW, DisclosureStatus.ESCALATED), "approve it")
        if disclosure.status is DisclosureStatus.ESCALATED:
            stage, final = ReviewStage.CPO_DECISION, True
        elif disclosure.status is DisclosureStatus.SECOND_REVIEW:
            if self._first_approver(disclosure) == ctx.actor.user_id:
                raise PermissionDeniedError(
                    f"disclosure {disclosure.id}: the second review must be by another "
                    "reviewer than the first approval"
                )
            stage, final = ReviewStage.SECOND_REVIEW, True
        else:
            stage = ReviewStage.APO_APPROVAL
            final = disclosure.classification is Classification.ROUTINE
        if final:
            self._check_agreement(disclosure)
        self._decide(disclosure, stage, Decision.APPROVE, comment, final=final)
        disclosure.status = DisclosureStatus.APPROVED if final else DisclosureStatus.SECOND_REVIEW
        ctx.flush(f"disclosure {disclosure.id}")
        self._audit(
            disclosure, "approve", status=disclosure.status, stage=stage, fields=["comment"]
        )
        return disclosure

    def deny(self, disclosure_id: int, comment: str = "") -> Disclosure:
        ctx = self._ctx
        disclosure = self._reviewable(disclosure_id, "deny disclosures")
        _expect(disclosure, (*_OPEN_FOR_REVIEW, DisclosureStatus.ESCALATED), "deny it")
        stage = {
            DisclosureStatus.SUBMITTED: ReviewStage.APO_APPROVAL,
            DisclosureStatus.SECOND_REVIEW: ReviewStage.SECOND_REVIEW,
            DisclosureStatus.ESCALATED: ReviewStage.CPO_DECISION,
        }[disclosure.status]
        self._decide(disclosure, stage, Decision.DENY, comment, final=True)
        disclosure.status = DisclosureStatus.DENIED
        ctx.flush(f"disclosure {disclosure.id}")
        self._audit(disclosure, "deny", status=disclosure.status, stage=stage, fields=["comment"])
        return disclosure

    def escalate(self, disclosure_id: int, comment: str = "") -> Disclosure:
        """Send the decision to the CPO (an APO); the CPO then decides, finally."""
        ctx = self._ctx
        disclosure = self.get(disclosure_id)
        require_office_writer(
            ctx.actor, disclosure.organization_id, "escalate disclosures", frozenset({Role.APO})
        )
        _expect(disclosure, _OPEN_FOR_REVIEW, "escalate it")
        stage = (
            ReviewStage.SECOND_REVIEW
            if disclosure.status is DisclosureStatus.SECOND_REVIEW
            else ReviewStage.APO_APPROVAL
        )
        self._decide(disclosure, stage, Decision.ESCALATE, comment, final=False)
        disclosure.status = DisclosureStatus.ESCALATED
        ctx.flush(f"disclosure {disclosure.id}")
        self._audit(disclosure, "escalate", status=disclosure.status, fields=["comment"])
        return disclosure

    def _made(self, disclosure: Disclosure, made: DisclosureMade) -> int:
        if made.disclosed_at.tzinfo is None:
            raise InputError("disclosed_at: give a timezone (e.g. 2026-07-01T10:00:00Z)")
        if made.disclosed_at > self._ctx.now():
            raise InputError("disclosed_at: is in the future")
        disclosure.disclosed_at = made.disclosed_at
        disclosure.records_disclosed = made.records_disclosed
        disclosure.method = made.method
        disclosure.status = DisclosureStatus.DISCLOSED
        self._ctx.flush(f"disclosure {disclosure.id}")
        return self._accounting.record(disclosure, made.subjects)

    def disclose(self, disclosure_id: int, made: DisclosureMade) -> Disclosure:
        """Record that an approved disclosure was made, and whom it concerned."""
        ctx = self._ctx
        disclosure = self.get(disclosure_id)
        require_office_writer(ctx.actor, disclosure.organization_id, "record disclosures")
        _expect(disclosure, (DisclosureStatus.APPROVED,), "record it as disclosed")
        subjects = self._made(disclosure, made)
        self._audit(
            disclosure,
            "disclose",
            status=disclosure.status,
            disclosed_at=made.disclosed_at.date().isoformat(),
            records_disclosed=made.records_disclosed,
            subjects=subjects,
            fields=["method"],
        )
        return disclosure

    def record_exigent(
        self,
        new: NewDisclosure,
        made: DisclosureMade,
        *,
        facts: str,
    ) -> Disclosure:
        """An exigent disclosure, recorded after it was made (see :mod:`.exigent`)."""
        if new.basis is not Basis.EXIGENT:
            raise InputError("basis: an exigent disclosure has basis 'exigent'")
        if not facts.strip():
            raise InputError("facts: state the exigent circumstances")
        disclosure = self._build(new)
        disclosure.classification = Classification.EXIGENT
        disclosure.exigent_facts = facts.strip()
        subjects = self._made(disclosure, made)
        self._audit(
            disclosure,
            "record_exigent",
            status=disclosure.status,
            classification=disclosure.classification,
            recipient_type=disclosure.recipient_type,
            types=disclosure.types,
            taxonomy_version=disclosure.taxonomy_version,
            disclosed_at=made.disclosed_at.date().isoformat(),
            records_disclosed=made.records_disclosed,
            subjects=subjects,
            fields=["exigent_facts", "method", "purpose", "recipient_name"],
        )
        return disclosure
