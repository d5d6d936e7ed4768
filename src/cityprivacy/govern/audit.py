"""The tamper-evident audit trail: append-only, hash-chained, nothing identifying in clear.

Each event records who acted (a user id), what they did (an action such as
``disclosure.approve``), on which record (entity type and id, organization id) and which
fields changed, with values only when they are not identifying (statuses, enum values,
counts, taxonomy keys, ids, dates); free text such as purposes, names and comments is
never copied here, and identifiers appear only as keyed hashes.

Chaining: ``hash = SHA-256(prev_hash + canonical_json(event))`` where the canonical form is
the event's fields as JSON with sorted keys, no whitespace, UTF-8, and the timestamp as
``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (UTC). The first event's ``prev_hash`` is 64 zeros.
Appending locks the single head row first, so concurrent writers append one after the
other; events are buffered during a unit of work and appended just before its commit, in
the same transaction as the changes they describe.

:func:`verify` streams the chain in ``seq`` order and reports the first bad event: a hash
that does not match its content (an edit), a ``prev_hash`` that does not match the
previous event (a reordering), a gap in ``seq`` (a deletion), or a tail that does not
reach the head (the last events deleted). It can also split the chain into ``seq`` ranges
walked by worker processes and join them, with the same report.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing import get_context
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from cityprivacy.errors import ConfigurationError
from cityprivacy.store.engine import create_engine_for
from cityprivacy.store.models import GENESIS_HASH, AuditEvent, AuditHead

__all__ = [
    "AuditReport",
    "PendingEvent",
    "append",
    "canonical_changes",
    "canonical_event",
    "chain_hash",
    "format_timestamp",
    "iter_events",
    "verify",
]

VERIFY_BATCH = 20_000

AuditValue = None | bool | int | str | list[str] | list[int]
_SAFE_TEXT = re.compile(r"^[A-Za-z0-9_.:+\-]{0,64}$")


def format_timestamp(moment: datetime) -> str:
    """The canonical form's timestamp: ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC, always 27 chars.

    A naive datetime is taken as UTC (SQLite hands back naive UTC).
    """
    if moment.tzinfo is not None:
        if moment.utcoffset():
            moment = moment.astimezone(UTC)
        moment = moment.replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds") + "Z"


def _check_value(field: str, value: object) -> None:
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        if not _SAFE_TEXT.match(value):
            raise ValueError(
                f"audit value of {field!r} is not a code, key, id or date; "
                "free text never goes into the audit trail"
            )
        return
    if isinstance(value, list):
        for item in value:
            _check_value(field, item)
        return
    raise ValueError(f"audit value of {field!r} has unsupported type {type(value).__name__}")


def canonical_changes(changes: Mapping[str, AuditValue]) -> str:
    """The changed fields as canonical JSON; refuses values that could be free text."""
    for field, value in changes.items():
        _check_value(field, value)
    return json.dumps(dict(changes), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


_text: Callable[[str], str] = json.encoder.encode_basestring
"""A JSON string literal, as ``json.dumps(value, ensure_ascii=False)`` writes it (C speed)."""


def _number(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def canonical_event(
    *,
    seq: int,
    occurred_at: str,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_id: str,
    organization_id: int | None,
    changes: str,
) -> str:
    """The canonical JSON of an event (keys sorted, no whitespace); ``changes`` is canonical.

    Built by concatenation because ``changes`` is stored as canonical JSON text already:
    the result equals ``json.dumps(event, sort_keys=True, separators=(",", ":"))``.
    """
    return (
        f'{{"action":{_text(action)},"actor_id":{_number(actor_id)},"changes":{changes},'
        f'"entity_id":{_text(entity_id)},"entity_type":{_text(entity_type)},'
        f'"occurred_at":{_text(occurred_at)},"organization_id":{_number(organization_id)},'
        f'"seq":{int(seq)}}}'
    )


def chain_hash(prev_hash: str, canonical: str) -> str:
    """SHA-256 (hex) over the previous hash and the event's canonical form."""
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """An event waiting for the end of its unit of work to be chained and stored."""

    occurred_at: datetime
    actor_id: int | None
    action: str
    entity_type: str
    entity_id: str
    organization_id: int | None
    changes: str

    @classmethod
    def make(
        cls,
        *,
        occurred_at: datetime,
        actor_id: int | None,
        action: str,
        entity_type: str,
        entity_id: int | str,
        organization_id: int | None,
        changes: Mapping[str, AuditValue] | None = None,
    ) -> PendingEvent:
        return cls(
            occurred_at=occurred_at.astimezone(UTC),
            actor_id=actor_id,
            action=action,
            entity_type=entity_type,
            entity_id=str(entity_id),
            organization_id=organization_id,
            changes=canonical_changes(changes or {}),
        )


def append(session: Session, events: Sequence[PendingEvent]) -> None:
    """Chain ``events`` after the head and store them, in the session's transaction.

    The head row is updated first (returning the new head in the same statement), which
    takes the write lock (a row lock on PostgreSQL, the database write lock on SQLite)
    until commit, so no two writers chain onto the same head.
    """
    if not events:
        return
    row = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(seq=AuditHead.seq + len(events))
        .returning(AuditHead.seq, AuditHead.hash)
        .execution_options(synchronize_session=False)
    ).first()
    if row is None:
        raise ConfigurationError(
            "the database has no audit chain head: run `cityprivacy db upgrade` first"
        )
    seq = row.seq - len(events)
    prev = row.hash
    rows = []
    for event in events:
        seq += 1
        stamp = format_timestamp(event.occurred_at)
        digest = chain_hash(
            prev,
            canonical_event(
                seq=seq,
                occurred_at=stamp,
                actor_id=event.actor_id,
                action=event.action,
                entity_type=event.entity_type,
                entity_id=event.entity_id,
                organization_id=event.organization_id,
                changes=event.changes,
            ),
        )
        rows.append(
            {
                "seq": seq,
                "occurred_at": event.occurred_at,
                "actor_id": event.actor_id,
                "action": event.action,
                "entity_type": event.entity_type,
                "entity_id": event.entity_id,
                "organization_id": event.organization_id,
                "changes": event.changes,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    session.execute(insert(AuditEvent), rows)
    session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(hash=prev)
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The outcome of :func:`verify`."""

    ok: bool
    events: int
    first_bad_event: int | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "events": self.events,
            "first_bad_event": self.first_bad_event,
            "reason": self.reason,
        }


def _stamp_column(dialect: str) -> ColumnElement[Any]:
    """The canonical timestamp, formatted by the database where it can (no datetime per row)."""
    column = AuditEvent.__table__.c.occurred_at
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    if dialect == "sqlite":  # stored as UTC text "YYYY-MM-DD HH:MM:SS.ffffff"
        return func.replace(type_coerce(column, String()), " ", "T").concat("Z")
    return column


def _columns(dialect: str) -> tuple[Any, ...]:
    return (
        AuditEvent.seq,
        _stamp_column(dialect),
        AuditEvent.actor_id,
        AuditEvent.action,
        AuditEvent.entity_type,
        AuditEvent.entity_id,
        AuditEvent.organization_id,
        AuditEvent.changes,
        AuditEvent.prev_hash,
        AuditEvent.hash,
    )


EventColumns = tuple[int, str | datetime, int | None, str, str, str, int | None, str, str, str]


@contextmanager
def iter_events(
    connection: Connection,
    batch: int = VERIFY_BATCH,
    *,
    after: int | None = None,
    through: int | None = None,
) -> Iterator[Iterator[EventColumns]]:
    """Every event's columns in ``seq`` order, streamed ``batch`` rows at a time.

    ``after`` and ``through`` bound ``seq`` (``after < seq <= through``; None: unbounded).
    A context manager, so the cursor is closed even when the caller stops early.
    Columns: seq, occurred_at, actor_id, action, entity_type, entity_id, organization_id,
    changes, prev_hash, hash.

    The rows come as the driver's plain tuples: on PostgreSQL (psycopg) a streamed query,
    so the server keeps producing rows while this process checks the ones it has (a
    server-side cursor would make each wait for the other, batch by batch); on SQLite the
    driver's own cursor. Either way no whole chain is held in memory.
    """
    stmt = select(*_columns(connection.dialect.name))
    if after is not None:
        stmt = stmt.where(AuditEvent.seq > after)
    if through is not None:
        stmt = stmt.where(AuditEvent.seq <= through)
    stmt = stmt.order_by(AuditEvent.seq)
    driver = connection.dialect.driver
    if driver not in ("psycopg", "pysqlite"):
        result = connection.execution_options(yield_per=batch).execute(stmt)
        try:
            yield iter(result)
        finally:
            result.close()
        return
    sql = str(stmt.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        if driver == "psycopg":
            rows = cursor.stream(sql, size=batch if _chunked_streams() else 1)
            try:
                yield rows
            finally:
                # Read what is left rather than let psycopg cancel the query, which would
                # abort the caller's transaction on PostgreSQL.
                for _ in rows:
                    pass
        else:
            cursor.arraysize = batch
            yield cursor.execute(sql)
    finally:
        cursor.close()


@functools.cache
def _chunked_streams() -> bool:
    """Whether psycopg's libpq streams rows in chunks (libpq 17 or newer)."""
    from psycopg import pq  # only called with psycopg in use (the postgres extra)

    return pq.version() >= 170000


PARALLEL_FROM = 200_000
"""Chains shorter than this are verified in the calling process (starting workers costs more)."""


def verify(
    connection: Connection,
    batch: int = VERIFY_BATCH,
    *,
    workers: int = 1,
    parallel_from: int = PARALLEL_FROM,
) -> AuditReport:
    """Walk the whole chain and report the first event that breaks it (streams the rows).

    ``workers``: how many processes check the chain, each a contiguous range of ``seq``
    over its own connection, when the chain spans at least ``parallel_from`` sequence
    numbers and other processes can open the database; otherwise this process walks it
    alone. Every event's own check (its hash over its content and ``prev_hash``) needs
    nothing but the row, so the ranges are independent; the links between ranges are
    checked here, and the report is the one a single walk would give, whatever the
    number of workers. One walk is the default: it streams 1 million events in 2-4 s, and
    on two cores the worker processes (each importing the package, each with a database
    connection and its server process) cost more than they save (see the README). The
    workers are started with ``spawn``, so a script that asks for them needs the usual
    ``if __name__ == "__main__":`` guard.
    """
    url = _shareable_url(connection)
    ranges: list[tuple[int | None, int | None]] = [(None, None)]
    if workers > 1 and url is not None:
        ranges = _ranges(connection, workers, parallel_from)
    if len(ranges) == 1:
        with iter_events(connection, batch) as events:
            parts = [_walk_range(events)]
    else:
        assert url is not None
        with ProcessPoolExecutor(len(ranges), mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(_verify_range, url, lo, hi, batch) for lo, hi in ranges]
            parts = [future.result() for future in futures]
    broken, count, last_hash = _join(parts)
    if broken is not None:
        return broken
    return _check_head(connection, count, last_hash)


def _shareable_url(connection: Connection) -> str | None:
    """The URL other processes can open the same database with (None: in-memory SQLite)."""
    url = connection.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


def _ranges(
    connection: Connection, workers: int, parallel_from: int
) -> list[tuple[int | None, int | None]]:
    """``workers`` contiguous ``seq`` ranges covering every event (ends unbounded)."""
    low, high = connection.execute(select(func.min(AuditEvent.seq), func.max(AuditEvent.seq))).one()
    if low is None or high - low + 1 < max(parallel_from, workers):
        return [(None, None)]
    step = (high - low + 1) // workers
    cuts = [low - 1 + step * k for k in range(1, workers)]
    return list(zip([None, *cuts], [*cuts, None], strict=True))


@dataclass(frozen=True, slots=True)
class _Range:
    """What one walk over a ``seq`` range found; the links into it are checked by :func:`_join`.

    ``broken`` is the first break *inside* the range, its ``events`` counted from the range's
    start (the first event's ``seq`` and ``prev_hash`` are taken as they are).
    """

    events: int
    first_seq: int = 0
    first_prev: str = ""
    last_hash: str = ""
    broken: AuditReport | None = None


def _verify_range(url: str, after: int | None, through: int | None, batch: int) -> _Range:
    """One worker process: walk the events ``after < seq <= through`` over its own connection."""
    engine = create_engine_for(url, poolclass=NullPool)
    try:
        with (
            engine.connect() as connection,
            iter_events(connection, batch, after=after, through=through) as events,
        ):
            return _walk_range(events)
    finally:
        engine.dispose()


def _walk_range(events: Iterator[EventColumns]) -> _Range:
    first = next(events, None)
    if first is None:
        return _Range(0)
    broken, count, last_hash = _walk(itertools.chain((first,), events), first[0], first[8])
    return _Range(count, first[0], first[8], last_hash, broken)


def _join(parts: Sequence[_Range]) -> tuple[AuditReport | None, int, str]:
    """Link the ranges in order, as one walk would: (the first break or None, events, last hash)."""
    expected, prev, count = 1, GENESIS_HASH, 0
    for part in parts:
        if not part.events:
            continue
        linked = _link(count + 1, expected, part.first_seq, part.first_prev, prev)
        if linked is not None:
            return linked, count + 1, prev
        if part.broken is not None:
            events = count + part.broken.events
            return (
                AuditReport(False, events, part.broken.first_bad_event, part.broken.reason),
                events,
                prev,
            )
        count += part.events
        expected, prev = part.first_seq + part.events, part.last_hash
    return None, count, prev


def _link(count: int, expected: int, seq: int, prev_hash: str, prev: str) -> AuditReport | None:
    """The report for an event that is not where it should be, or does not follow ``prev``."""
    if seq != expected:
        if seq > expected:
            reason = f"event {expected} is missing (the chain jumps to event {seq})"
            return AuditReport(False, count, expected, reason)
        reason = f"event {seq} appears out of order after event {expected - 1}"
        return AuditReport(False, count, seq, reason)
    if prev_hash != prev:
        reason = (
            f"event {seq} does not follow event {seq - 1} (prev_hash differs): "
            "an event before it was edited, removed or moved"
        )
        return AuditReport(False, count, seq, reason)
    return None


def _walk(
    events: Iterator[EventColumns], expected: int, prev: str
) -> tuple[AuditReport | None, int, str]:
    """Check every link from (``expected``, ``prev``) on: (the first break or None, events
    read, last hash)."""
    count = 0
    sha256 = hashlib.sha256
    text = _text
    for (
        seq,
        occurred_at,
        actor_id,
        action,
        entity_type,
        entity_id,
        organization_id,
        changes,
        prev_hash,
        digest,
    ) in events:
        count += 1
        if seq != expected or prev_hash != prev:
            return _link(count, expected, seq, prev_hash, prev), count, prev
        stamp = occurred_at if isinstance(occurred_at, str) else format_timestamp(occurred_at)
        # canonical_event, inlined (the drivers return the integer columns as int)
        canonical = (
            f'{prev}{{"action":{text(action)},'
            f'"actor_id":{"null" if actor_id is None else actor_id},'
            f'"changes":{changes},'
            f'"entity_id":{text(entity_id)},'
            f'"entity_type":{text(entity_type)},'
            f'"occurred_at":{text(stamp)},'
            f'"organization_id":{"null" if organization_id is None else organization_id},'
            f'"seq":{seq}}}'
        )
        if sha256(canonical.encode()).hexdigest() != digest:
            reason = f"event {seq} was changed after it was written (hash differs)"
            return AuditReport(False, count, seq, reason), count, prev
        prev = digest
        expected += 1
    return None, count, prev


def _check_head(connection: Connection, count: int, last_hash: str) -> AuditReport:
    """The chain must end where the head says: a deleted tail leaves no other trace."""
    head = connection.execute(
        select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)
    ).first()
    if head is None:
        return AuditReport(False, count, None, "the audit chain head is missing")
    if head.seq > count:
        reason = f"events {count + 1}..{head.seq} are missing from the end of the chain"
        return AuditReport(False, count, count + 1, reason)
    if head.seq < count:
        reason = f"events after {head.seq} were added outside the chain"
        return AuditReport(False, count, head.seq + 1, reason)
    if head.hash != last_hash:
        return AuditReport(False, count, count or None, "the last event differs from the head")
    return AuditReport(True, count)
