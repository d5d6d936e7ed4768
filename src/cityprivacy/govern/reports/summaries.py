"""Summaries of exigent and unlawful disclosures for the Mayor and the Council Speaker.

::

    with office.unit(actor) as o:
        summary = build_summaries(o, date(2026, 1, 1), date(2026, 6, 30))
    render_summaries(summary, "csv")

The law's period for these summaries is not confirmed, so the caller gives it (dates
inclusive, in UTC). *Exigent* disclosures are those recorded after the fact (classification
``exigent``) and made in the period; *unlawful* ones are incidents of kind
``unauthorized_disclosure`` discovered in the period, with the security breaches linked to
them noted.

A summary goes beyond the office, so it holds **counts only**: by agency (contractors count
under their agency), by recipient type, by type of identifying information, and by whether
each report was made on time (exigent: the reports to the APO and to the CPO, against the
reporting-window settings; unlawful: whether the CPO was notified). It names no person, no
recipient, no record id, and none of the free text (facts, purposes, incident summaries).

The CPO, auditors and administrators summarize the whole city; an APO gets the same
summary limited to their own organization and those under it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from cityprivacy.errors import InputError
from cityprivacy.govern.office import OfficeUnit
from cityprivacy.govern.roles import require_role
from cityprivacy.govern.scope import scoped
from cityprivacy.store.enums import (
    Classification,
    IncidentKind,
    IncidentStatus,
    NotificationParty,
    NotificationStatus,
    Role,
)
from cityprivacy.store.models import Disclosure, Incident, IncidentNotification, Organization

__all__ = [
    "SUMMARY_FORMATS",
    "SUMMARY_READERS",
    "DisclosureSummaries",
    "ExigentCount",
    "UnlawfulCount",
    "build_summaries",
    "render_summaries",
]

SUMMARY_READERS = frozenset({Role.APO, Role.CPO, Role.AUDITOR, Role.ADMIN})
"""Roles that may build the summaries (APOs for their own organization only)."""

ExigentGroup = Literal["all", "agency", "recipient_type", "type"]
UnlawfulGroup = Literal["all", "agency", "type"]
_STATES = ("on_time", "late", "overdue", "pending")


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ExigentCount(_Row):
    """Exigent disclosures of one group, and where their two reports stand."""

    group_by: ExigentGroup
    group: str
    disclosures: int
    records_disclosed: int
    apo_on_time: int
    apo_late: int
    apo_overdue: int
    apo_pending: int
    cpo_on_time: int
    cpo_late: int
    cpo_overdue: int
    cpo_pending: int


class UnlawfulCount(_Row):
    """Unauthorized disclosures of one group: how many, how large, and whether the CPO knows."""

    group_by: UnlawfulGroup
    group: str
    incidents: int
    linked_to_breach: int
    people_affected: int
    ny_residents_affected: int
    cpo_notified: int
    cpo_not_yet_notified: int
    closed: int


class DisclosureSummaries(_Row):
    """The two summaries for one period; ``scope`` is ``citywide`` or the APO's organization."""

    period_from: date
    period_to: date
    generated_at: datetime
    scope: str
    exigent_report_to_apo_hours: int
    exigent_report_to_cpo_hours: int
    exigent: list[ExigentCount]
    unlawful: list[UnlawfulCount]


def _bounds(period_from: date, period_to: date) -> tuple[datetime, datetime]:
    if period_to < period_from:
        raise InputError("to: the period ends before it starts")
    start = datetime.combine(period_from, time.min, tzinfo=UTC)
    return start, datetime.combine(period_to + timedelta(days=1), time.min, tzinfo=UTC)


def _agency_of(path: str) -> str:
    """The agency at the top of an organization path (``/DSS/ACME/`` is DSS's)."""
    return path.strip("/").split("/")[0]


def _exigent_rows(
    unit: OfficeUnit, start: datetime, end: datetime, agencies: dict[int, str]
) -> list[ExigentCount]:
    ctx = unit.context
    stmt = scoped(
        select(Disclosure).where(
            Disclosure.classification == Classification.EXIGENT,
            Disclosure.disclosed_at >= start,
            Disclosure.disclosed_at < end,
        ),
        ctx.actor,
        Disclosure.organization_id,
    )
    counts: dict[tuple[ExigentGroup, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for disclosure in ctx.session.scalars(stmt):
        status = unit.exigent.status_of(disclosure)
        groups: list[tuple[ExigentGroup, str]] = [
            ("all", "all"),
            ("agency", agencies[disclosure.organization_id]),
            ("recipient_type", disclosure.recipient_type.value),
            *(("type", key) for key in disclosure.types),
        ]
        for group in groups:
            row = counts[group]
            row["disclosures"] += 1
            row["records_disclosed"] += disclosure.records_disclosed or 0
            row[f"apo_{status.apo_state}"] += 1
            row[f"cpo_{status.cpo_state}"] += 1
    counts.setdefault(("all", "all"), defaultdict(int))
    measures = [f"{who}_{state}" for who in ("apo", "cpo") for state in _STATES]
    return [
        ExigentCount(
            group_by=group_by,
            group=group,
            disclosures=row["disclosures"],
            records_disclosed=row["records_disclosed"],
            **{m: row[m] for m in measures},
        )
        for (group_by, group), row in sorted(counts.items(), key=_order)
    ]


def _linked_to_breach(unit: OfficeUnit, incidents: list[Incident]) -> set[int]:
    """Ids of ``incidents`` linked (either way) to a security breach."""
    ids = [i.id for i in incidents]
    linked = {i.linked_incident_id for i in incidents if i.linked_incident_id is not None}
    breaches = unit.context.session.execute(
        select(Incident.id, Incident.linked_incident_id).where(
            Incident.kind == IncidentKind.SECURITY_BREACH,
            (Incident.id.in_(linked)) | (Incident.linked_incident_id.in_(ids)),
        )
    ).all()
    breach_ids = {b.id for b in breaches}
    pointed_at = {b.linked_incident_id for b in breaches}
    return {i.id for i in incidents if i.linked_incident_id in breach_ids or i.id in pointed_at}


def _unlawful_rows(
    unit: OfficeUnit, start: datetime, end: datetime, agencies: dict[int, str]
) -> list[UnlawfulCount]:
    ctx = unit.context
    stmt = scoped(
        select(Incident).where(
            Incident.kind == IncidentKind.UNAUTHORIZED_DISCLOSURE,
            Incident.discovered_at >= start,
            Incident.discovered_at < end,
        ),
        ctx.actor,
        Incident.organization_id,
    )
    incidents = list(ctx.session.scalars(stmt.order_by(Incident.id)))
    linked = _linked_to_breach(unit, incidents)
    notified = set(
        ctx.session.scalars(
            select(IncidentNotification.incident_id).where(
                IncidentNotification.incident_id.in_([i.id for i in incidents]),
                IncidentNotification.party == NotificationParty.CPO,
                IncidentNotification.status == NotificationStatus.DONE,
            )
        )
    )
    counts: dict[tuple[UnlawfulGroup, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for incident in incidents:
        groups: list[tuple[UnlawfulGroup, str]] = [
            ("all", "all"),
            ("agency", agencies[incident.organization_id]),
            *(("type", key) for key in incident.types),
        ]
        for group in groups:
            row = counts[group]
            row["incidents"] += 1
            row["linked_to_breach"] += incident.id in linked
            row["people_affected"] += incident.people_affected or 0
            row["ny_residents_affected"] += incident.ny_residents_affected or 0
            row["cpo_notified" if incident.id in notified else "cpo_not_yet_notified"] += 1
            row["closed"] += incident.status is IncidentStatus.CLOSED
    counts.setdefault(("all", "all"), defaultdict(int))
    return [
        UnlawfulCount(group_by=group_by, group=group, **{m: row[m] for m in _UNLAWFUL_MEASURES})
        for (group_by, group), row in sorted(counts.items(), key=_order)
    ]


_UNLAWFUL_MEASURES = [
    name for name in UnlawfulCount.model_fields if name not in ("group_by", "group")
]
_GROUP_ORDER = {"all": 0, "agency": 1, "recipient_type": 2, "type": 3}


def _order(item: tuple[tuple[str, str], object]) -> tuple[int, str]:
    (group_by, group), _ = item
    return _GROUP_ORDER[group_by], group


def build_summaries(unit: OfficeUnit, period_from: date, period_to: date) -> DisclosureSummaries:
    """The summaries of exigent and unlawful disclosures from ``period_from`` to
    ``period_to`` (inclusive) that the actor may see."""
    ctx = unit.context
    require_role(
        ctx.actor, SUMMARY_READERS, "build the summaries of exigent and unlawful disclosures"
    )
    start, end = _bounds(period_from, period_to)
    agencies = {
        row.id: _agency_of(row.path)
        for row in ctx.session.execute(select(Organization.id, Organization.path))
    }
    scope = "citywide"
    if not ctx.actor.reads_everything:
        scope = (ctx.actor.organization_path or "").strip("/").split("/")[-1] or "none"
    settings = ctx.tools.settings
    return DisclosureSummaries(
        period_from=period_from,
        period_to=period_to,
        generated_at=ctx.now(),
        scope=scope,
        exigent_report_to_apo_hours=settings.exigent_report_to_apo_hours,
        exigent_report_to_cpo_hours=settings.exigent_report_to_cpo_hours,
        exigent=_exigent_rows(unit, start, end, agencies),
        unlawful=_unlawful_rows(unit, start, end, agencies),
    )


# --- rendering -----------------------------------------------------------------------------


def _long_rows(summary: DisclosureSummaries) -> Iterable[tuple[str, str, str, str, str]]:
    for key, value in summary.model_dump(mode="json", exclude={"exigent", "unlawful"}).items():
        yield "summary", "", "", key, str(value)
    rows: list[ExigentCount | UnlawfulCount] = [*summary.exigent, *summary.unlawful]
    for row in rows:
        section = "exigent" if isinstance(row, ExigentCount) else "unlawful"
        for measure, value in row.model_dump(exclude={"group_by", "group"}).items():
            yield section, row.group_by, row.group, measure, str(value)


def _csv(summary: DisclosureSummaries) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "group_by", "group", "measure", "value"])
    writer.writerows(_long_rows(summary))
    return out.getvalue().encode("utf-8")


def _json(summary: DisclosureSummaries) -> bytes:
    return summary.model_dump_json(indent=2).encode("utf-8")


SUMMARY_FORMATS = {"json": ("application/json", _json), "csv": ("text/csv; charset=utf-8", _csv)}
"""Each format's media type and renderer. CSV is one long table:
``section,group_by,group,measure,value`` (the summary's own fields come first)."""


def render_summaries(summary: DisclosureSummaries, fmt: str) -> bytes:
    """``summary`` as ``json`` or ``csv``."""
    if fmt not in SUMMARY_FORMATS:
        raise InputError(f"format: one of {', '.join(SUMMARY_FORMATS)}")
    return SUMMARY_FORMATS[fmt][1](summary)
