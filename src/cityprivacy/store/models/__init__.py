"""Every table of the office database; importing this module registers them all."""

from __future__ import annotations

from cityprivacy.store.models.accounting import AccountingEntry
from cityprivacy.store.models.agreements import Agreement, AgreementVersion
from cityprivacy.store.models.audit import GENESIS_HASH, AuditEvent, AuditHead
from cityprivacy.store.models.designations import RoutineDesignation
from cityprivacy.store.models.disclosures import (
    Disclosure,
    DisclosureAttachment,
    DisclosureReview,
)
from cityprivacy.store.models.incidents import Incident, IncidentNotification, IncidentSystem
from cityprivacy.store.models.inventory import DataField, Dataset, System
from cityprivacy.store.models.organizations import ApiToken, Division, Organization, User
from cityprivacy.store.models.public_input import PublicInput
from cityprivacy.store.models.retention import DisposalRequest, LegalHold, RetentionSchedule
from cityprivacy.store.models.rules import CitywideRule

__all__ = [
    "GENESIS_HASH",
    "AccountingEntry",
    "Agreement",
    "AgreementVersion",
    "ApiToken",
    "AuditEvent",
    "AuditHead",
    "CitywideRule",
    "DataField",
    "Dataset",
    "Disclosure",
    "DisclosureAttachment",
    "DisclosureReview",
    "DisposalRequest",
    "Division",
    "Incident",
    "IncidentNotification",
    "IncidentSystem",
    "LegalHold",
    "Organization",
    "PublicInput",
    "RetentionSchedule",
    "RoutineDesignation",
    "System",
    "User",
]
