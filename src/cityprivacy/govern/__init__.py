"""The privacy office's records and workflows: inventory, designations, agreements,
disclosures and their accounting, exigent reports, citywide rules and the audit trail.

Workflow rules live here, not in the web routes or the CLI. Open an :class:`Office` with
:func:`open_office`, then do the work in a unit: ``with office.unit(actor) as o: ...``.
"""

from __future__ import annotations

from cityprivacy.govern.accounting import AccountingRecord
from cityprivacy.govern.actors import Actor
from cityprivacy.govern.audit import AuditReport
from cityprivacy.govern.disclosure_input import DisclosureMade, NewDisclosure, parse_input
from cityprivacy.govern.disclosures import DisclosureHistory
from cityprivacy.govern.exigent import ExigentStatus
from cityprivacy.govern.office import Office, OfficeUnit, open_office
from cityprivacy.govern.users import NewUser
from cityprivacy.store.enums import (
    AgreementException,
    AgreementStatus,
    AppliesTo,
    Basis,
    Classification,
    CollectionBasis,
    Decision,
    DisclosureKind,
    DisclosureStatus,
    DisposalStatus,
    IncidentKind,
    IncidentStatus,
    ModerationState,
    NotificationParty,
    NotificationStatus,
    OrgKind,
    RecipientType,
    ReviewStage,
    Role,
)

__all__ = [
    "AccountingRecord",
    "Actor",
    "AgreementException",
    "AgreementStatus",
    "AppliesTo",
    "AuditReport",
    "Basis",
    "Classification",
    "CollectionBasis",
    "Decision",
    "DisclosureHistory",
    "DisclosureKind",
    "DisclosureMade",
    "DisclosureStatus",
    "DisposalStatus",
    "ExigentStatus",
    "IncidentKind",
    "IncidentStatus",
    "ModerationState",
    "NewDisclosure",
    "NewUser",
    "NotificationParty",
    "NotificationStatus",
    "Office",
    "OfficeUnit",
    "OrgKind",
    "RecipientType",
    "ReviewStage",
    "Role",
    "open_office",
    "parse_input",
]
