"""Every path of the disclosure state machine, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template

from cityprivacy.errors import (
    InputError,
    PermissionDeniedError,
    RuleViolationError,
    WorkflowError,
)
from cityprivacy.govern import (
    Actor,
    AgreementException,
    AgreementStatus,
    Basis,
    Classification,
    DisclosureMade,
    DisclosureStatus,
    NewDisclosure,
    Office,
    RecipientType,
)

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

TODAY = date.today()


def new(**overrides: Any) -> NewDisclosure:
    data: dict[str, Any] = {
        "agency_code": "DSS",
        "kind": "request",
        "recipient_name": "Department of Health",
        "recipient_type": "city_agency",
        "categories": ["name", "address"],
        "record_count": 120,
        "purpose": "Outreach for vaccination appointments",
        "mission_justification": "Connects clients with health services",
        "basis": "apo_approval",
        "division": "Benefits",
        "employee_category": "caseworker",
    }
    data.update(overrides)
    return NewDisclosure.model_validate(data)


def open_and_submit(office: Office, actor: Actor, **overrides: Any) -> int:
    with office.unit(actor) as o:
        disclosure = o.disclosures.create(new(**overrides))
    with office.unit(actor) as o:
        o.disclosures.submit(disclosure.id)
    return disclosure.id


def act(office: Office, actor: Actor, action: str, disclosure_id: int, *args: Any) -> Any:
    with office.unit(actor) as o:
        return getattr(o.disclosures, action)(disclosure_id, *args)


def designate(office: Office, actor: Actor, agency: str | None = "DSS", **kw: Any) -> int:
    params: dict[str, Any] = {
        "categories": ["name", "address", "contact_information"],
        "purpose": "Referrals between city agencies",
        "effective_from": TODAY - timedelta(days=30),
        "organization_code": agency,
        "recipient_type": RecipientType.CITY_AGENCY,
    }
    params.update(kw)
    with office.unit(actor) as o:
        return o.designations.create(**params).id


def agreement(office: Office, actor: Actor, **kw: Any) -> int:
    params: dict[str, Any] = {
        "organization_code": "DSS",
        "title": "Research data use",
        "recipient_name": "University Lab",
        "recipient_type": RecipientType.THIRD_PARTY,
        "categories": ["name", "address"],
        "purposes": "Evaluation of the outreach program",
        "permitted_uses": "Statistics only",
        "future_use_clause": "Any anticipated or future use is bound by the law",
        "effective_from": TODAY - timedelta(days=1),
    }
    params.update(kw)
    with office.unit(actor) as o:
        created = o.agreements.create(**params)
    with office.unit(actor) as o:
        o.agreements.set_status(created.id, AgreementStatus.ACTIVE)
    return created.id


def status_of(office: Office, actor: Actor, disclosure_id: int) -> DisclosureStatus:
    with office.unit(actor) as o:
        return o.disclosures.get(disclosure_id).status


# --- routine ---------------------------------------------------------------------------


def test_a_routine_match_is_approved_automatically(office: Office, city: City) -> None:
    designation = designate(office, city.apo)
    disclosure_id = open_and_submit(office, city.staff, basis="routine")
    with office.unit(city.staff) as o:
        d = o.disclosures.get(disclosure_id)
        assert (d.status, d.classification) == (DisclosureStatus.APPROVED, Classification.ROUTINE)
        assert d.designation_id == designation
        assert d.decided_at is not None
        history = o.disclosures.history(disclosure_id)
    assert [e.action for e in history.events] == [
        "disclosure.create",
        "disclosure.submit",
        "disclosure.auto_approve",
    ]


def test_a_citywide_designation_applies_to_a_contractor(office: Office, city: City) -> None:
    designate(office, city.cpo, agency=None)
    disclosure_id = open_and_submit(office, city.acme_apo, agency_code="ACME")
    assert status_of(office, city.acme_apo, disclosure_id) is DisclosureStatus.APPROVED


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"categories": ["name", "ssn"]}, id="a-type-not-designated"),
        pytest.param({"recipient_type": "third_party"}, id="another-recipient-type"),
        pytest.param({"agency_code": "HRA"}, id="another-agency"),
    ],
)
def test_no_match_is_not_routine(office: Office, city: City, overrides: dict[str, Any]) -> None:
    designate(office, city.apo)
    actor = city.hra_staff if overrides.get("agency_code") == "HRA" else city.staff
    disclosure_id = open_and_submit(office, actor, **overrides)
    with office.unit(actor) as o:
        d = o.disclosures.get(disclosure_id)
    assert (d.status, d.classification) == (DisclosureStatus.SUBMITTED, Classification.NON_ROUTINE)


@pytest.mark.parametrize(
    "designation",
    [
        pytest.param({"effective_from": TODAY + timedelta(days=1)}, id="not-yet-effective"),
        pytest.param(
            {"effective_from": TODAY - timedelta(days=400), "review_on": TODAY - timedelta(days=1)},
            id="past-review-date",
        ),
    ],
)
def test_a_designation_out_of_force_does_not_match(
    office: Office, city: City, designation: dict[str, Any]
) -> None:
    designate(office, city.apo, **designation)
    disclosure_id = open_and_submit(office, city.staff)
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.SUBMITTED


def test_a_revoked_designation_does_not_match(office: Office, city: City) -> None:
    designation = designate(office, city.apo)
    with office.unit(city.apo) as o:
        o.designations.revoke(designation)
    disclosure_id = open_and_submit(office, city.staff)
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.SUBMITTED


def test_never_routine_is_never_auto_approved(office: Office, city: City) -> None:
    designate(office, city.apo)
    designate(office, city.cpo, agency=None, categories=["address"], never_routine=True)
    disclosure_id = open_and_submit(office, city.staff)
    with office.unit(city.staff) as o:
        d = o.disclosures.get(disclosure_id)
    assert d.status is DisclosureStatus.SUBMITTED
    assert d.classification is Classification.NON_ROUTINE
    assert d.never_routine
    act(office, city.apo, "approve", disclosure_id, "ok")
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.SECOND_REVIEW


def test_routine_requiring_an_agreement_waits_for_one(office: Office, city: City) -> None:
    designate(office, city.apo, agreement_required=True, recipient_type=RecipientType.THIRD_PARTY)
    disclosure_id = open_and_submit(office, city.staff, recipient_type="third_party")
    with office.unit(city.staff) as o:
        d = o.disclosures.get(disclosure_id)
    assert (d.status, d.classification) == (DisclosureStatus.SUBMITTED, Classification.ROUTINE)
    with pytest.raises(WorkflowError, match="requires an agreement"):
        act(office, city.apo, "approve", disclosure_id)
    agreement_id = agreement(office, city.apo)
    with office.unit(city.apo) as o:
        o.disclosures.set_agreement(disclosure_id, agreement_id=agreement_id)
    act(office, city.apo, "approve", disclosure_id)
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.APPROVED


def test_routine_with_an_active_agreement_is_approved_at_once(office: Office, city: City) -> None:
    designate(office, city.apo, agreement_required=True, recipient_type=RecipientType.THIRD_PARTY)
    agreement_id = agreement(office, city.apo)
    disclosure_id = open_and_submit(
        office, city.staff, recipient_type="third_party", agreement_id=agreement_id
    )
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.APPROVED


# --- non-routine -----------------------------------------------------------------------


def test_non_routine_needs_two_different_reviewers(office: Office, city: City) -> None:
    disclosure_id = open_and_submit(office, city.staff)
    act(office, city.apo, "approve", disclosure_id, "fine")
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.SECOND_REVIEW
    with pytest.raises(PermissionDeniedError, match="another reviewer"):
        act(office, city.apo, "approve", disclosure_id)
    act(office, city.apo2, "approve", disclosure_id, "agreed")
    with office.unit(city.staff) as o:
        d = o.disclosures.get(disclosure_id)
        reviews = o.disclosures.history(disclosure_id).reviews
    assert d.status is DisclosureStatus.APPROVED
    assert d.decided_by == city.apo2.user_id
    assert [(r.stage.value, r.reviewer_id) for r in reviews] == [
        ("apo_approval", city.apo.user_id),
        ("second_review", city.apo2.user_id),
    ]


def test_the_cpo_may_give_the_second_review(office: Office, city: City) -> None:
    disclosure_id = open_and_submit(office, city.staff)
    act(office, city.apo, "approve", disclosure_id)
    act(office, city.cpo, "approve", disclosure_id)
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.APPROVED


@pytest.mark.parametrize("at_second_review", [False, True], ids=["first", "second"])
def test_deny_at_either_review(office: Office, city: City, at_second_review: bool) -> None:
    disclosure_id = open_and_submit(office, city.staff)
    if at_second_review:
        act(office, city.apo, "approve", disclosure_id)
    act(office, city.apo2, "deny", disclosure_id, "not needed")
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.DENIED
    with pytest.raises(WorkflowError, match="is denied"):
        act(office, city.apo, "approve", disclosure_id)


@pytest.mark.parametrize("decision", ["approve", "deny"])
def test_escalation_to_the_cpo_whose_decision_is_final(
    office: Office, city: City, decision: str
) -> None:
    disclosure_id = open_and_submit(office, city.staff)
    act(office, city.apo, "escalate", disclosure_id, "sensitive")
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.ESCALATED
    with pytest.raises(PermissionDeniedError):
        act(office, city.apo2, "approve", disclosure_id)
    act(office, city.cpo, decision, disclosure_id, "decided")
    final = DisclosureStatus.APPROVED if decision == "approve" else DisclosureStatus.DENIED
    assert status_of(office, city.staff, disclosure_id) is final
    for action in ("approve", "deny", "escalate"):
        with pytest.raises(WorkflowError):
            act(office, city.cpo if action != "escalate" else city.apo, action, disclosure_id)


def test_staff_cannot_review_and_the_cpo_cannot_escalate(office: Office, city: City) -> None:
    disclosure_id = open_and_submit(office, city.staff)
    for action in ("approve", "deny", "escalate"):
        with pytest.raises(PermissionDeniedError):
            act(office, city.staff, action, disclosure_id)
    with pytest.raises(PermissionDeniedError):
        act(office, city.cpo, "escalate", disclosure_id)


def test_non_routine_to_a_third_party_needs_an_agreement(office: Office, city: City) -> None:
    disclosure_id = open_and_submit(office, city.staff, recipient_type="third_party")
    act(office, city.apo, "approve", disclosure_id)
    with pytest.raises(WorkflowError, match="third party"):
        act(office, city.apo2, "approve", disclosure_id)
    agreement_id = agreement(office, city.apo)
    with office.unit(city.apo) as o:
        o.disclosures.set_agreement(disclosure_id, agreement_id=agreement_id)
    act(office, city.apo2, "approve", disclosure_id)
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.APPROVED


@pytest.mark.parametrize(
    "agreement_terms",
    [
        pytest.param({"categories": ["name"]}, id="does-not-cover-every-type"),
        pytest.param({"organization_code": "HRA"}, id="another-agency's"),
        pytest.param({"expires_on": TODAY}, id="expired"),
    ],
)
def test_an_agreement_that_does_not_cover_is_not_enough(
    office: Office, city: City, agreement_terms: dict[str, Any]
) -> None:
    owner = city.hra_apo if agreement_terms.get("organization_code") == "HRA" else city.apo
    agreement_id = agreement(office, owner, **agreement_terms)
    disclosure_id = open_and_submit(office, city.staff, recipient_type="third_party")
    with office.unit(city.cpo) as o:
        o.disclosures.set_agreement(disclosure_id, agreement_id=agreement_id)
    act(office, city.apo, "approve", disclosure_id)
    with pytest.raises(WorkflowError, match="third party"):
        act(office, city.apo2, "approve", disclosure_id)


def test_a_recorded_exception_allows_a_third_party_disclosure(office: Office, city: City) -> None:
    disclosure_id = open_and_submit(office, city.staff, recipient_type="third_party")
    with office.unit(city.apo) as o:
        o.disclosures.set_agreement(
            disclosure_id,
            exception=AgreementException.NO_PRIVACY_INTEREST_COMPROMISED,
            reason="Only public business contact details",
        )
    act(office, city.apo, "approve", disclosure_id)
    act(office, city.apo2, "approve", disclosure_id)
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.APPROVED


# --- citywide rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("basis", "refused"),
    [
        pytest.param("apo_approval", True, id="apo-approval-refused"),
        pytest.param("law_enforcement", True, id="law-enforcement-refused"),
        pytest.param("legal_process", False, id="legal-process-allowed"),
    ],
)
def test_immigration_status_to_federal_immigration(
    office: Office, city: City, basis: str, refused: bool
) -> None:
    request = new(
        categories=["name", "immigration_status"],
        recipient_type="other_government",
        recipient_name="Federal immigration agency",
        recipient_tags=["federal_immigration_authority"],
        basis=basis,
    )
    with office.unit(city.staff) as o:
        disclosure_id = o.disclosures.create(request).id
    if refused:
        with pytest.raises(RuleViolationError, match="immigration-status") as info:
            act(office, city.staff, "submit", disclosure_id)
        assert info.value.rules == ("immigration-status-to-federal-immigration",)
        assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.DRAFT
    else:
        act(office, city.staff, "submit", disclosure_id)
        assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.SUBMITTED


def test_the_rule_does_not_touch_other_recipients(office: Office, city: City) -> None:
    disclosure_id = open_and_submit(office, city.staff, categories=["immigration_status"])
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.SUBMITTED


def test_a_rule_switched_off_by_the_cpo_no_longer_refuses(office: Office, city: City) -> None:
    with pytest.raises(PermissionDeniedError), office.unit(city.apo) as o:
        o.rules.set_active("immigration-status-to-federal-immigration", False)
    with office.unit(city.cpo) as o:
        o.rules.set_active("immigration-status-to-federal-immigration", False)
    disclosure_id = open_and_submit(
        office,
        city.staff,
        categories=["immigration_status"],
        recipient_tags=["federal_immigration_authority"],
    )
    assert status_of(office, city.staff, disclosure_id) is DisclosureStatus.SUBMITTED


# --- disclosed -------------------------------------------------------------------------


def test_disclosed_records_date_records_and_method(office: Office, city: City) -> None:
    designate(office, city.apo)
    disclosure_id = open_and_submit(office, city.staff)
    when = datetime.now(UTC) - timedelta(hours=1)
    made = DisclosureMade(
        disclosed_at=when, records_disclosed=118, method="sftp", subjects=["A-1", "A-2"]
    )
    with office.unit(city.staff) as o:
        d = o.disclosures.disclose(disclosure_id, made)
    assert d.status is DisclosureStatus.DISCLOSED
    assert (d.records_disclosed, d.method) == (118, "sftp")
    assert d.disclosed_at is not None
    assert abs(d.disclosed_at - when) < timedelta(seconds=1)
    with pytest.raises(WorkflowError, match="is disclosed"):
        act(office, city.staff, "disclose", disclosure_id, made)


def test_only_approved_disclosures_can_be_disclosed(office: Office, city: City) -> None:
    disclosure_id = open_and_submit(office, city.staff)
    made = DisclosureMade(disclosed_at=datetime.now(UTC), records_disclosed=1, method="email")
    with pytest.raises(WorkflowError, match="must be approved"):
        act(office, city.staff, "disclose", disclosure_id, made)


def test_submit_twice_and_exigent_requests_are_refused(office: Office, city: City) -> None:
    disclosure_id = open_and_submit(office, city.staff)
    with pytest.raises(WorkflowError, match="must be draft"):
        act(office, city.staff, "submit", disclosure_id)
    with pytest.raises(WorkflowError, match="after the fact"), office.unit(city.staff) as o:
        o.disclosures.create(new(basis=Basis.EXIGENT))


def test_attachments_keep_metadata_only(office: Office, city: City) -> None:
    with office.unit(city.staff) as o:
        disclosure_id = o.disclosures.create(new()).id
        o.disclosures.add_attachment(
            disclosure_id,
            filename="request letter.pdf",
            media_type="application/pdf",
            size_bytes=20_480,
            sha256="ab" * 32,
        )
    with office.unit(city.apo) as o:
        (attachment,) = o.disclosures.attachments(disclosure_id)
    assert (attachment.filename, attachment.size_bytes) == ("request letter.pdf", 20_480)
    with pytest.raises(InputError, match="sha256"), office.unit(city.staff) as o:
        o.disclosures.add_attachment(
            disclosure_id, filename="x", media_type="text/plain", size_bytes=1, sha256="nope"
        )


# --- agreements ------------------------------------------------------------------------


def test_amending_an_agreement_versions_only_real_changes(office: Office, city: City) -> None:
    agreement_id = agreement(office, city.cpo)
    with office.unit(city.cpo) as o:
        before = len(o.agreements.versions(agreement_id))
        o.agreements.amend(agreement_id, permitted_uses="Statistics only")  # unchanged
    with office.unit(city.cpo) as o:
        assert len(o.agreements.versions(agreement_id)) == before
        o.agreements.amend(agreement_id, permitted_uses="Statistics and program evaluation")
    with office.unit(city.cpo) as o:
        assert len(o.agreements.versions(agreement_id)) == before + 1
        assert o.agreements.get(agreement_id).permitted_uses.startswith("Statistics and")
