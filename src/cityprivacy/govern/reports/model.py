"""What the agency biennial report holds: one typed table per item the law lists.

Every section is a list of flat rows (strings, numbers, booleans, dates, lists of taxonomy
keys), so one model serves the JSON, the CSV and the Excel renderings and documents the
API's response. Sections follow DOMAIN.md's "Reports" and "What to record for each
disclosure"; :data:`SECTIONS` gives their order and titles.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

__all__ = [
    "SECTIONS",
    "AgreementRow",
    "AgreementUseRow",
    "ApprovingUnitRow",
    "BiennialReport",
    "ClassificationRow",
    "CpoApprovalRow",
    "DesignationRow",
    "DisclosureRow",
    "ExigentRow",
    "IncidentRow",
    "MissionRow",
    "OrganizationRow",
    "PolicyRow",
    "ReasonRow",
    "RequesterRow",
    "SummaryRow",
    "TypeCollectedRow",
    "TypeDisclosedRow",
    "TypeRetainedRow",
]


class Row(BaseModel):
    """A row of a report table: frozen, and exactly these fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class OrganizationRow(Row):
    """An organization the report covers: the agency, its contractors and subcontractors."""

    code: str
    name: str
    kind: str
    parent_code: str | None


class SummaryRow(Row):
    """One headline figure."""

    measure: str
    value: int


class TypeCollectedRow(Row):
    """A type of identifying information the inventory says is collected."""

    type: str
    name: str
    fields: int
    datasets: int
    systems: int
    collection_bases: list[str]
    organizations: list[str]


class TypeRetainedRow(Row):
    """A type kept under retention schedules, and for how long."""

    type: str
    name: str
    fields: int
    schedule_items: list[str]
    shortest_months: int | None
    longest_months: int | None
    permanent: bool
    disposal_methods: list[str]


class TypeDisclosedRow(Row):
    """A type disclosed in the period (disclosures made, by their date)."""

    type: str
    name: str
    disclosures: int
    records_disclosed: int
    recipient_types: list[str]


class DesignationRow(Row):
    """A routine (or never-routine) designation in force during the period."""

    id: int
    scope: str
    designated_by: str
    applies_to: str
    types: list[str]
    recipient_type: str | None
    purpose: str
    agreement_required: bool
    never_routine: bool
    effective_from: date
    review_on: date | None
    revoked_on: date | None
    disclosures_classified: int


class CpoApprovalRow(Row):
    """A disclosure the CPO approved (a final decision or pre-approval as its basis)."""

    disclosure_id: int
    organization: str
    how: str
    types: list[str]
    recipient_type: str
    decided_on: date | None


class PolicyRow(Row):
    """A rule the agency's requests, proposals and classification follow, and its source."""

    area: str
    statement: str
    source: str


class ClassificationRow(Row):
    """Requests and proposals of the period by how they were classified and where they stand."""

    kind: str
    classification: str
    status: str
    disclosures: int
    records: int


class ApprovingUnitRow(Row):
    """A division and employee category whose disclosures an APO approved."""

    organization: str
    division: str
    employee_category: str
    approved_by_apo: int
    disclosed: int


class AgreementRow(Row):
    """A data sharing agreement in force at some time in the period."""

    id: int
    organization: str
    title: str
    recipient_name: str
    recipient_type: str
    types: list[str]
    status: str
    version: int
    effective_from: date | None
    review_on: date | None
    expires_on: date | None
    binds_future_use: bool
    disclosures_under_it: int


class AgreementUseRow(Row):
    """How the period's disclosures were covered: an agreement, a recorded exception, or none."""

    recipient_type: str
    classification: str
    coverage: str
    disclosures: int


class RequesterRow(Row):
    """Who asked (requests) or was offered (proposals) data, and what came of it."""

    recipient_type: str
    kind: str
    disclosures: int
    approved: int
    denied: int
    pending: int
    disclosed: int


class ReasonRow(Row):
    """Why data was asked for or offered, and how it furthers the mission."""

    recipient_type: str
    purpose: str
    mission_justification: str
    disclosures: int


class MissionRow(Row):
    """How a collection, a retention or a disclosure furthers the agency's mission."""

    activity: str
    organization: str
    subject: str
    purpose: str
    mission_justification: str


class ExigentRow(Row):
    """An exigent disclosure and whether it was reported to the APO and CPO in time."""

    disclosure_id: int
    organization: str
    disclosed_at: datetime
    recipient_type: str
    types: list[str]
    facts: str
    reported_to_apo_at: datetime | None
    apo_report: str
    reported_to_cpo_at: datetime | None
    cpo_report: str


class IncidentRow(Row):
    """An unauthorized disclosure or security breach discovered in the period."""

    id: int
    organization: str
    kind: str
    discovered_at: datetime
    types: list[str]
    people_affected: int | None
    ny_residents_affected: int | None
    status: str
    linked_incident_id: int | None


class DisclosureRow(Row):
    """Every item recorded for one request, proposal or exigent disclosure of the period."""

    id: int
    organization: str
    division: str
    employee_category: str
    kind: str
    recipient_name: str
    recipient_type: str
    types: list[str]
    taxonomy_version: str
    record_count: int
    purpose: str
    mission_justification: str
    basis: str
    classification: str
    status: str
    submitted_at: datetime | None
    approver_role: str | None
    approver_id: int | None
    decided_at: datetime | None
    agreement_id: int | None
    agreement_exception: str | None
    agreement_exception_reason: str
    disclosed_at: datetime | None
    records_disclosed: int | None
    anonymized: bool
    aggregated: bool
    exigent_facts: str
    reported_to_apo_at: datetime | None
    reported_to_cpo_at: datetime | None


class BiennialReport(BaseModel):
    """The agency biennial report for one agency and its contractors over one period."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    agency_code: str
    agency_name: str
    period_start: date
    period_end: date
    interim: bool
    generated_at: datetime
    taxonomy_version: str
    organizations: list[OrganizationRow]
    summary: list[SummaryRow]
    types_collected: list[TypeCollectedRow]
    types_retained: list[TypeRetainedRow]
    types_disclosed: list[TypeDisclosedRow]
    routine_designations: list[DesignationRow]
    cpo_approvals: list[CpoApprovalRow]
    policies: list[PolicyRow]
    classification: list[ClassificationRow]
    approving_units: list[ApprovingUnitRow]
    agreements: list[AgreementRow]
    agreement_use: list[AgreementUseRow]
    requesters: list[RequesterRow]
    reasons: list[ReasonRow]
    mission: list[MissionRow]
    exigent_disclosures: list[ExigentRow]
    incidents: list[IncidentRow]
    disclosures: list[DisclosureRow]


SECTIONS: dict[str, str] = {
    "organizations": "Organizations covered (the agency and its contractors)",
    "summary": "Summary",
    "types_collected": "Types of identifying information collected",
    "types_retained": "Types of identifying information retained",
    "types_disclosed": "Types of identifying information disclosed",
    "routine_designations": "Routine designations",
    "cpo_approvals": "Approvals by the Chief Privacy Officer",
    "policies": "Policies for requests, proposals and classifying disclosures",
    "classification": "Requests and proposals by classification",
    "approving_units": "Divisions and employee categories disclosing after APO approval",
    "agreements": "Data sharing agreements",
    "agreement_use": "Use of agreements",
    "requesters": "Types of requesters and recipients",
    "reasons": "Reasons for disclosure",
    "mission": "How collection, retention and disclosure further the mission",
    "exigent_disclosures": "Exigent disclosures",
    "incidents": "Unauthorized disclosures and security breaches",
    "disclosures": "Register of requests, proposals and disclosures",
}
"""Section name → title, in the order the report presents them."""
