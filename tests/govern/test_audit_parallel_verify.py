"""Verifying the audit chain in several processes gives exactly the report of one walk.

The chain is split into ``seq`` ranges checked by separate processes; the links between
ranges are checked when the parts are joined. Tampering inside a range, on either side of
a boundary, across a boundary and at the ends must be reported as one walk reports it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template
from sqlalchemy import Connection, text

from cityprivacy.govern import Office
from cityprivacy.govern.audit import AuditReport, _ranges, verify

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]

WORKERS = 3
Tamper = Callable[[list[int], int], tuple[list[str], int, str]]
"""Given the boundaries (last seq of each range but the last) and the chain's length,
the statements that tamper, the first bad event and a word of the reason."""


def _edit_at(pick: Callable[[list[int], int], int]) -> Tamper:
    def tamper(cuts: list[int], n: int) -> tuple[list[str], int, str]:
        seq = pick(cuts, n)
        return [f"UPDATE audit_events SET action = 'x.y' WHERE seq = {seq}"], seq, "changed"

    return tamper


def _delete_at(pick: Callable[[list[int], int], int]) -> Tamper:
    def tamper(cuts: list[int], n: int) -> tuple[list[str], int, str]:
        seq = pick(cuts, n)
        return [f"DELETE FROM audit_events WHERE seq = {seq}"], seq, "missing"

    return tamper


def _swap_across(cuts: list[int], n: int) -> tuple[list[str], int, str]:
    """The last event of a range and the first of the next trade places."""
    a, b = cuts[0], cuts[0] + 1
    return (
        [
            f"UPDATE audit_events SET seq = -1 WHERE seq = {a}",
            f"UPDATE audit_events SET seq = {a} WHERE seq = {b}",
            f"UPDATE audit_events SET seq = {b} WHERE seq = -1",
        ],
        a,
        "does not follow",
    )


def _delete_across(cuts: list[int], n: int) -> tuple[list[str], int, str]:
    """Events on both sides of a boundary removed: the gap starts in the earlier range."""
    return (
        [f"DELETE FROM audit_events WHERE seq BETWEEN {cuts[1] - 1} AND {cuts[1] + 2}"],
        cuts[1] - 1,
        "missing",
    )


def _delete_first_range(cuts: list[int], n: int) -> tuple[list[str], int, str]:
    """A whole range gone: the next range's first event does not start the chain."""
    return [f"DELETE FROM audit_events WHERE seq <= {cuts[0]}"], 1, "missing"


def _forge_last_of_range(cuts: list[int], n: int) -> tuple[list[str], int, str]:
    """A range's last event gets another hash: the next range's first event does not follow."""
    return (
        [f"UPDATE audit_events SET hash = '{'e' * 64}' WHERE seq = {cuts[1]}"],
        cuts[1],
        "changed",
    )


def _delete_tail(cuts: list[int], n: int) -> tuple[list[str], int, str]:
    return [f"DELETE FROM audit_events WHERE seq > {n - 2}"], n - 1, "end of the chain"


CASES = [
    pytest.param(_edit_at(lambda cuts, n: 1), id="edit-first-event"),
    pytest.param(_edit_at(lambda cuts, n: cuts[0]), id="edit-last-of-range"),
    pytest.param(_edit_at(lambda cuts, n: cuts[0] + 1), id="edit-first-of-range"),
    pytest.param(_delete_at(lambda cuts, n: cuts[1] + 1), id="delete-first-of-range"),
    pytest.param(_swap_across, id="swap-across-boundary"),
    pytest.param(_delete_across, id="delete-across-boundary"),
    pytest.param(_delete_first_range, id="delete-whole-first-range"),
    pytest.param(_forge_last_of_range, id="forge-hash-at-boundary"),
    pytest.param(_delete_tail, id="delete-tail"),
]


def _verify(office: Office, workers: int) -> AuditReport:
    with office.engine.connect() as connection:
        return verify(connection, workers=workers, parallel_from=1)


def _boundaries(office: Office) -> list[int]:
    with office.engine.connect() as connection:
        ranges = _ranges(connection, WORKERS, 1)
    cuts = [through for _, through in ranges if through is not None]
    assert len(cuts) == WORKERS - 1, ranges
    return cuts


def _lift_append_only(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
    else:
        connection.execute(text("DROP TRIGGER audit_events_no_update"))
        connection.execute(text("DROP TRIGGER audit_events_no_delete"))


@pytest.fixture
def chain(office: Office, city: City) -> int:
    """The city's audit chain (organizations, users, tokens), append-only lifted."""
    with office.engine.begin() as connection:
        _lift_append_only(connection)
    report = _verify(office, 1)
    assert report.ok, report
    assert report.events >= 3 * WORKERS  # every range holds a few events
    return report.events


def test_an_intact_chain_verifies_in_parallel(office: Office, chain: int) -> None:
    _boundaries(office)
    assert _verify(office, WORKERS) == AuditReport(True, chain)


@pytest.mark.parametrize("tamper", CASES)
def test_parallel_reports_the_first_bad_event_as_one_walk_does(
    office: Office, chain: int, tamper: Tamper
) -> None:
    statements, bad, why = tamper(_boundaries(office), chain)
    with office.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    alone, parallel = _verify(office, 1), _verify(office, WORKERS)
    assert parallel == alone
    assert not parallel.ok
    assert parallel.first_bad_event == bad, parallel
    assert parallel.reason is not None
    assert why in parallel.reason


def test_a_short_chain_is_walked_in_this_process(office: Office, chain: int) -> None:
    """Below ``parallel_from`` no range is split off (no process is started)."""
    with office.engine.connect() as connection:
        assert _ranges(connection, WORKERS, chain + 1) == [(None, None)]
        assert verify(connection, workers=WORKERS, parallel_from=chain + 1) == AuditReport(
            True, chain
        )
