"""Basis ``cpo_preapproval``: the submission goes straight to the CPO, whose decision is
final (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template

from cityprivacy.errors import PermissionDeniedError, RuleViolationError, WorkflowError
from cityprivacy.govern import Actor, DisclosureStatus, NewDisclosure, Office, RecipientType

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]


def _new(**overrides: Any) -> NewDisclosure:
    data: dict[str, Any] = {
        "agency_code": "DSS",
        "kind": "proposal",
        "recipient_name": "Department of Health",
        "recipient_type": "city_agency",
        "categories": ["name", "address"],
        "record_count": 30,
        "purpose": "Citywide heat emergency outreach",
        "mission_justification": "Protects vulnerable clients",
        "basis": "cpo_preapproval",
    }
    data.update(overrides)
    return NewDisclosure.model_validate(data)


def _submitted(office: Office, actor: Actor, **overrides: Any) -> int:
    with office.unit(actor) as o:
        disclosure_id = o.disclosures.create(_new(**overrides)).id
    with office.unit(actor) as o:
        assert o.disclosures.submit(disclosure_id).status is DisclosureStatus.ESCALATED
    return disclosure_id


def _act(office: Office, actor: Actor, action: str, disclosure_id: int) -> Any:
    with office.unit(actor) as o:
        return getattr(o.disclosures, action)(disclosure_id, "why")


def test_submission_goes_to_the_cpo_whose_approval_is_final(office: Office, city: City) -> None:
    disclosure_id = _submitted(office, city.staff)
    approved = _act(office, city.cpo, "approve", disclosure_id)
    assert approved.status is DisclosureStatus.APPROVED
    with office.unit(city.cpo) as o:
        history = o.disclosures.history(disclosure_id)
    assert [(r.stage.value, r.decision.value) for r in history.reviews] == [
        ("cpo_decision", "approve")
    ]
    assert history.disclosure.decided_by == city.cpo.user_id
    submit = next(e for e in history.events if e.action == "disclosure.submit")
    assert json.loads(submit.changes)["status"] == "escalated"
    assert json.loads(submit.changes)["basis"] == "cpo_preapproval"


@pytest.mark.parametrize("action", ["approve", "deny", "escalate"])
def test_an_apo_cannot_decide_it(office: Office, city: City, action: str) -> None:
    disclosure_id = _submitted(office, city.staff)
    with pytest.raises((PermissionDeniedError, WorkflowError)):
        _act(office, city.apo, action, disclosure_id)
    with office.unit(city.cpo) as o:
        assert o.disclosures.get(disclosure_id).status is DisclosureStatus.ESCALATED


def test_the_cpo_may_deny_it_finally(office: Office, city: City) -> None:
    disclosure_id = _submitted(office, city.staff)
    assert _act(office, city.cpo, "deny", disclosure_id).status is DisclosureStatus.DENIED
    with pytest.raises(WorkflowError):
        _act(office, city.cpo, "approve", disclosure_id)


def test_a_routine_designation_does_not_bypass_the_cpo(office: Office, city: City) -> None:
    with office.unit(city.apo) as o:
        o.designations.create(
            categories=["name", "address"],
            purpose="Referrals",
            effective_from=date.today() - timedelta(days=1),
            organization_code="DSS",
            recipient_type=RecipientType.CITY_AGENCY,
        )
    disclosure_id = _submitted(office, city.staff)
    with office.unit(city.cpo) as o:
        assert o.disclosures.get(disclosure_id).classification.value == "routine"


def test_citywide_rules_still_come_first(office: Office, city: City) -> None:
    with office.unit(city.staff) as o:
        disclosure_id = o.disclosures.create(
            _new(
                categories=["immigration_status"],
                recipient_type="other_government",
                recipient_tags=["federal_immigration_authority"],
            )
        ).id
    with pytest.raises(RuleViolationError), office.unit(city.staff) as o:
        o.disclosures.submit(disclosure_id)
    with office.unit(city.cpo) as o:
        assert o.disclosures.get(disclosure_id).status is DisclosureStatus.DRAFT


def test_a_third_party_still_needs_an_agreement_or_exception(office: Office, city: City) -> None:
    disclosure_id = _submitted(office, city.staff, recipient_type="third_party")
    with pytest.raises(WorkflowError, match="agreement"):
        _act(office, city.cpo, "approve", disclosure_id)


def test_the_biennial_report_lists_it_as_a_preapproval(office: Office, city: City) -> None:
    from cityprivacy.govern.reports import ReportingPeriod, build_biennial_report

    disclosure_id = _submitted(office, city.staff)
    _act(office, city.cpo, "approve", disclosure_id)
    with office.unit(city.cpo) as o:
        created = o.disclosures.get(disclosure_id).created_at.date()
        period = ReportingPeriod.containing(created)
        report = build_biennial_report(o, "DSS", period.end)
    [row] = [r for r in report.cpo_approvals if r.disclosure_id == disclosure_id]
    assert row.how == "preapproval"  # not the stage of the CPO's review
