"""Data sharing agreements: terms, status, versions, and whether one covers a disclosure.

Every change of terms or status bumps the agreement's version and stores a snapshot
(:class:`~cityprivacy.store.models.AgreementVersion`). An agreement *covers* a disclosure
when it is active on the day, belongs to the disclosing organization or one above it, and
names every type disclosed. Its extract terms (:mod:`cityprivacy.govern.sharing.terms`)
say how ``cityprivacy share extract`` treats each type; they are checked against the
taxonomy and the agreement's types whenever they are set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select

from cityprivacy.errors import InputError, WorkflowError
from cityprivacy.govern.context import Context
from cityprivacy.govern.designations import ancestor_ids
from cityprivacy.govern.roles import REVIEWERS, require_office_writer
from cityprivacy.govern.scope import get_visible, organization_by_code, scoped
from cityprivacy.govern.sharing.terms import ExtractTerms, check_terms, parse_terms
from cityprivacy.store.enums import AgreementStatus, RecipientType
from cityprivacy.store.models import Agreement, AgreementVersion, Disclosure

__all__ = ["EXTRACT_TERMS", "TERMS", "Agreements", "agreement_covers"]

TERMS = (
    "title",
    "parties",
    "recipient_name",
    "purposes",
    "permitted_uses",
    "future_use_clause",
    "onward_disclosure_limits",
    "retention_terms",
    "destruction_terms",
    "security_terms",
    "effective_from",
    "review_on",
    "expires_on",
)
"""The free-text and date terms an amendment may change (never copied to the audit trail)."""

EXTRACT_TERMS = "extract_terms"
"""The structured term an amendment may also change (its treatments are audited)."""


def agreement_covers(
    agreement: Agreement, disclosure: Disclosure, owners: Sequence[int], on: date
) -> bool:
    """Whether ``agreement`` covers ``disclosure`` on ``on`` (``owners``: the org and above)."""
    return (
        agreement.status is AgreementStatus.ACTIVE
        and agreement.organization_id in owners
        and (agreement.effective_from is None or agreement.effective_from <= on)
        and (agreement.expires_on is None or on < agreement.expires_on)
        and set(disclosure.types) <= set(agreement.types)
    )


def _snapshot(agreement: Agreement) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in (*TERMS, "types", "taxonomy_version", "recipient_type", "status"):
        value = getattr(agreement, name)
        data[name] = value.isoformat() if isinstance(value, date) else value
    data[EXTRACT_TERMS] = dict(agreement.extract_terms or {})
    return data


def _treatments(stored: Mapping[str, Any]) -> list[str]:
    """The treatments as ``type:treatment`` (taxonomy keys and enum values: safe to audit)."""
    return [f"{k}:{v}" for k, v in sorted(dict(stored.get("treatments", {})).items())]


class Agreements:
    """Register, amend and end data sharing agreements (APO of the organization, or CPO)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def create(
        self,
        *,
        organization_code: str,
        title: str,
        recipient_name: str,
        recipient_type: RecipientType,
        categories: Sequence[str],
        purposes: str,
        permitted_uses: str,
        future_use_clause: str,
        parties: Sequence[str] = (),
        onward_disclosure_limits: str = "",
        retention_terms: str = "",
        destruction_terms: str = "",
        security_terms: str = "",
        effective_from: date | None = None,
        review_on: date | None = None,
        expires_on: date | None = None,
        extract_terms: Mapping[str, Any] | ExtractTerms | None = None,
    ) -> Agreement:
        ctx = self._ctx
        organization = organization_by_code(ctx.session, ctx.actor, organization_code)
        require_office_writer(ctx.actor, organization.id, "register agreements", REVIEWERS)
        if not future_use_clause.strip():
            raise InputError(
                "future_use_clause: the agreement must bind anticipated and future use to the law"
            )
        for field, value in (("title", title), ("recipient_name", recipient_name)):
            if not value.strip():
                raise InputError(f"{field}: must not be empty")
        types = ctx.taxonomy_types(categories)
        terms = self._checked_terms(extract_terms, types)
        agreement = Agreement(
            organization_id=organization.id,
            title=title.strip(),
            parties=list(parties) or [organization.name, recipient_name.strip()],
            recipient_name=recipient_name.strip(),
            recipient_type=recipient_type,
            types=types,
            taxonomy_version=ctx.taxonomy_version,
            purposes=purposes,
            permitted_uses=permitted_uses,
            future_use_clause=future_use_clause,
            onward_disclosure_limits=onward_disclosure_limits,
            retention_terms=retention_terms,
            destruction_terms=destruction_terms,
            security_terms=security_terms,
            effective_from=effective_from,
            review_on=review_on,
            expires_on=expires_on,
            extract_terms=terms,
            created_by=ctx.actor.user_id,
        )
        ctx.session.add(agreement)
        ctx.flush("agreement")
        self._record_version(agreement)
        ctx.audit(
            "agreement.create",
            "agreement",
            agreement.id,
            organization.id,
            {
                "status": agreement.status.value,
                "recipient_type": recipient_type.value,
                "types": agreement.types,
                "taxonomy_version": agreement.taxonomy_version,
                "extract_treatments": _treatments(terms),
            },
        )
        return agreement

    def _checked_terms(
        self, extract_terms: Mapping[str, Any] | ExtractTerms | None, types: Sequence[str]
    ) -> dict[str, Any]:
        terms = parse_terms(extract_terms)
        check_terms(terms, self._ctx.tools.taxonomy, types)
        return terms.stored()

    def extract_terms(self, agreement_id: int) -> ExtractTerms:
        """The agreement's extract terms (empty when none were set)."""
        return parse_terms(self.get(agreement_id).extract_terms)

    def _record_version(self, agreement: Agreement) -> None:
        self._ctx.session.add(
            AgreementVersion(
                agreement_id=agreement.id,
                number=agreement.version,
                snapshot=_snapshot(agreement),
                changed_by=self._ctx.actor.user_id,
            )
        )

    def _change(self, agreement: Agreement, action: str, fields: list[str]) -> Agreement:
        ctx = self._ctx
        ctx.flush(f"agreement {agreement.id}")
        self._record_version(agreement)
        changes: dict[str, Any] = {
            "status": agreement.status.value,
            "version": agreement.version,
            "fields": fields,
        }
        if EXTRACT_TERMS in fields:
            changes["extract_treatments"] = _treatments(agreement.extract_terms)
        ctx.audit(action, "agreement", agreement.id, agreement.organization_id, changes)
        return agreement

    def set_status(self, agreement_id: int, status: AgreementStatus) -> Agreement:
        """Activate, expire or terminate an agreement; a new version records it."""
        agreement = self.get(agreement_id)
        require_office_writer(
            self._ctx.actor, agreement.organization_id, "change agreements", REVIEWERS
        )
        if agreement.status is status:
            raise WorkflowError(f"agreement {agreement_id} is already {status.value}")
        if agreement.status in (AgreementStatus.EXPIRED, AgreementStatus.TERMINATED):
            raise WorkflowError(f"agreement {agreement_id} has ended; register a new one")
        agreement.status = status
        return self._change(agreement, f"agreement.{status.value}", ["status"])

    def amend(self, agreement_id: int, **terms: Any) -> Agreement:
        """Change terms (see :data:`TERMS` and :data:`EXTRACT_TERMS`); the audit trail names
        the fields, not the text (and the extract treatments, which identify no one)."""
        agreement = self.get(agreement_id)
        require_office_writer(
            self._ctx.actor, agreement.organization_id, "amend agreements", REVIEWERS
        )
        unknown = sorted(set(terms) - {*TERMS, EXTRACT_TERMS})
        if unknown:
            raise InputError(f"{unknown[0]}: not an agreement term")
        if EXTRACT_TERMS in terms:
            terms[EXTRACT_TERMS] = self._checked_terms(terms[EXTRACT_TERMS], agreement.types)
        changed = sorted(name for name, value in terms.items() if getattr(agreement, name) != value)
        if not changed:  # nothing to amend: no new version, no audit event
            return agreement
        for name in changed:
            setattr(agreement, name, terms[name])
        return self._change(agreement, "agreement.amend", changed)

    def get(self, agreement_id: int) -> Agreement:
        ctx = self._ctx
        return get_visible(ctx.session, ctx.actor, Agreement, agreement_id, label="agreement")

    def versions(self, agreement_id: int) -> Sequence[AgreementVersion]:
        self.get(agreement_id)
        return self._ctx.session.scalars(
            select(AgreementVersion)
            .where(AgreementVersion.agreement_id == agreement_id)
            .order_by(AgreementVersion.number)
        ).all()

    def list(self) -> Sequence[Agreement]:
        ctx = self._ctx
        stmt = scoped(select(Agreement), ctx.actor, Agreement.organization_id)
        return ctx.session.scalars(stmt.order_by(Agreement.id)).all()

    def covers(self, disclosure: Disclosure) -> bool:
        """Whether the disclosure's agreement is in force and covers it today."""
        if disclosure.agreement_id is None:
            return False
        agreement = self._ctx.session.get(Agreement, disclosure.agreement_id)
        if agreement is None:
            return False
        owners = ancestor_ids(self._ctx.session, disclosure.organization_id)
        return agreement_covers(agreement, disclosure, owners, self._ctx.now().date())
