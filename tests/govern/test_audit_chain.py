"""The audit trail: chained, append-only, tamper-evident, and free of identifying values."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cityprivacy.govern import DisclosureMade, NewDisclosure, Office
from cityprivacy.govern.audit import canonical_changes, canonical_event, format_timestamp

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

SECRETS = {
    "recipient_name": "Zebulon Quartermaine",
    "purpose": "Check Zebulon's benefits at 41 Xylophone Lane",
    "mission_justification": "Tell Ms Quartermaine about her case",
    "employee_category": "Inspector Wibblesworth",
    "division": "Yarborough Unit",
}
SUBJECT = "123-45-6789"
COMMENT = "Approved for Mr Quartermaine"


def _disclosure() -> NewDisclosure:
    return NewDisclosure.model_validate(
        {
            "agency_code": "DSS",
            "kind": "proposal",
            "recipient_type": "city_agency",
            "categories": ["name", "ssn"],
            "record_count": 3,
            "basis": "apo_approval",
            **SECRETS,
        }
    )


def _busy(office: Office, city: City) -> int:
    """Some work: a disclosure through every step, with an accounting look-up."""
    with office.unit(city.staff) as o:
        disclosure_id = o.disclosures.create(_disclosure()).id
    with office.unit(city.staff) as o:
        o.disclosures.submit(disclosure_id)
    with office.unit(city.apo) as o:
        o.disclosures.approve(disclosure_id, COMMENT)
    with office.unit(city.apo2) as o:
        o.disclosures.approve(disclosure_id, COMMENT)
    made = DisclosureMade(
        disclosed_at=datetime.now(UTC) - timedelta(minutes=5),
        records_disclosed=3,
        method="Encrypted mail to Zebulon",
        subjects=[SUBJECT],
    )
    with office.unit(city.staff) as o:
        o.disclosures.disclose(disclosure_id, made)
    with office.unit(city.cpo) as o:
        assert len(o.accounting.who_received(SUBJECT)) == 1
    return disclosure_id


def _drop_append_only(office: Office) -> None:
    """What a database administrator could do: lift the triggers, then tamper."""
    with office.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        else:
            connection.execute(text("DROP TRIGGER audit_events_no_update"))
            connection.execute(text("DROP TRIGGER audit_events_no_delete"))


def _tamper(office: Office, *statements: str) -> None:
    _drop_append_only(office)
    with office.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def test_an_untouched_chain_verifies(office: Office, city: City) -> None:
    _busy(office, city)
    report = office.verify_audit()
    assert report.ok, report
    assert report.events > 15  # organizations, users, tokens, the disclosure's steps
    assert report.first_bad_event is None


def test_an_empty_chain_verifies(office: Office) -> None:
    assert office.verify_audit().as_dict() == {
        "ok": True,
        "events": 0,
        "first_bad_event": None,
        "reason": None,
    }


def test_the_table_refuses_updates_and_deletes(office: Office, city: City) -> None:
    for statement in (
        "UPDATE audit_events SET action = 'x' WHERE seq = 1",
        "DELETE FROM audit_events WHERE seq = 1",
    ):
        with pytest.raises(DBAPIError, match="append-only"), office.engine.begin() as connection:
            connection.execute(text(statement))
    assert office.verify_audit().ok


@pytest.mark.parametrize(
    ("statements", "bad", "why"),
    [
        pytest.param(
            ["UPDATE audit_events SET action = 'disclosure.deny' WHERE seq = 5"],
            5,
            "changed",
            id="edited-action",
        ),
        pytest.param(
            ['UPDATE audit_events SET changes = \'{"role":"cpo"}\' WHERE seq = 4'],
            4,
            "changed",
            id="edited-changes",
        ),
        pytest.param(
            ["UPDATE audit_events SET actor_id = 999 WHERE seq = 7"],
            7,
            "changed",
            id="edited-actor",
        ),
        pytest.param(["DELETE FROM audit_events WHERE seq = 6"], 6, "missing", id="deleted"),
        pytest.param(
            [
                "UPDATE audit_events SET seq = -1 WHERE seq = 8",
                "UPDATE audit_events SET seq = 8 WHERE seq = 9",
                "UPDATE audit_events SET seq = 9 WHERE seq = -1",
            ],
            8,
            "does not follow",
            id="swapped",
        ),
    ],
)
def test_tampering_is_detected_where_it_happened(
    office: Office, city: City, statements: list[str], bad: int, why: str
) -> None:
    _busy(office, city)
    _tamper(office, *statements)
    report = office.verify_audit()
    assert not report.ok
    assert report.first_bad_event == bad
    assert report.reason is not None
    assert why in report.reason


def test_a_deleted_tail_is_detected(office: Office, city: City) -> None:
    _busy(office, city)
    total = office.verify_audit().events
    _tamper(office, f"DELETE FROM audit_events WHERE seq >= {total - 1}")
    report = office.verify_audit()
    assert (report.ok, report.first_bad_event) == (False, total - 1)
    assert report.reason is not None
    assert "end of the chain" in report.reason


def test_a_recomputed_forgery_is_caught_by_the_next_event(office: Office, city: City) -> None:
    """Editing an event and fixing its own hash still breaks the link to the next one."""
    _busy(office, city)
    _tamper(
        office,
        "UPDATE audit_events SET hash = '" + "f" * 64 + "' WHERE seq = 3",
    )
    report = office.verify_audit()
    assert report.first_bad_event == 3


def test_no_identifying_value_is_stored_in_the_audit_table(office: Office, city: City) -> None:
    _busy(office, city)
    with office.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM audit_events")).all()
    dump = json.dumps([[str(v) for v in row] for row in rows]).lower()
    for secret in [*SECRETS.values(), SUBJECT, COMMENT, "zebulon", "quartermaine"]:
        assert secret.lower() not in dump
    for email in ("staff@dss.example", "apo@dss.example", "cpo@moip.example"):
        assert email not in dump
    assert "accounting.lookup" in dump  # the look-up is audited, by keyed hash only


def test_every_state_change_is_audited_in_its_transaction(office: Office, city: City) -> None:
    with office.unit(city.staff) as o:
        disclosure_id = o.disclosures.create(_disclosure()).id
    before = office.verify_audit().events

    def crash_before_commit() -> None:
        with office.unit(city.staff) as o:
            o.disclosures.submit(disclosure_id)
            raise RuntimeError("crash before commit")

    with pytest.raises(RuntimeError):
        crash_before_commit()
    assert office.verify_audit().events == before
    with office.unit(city.staff) as o:
        assert o.disclosures.get(disclosure_id).status.value == "draft"


def test_free_text_is_refused_as_an_audit_value() -> None:
    with pytest.raises(ValueError, match="free text"):
        canonical_changes({"comment": "Mr Quartermaine"})
    assert canonical_changes({"b": 1, "a": ["x", "y"]}) == '{"a":["x","y"],"b":1}'


_codes = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_.:-", max_size=20)


@given(
    seq=st.integers(1, 2**62),
    actor=st.none() | st.integers(1, 10**9),
    org=st.none() | st.integers(1, 10**9),
    action=st.text(max_size=30),
    entity=st.text(max_size=30),
    entity_id=st.text(max_size=30),
    changes=st.dictionaries(_codes, st.none() | st.booleans() | st.integers() | _codes),
    moment=st.datetimes(timezones=st.just(UTC)),
)
def test_the_canonical_form_is_sorted_compact_json(
    seq: int,
    actor: int | None,
    org: int | None,
    action: str,
    entity: str,
    entity_id: str,
    changes: dict[str, object],
    moment: datetime,
) -> None:
    stamp = format_timestamp(moment)
    built = canonical_event(
        seq=seq,
        occurred_at=stamp,
        actor_id=actor,
        action=action,
        entity_type=entity,
        entity_id=entity_id,
        organization_id=org,
        changes=canonical_changes(changes),  # type: ignore[arg-type]
    )
    expected = {
        "seq": seq,
        "occurred_at": stamp,
        "actor_id": actor,
        "action": action,
        "entity_type": entity,
        "entity_id": entity_id,
        "organization_id": org,
        "changes": changes,
    }
    assert built == json.dumps(expected, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert stamp.endswith("Z")
    assert len(stamp) == 27
