"""Public input is screened for identifying information before it is published; the text
is kept as written for the moderator, and the audit trail holds only types and counts."""

from __future__ import annotations

import json

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template

from cityprivacy.errors import PermissionDeniedError
from cityprivacy.govern import Actor, Office

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

WRITTEN = (
    "My neighbour John Smith told me the shelter gave his SSN 123-45-6789 to a vendor. "
    "Call me at (212) 555-0199 or jane.doe@example.com. Why is this allowed?"
)


def _submit_and_accept(office: Office, city: City, text: str = WRITTEN) -> int:
    with office.unit(Actor.system()) as o:
        entry_id = o.public_input.submit("disclosure", text, contact="jane@example.com").id
    with office.unit(city.cpo) as o:
        o.public_input.moderate(entry_id, accept=True)
    return entry_id


def test_published_text_has_placeholders(office: Office, city: City) -> None:
    entry_id = _submit_and_accept(office, city)
    with office.unit(Actor.system()) as o:
        (published,) = o.public_input.published()
    assert published.id == entry_id
    for value in ("John Smith", "123-45-6789", "555-0199", "jane.doe@example.com"):
        assert value not in published.text
    assert "<PERSON>" in published.text
    assert "<US_SSN>" in published.text
    assert "<EMAIL_ADDRESS>" in published.text
    assert published.text.endswith("Why is this allowed?")
    assert {"PERSON", "US_SSN", "EMAIL_ADDRESS", "PHONE_NUMBER"} <= set(published.screened_types)


def test_the_answer_is_screened_too(office: Office, city: City) -> None:
    entry_id = _submit_and_accept(office, city, "When is data shared with vendors?")
    with office.unit(city.cpo) as o:
        o.public_input.answer(entry_id, "Mr Robert Brown at 646-555-0123 will follow up.")
    with office.unit(Actor.system()) as o:
        (published,) = o.public_input.published()
    assert published.text == "When is data shared with vendors?"
    assert "Robert Brown" not in published.answer
    assert "646-555-0123" not in published.answer
    assert "<PERSON>" in published.answer


def test_the_moderator_sees_the_text_and_the_types(office: Office, city: City) -> None:
    with office.unit(Actor.system()) as o:
        entry_id = o.public_input.submit("rights", WRITTEN).id
    with office.unit(city.cpo) as o:
        (view,) = o.public_input.pending_review()
        assert view.entry.id == entry_id
        assert view.entry.text == WRITTEN
        assert "US_SSN" in view.screened_types
        assert view.text.findings >= 4
        assert o.public_input.review(entry_id).screened_types == view.screened_types


@pytest.mark.parametrize("reader", ["staff", "apo"])
def test_only_cpo_and_auditors_review(office: Office, city: City, reader: str) -> None:
    with office.unit(Actor.system()) as o:
        entry_id = o.public_input.submit("rights", WRITTEN).id
    with pytest.raises(PermissionDeniedError), office.unit(getattr(city, reader)) as o:
        o.public_input.review(entry_id)


def test_the_audit_trail_has_types_and_counts_only(office: Office, city: City) -> None:
    entry_id = _submit_and_accept(office, city)
    with office.unit(city.cpo) as o:
        o.public_input.answer(entry_id, "Thank you, Ms Jane Doe.")
    with office.unit(city.auditor) as o:
        events = o.audit.events(entity_type="public_input")
    submit = next(e for e in events if e.action == "public_input.submit")
    changes = json.loads(submit.changes)
    assert {"EMAIL_ADDRESS", "PERSON", "PHONE_NUMBER", "US_SSN"} <= set(changes["screened_types"])
    assert changes["screened_findings"] >= 4
    answer = next(e for e in events if e.action == "public_input.answer")
    assert "PERSON" in json.loads(answer.changes)["screened_types"]
    trail = " ".join(e.changes for e in events)
    for value in ("John", "Smith", "6789", "jane", "Doe", "0199"):
        assert value not in trail


def test_text_without_identifying_information_is_unchanged(office: Office, city: City) -> None:
    _submit_and_accept(office, city, "Please publish the retention schedules.")
    with office.unit(Actor.system()) as o:
        (published,) = o.public_input.published()
    assert (published.text, published.screened_types) == (
        "Please publish the retention schedules.",
        (),
    )
