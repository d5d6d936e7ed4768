"""From the records to the report's tables, one function per section.

Pure functions of :class:`~.collect.ReportRecords` (no database access), so each table's
rule reads on its own. Disclosures "of the period" are those submitted in it, or made in
it (exigent ones are recorded after the fact and never submitted); drafts never count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from cityprivacy.govern.reports.collect import ReportRecords
from cityprivacy.govern.reports.model import (
    AgreementRow,
    AgreementUseRow,
    ApprovingUnitRow,
    ClassificationRow,
    CpoApprovalRow,
    DesignationRow,
    DisclosureRow,
    IncidentRow,
    MissionRow,
    OrganizationRow,
    ReasonRow,
    RequesterRow,
    TypeCollectedRow,
    TypeDisclosedRow,
    TypeRetainedRow,
)
from cityprivacy.govern.reports.period import ReportingPeriod
from cityprivacy.store.enums import Classification, Decision, DisclosureStatus, ReviewStage, Role
from cityprivacy.store.models import Disclosure

__all__ = [
    "agreement_use",
    "agreements",
    "approved",
    "approving_units",
    "classification",
    "cpo_approvals",
    "designations",
    "disclosed",
    "incidents",
    "mission",
    "organizations",
    "reasons",
    "register",
    "requesters",
    "types_collected",
    "types_disclosed",
    "types_retained",
]

TypeName = Callable[[str], str]
_PENDING = (DisclosureStatus.SUBMITTED, DisclosureStatus.SECOND_REVIEW, DisclosureStatus.ESCALATED)
_APPROVED = (DisclosureStatus.APPROVED, DisclosureStatus.DISCLOSED)


def _value(enum: object) -> str:
    return str(getattr(enum, "value", enum)) if enum is not None else ""


def approved(d: Disclosure) -> bool:
    """Approved (and maybe made since); exigent disclosures are made without approval."""
    return d.status in _APPROVED and d.classification is not Classification.EXIGENT


def disclosed(records: ReportRecords, period: ReportingPeriod) -> list[Disclosure]:
    """The disclosures made in the period (by the date they were made)."""
    return [d for d in records.disclosures if period.holds(d.disclosed_at)]


def organizations(records: ReportRecords) -> list[OrganizationRow]:
    codes = {o.id: o.code for o in records.organizations}
    return [
        OrganizationRow(
            code=o.code,
            name=o.name,
            kind=o.kind.value,
            parent_code=codes.get(o.parent_id) if o.parent_id is not None else None,
        )
        for o in records.organizations
    ]


def types_collected(records: ReportRecords, name: TypeName) -> list[TypeCollectedRow]:
    """Each type in the inventory's fields: how many fields, datasets and systems hold it."""
    system_of = {d.id: d.system_id for d in records.datasets}
    by_type: dict[str, list[int]] = defaultdict(list)
    for index, field in enumerate(records.fields):
        for key in field.types:
            by_type[key].append(index)
    rows = []
    for key in sorted(by_type):
        fields = [records.fields[i] for i in by_type[key]]
        rows.append(
            TypeCollectedRow(
                type=key,
                name=name(key),
                fields=len(fields),
                datasets=len({f.dataset_id for f in fields}),
                systems=len({system_of[f.dataset_id] for f in fields}),
                collection_bases=sorted({f.collection_basis.value for f in fields}),
                organizations=sorted({records.code(f.organization_id) for f in fields}),
            )
        )
    return rows


def types_retained(records: ReportRecords, name: TypeName) -> list[TypeRetainedRow]:
    """Each type held in fields under a retention schedule (the field's, else its dataset's)."""
    schedules = {s.id: s for s in records.schedules}
    dataset_schedule = {d.id: d.retention_schedule_id for d in records.datasets}
    held: dict[str, list[int]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for field in records.fields:
        schedule_id = field.retention_schedule_id or dataset_schedule.get(field.dataset_id)
        if schedule_id is None or schedule_id not in schedules:
            continue
        for key in field.types:
            held[key].append(schedule_id)
            counts[key] += 1
    rows = []
    for key in sorted(held):
        items = [schedules[i] for i in sorted(set(held[key]))]
        months = [s.period_months for s in items if s.period_months is not None]
        rows.append(
            TypeRetainedRow(
                type=key,
                name=name(key),
                fields=counts[key],
                schedule_items=sorted({s.schedule_item for s in items}),
                shortest_months=min(months) if months else None,
                longest_months=max(months) if months else None,
                permanent=any(s.period_months is None for s in items),
                disposal_methods=sorted({s.disposal_method for s in items}),
            )
        )
    return rows


def types_disclosed(made: Iterable[Disclosure], name: TypeName) -> list[TypeDisclosedRow]:
    """Each type in the disclosures made in the period, with the records sent."""
    count: Counter[str] = Counter()
    sent: Counter[str] = Counter()
    recipients: dict[str, set[str]] = defaultdict(set)
    for disclosure in made:
        records_sent = (
            disclosure.records_disclosed
            if disclosure.records_disclosed is not None
            else disclosure.record_count
        )
        for key in disclosure.types:
            count[key] += 1
            sent[key] += records_sent
            recipients[key].add(disclosure.recipient_type.value)
    return [
        TypeDisclosedRow(
            type=key,
            name=name(key),
            disclosures=count[key],
            records_disclosed=sent[key],
            recipient_types=sorted(recipients[key]),
        )
        for key in sorted(count)
    ]


def designations(records: ReportRecords) -> list[DesignationRow]:
    """Designations in force at some time in the period: the agency's, contractors', citywide."""
    classified = Counter(
        d.designation_id for d in records.disclosures if d.designation_id is not None
    )
    return [
        DesignationRow(
            id=d.id,
            scope=records.code(d.organization_id),
            designated_by=records.roles.get(d.approver_id, Role.APO).value,
            applies_to=d.applies_to.value,
            types=list(d.types),
            recipient_type=d.recipient_type.value if d.recipient_type else None,
            purpose=d.purpose,
            agreement_required=d.agreement_required,
            never_routine=d.never_routine,
            effective_from=d.effective_from,
            review_on=d.review_on,
            revoked_on=d.revoked_at.date() if d.revoked_at else None,
            disclosures_classified=classified[d.id],
        )
        for d in records.designations
    ]


def cpo_approvals(records: ReportRecords) -> list[CpoApprovalRow]:
    """Disclosures the CPO approved in a review, or that claim the CPO's pre-approval."""
    rows = []
    for d in records.disclosures:
        by_cpo = [
            r
            for r in records.reviews.get(d.id, [])
            if r.decision is Decision.APPROVE
            and r.reviewer_id is not None
            and records.roles.get(r.reviewer_id) is Role.CPO
        ]
        approved = bool(by_cpo) or d.status.value in ("approved", "disclosed")
        if d.basis.value == "cpo_preapproval" and approved:
            how = "preapproval"  # the basis says what the CPO's approval was, before the stage
        elif by_cpo:
            how = by_cpo[-1].stage.value
        else:
            continue
        rows.append(
            CpoApprovalRow(
                disclosure_id=d.id,
                organization=records.code(d.organization_id),
                how=how,
                types=list(d.types),
                recipient_type=d.recipient_type.value,
                decided_on=d.decided_at.date() if d.decided_at else None,
            )
        )
    return rows


def classification(records: ReportRecords) -> list[ClassificationRow]:
    """Counts by request/proposal, classification and status."""
    count: Counter[tuple[str, str, str]] = Counter()
    sizes: Counter[tuple[str, str, str]] = Counter()
    for d in records.disclosures:
        key = (d.kind.value, _value(d.classification), d.status.value)
        count[key] += 1
        sizes[key] += d.record_count
    return [
        ClassificationRow(
            kind=k,
            classification=c,
            status=s,
            disclosures=count[(k, c, s)],
            records=sizes[(k, c, s)],
        )
        for (k, c, s) in sorted(count)
    ]


def approving_units(records: ReportRecords) -> list[ApprovingUnitRow]:
    """Divisions and employee categories whose disclosures an APO (a person) approved."""
    approved: Counter[tuple[str, str, str]] = Counter()
    made: Counter[tuple[str, str, str]] = Counter()
    for d in records.disclosures:
        if not any(
            r.stage is ReviewStage.APO_APPROVAL
            and r.decision is Decision.APPROVE
            and r.reviewer_id is not None
            for r in records.reviews.get(d.id, [])
        ):
            continue
        key = (
            records.code(d.organization_id),
            records.divisions.get(d.division_id, "") if d.division_id else "",
            d.employee_category,
        )
        approved[key] += 1
        made[key] += d.status is DisclosureStatus.DISCLOSED
    return [
        ApprovingUnitRow(
            organization=o,
            division=v,
            employee_category=e,
            approved_by_apo=approved[(o, v, e)],
            disclosed=made[(o, v, e)],
        )
        for (o, v, e) in sorted(approved)
    ]


def agreements(records: ReportRecords) -> list[AgreementRow]:
    used = Counter(d.agreement_id for d in records.disclosures if d.agreement_id is not None)
    return [
        AgreementRow(
            id=a.id,
            organization=records.code(a.organization_id),
            title=a.title,
            recipient_name=a.recipient_name,
            recipient_type=a.recipient_type.value,
            types=list(a.types),
            status=a.status.value,
            version=a.version,
            effective_from=a.effective_from,
            review_on=a.review_on,
            expires_on=a.expires_on,
            binds_future_use=bool(a.future_use_clause.strip()),
            disclosures_under_it=used[a.id],
        )
        for a in records.agreements
    ]


def agreement_use(records: ReportRecords) -> list[AgreementUseRow]:
    """Per recipient type and classification: under an agreement, an exception, or neither."""
    count: Counter[tuple[str, str, str]] = Counter()
    for d in records.disclosures:
        if d.agreement_id is not None:
            coverage = "agreement"
        elif d.agreement_exception is not None:
            coverage = f"exception: {d.agreement_exception.value}"
        else:
            coverage = "none"
        count[(d.recipient_type.value, _value(d.classification), coverage)] += 1
    return [
        AgreementUseRow(recipient_type=r, classification=c, coverage=v, disclosures=n)
        for (r, c, v), n in sorted(count.items())
    ]


def requesters(records: ReportRecords) -> list[RequesterRow]:
    """Recipient types by request or proposal, with outcomes."""
    groups: dict[tuple[str, str], list[Disclosure]] = defaultdict(list)
    for d in records.disclosures:
        groups[(d.recipient_type.value, d.kind.value)].append(d)
    return [
        RequesterRow(
            recipient_type=r,
            kind=k,
            disclosures=len(ds),
            approved=sum(approved(d) for d in ds),
            denied=sum(d.status is DisclosureStatus.DENIED for d in ds),
            pending=sum(d.status in _PENDING for d in ds),
            disclosed=sum(d.status is DisclosureStatus.DISCLOSED for d in ds),
        )
        for (r, k), ds in sorted(groups.items())
    ]


def reasons(records: ReportRecords) -> list[ReasonRow]:
    count: Counter[tuple[str, str, str]] = Counter(
        (d.recipient_type.value, d.purpose, d.mission_justification) for d in records.disclosures
    )
    return [
        ReasonRow(recipient_type=r, purpose=p, mission_justification=m, disclosures=n)
        for (r, p, m), n in sorted(count.items())
    ]


def mission(records: ReportRecords) -> list[MissionRow]:
    """What the records say about purpose and mission: datasets, schedules, disclosures."""
    rows = [
        MissionRow(
            activity="collection",
            organization=records.code(d.organization_id),
            subject=d.name,
            purpose=d.purpose,
            mission_justification=d.mission_justification,
        )
        for d in records.datasets
    ]
    rows += [
        MissionRow(
            activity="retention",
            organization=records.code(s.organization_id),
            subject=f"{s.schedule_item} {s.title}",
            purpose=f"kept {s.period_months} months after {s.trigger_event}"
            if s.period_months is not None
            else "kept permanently",
            mission_justification=s.justification,
        )
        for s in records.schedules
    ]
    seen: set[tuple[str, str, str]] = set()
    for d in records.disclosures:
        key = (records.code(d.organization_id), d.recipient_type.value, d.mission_justification)
        if key not in seen:
            seen.add(key)
            rows.append(
                MissionRow(
                    activity="disclosure",
                    organization=key[0],
                    subject=f"to {key[1]}",
                    purpose=d.purpose,
                    mission_justification=d.mission_justification,
                )
            )
    return rows


def incidents(records: ReportRecords) -> list[IncidentRow]:
    return [
        IncidentRow(
            id=i.id,
            organization=records.code(i.organization_id),
            kind=i.kind.value,
            discovered_at=i.discovered_at,
            types=list(i.types),
            people_affected=i.people_affected,
            ny_residents_affected=i.ny_residents_affected,
            status=i.status.value,
            linked_incident_id=i.linked_incident_id,
        )
        for i in records.incidents
    ]


def _approver_role(records: ReportRecords, d: Disclosure) -> str | None:
    """Who took the final decision: a role, or the routine designation that approved it."""
    if d.decided_by is not None:
        return records.roles[d.decided_by].value
    return "routine_designation" if d.decided_at is not None else None


def register(records: ReportRecords) -> list[DisclosureRow]:
    """Every item recorded for each disclosure of the period."""
    return [
        DisclosureRow(
            id=d.id,
            organization=records.code(d.organization_id),
            division=records.divisions.get(d.division_id, "") if d.division_id else "",
            employee_category=d.employee_category,
            kind=d.kind.value,
            recipient_name=d.recipient_name,
            recipient_type=d.recipient_type.value,
            types=list(d.types),
            taxonomy_version=d.taxonomy_version,
            record_count=d.record_count,
            purpose=d.purpose,
            mission_justification=d.mission_justification,
            basis=d.basis.value,
            classification=_value(d.classification),
            status=d.status.value,
            submitted_at=d.submitted_at,
            approver_role=_approver_role(records, d),
            approver_id=d.decided_by,
            decided_at=d.decided_at,
            agreement_id=d.agreement_id,
            agreement_exception=_value(d.agreement_exception) or None,
            agreement_exception_reason=d.agreement_exception_reason,
            disclosed_at=d.disclosed_at,
            records_disclosed=d.records_disclosed,
            anonymized=d.anonymized,
            aggregated=d.aggregated,
            exigent_facts=d.exigent_facts,
            reported_to_apo_at=d.reported_to_apo_at,
            reported_to_cpo_at=d.reported_to_cpo_at,
        )
        for d in records.disclosures
    ]
