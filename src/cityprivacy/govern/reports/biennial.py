"""Building the agency biennial report (Admin Code § 23-1205) from the office's records.

::

    with office.unit(actor) as o:
        report = build_biennial_report(o, "DSS", date(2026, 7, 31))
    render_xlsx(report)                        # or render_json / render_csv

The report covers the agency and its contractors for the two years ending July 31 of an
even year. The agency's APOs, the CPO, auditors and administrators (who read every record,
like the CLI's local administrator) may build it; another agency's report answers "not
found", like any record outside the caller's scope. A report built before
the period ends is marked ``interim``.
"""

from __future__ import annotations

from datetime import date

from cityprivacy.errors import InputError
from cityprivacy.govern.office import OfficeUnit
from cityprivacy.govern.reports import sections
from cityprivacy.govern.reports.collect import ReportRecords, collect
from cityprivacy.govern.reports.model import BiennialReport, ExigentRow, SummaryRow
from cityprivacy.govern.reports.period import ReportingPeriod
from cityprivacy.govern.reports.policies import policies
from cityprivacy.govern.roles import require_role
from cityprivacy.store.enums import Classification, DisclosureKind, DisclosureStatus, OrgKind, Role
from cityprivacy.store.models import Disclosure

__all__ = ["REPORT_READERS", "build_biennial_report"]

REPORT_READERS = frozenset({Role.APO, Role.CPO, Role.AUDITOR, Role.ADMIN})
"""Roles that may build a biennial report (APOs for their own agency only)."""


def build_biennial_report(unit: OfficeUnit, agency_code: str, period_end: date) -> BiennialReport:
    """The biennial report of ``agency_code`` for the period ending ``period_end``."""
    ctx = unit.context
    require_role(ctx.actor, REPORT_READERS, "build the biennial report")
    period = ReportingPeriod.ending(period_end)
    agency = unit.agencies.get(agency_code)
    if agency.kind is not OrgKind.AGENCY:
        raise InputError(
            f"agency_code: {agency.code} is a {agency.kind.value}; a biennial report covers "
            "an agency and its contractors, so ask for the agency's"
        )
    records = collect(ctx.session, agency, period)
    taxonomy = ctx.tools.taxonomy

    def name(key: str) -> str:
        return taxonomy.types[key].name if key in taxonomy.types else key

    made = sections.disclosed(records, period)
    exigent = [d for d in records.disclosures if d.classification is Classification.EXIGENT]
    return BiennialReport(
        agency_code=agency.code,
        agency_name=agency.name,
        period_start=period.start,
        period_end=period.end,
        interim=not period.ended_by(ctx.now()),
        generated_at=ctx.now(),
        taxonomy_version=ctx.taxonomy_version,
        organizations=sections.organizations(records),
        summary=_summary(records, made),
        types_collected=sections.types_collected(records, name),
        types_retained=sections.types_retained(records, name),
        types_disclosed=sections.types_disclosed(made, name),
        routine_designations=sections.designations(records),
        cpo_approvals=sections.cpo_approvals(records),
        policies=policies(records, ctx.tools.settings),
        classification=sections.classification(records),
        approving_units=sections.approving_units(records),
        agreements=sections.agreements(records),
        agreement_use=sections.agreement_use(records),
        requesters=sections.requesters(records),
        reasons=sections.reasons(records),
        mission=sections.mission(records),
        exigent_disclosures=[_exigent_row(unit, records, d) for d in exigent],
        incidents=sections.incidents(records),
        disclosures=sections.register(records),
    )


def _exigent_row(unit: OfficeUnit, records: ReportRecords, d: Disclosure) -> ExigentRow:
    status = unit.exigent.status_of(d)
    return ExigentRow(
        disclosure_id=d.id,
        organization=records.code(d.organization_id),
        disclosed_at=status.disclosed_at,
        recipient_type=d.recipient_type.value,
        types=list(d.types),
        facts=d.exigent_facts,
        reported_to_apo_at=d.reported_to_apo_at,
        apo_report=status.apo_state,
        reported_to_cpo_at=d.reported_to_cpo_at,
        cpo_report=status.cpo_state,
    )


def _summary(records: ReportRecords, made: list[Disclosure]) -> list[SummaryRow]:
    ds = records.disclosures

    figures = {
        "organizations": len(records.organizations),
        "systems": len(records.systems),
        "datasets": len(records.datasets),
        "fields": len(records.fields),
        "types_collected": len({k for f in records.fields for k in f.types}),
        "requests": sum(d.kind is DisclosureKind.REQUEST for d in ds),
        "proposals": sum(d.kind is DisclosureKind.PROPOSAL for d in ds),
        "routine": sum(d.classification is Classification.ROUTINE for d in ds),
        "non_routine": sum(d.classification is Classification.NON_ROUTINE for d in ds),
        "exigent": sum(d.classification is Classification.EXIGENT for d in ds),
        "approved": sum(sections.approved(d) for d in ds),
        "denied": sum(d.status is DisclosureStatus.DENIED for d in ds),
        "pending": sum(
            d.status
            in (
                DisclosureStatus.SUBMITTED,
                DisclosureStatus.SECOND_REVIEW,
                DisclosureStatus.ESCALATED,
            )
            for d in ds
        ),
        "disclosures_made": len(made),
        "records_disclosed": sum(
            d.records_disclosed if d.records_disclosed is not None else d.record_count for d in made
        ),
        "anonymized": sum(d.anonymized for d in made),
        "aggregated": sum(d.aggregated for d in made),
        "types_disclosed": len({k for d in made for k in d.types}),
        "routine_designations": sum(not d.never_routine for d in records.designations),
        "never_routine_designations": sum(d.never_routine for d in records.designations),
        "agreements": len(records.agreements),
        "incidents": len(records.incidents),
    }
    return [SummaryRow(measure=k, value=v) for k, v in figures.items()]
