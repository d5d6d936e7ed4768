"""Checking a manifest against the office's rules, without a database.

Each planned disclosure goes through what :meth:`Disclosures.submit
<cityprivacy.govern.disclosures.Disclosures.submit>` and the approvals would do to it, with
the same functions: the citywide rules (:func:`~cityprivacy.govern.rules.violated_by`), the
classification against the designations in force
(:func:`~cityprivacy.govern.designations.classify`), and the agreement rules
(:func:`~cityprivacy.govern.agreements.agreement_covers`). Where the office stops at the
first problem, the check reports them all. The inventory is held to what the office records
for each field (taxonomy types in force, a collection basis that stands, purpose, mission,
retention). Every violation names its file and line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from cityprivacy.errors import UnknownEntityError
from cityprivacy.govern.agreements import agreement_covers
from cityprivacy.govern.designations import classify
from cityprivacy.govern.manifest.baseline import Baseline, manifest_baseline
from cityprivacy.govern.manifest.catalog import Violation
from cityprivacy.govern.manifest.model import (
    DatasetSpec,
    DisclosureSpec,
    FieldSpec,
    Loc,
    Manifest,
)
from cityprivacy.govern.rules import violated_by
from cityprivacy.store.enums import (
    AgreementStatus,
    AppliesTo,
    Basis,
    CollectionBasis,
    RecipientType,
)
from cityprivacy.store.models import Agreement, Disclosure, RoutineDesignation
from cityprivacy.taxonomy import Taxonomy

__all__ = ["check_manifest"]


def check_manifest(
    manifest: Manifest,
    taxonomy: Taxonomy,
    *,
    on: date,
    baseline: Baseline | None = None,
) -> list[Violation]:
    """Every rule ``manifest`` breaks on ``on``, by line (``baseline`` default: the manifest's)."""
    checker = _Checker(manifest, taxonomy, baseline or manifest_baseline(manifest), on)
    found = [*checker.agreements(), *checker.designations(), *checker.inventory()]
    found += checker.disclosures()
    return sorted(found, key=lambda v: (v.line, v.rule))


def _names(keys: Sequence[str]) -> str:
    return ", ".join(sorted(set(keys)))


class _Checker:
    def __init__(self, manifest: Manifest, taxonomy: Taxonomy, baseline: Baseline, on: date):
        self.manifest = manifest
        self.taxonomy = taxonomy
        self.baseline = baseline
        self.on = on

    def violation(self, loc: Loc, rule: str, subject: str, message: str) -> Violation:
        return Violation(self.manifest.source, self.manifest.line(loc), rule, subject, message)

    def candidates(self, applies_to: AppliesTo) -> list[RoutineDesignation]:
        return [d for d in self.baseline.designations if d.applies_to is applies_to]

    # --- taxonomy ------------------------------------------------------------------------

    def types(self, loc: Loc, keys: Sequence[str], subject: str) -> Iterator[Violation]:
        """Unknown and retired keys, each at its own line (as the office refuses them)."""
        for i, key in enumerate(keys):
            try:
                t = self.taxonomy.get(key)
            except UnknownEntityError as exc:
                yield self.violation((*loc, "types", i), "unknown-type", subject, str(exc))
                continue
            if not t.is_active(self.on):
                yield self.violation(
                    (*loc, "types", i),
                    "retired-type",
                    subject,
                    f"taxonomy type {key!r} is retired on {self.on.isoformat()}",
                )

    # --- agreements and designations -------------------------------------------------

    def agreements(self) -> Iterator[Violation]:
        for i, spec in enumerate(self.manifest.spec.agreements):
            loc: Loc = ("agreements", i)
            subject = f"agreement {spec.ref!r}"
            yield from self.types(loc, spec.types, subject)
            if not spec.future_use_clause.strip():
                yield self.violation(
                    (*loc, "future_use_clause"),
                    "agreement-future-use",
                    subject,
                    "no future_use_clause binding the recipient's anticipated and future use "
                    "to the law",
                )

    def designations(self) -> Iterator[Violation]:
        for i, spec in enumerate(self.manifest.spec.designations):
            yield from self.types(("designations", i), spec.types, f"designation {spec.ref!r}")

    # --- inventory -------------------------------------------------------------------

    def inventory(self) -> Iterator[Violation]:
        for loc, dataset in self.manifest.datasets():
            yield from self.dataset(loc, dataset)
        for loc, dataset, field in self.manifest.fields():
            subject = f"field {dataset.name}.{field.name}"
            yield from self.types(loc, field.types, subject)
            if field.types:
                yield from self.collection_basis(loc, field, subject)

    def dataset(self, loc: Loc, dataset: DatasetSpec) -> Iterator[Violation]:
        """Purpose, mission and retention: the dataset's, or else each field's own."""
        holding = [f for f in dataset.fields if f.types]
        if not holding:
            return
        for rule, what, has_own, lacking in (
            (
                "missing-purpose",
                "purpose",
                bool(dataset.purpose.strip()),
                [f.name for f in holding if not f.purpose.strip()],
            ),
            (
                "missing-mission-justification",
                "mission_justification",
                bool(dataset.mission_justification.strip()),
                [f.name for f in holding if not f.mission_justification.strip()],
            ),
            (
                "missing-retention",
                "retention",
                dataset.retention is not None,
                [f.name for f in holding if f.retention is None],
            ),
        ):
            if not has_own and lacking:
                yield self.violation(
                    loc,
                    rule,
                    f"dataset {dataset.name!r}",
                    f"no {what}, on the dataset or on its field(s) {_names(lacking)}",
                )

    def collection_basis(self, loc: Loc, field: FieldSpec, subject: str) -> Iterator[Violation]:
        basis = field.collection_basis
        if basis is None:
            yield self.violation(
                loc,
                "missing-collection-basis",
                subject,
                "holds identifying types but names no collection_basis "
                f"({', '.join(b.value for b in CollectionBasis)})",
            )
            return
        where: Loc = (*loc, "collection_basis")
        if basis is not CollectionBasis.ROUTINE:
            if not field.basis_reference.strip():
                yield self.violation(
                    where,
                    "no-lawful-basis",
                    subject,
                    f"collected on basis {basis.value} without a basis_reference (the "
                    "approval, law or consent form it rests on)",
                )
            return
        match = classify(self.candidates(AppliesTo.COLLECTION), field.types, None, self.on)
        if match.never_routine is not None:
            yield self.violation(
                where,
                "never-routine",
                subject,
                f"collected as routine, but {self.baseline.label(match.never_routine)} says "
                f"{_names(match.never_routine.types)} may never be routine",
            )
        elif match.routine is None:
            yield self.violation(
                where,
                "no-lawful-basis",
                subject,
                f"collected as routine, but no collection designation in force on "
                f"{self.on.isoformat()} covers {_names(field.types)}",
            )

    # --- disclosures -----------------------------------------------------------------

    def disclosures(self) -> list[Violation]:
        found: list[Violation] = []
        for i, spec in enumerate(self.manifest.spec.disclosures):
            found += self.disclosure(("disclosures", i), spec)
        return found

    def transient(self, spec: DisclosureSpec) -> Disclosure:
        return Disclosure(
            organization_id=self.baseline.organization_id,
            kind=spec.kind,
            recipient_name=spec.recipient,
            recipient_type=spec.recipient_type,
            recipient_tags=sorted(set(spec.recipient_tags)),
            types=sorted(set(spec.types)),
            basis=spec.basis,
            purpose=spec.purpose,
            mission_justification=spec.mission_justification,
        )

    def disclosure(self, loc: Loc, spec: DisclosureSpec) -> Iterator[Violation]:
        subject = f"disclosure {spec.name!r}"
        yield from self.types(loc, spec.types, subject)
        for rule, what in (
            ("missing-purpose", "purpose"),
            ("missing-mission-justification", "mission_justification"),
        ):
            if not getattr(spec, what).strip():
                yield self.violation(loc, rule, subject, f"no {what}")
        yield from self.source_dataset(loc, spec, subject)
        if spec.agreement_exception is not None and not spec.agreement_exception.reason.strip():
            yield self.violation(
                (*loc, "agreement_exception"),
                "exception-without-reason",
                subject,
                f"exception {spec.agreement_exception.kind.value} gives no reason",
            )
        if spec.basis is Basis.EXIGENT:
            yield self.violation(
                (*loc, "basis"),
                "exigent-planned",
                subject,
                "an exigent disclosure is recorded after the fact, not planned",
            )
            return
        agreement = self.agreement(spec)
        if spec.agreement is not None and agreement is None:
            yield self.violation(
                (*loc, "agreement"),
                "unknown-agreement",
                subject,
                f"agreement {spec.agreement!r} is not described in the manifest"
                + ("" if isinstance(spec.agreement, str) else " nor found in the office"),
            )
        disclosure = self.transient(spec)
        for citywide in self.baseline.rules:
            if violated_by(citywide, disclosure):
                yield self.violation(
                    (*loc, "basis"),
                    "citywide-rule",
                    subject,
                    f"refused by citywide rule {citywide.code!r}: {citywide.description}",
                )
        yield from self.classification(loc, spec, disclosure, agreement, subject)

    def agreement(self, spec: DisclosureSpec) -> Agreement | None:
        if spec.agreement is None:
            return None
        return self.baseline.agreements.get(spec.agreement)

    def classification(
        self,
        loc: Loc,
        spec: DisclosureSpec,
        disclosure: Disclosure,
        agreement: Agreement | None,
        subject: str,
    ) -> Iterator[Violation]:
        """What submission and approval would decide: routine or not, agreement or not."""
        match = classify(
            self.candidates(AppliesTo.DISCLOSURE), disclosure.types, spec.recipient_type, self.on
        )
        if spec.basis is Basis.ROUTINE and match.never_routine is not None:
            yield self.violation(
                (*loc, "basis"),
                "never-routine",
                subject,
                f"basis routine, but {self.baseline.label(match.never_routine)} says "
                f"{_names(match.never_routine.types)} may never be disclosed routinely",
            )
        elif spec.basis is Basis.ROUTINE and match.routine is None:
            yield self.violation(
                (*loc, "basis"),
                "routine-not-designated",
                subject,
                f"basis routine, but no disclosure designation in force on "
                f"{self.on.isoformat()} covers {_names(spec.types)} to a "
                f"{spec.recipient_type.value} recipient",
            )
        covered = agreement is not None and agreement_covers(
            agreement, disclosure, self.baseline.owners, self.on
        )
        where: Loc = (*loc, "agreement") if spec.agreement is not None else loc
        if match.routine is not None and match.routine.agreement_required and not covered:
            yield self.violation(
                where,
                "designation-requires-agreement",
                subject,
                f"{self.baseline.label(match.routine)} requires an agreement; "
                + self.uncovered(agreement, disclosure),
            )
        if (
            spec.recipient_type is RecipientType.THIRD_PARTY
            and match.routine is None
            and spec.agreement_exception is None
            and not covered
        ):
            yield self.violation(
                where,
                "third-party-agreement",
                subject,
                "a non-routine disclosure to a third party needs an active agreement covering "
                "its types or a recorded agreement_exception; "
                + self.uncovered(agreement, disclosure),
            )

    def uncovered(self, agreement: Agreement | None, disclosure: Disclosure) -> str:
        """Why ``agreement`` does not cover ``disclosure`` (for the message only)."""
        if agreement is None:
            return "none is given"
        label = self.baseline.label(agreement)
        missing = sorted(set(disclosure.types) - set(agreement.types))
        if agreement.status is not AgreementStatus.ACTIVE:
            return f"{label} is {agreement.status.value}"
        if agreement.organization_id not in self.baseline.owners:
            return f"{label} belongs to another organization"
        if agreement.effective_from is not None and self.on < agreement.effective_from:
            return f"{label} takes effect on {agreement.effective_from.isoformat()}"
        if agreement.expires_on is not None and agreement.expires_on <= self.on:
            return f"{label} expired on {agreement.expires_on.isoformat()}"
        if missing:
            return f"{label} does not name {', '.join(missing)}"
        return f"{label} does not cover it"

    def source_dataset(self, loc: Loc, spec: DisclosureSpec, subject: str) -> Iterator[Violation]:
        if spec.dataset is None:
            return
        datasets = {d.name: d for _, d in self.manifest.datasets()}
        dataset = datasets.get(spec.dataset)
        where: Loc = (*loc, "dataset")
        if dataset is None:
            yield self.violation(
                where,
                "unknown-dataset",
                subject,
                f"dataset {spec.dataset!r} is not described in the manifest",
            )
            return
        held = {key for f in dataset.fields for key in f.types}
        extra = sorted(set(spec.types) - held)
        if extra:
            yield self.violation(
                where,
                "type-not-inventoried",
                subject,
                f"discloses {', '.join(extra)}, which no field of dataset {dataset.name!r} holds",
            )
