"""Disposal needs the records office and the law department; holds block it. Public input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template
from sqlalchemy import text

from cityprivacy.errors import InputError, PermissionDeniedError, WorkflowError
from cityprivacy.govern import Actor, CollectionBasis, Office

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

NOW = datetime.now(UTC)


def _setup(office: Office, city: City) -> tuple[int, int]:
    with office.unit(city.apo) as o:
        schedule = o.retention.create_schedule(
            organization_code="DSS",
            schedule_item="DSS-0042",
            title="Case files",
            period_months=84,
            trigger_event="case closed",
            disposal_method="secure shredding",
            justification="Appeals may be filed for seven years",
        )
        system = o.inventory.create_system("DSS", "Case management")
        dataset = o.inventory.create_dataset(
            system.id, "Closed cases", retention_schedule_id=schedule.id
        )
        o.inventory.create_field(
            dataset.id,
            "client_name",
            categories=["name"],
            collection_basis=CollectionBasis.LAW,
            retention_schedule_id=schedule.id,
        )
    return schedule.id, dataset.id


def test_disposal_needs_both_approvals(office: Office, city: City) -> None:
    schedule_id, dataset_id = _setup(office, city)
    with office.unit(city.staff) as o:
        request_id = o.retention.request_disposal(schedule_id, dataset_id=dataset_id).id
    with pytest.raises(WorkflowError, match="approval first"), office.unit(city.apo) as o:
        o.retention.dispose(request_id, NOW)
    with office.unit(city.apo) as o:
        request = o.retention.approve_disposal(request_id, "records_office", "DORIS-2026-17")
        assert request.status.value == "pending"
    with pytest.raises(WorkflowError, match="already"), office.unit(city.apo) as o:
        o.retention.approve_disposal(request_id, "records_office", "again")
    with pytest.raises(PermissionDeniedError), office.unit(city.staff) as o:
        o.retention.approve_disposal(request_id, "law_department", "LAW-9")
    with office.unit(city.apo) as o:
        assert o.retention.approve_disposal(request_id, "law_department", "LAW-9").status.value == (
            "approved"
        )
        o.retention.dispose(request_id, NOW - timedelta(minutes=1))
    with office.unit(city.auditor) as o:
        assert o.retention.disposal(request_id).status.value == "disposed"


@pytest.mark.parametrize("on", ["dataset", "schedule"])
def test_a_legal_hold_blocks_disposal_until_released(office: Office, city: City, on: str) -> None:
    schedule_id, dataset_id = _setup(office, city)
    with office.unit(city.apo) as o:
        request_id = o.retention.request_disposal(schedule_id, dataset_id=dataset_id).id
        o.retention.approve_disposal(request_id, "records_office", "R-1")
        o.retention.approve_disposal(request_id, "law_department", "L-1")
        hold = o.retention.place_hold(
            organization_code="DSS",
            matter_ref="Index 123/2026",
            dataset_id=dataset_id if on == "dataset" else None,
            schedule_id=schedule_id if on == "schedule" else None,
        )
    with pytest.raises(WorkflowError, match="legal hold"), office.unit(city.apo) as o:
        o.retention.dispose(request_id, NOW)
    with office.unit(city.apo) as o:
        o.retention.release_hold(hold.id)
        o.retention.dispose(request_id, NOW - timedelta(seconds=1))


def test_a_rejected_disposal_stays_rejected(office: Office, city: City) -> None:
    schedule_id, _ = _setup(office, city)
    with office.unit(city.apo) as o:
        request_id = o.retention.request_disposal(schedule_id).id
        o.retention.reject_disposal(request_id, "law_department")
    with pytest.raises(WorkflowError, match="rejected"), office.unit(city.apo) as o:
        o.retention.approve_disposal(request_id, "records_office", "R-2")


def test_public_input_is_moderated_and_published_without_contact(
    office: Office, city: City
) -> None:
    anyone = Actor.system()
    with office.unit(anyone) as o:
        kept = o.public_input.submit("retention", "Why keep my file 7 years?", "me@example.org")
        spam = o.public_input.submit("other", "Buy now")
    with office.unit(city.cpo) as o:
        assert [p.id for p in o.public_input.pending()] == [kept.id, spam.id]
        o.public_input.moderate(kept.id, accept=True)
        o.public_input.moderate(spam.id, accept=False)
        o.public_input.answer(kept.id, "Appeals can be filed for seven years.")
    with office.unit(city.staff) as o:
        published = o.public_input.published()
    assert [(p.id, p.answer) for p in published] == [
        (kept.id, "Appeals can be filed for seven years.")
    ]
    assert not hasattr(published[0], "contact")
    with pytest.raises(PermissionDeniedError), office.unit(city.apo) as o:
        o.public_input.moderate(kept.id, accept=False)
    with pytest.raises(WorkflowError), office.unit(city.cpo) as o:
        o.public_input.answer(spam.id, "No")
    with pytest.raises(InputError, match="topic"), office.unit(anyone) as o:
        o.public_input.submit("gossip", "x")
    with office.engine.connect() as connection:
        audit = str(connection.execute(text("SELECT changes FROM audit_events")).all())
    assert "me@example.org" not in audit
    assert "Why keep" not in audit
