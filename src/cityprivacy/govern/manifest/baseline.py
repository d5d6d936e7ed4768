"""What a manifest is checked against: citywide rules, designations and agreements.

Without a database the baseline is the manifest's own ``designations`` and ``agreements``
plus the citywide rules every office starts with (:data:`DEFAULT_CITYWIDE_RULES`, the
rule the first migration installs; a test keeps the two equal). With an office
(:func:`office_baseline`) the office's rules replace the defaults, and the designations and
agreements of the agency, of the organizations above it and citywide are added.

The records are the office's own classes, built without a session (transient), so the
checks call the same rule functions the office does: :func:`~cityprivacy.govern.rules.violated_by`,
:func:`~cityprivacy.govern.designations.classify` and
:func:`~cityprivacy.govern.agreements.agreement_covers`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from cityprivacy.govern.designations import ancestor_ids
from cityprivacy.govern.manifest.model import AgreementSpec, DesignationSpec, Manifest
from cityprivacy.govern.office import OfficeUnit
from cityprivacy.govern.scope import organization_by_code
from cityprivacy.store.models import Agreement, CitywideRule, RoutineDesignation

__all__ = [
    "DEFAULT_CITYWIDE_RULES",
    "MANIFEST_ORGANIZATION",
    "Baseline",
    "default_citywide_rules",
    "manifest_baseline",
    "office_baseline",
]

MANIFEST_ORGANIZATION: Final = 0
"""The organization id the manifest's own records get when no office is consulted."""

DEFAULT_CITYWIDE_RULES: Final[tuple[Mapping[str, Any], ...]] = (
    {
        "code": "immigration-status-to-federal-immigration",
        "description": "Citizenship or immigration status is not disclosed to a federal "
        "immigration authority unless legal process requires it (Charter § 8(g); executive "
        "order of 2026).",
        "types": ["immigration_status"],
        "recipient_types": [],
        "recipient_tags": ["federal_immigration_authority"],
        "allowed_bases": ["legal_process"],
    },
)
"""The citywide rules of a new office (installed by the first migration)."""


def default_citywide_rules() -> list[CitywideRule]:
    """:data:`DEFAULT_CITYWIDE_RULES` as (transient) rule records."""
    return [
        CitywideRule(
            code=rule["code"],
            description=rule["description"],
            types=list(rule["types"]),
            recipient_types=list(rule["recipient_types"]),
            recipient_tags=list(rule["recipient_tags"]),
            allowed_bases=list(rule["allowed_bases"]),
            active=True,
        )
        for rule in DEFAULT_CITYWIDE_RULES
    ]


@dataclass(frozen=True, slots=True)
class Baseline:
    """The records the checks consult, and how to name each of them in a message."""

    rules: Sequence[CitywideRule]
    designations: Sequence[RoutineDesignation]
    agreements: Mapping[int | str, Agreement]
    organization_id: int
    owners: Sequence[int]
    labels: Mapping[object, str] = field(default_factory=dict)

    def label(self, record: object) -> str:
        return self.labels.get(record, "a record")


def _designation(spec: DesignationSpec, organization_id: int) -> RoutineDesignation:
    return RoutineDesignation(
        organization_id=organization_id,
        applies_to=spec.applies_to,
        types=sorted(set(spec.types)),
        recipient_type=spec.recipient_type,
        purpose=spec.purpose,
        agreement_required=spec.agreement_required,
        never_routine=spec.never_routine,
        effective_from=spec.effective_from,
        review_on=spec.review_on,
        revoked_at=None,
    )


def _agreement(spec: AgreementSpec, organization_id: int) -> Agreement:
    return Agreement(
        organization_id=organization_id,
        title=spec.title,
        recipient_name=spec.recipient,
        recipient_type=spec.recipient_type,
        types=sorted(set(spec.types)),
        status=spec.status,
        purposes=spec.purposes,
        permitted_uses=spec.permitted_uses,
        future_use_clause=spec.future_use_clause,
        effective_from=spec.effective_from,
        review_on=spec.review_on,
        expires_on=spec.expires_on,
    )


def manifest_baseline(
    manifest: Manifest,
    *,
    rules: Sequence[CitywideRule] | None = None,
    organization_id: int = MANIFEST_ORGANIZATION,
    owners: Sequence[int] = (MANIFEST_ORGANIZATION,),
) -> Baseline:
    """The manifest's own designations and agreements, and ``rules`` (default: the defaults)."""
    labels: dict[object, str] = {}
    designations: list[RoutineDesignation] = []
    for spec in manifest.spec.designations:
        designation = _designation(spec, organization_id)
        designations.append(designation)
        labels[designation] = f"designation {spec.ref!r} of the manifest"
    agreements: dict[int | str, Agreement] = {}
    for agreement_spec in manifest.spec.agreements:
        agreement = _agreement(agreement_spec, organization_id)
        agreements[agreement_spec.ref] = agreement
        labels[agreement] = f"agreement {agreement_spec.ref!r} of the manifest"
    return Baseline(
        rules=default_citywide_rules() if rules is None else rules,
        designations=designations,
        agreements=agreements,
        organization_id=organization_id,
        owners=owners,
        labels=labels,
    )


def office_baseline(unit: OfficeUnit, manifest: Manifest) -> Baseline:
    """The manifest's records plus the office's, for the manifest's agency (as the unit's actor).

    The office's citywide rules replace the defaults; its designations come first, so a
    match names the office's record when there is one.
    """
    ctx = unit.context
    organization = organization_by_code(ctx.session, ctx.actor, manifest.spec.agency)
    owners = ancestor_ids(ctx.session, organization.id)
    own = manifest_baseline(
        manifest, rules=unit.rules.list(), organization_id=organization.id, owners=owners
    )
    labels = dict(own.labels)
    designations = [
        d
        for d in unit.designations.list()
        if d.organization_id is None or d.organization_id in owners
    ]
    for designation in designations:
        labels[designation] = f"office designation {designation.id}"
    agreements: dict[int | str, Agreement] = {}
    for agreement in unit.agreements.list():
        if agreement.organization_id in owners:
            agreements[agreement.id] = agreement
            labels[agreement] = f"office agreement {agreement.id}"
    agreements.update(own.agreements)
    return Baseline(
        rules=own.rules,
        designations=[*designations, *own.designations],
        agreements=agreements,
        organization_id=organization.id,
        owners=owners,
        labels=labels,
    )
