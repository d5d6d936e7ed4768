"""Configurable citywide rules checked when a disclosure is submitted.

Rules are records the CPO edits (the first, installed by the initial migration: no
immigration or citizenship status to a federal immigration authority unless the basis is
legal process). A rule refuses a disclosure that names any of its types, to a recipient of
one of its recipient types (none listed: any) carrying one of its recipient tags (none
listed: any), on a basis it does not allow.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from cityprivacy.errors import ConflictError, InputError, NotFoundError
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import require_office_writer
from cityprivacy.store.enums import Basis, RecipientType, Role
from cityprivacy.store.models import CitywideRule, Disclosure

__all__ = ["RECIPIENT_TAGS", "CitywideRules", "violated_by"]

RECIPIENT_TAGS = frozenset(
    {"federal_immigration_authority", "law_enforcement", "court", "researcher", "media"}
)
"""Tags a disclosure's recipient may carry, for rules to match on."""

_CPO_ONLY = frozenset({Role.CPO})


def violated_by(rule: CitywideRule, disclosure: Disclosure) -> bool:
    """Whether ``rule`` refuses ``disclosure``."""
    return (
        rule.active
        and bool(set(rule.types) & set(disclosure.types))
        and (not rule.recipient_types or disclosure.recipient_type.value in rule.recipient_types)
        and (
            not rule.recipient_tags
            or bool(set(rule.recipient_tags) & set(disclosure.recipient_tags))
        )
        and disclosure.basis.value not in rule.allowed_bases
    )


class CitywideRules:
    """List, add and switch citywide rules (only the CPO changes them)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def list(self) -> Sequence[CitywideRule]:
        return self._ctx.session.scalars(select(CitywideRule).order_by(CitywideRule.id)).all()

    def violations(self, disclosure: Disclosure) -> Sequence[str]:
        """Codes of the active rules ``disclosure`` breaks, in order."""
        return [rule.code for rule in self.list() if violated_by(rule, disclosure)]

    def create(
        self,
        *,
        code: str,
        description: str,
        categories: Sequence[str],
        allowed_bases: Sequence[Basis],
        recipient_types: Sequence[RecipientType] = (),
        recipient_tags: Sequence[str] = (),
    ) -> CitywideRule:
        ctx = self._ctx
        require_office_writer(ctx.actor, None, "add citywide rules", _CPO_ONLY)
        unknown = sorted(set(recipient_tags) - RECIPIENT_TAGS)
        if unknown:
            raise InputError(f"recipient_tags: unknown tag {unknown[0]!r}")
        if ctx.session.scalar(select(CitywideRule.id).where(CitywideRule.code == code)):
            raise ConflictError(f"rule {code!r} already exists")
        rule = CitywideRule(
            code=code,
            description=description,
            types=ctx.taxonomy_types(categories),
            taxonomy_version=ctx.taxonomy_version,
            recipient_types=sorted(RecipientType(t).value for t in recipient_types),
            recipient_tags=sorted(recipient_tags),
            allowed_bases=sorted(Basis(b).value for b in allowed_bases),
            created_by=ctx.actor.user_id,
        )
        ctx.session.add(rule)
        ctx.flush("rule")
        ctx.audit(
            "rule.create",
            "citywide_rule",
            rule.id,
            None,
            {"types": rule.types, "allowed_bases": rule.allowed_bases},
        )
        return rule

    def set_active(self, code: str, active: bool) -> CitywideRule:
        ctx = self._ctx
        require_office_writer(ctx.actor, None, "change citywide rules", _CPO_ONLY)
        rule = ctx.session.scalars(select(CitywideRule).where(CitywideRule.code == code)).first()
        if rule is None:
            raise NotFoundError(f"rule {code!r} not found")
        rule.active = active
        ctx.flush(f"rule {code!r}")
        ctx.audit("rule.set_active", "citywide_rule", rule.id, None, {"active": active})
        return rule
