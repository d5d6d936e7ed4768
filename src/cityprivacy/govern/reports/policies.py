"""The policies a report states for requests, proposals and classifying disclosures.

The office keeps no free-text policy documents; what governs requests, proposals and
classification here is the workflow itself, the designations, the citywide rules in force
and the reporting windows in the settings. Each statement names its source, so a reader
can tell the fixed workflow from the agency's choices. An agency with written policies of
its own attaches them to the report.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.govern.reports.collect import ReportRecords
from cityprivacy.govern.reports.model import PolicyRow

__all__ = ["policies"]

_WORKFLOW = "cityprivacy disclosure workflow"

_FIXED = (
    (
        "requests",
        "A request (someone asks the agency for identifying information) is recorded with the "
        "agency and division, the employee category, the recipient and its type, the types of "
        "information, the number of records, the purpose, how it furthers the mission and the "
        "basis, then submitted for classification.",
    ),
    (
        "proposals",
        "A proposal (the agency offers identifying information) follows the same path as a "
        "request and is recorded with the same items.",
    ),
    (
        "classification",
        "At submission the citywide rules are checked first; a disclosure that matches a "
        "routine designation in force covering all its types is classified routine and "
        "approved, unless the designation still requires an agreement and none covers it.",
    ),
    (
        "classification",
        "A disclosure that matches no routine designation, or any never-routine designation, "
        "is non-routine: an APO approves it and a different APO or the CPO reviews it again; "
        "an APO may escalate it to the CPO, whose decision is final.",
    ),
    (
        "agreements",
        "A non-routine disclosure to a third party is approved only under an active agreement "
        "that covers its types and binds anticipated and future use, or with a recorded "
        "exception (exigent circumstances, or no important privacy interest compromised) and "
        "its reason.",
    ),
)


def policies(records: ReportRecords, settings: Settings) -> list[PolicyRow]:
    """The fixed workflow, the agency's never-routine designations, rules and windows."""
    rows = [PolicyRow(area=area, statement=text, source=_WORKFLOW) for area, text in _FIXED]
    for designation in records.designations:
        if designation.never_routine:
            owner = records.code(designation.organization_id)
            rows.append(
                PolicyRow(
                    area="classification",
                    statement="Never routine: disclosures naming "
                    f"{', '.join(designation.types)} ({designation.purpose})",
                    source=f"designation {designation.id} ({owner})",
                )
            )
    for rule in records.rules:
        if rule.active:
            bases = ", ".join(rule.allowed_bases)
            rows.append(
                PolicyRow(
                    area="citywide_rule",
                    statement=f"{rule.description} (allowed bases: {bases})",
                    source=f"citywide rule {rule.code}",
                )
            )
    rows.append(
        PolicyRow(
            area="exigent",
            statement="An exigent disclosure is recorded after the fact and reported to the APO "
            f"within {settings.exigent_report_to_apo_hours} hours, and by the APO to the CPO "
            f"within {settings.exigent_report_to_cpo_hours} hours, of the disclosure.",
            source="settings exigent_report_to_apo_hours, exigent_report_to_cpo_hours",
        )
    )
    rows.append(
        PolicyRow(
            area="accounting",
            statement="The people each disclosure concerned are kept, as keyed hashes, for "
            f"{settings.accounting_retention_years} years, so that a person can learn who "
            "received data about them.",
            source="settings accounting_retention_years",
        )
    )
    return rows
