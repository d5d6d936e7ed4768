"""A fictional city for trying the office: agencies with contractors, inventory, designations,
agreements, disclosures in every state, an exigent disclosure reported late, an incident,
retention with a legal hold, and public input.

Everything goes through the same service functions as real work (so the audit trail is
complete and valid). Names are invented; people in the accounting are made-up identifiers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from cityprivacy.errors import KeyMaterialError, WorkflowError
from cityprivacy.govern.actors import Actor
from cityprivacy.govern.disclosure_input import DisclosureMade, NewDisclosure
from cityprivacy.govern.office import Office, OfficeUnit
from cityprivacy.store.enums import (
    AgreementException,
    AgreementStatus,
    CollectionBasis,
    IncidentKind,
    NotificationParty,
    RecipientType,
)
from cityprivacy.store.models import Organization

__all__ = ["DemoCity", "build_demo_city"]

AGENCIES = [
    ("DSS", "Department of Social Services", None),
    ("HARBOR", "Harbor Family Services", "DSS"),
    ("BRIDGE", "Bridge Case Aides", "HARBOR"),
    ("DOHMH", "Department of Health and Mental Hygiene", None),
    ("CLINIQ", "Cliniq Outreach Partners", "DOHMH"),
    ("HPD", "Department of Housing Preservation and Development", None),
    ("DOE", "Department of Education", None),
]
PEOPLE = [
    ("cpo@moip.demo", "cpo", None),
    ("auditor@comptroller.demo", "auditor", None),
    ("admin@oti.demo", "admin", None),
    ("apo@dss.demo", "apo", "DSS"),
    ("apo2@dss.demo", "apo", "DSS"),
    ("caseworker@dss.demo", "staff", "DSS"),
    ("apo@harbor.demo", "apo", "HARBOR"),
    ("apo@dohmh.demo", "apo", "DOHMH"),
    ("apo2@dohmh.demo", "apo", "DOHMH"),
    ("epi@dohmh.demo", "staff", "DOHMH"),
    ("apo@hpd.demo", "apo", "HPD"),
    ("apo@doe.demo", "apo", "DOE"),
]


@dataclass
class DemoCity:
    """What was made: counts per kind, the users' tokens by e-mail, and notes."""

    counts: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n


def _request(agency: str, **overrides: Any) -> NewDisclosure:
    data: dict[str, Any] = {
        "agency_code": agency,
        "kind": "request",
        "recipient_name": "Department of Homeless Services",
        "recipient_type": "city_agency",
        "categories": ["name", "address", "contact_information"],
        "record_count": 240,
        "purpose": "Coordinate shelter placement for families leaving benefits programs",
        "mission_justification": "Keeps families housed while benefits are restored",
        "basis": "apo_approval",
        "division": "Family Services",
        "employee_category": "caseworker",
    }
    data.update(overrides)
    return NewDisclosure.model_validate(data)


def build_demo_city(office: Office) -> DemoCity:
    """Fill an empty, migrated database with the demo city."""
    city = DemoCity()
    actors = _organizations_and_people(office, city)
    with office.unit(actors["apo@dss.demo"]) as o:
        _inventory(o, city)
    _designations_and_agreements(office, actors, city)
    _disclosures(office, actors, city)
    _incident_retention_and_input(office, actors, city)
    return city


def _organizations_and_people(office: Office, city: DemoCity) -> dict[str, Actor]:
    with office.unit(Actor.system()) as o:
        if o.context.session.scalar(select(Organization.id).limit(1)) is not None:
            raise WorkflowError("the database already holds organizations; use an empty one")
        for code, name, parent in AGENCIES:
            o.agencies.create(code, name, parent_code=parent)
        city.add("organizations", len(AGENCIES))
        for email, role, agency in PEOPLE:
            city.tokens[email] = o.users.create(email, role, agency).token
        city.add("users", len(PEOPLE))
    return {email: office.authenticate(token) for email, token in city.tokens.items()}


def _inventory(o: OfficeUnit, city: DemoCity) -> None:
    schedule = o.retention.create_schedule(
        organization_code="DSS",
        schedule_item="DSS-CASE-07",
        title="Public assistance case files",
        period_months=84,
        trigger_event="case closed",
        disposal_method="secure shredding and database purge",
        justification="Fair hearings and audits may reach back seven years",
    )
    system = o.inventory.create_system("DSS", "Benefits case management", "Eligibility and cases")
    dataset = o.inventory.create_dataset(
        system.id,
        "Active cases",
        purpose="Determine eligibility and pay benefits",
        mission_justification="Benefits are the agency's mission",
        retention_schedule_id=schedule.id,
    )
    for name, types, basis in (
        ("applicant_name", ["name"], CollectionBasis.LAW),
        ("ssn", ["ssn"], CollectionBasis.LAW),
        ("home_address", ["address"], CollectionBasis.ROUTINE),
        ("phone", ["contact_information"], CollectionBasis.ROUTINE),
        ("immigration_status", ["immigration_status"], CollectionBasis.LAW),
        ("benefits", ["public_assistance"], CollectionBasis.ROUTINE),
    ):
        o.inventory.create_field(
            dataset.id,
            name,
            categories=types,
            collection_basis=basis,
            purpose="Eligibility",
            retention_schedule_id=schedule.id,
        )
    hosted = o.inventory.create_system(
        "HARBOR", "Harbor intake portal", "Run by the contractor for DSS", owner_code="DSS"
    )
    o.inventory.create_dataset(hosted.id, "Intake forms", purpose="Referrals to DSS")
    city.add("retention schedules")
    city.add("systems", 2)
    city.add("datasets", 2)
    city.add("fields", 6)


def _designations_and_agreements(office: Office, actors: dict[str, Actor], city: DemoCity) -> None:
    today = office.tools.clock().date()
    with office.unit(actors["cpo@moip.demo"]) as o:
        o.designations.create(
            categories=["name", "contact_information"],
            purpose="Referrals between city agencies to deliver a requested service",
            effective_from=today - timedelta(days=400),
            review_on=today + timedelta(days=300),
            recipient_type=RecipientType.CITY_AGENCY,
        )
        o.designations.create(
            categories=["immigration_status"],
            purpose="Immigration status is never disclosed routinely",
            effective_from=today - timedelta(days=400),
            never_routine=True,
        )
    with office.unit(actors["apo@dss.demo"]) as o:
        o.designations.create(
            organization_code="DSS",
            categories=["name", "address", "contact_information", "public_assistance"],
            purpose="Shelter placement with the Department of Homeless Services",
            effective_from=today - timedelta(days=200),
            recipient_type=RecipientType.CITY_AGENCY,
        )
        agreement = o.agreements.create(
            organization_code="DSS",
            title="Harbor Family Services case management",
            recipient_name="Harbor Family Services",
            recipient_type=RecipientType.CONTRACTOR,
            categories=["name", "address", "contact_information", "public_assistance"],
            purposes="Case management under the human services contract",
            permitted_uses="Case management of referred families only",
            future_use_clause="Any anticipated or future use is bound by Admin Code 23-12",
            onward_disclosure_limits="No onward disclosure without DSS's written approval",
            retention_terms="Returned or destroyed at contract end",
            destruction_terms="Certified destruction within 30 days",
            security_terms="Encryption at rest and in transit; access logged",
            effective_from=today - timedelta(days=100),
            review_on=today + timedelta(days=265),
        )
        o.agreements.set_status(agreement.id, AgreementStatus.ACTIVE)
    with office.unit(actors["apo@dohmh.demo"]) as o:
        o.designations.create(
            organization_code="DOHMH",
            categories=["name", "date_of_birth", "address"],
            purpose="Disease registry matching with research partners",
            effective_from=today - timedelta(days=90),
            recipient_type=RecipientType.THIRD_PARTY,
            agreement_required=True,
        )
        research = o.agreements.create(
            organization_code="DOHMH",
            title="Asthma study with Gotham University",
            recipient_name="Gotham University School of Public Health",
            recipient_type=RecipientType.THIRD_PARTY,
            categories=["name", "date_of_birth", "address"],
            purposes="Study of asthma and housing conditions",
            permitted_uses="Research under the approved protocol",
            future_use_clause="No use beyond the protocol; any future use needs a new agreement",
            effective_from=today - timedelta(days=30),
            expires_on=today + timedelta(days=700),
        )
        o.agreements.set_status(research.id, AgreementStatus.ACTIVE)
    with office.unit(actors["apo@hpd.demo"]) as o:  # agreement 3: `cityprivacy share extract`
        exchange = o.agreements.create(
            organization_code="HPD",
            title="Tenant outreach list for the Department of Homeless Services",
            recipient_name="Department of Homeless Services",
            recipient_type=RecipientType.CITY_AGENCY,
            categories=["name", "contact_information"],
            purposes="Reach tenants at risk of eviction before they enter shelter",
            permitted_uses="Outreach by DHS staff only; matched against DHS records by encoding",
            future_use_clause="Any anticipated or future use is bound by Admin Code 23-12",
            effective_from=today - timedelta(days=10),
            extract_terms={
                "treatments": {"name": "encode", "contact_information": "pseudonym"},
                "link_schema": "city",
                "subject_type": "case_number",
            },
        )
        o.agreements.set_status(exchange.id, AgreementStatus.ACTIVE)
    city.add("designations", 4)
    city.add("agreements", 3)


def _disclosures(office: Office, actors: dict[str, Actor], city: DemoCity) -> None:
    now = office.tools.clock()
    staff, apo, apo2 = (
        actors["caseworker@dss.demo"],
        actors["apo@dss.demo"],
        actors["apo2@dss.demo"],
    )

    def opened(actor: Actor, new: NewDisclosure, submit: bool = True) -> int:
        with office.unit(actor) as o:
            disclosure_id = o.disclosures.create(new).id
            if submit:
                o.disclosures.submit(disclosure_id)
        city.add("disclosures")
        return disclosure_id

    def step(actor: Actor, action: str, disclosure_id: int, *args: Any) -> None:
        with office.unit(actor) as o:
            getattr(o.disclosures, action)(disclosure_id, *args)

    opened(staff, _request("DSS", purpose="Draft: share results of a home visit"), submit=False)
    routine = opened(staff, _request("DSS", categories=["name", "address"], basis="routine"))
    opened(
        staff,
        _request(
            "DSS",
            recipient_name="State Department of Labor",
            recipient_type="other_government",
            categories=["name", "employment_status"],
            purpose="Verify wages reported by applicants",
        ),
    )
    second = opened(
        staff,
        _request(
            "DSS",
            recipient_name="Tenant Legal Aid Society",
            recipient_type="third_party",
            categories=["name", "address"],
            purpose="Eviction defense referrals",
            agreement_exception=AgreementException.NO_PRIVACY_INTEREST_COMPROMISED,
            agreement_exception_reason="Clients asked for the referral in writing",
        ),
    )
    step(apo, "approve", second, "Referral requested by clients")
    escalated = opened(
        staff,
        _request(
            "DSS",
            recipient_name="Federal housing agency",
            recipient_type="other_government",
            categories=["name", "immigration_status"],
            purpose="Mixed-status household eligibility review",
            basis="legal_process",
        ),
    )
    step(apo, "escalate", escalated, "Immigration status: the CPO decides")
    denied = opened(
        staff,
        _request(
            "DSS",
            recipient_name="Marketing Insights LLC",
            recipient_type="third_party",
            categories=["name", "contact_information"],
            purpose="Survey of benefit recipients",
        ),
    )
    step(apo, "deny", denied, "No mission purpose")
    for disclosure_id in (routine,):
        made = DisclosureMade(
            disclosed_at=now - timedelta(hours=2),
            records_disclosed=236,
            method="secure file transfer",
            subjects=[f"DEMO-CASE-{n:05d}" for n in range(1, 6)],
        )
        try:
            with office.unit(staff) as o:
                o.disclosures.disclose(disclosure_id, made)
        except KeyMaterialError:
            made = made.model_copy(update={"subjects": []})
            with office.unit(staff) as o:
                o.disclosures.disclose(disclosure_id, made)
            city.notes.append(
                "no office key (CITYPRIVACY_KEY_FILE / CITYPRIVACY_KEY): the demo disclosure "
                "was recorded without its accounting entries"
            )
    approved = opened(
        staff,
        _request(
            "DSS",
            recipient_name="Department of Probation",
            recipient_type="city_agency",
            categories=["name", "criminal_history"],
            purpose="Coordinate services for clients under supervision",
        ),
    )
    step(apo, "approve", approved, "Within the service agreement")
    step(apo2, "approve", approved, "Second review: agreed")
    dohmh_apo = actors["apo@dohmh.demo"]
    with office.unit(dohmh_apo) as o:
        study = next(a.id for a in o.agreements.list() if a.title.startswith("Asthma"))
    opened(
        actors["epi@dohmh.demo"],
        _request(
            "DOHMH",
            recipient_name="Gotham University School of Public Health",
            recipient_type="third_party",
            categories=["name", "date_of_birth", "address"],
            purpose="Asthma and housing study",
            basis="routine",
            division="Environmental Health",
            employee_category="epidemiologist",
            agreement_id=study,
        ),
    )
    with office.unit(staff) as o:
        exigent = o.disclosures.record_exigent(
            _request(
                "DSS",
                recipient_name="Fire Department",
                recipient_type="city_agency",
                categories=["name", "address"],
                basis="exigent",
                record_count=1,
                purpose="Locate residents during a building fire",
            ),
            DisclosureMade(
                disclosed_at=now - timedelta(days=5), records_disclosed=1, method="phone"
            ),
            facts="Fire reported with residents unaccounted for",
        )
        o.exigent.reported_to_apo(exigent.id, now - timedelta(days=3))
    city.add("disclosures")
    city.notes.append(f"exigent disclosure {exigent.id} was reported to the APO late")


def _incident_retention_and_input(office: Office, actors: dict[str, Actor], city: DemoCity) -> None:
    now = office.tools.clock()
    with office.unit(actors["apo@harbor.demo"]) as o:
        portal = [s.id for s in o.inventory.systems() if s.name == "Harbor intake portal"]
        breach = o.incidents.create(
            organization_code="HARBOR",
            kind=IncidentKind.SECURITY_BREACH,
            discovered_at=now - timedelta(days=2),
            categories=["name", "ssn", "address"],
            summary="Misconfigured storage bucket exposed intake forms",
            system_ids=portal,
            people_affected=6100,
            ny_residents_affected=5400,
            data_owned=False,
        )
    with office.unit(actors["apo@dss.demo"]) as o:
        owner = o.incidents.create(
            organization_code="DSS",
            kind=IncidentKind.SECURITY_BREACH,
            discovered_at=now - timedelta(days=1),
            categories=["name", "ssn", "address"],
            summary="Breach of DSS data at its contractor",
            system_ids=portal,
            people_affected=6100,
            ny_residents_affected=5400,
            linked_incident_id=breach.id,
        )
        o.incidents.record_notification(
            owner.id, NotificationParty.CPO, notified_at=now - timedelta(hours=20)
        )
        schedule = o.retention.schedules()[0]
        request = o.retention.request_disposal(schedule.id, description="Cases closed in 2018")
        o.retention.approve_disposal(request.id, "records_office", "DORIS-RDA-2026-031")
        o.retention.place_hold(
            organization_code="DSS",
            matter_ref="Index 4512/2025",
            schedule_id=schedule.id,
            reason="Class action on benefit denials",
        )
    city.add("incidents", 2)
    with office.unit(Actor.system()) as o:
        first = o.public_input.submit(
            "data_sharing", "Do shelters get my benefits history?", "resident@example.org"
        )
        o.public_input.submit("other", "Please publish the privacy policies in Spanish.")
    with office.unit(actors["cpo@moip.demo"]) as o:
        o.public_input.moderate(first.id, accept=True)
        o.public_input.answer(
            first.id, "Only what the placement needs, under a routine designation."
        )
    city.add("public input", 2)
