"""The closed vocabularies of the office records, as ``StrEnum``s stored by value.

They are the law's and the issue's words (recipient types, bases of a disclosure, the
parties an incident must notify...), so the API, the CLI and the reports share one spelling.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AgreementException",
    "AgreementStatus",
    "AppliesTo",
    "Basis",
    "Classification",
    "CollectionBasis",
    "Decision",
    "DisclosureKind",
    "DisclosureStatus",
    "DisposalStatus",
    "IncidentKind",
    "IncidentStatus",
    "ModerationState",
    "NotificationParty",
    "NotificationStatus",
    "OrgKind",
    "RecipientType",
    "ReviewStage",
    "Role",
]


class OrgKind(StrEnum):
    """An agency, or a contractor/subcontractor under one (covered parties)."""

    AGENCY = "agency"
    CONTRACTOR = "contractor"
    SUBCONTRACTOR = "subcontractor"


class Role(StrEnum):
    """What a user may do: staff and APOs act within one organization, the others citywide."""

    STAFF = "staff"
    APO = "apo"
    CPO = "cpo"
    AUDITOR = "auditor"
    ADMIN = "admin"


class CollectionBasis(StrEnum):
    """Why a field may be collected."""

    ROUTINE = "routine"
    APO_APPROVAL = "apo_approval"
    CPO_APPROVAL = "cpo_approval"
    LAW = "law"
    CONSENT = "consent"


class AppliesTo(StrEnum):
    """A routine designation covers a kind of collection or a kind of disclosure."""

    COLLECTION = "collection"
    DISCLOSURE = "disclosure"


class RecipientType(StrEnum):
    """The recipient types the biennial report counts."""

    CITY_AGENCY = "city_agency"
    PUBLIC_AUTHORITY = "public_authority"  # or public benefit corporation
    OTHER_GOVERNMENT = "other_government"
    CONTRACTOR = "contractor"
    THIRD_PARTY = "third_party"


class DisclosureKind(StrEnum):
    """Someone asked us (request), or we offer (proposal)."""

    REQUEST = "request"
    PROPOSAL = "proposal"


class Basis(StrEnum):
    """The legal basis claimed for a disclosure."""

    ROUTINE = "routine"
    APO_APPROVAL = "apo_approval"
    CPO_PREAPPROVAL = "cpo_preapproval"
    WRITTEN_CONSENT = "written_consent"
    EXIGENT = "exigent"
    LAW_ENFORCEMENT = "law_enforcement"
    LEGAL_PROCESS = "legal_process"


class DisclosureStatus(StrEnum):
    """Where a disclosure stands (see :mod:`cityprivacy.govern.disclosures`)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    SECOND_REVIEW = "second_review"
    ESCALATED = "escalated"
    APPROVED = "approved"
    DENIED = "denied"
    DISCLOSED = "disclosed"


class Classification(StrEnum):
    """How the disclosure was classified at submission."""

    ROUTINE = "routine"
    NON_ROUTINE = "non_routine"
    EXIGENT = "exigent"


class ReviewStage(StrEnum):
    """Which step of the review a decision was taken at."""

    APO_APPROVAL = "apo_approval"
    SECOND_REVIEW = "second_review"
    CPO_DECISION = "cpo_decision"


class Decision(StrEnum):
    """What a reviewer decided."""

    APPROVE = "approve"
    DENY = "deny"
    ESCALATE = "escalate"


class AgreementStatus(StrEnum):
    """Life of a data sharing agreement."""

    DRAFT = "draft"
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class AgreementException(StrEnum):
    """Why a non-routine disclosure to a third party was made without an agreement."""

    EXIGENT = "exigent"
    NO_PRIVACY_INTEREST_COMPROMISED = "no_privacy_interest_compromised"


class IncidentKind(StrEnum):
    """A compliance event under the Identifying Information Law, or a breach."""

    UNAUTHORIZED_DISCLOSURE = "unauthorized_disclosure"
    SECURITY_BREACH = "security_breach"


class IncidentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class NotificationParty(StrEnum):
    """Who must be told about a breach (Admin Code §§ 10-501/10-502)."""

    CPO = "cpo"
    CYBER_COMMAND = "cyber_command"
    OTI = "oti"
    DATA_OWNER = "data_owner"
    INDIVIDUALS = "individuals"
    CONSUMER_REPORTING_AGENCIES = "consumer_reporting_agencies"


class NotificationStatus(StrEnum):
    PENDING = "pending"
    DELAYED = "delayed"  # law-enforcement delay
    DONE = "done"
    NOT_REQUIRED = "not_required"


class DisposalStatus(StrEnum):
    """A disposal request needs both the records office and the law department."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    DISPOSED = "disposed"


class ModerationState(StrEnum):
    """Public input: nothing is shown before a moderator accepts it."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ANSWERED = "answered"
