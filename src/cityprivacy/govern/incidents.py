"""Incidents and their notification duties.

An unauthorized disclosure under the Identifying Information Law and a security breach are
separate compliance events; both are recorded and may be linked. The duties follow the
breach law (Admin Code §§ 10-501/10-502) as DOMAIN.md states them:

- every incident is reported to the CPO, except a breach of data the agency only
  maintains, which it reports to the data's owner;
- a security breach of data the agency owns or licenses goes to the Office of Cyber Command
  and OTI; when "private information" (the taxonomy's breach flag) was exposed, the
  affected people are told too, and when 5,000 or more New York residents are notified,
  the consumer reporting agencies as well;
- a law-enforcement delay holds the individuals' notification (``delayed``) until lifted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select

from cityprivacy.errors import InputError, WorkflowError
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import OFFICE_WRITERS, require_office_writer
from cityprivacy.govern.scope import get_visible, organization_by_code, scoped
from cityprivacy.store.enums import (
    IncidentKind,
    IncidentStatus,
    NotificationParty,
    NotificationStatus,
)
from cityprivacy.store.models import Incident, IncidentNotification, IncidentSystem, System

__all__ = ["CONSUMER_REPORTING_THRESHOLD", "Incidents", "notification_duties"]

CONSUMER_REPORTING_THRESHOLD = 5_000
"""New York residents notified from which the consumer reporting agencies are told too."""


def notification_duties(incident: Incident) -> dict[NotificationParty, NotificationStatus]:
    """The parties to notify for ``incident`` and the status each duty starts in."""
    duties: dict[NotificationParty, NotificationStatus] = {}
    pending = NotificationStatus.PENDING
    if incident.kind is IncidentKind.UNAUTHORIZED_DISCLOSURE or incident.data_owned:
        duties[NotificationParty.CPO] = pending
    if incident.kind is IncidentKind.SECURITY_BREACH:
        if not incident.data_owned:
            duties[NotificationParty.DATA_OWNER] = pending
        else:
            duties[NotificationParty.CYBER_COMMAND] = pending
            duties[NotificationParty.OTI] = pending
            if incident.private_information:
                duties[NotificationParty.INDIVIDUALS] = (
                    NotificationStatus.DELAYED if incident.law_enforcement_delay else pending
                )
                if (incident.ny_residents_affected or 0) >= CONSUMER_REPORTING_THRESHOLD:
                    duties[NotificationParty.CONSUMER_REPORTING_AGENCIES] = pending
    return duties


class Incidents:
    """Record incidents, their notifications and law-enforcement delays."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def create(
        self,
        *,
        organization_code: str,
        kind: IncidentKind,
        discovered_at: datetime,
        categories: Sequence[str],
        summary: str = "",
        system_ids: Sequence[int] = (),
        people_affected: int | None = None,
        ny_residents_affected: int | None = None,
        data_owned: bool = True,
        linked_incident_id: int | None = None,
        law_enforcement_delay: bool = False,
        law_enforcement_delay_until: date | None = None,
    ) -> Incident:
        ctx = self._ctx
        organization = organization_by_code(ctx.session, ctx.actor, organization_code)
        require_office_writer(ctx.actor, organization.id, "record incidents", OFFICE_WRITERS)
        if discovered_at.tzinfo is None or discovered_at > ctx.now():
            raise InputError("discovered_at: give a past time with a timezone")
        for field, count in (
            ("people_affected", people_affected),
            ("ny_residents_affected", ny_residents_affected),
        ):
            if count is not None and count < 0:
                raise InputError(f"{field}: must not be negative")
        if people_affected is not None and (ny_residents_affected or 0) > people_affected:
            raise InputError("ny_residents_affected: more than the people affected")
        types = ctx.taxonomy_types(categories)
        linked = None
        if linked_incident_id is not None:
            linked = self.get(linked_incident_id)
        incident = Incident(
            organization_id=organization.id,
            kind=kind,
            linked_incident_id=linked_incident_id,
            summary=summary,
            discovered_at=discovered_at,
            types=types,
            taxonomy_version=ctx.taxonomy_version,
            private_information=any(
                ctx.tools.taxonomy.get(key).breach_private_information for key in types
            ),
            data_owned=data_owned,
            people_affected=people_affected,
            ny_residents_affected=ny_residents_affected,
            law_enforcement_delay=law_enforcement_delay,
            law_enforcement_delay_until=law_enforcement_delay_until,
            created_by=ctx.actor.user_id,
        )
        ctx.session.add(incident)
        ctx.flush("incident")
        for system_id in sorted(set(system_ids)):
            get_visible(ctx.session, ctx.actor, System, system_id, label="system")
            ctx.session.add(IncidentSystem(incident_id=incident.id, system_id=system_id))
        if linked is not None and linked.linked_incident_id is None:
            linked.linked_incident_id = incident.id
        duties = notification_duties(incident)
        ctx.session.add_all(
            IncidentNotification(incident_id=incident.id, party=party, status=status)
            for party, status in duties.items()
        )
        ctx.flush("incident")
        ctx.audit(
            "incident.create",
            "incident",
            incident.id,
            organization.id,
            {
                "kind": kind.value,
                "types": types,
                "taxonomy_version": incident.taxonomy_version,
                "private_information": incident.private_information,
                "data_owned": data_owned,
                "people_affected": people_affected,
                "ny_residents_affected": ny_residents_affected,
                "law_enforcement_delay": law_enforcement_delay,
                "linked_incident_id": linked_incident_id,
                "duties": sorted(p.value for p in duties),
                "fields": ["summary"],
            },
        )
        return incident

    def get(self, incident_id: int) -> Incident:
        ctx = self._ctx
        return get_visible(ctx.session, ctx.actor, Incident, incident_id, label="incident")

    def list(self, *, open_only: bool = False) -> Sequence[Incident]:
        ctx = self._ctx
        stmt = scoped(select(Incident), ctx.actor, Incident.organization_id)
        if open_only:
            stmt = stmt.where(Incident.status == IncidentStatus.OPEN)
        return ctx.session.scalars(stmt.order_by(Incident.id)).all()

    def notifications(self, incident_id: int) -> Sequence[IncidentNotification]:
        incident = self.get(incident_id)
        return self._ctx.session.scalars(
            select(IncidentNotification)
            .where(IncidentNotification.incident_id == incident.id)
            .order_by(IncidentNotification.id)
        ).all()

    def _duty(self, incident: Incident, party: NotificationParty) -> IncidentNotification | None:
        return self._ctx.session.scalars(
            select(IncidentNotification).where(
                IncidentNotification.incident_id == incident.id,
                IncidentNotification.party == party,
            )
        ).one_or_none()

    def record_notification(
        self,
        incident_id: int,
        party: NotificationParty,
        *,
        notified_at: datetime,
        count_notified: int | None = None,
        note: str = "",
    ) -> IncidentNotification:
        """A duty done; notifying 5,000+ residents adds the consumer reporting agencies."""
        ctx = self._ctx
        incident = self.get(incident_id)
        require_office_writer(ctx.actor, incident.organization_id, "record notifications")
        duty = self._duty(incident, party)
        if duty is None:
            raise WorkflowError(f"incident {incident_id} has no duty to notify {party.value}")
        if duty.status is NotificationStatus.DONE:
            raise WorkflowError(f"incident {incident_id}: {party.value} was already notified")
        if duty.status is NotificationStatus.DELAYED:
            raise WorkflowError(
                f"incident {incident_id}: notifying {party.value} is delayed at the request of "
                "law enforcement; lift the delay first"
            )
        if notified_at.tzinfo is None or notified_at > ctx.now():
            raise InputError("notified_at: give a past time with a timezone")
        if count_notified is not None and count_notified < 0:
            raise InputError("count_notified: must not be negative")
        duty.status = NotificationStatus.DONE
        duty.notified_at = notified_at
        duty.count_notified = count_notified
        duty.note = note
        added = None
        if (
            party is NotificationParty.INDIVIDUALS
            and (count_notified or 0) >= CONSUMER_REPORTING_THRESHOLD
            and self._duty(incident, NotificationParty.CONSUMER_REPORTING_AGENCIES) is None
        ):
            added = NotificationParty.CONSUMER_REPORTING_AGENCIES
            ctx.session.add(
                IncidentNotification(
                    incident_id=incident.id, party=added, status=NotificationStatus.PENDING
                )
            )
        ctx.flush(f"incident {incident_id}")
        ctx.audit(
            "incident.notify",
            "incident",
            incident.id,
            incident.organization_id,
            {
                "party": party.value,
                "count_notified": count_notified,
                "duty_added": added.value if added else None,
            },
        )
        return duty

    def lift_delay(self, incident_id: int) -> Incident:
        """Law enforcement no longer asks to wait: the individuals' notification is due."""
        ctx = self._ctx
        incident = self.get(incident_id)
        require_office_writer(ctx.actor, incident.organization_id, "lift delays")
        if not incident.law_enforcement_delay:
            raise WorkflowError(f"incident {incident_id} has no law-enforcement delay")
        incident.law_enforcement_delay = False
        duty = self._duty(incident, NotificationParty.INDIVIDUALS)
        if duty is not None and duty.status is NotificationStatus.DELAYED:
            duty.status = NotificationStatus.PENDING
        ctx.flush(f"incident {incident_id}")
        ctx.audit(
            "incident.lift_delay",
            "incident",
            incident.id,
            incident.organization_id,
            {"law_enforcement_delay": False},
        )
        return incident

    def close(self, incident_id: int) -> Incident:
        """Close an incident once no duty is pending or delayed."""
        ctx = self._ctx
        incident = self.get(incident_id)
        require_office_writer(ctx.actor, incident.organization_id, "close incidents")
        open_duties = [
            n.party.value
            for n in self.notifications(incident_id)
            if n.status in (NotificationStatus.PENDING, NotificationStatus.DELAYED)
        ]
        if open_duties:
            raise WorkflowError(
                f"incident {incident_id} still has notifications to make: {', '.join(open_duties)}"
            )
        incident.status = IncidentStatus.CLOSED
        ctx.flush(f"incident {incident_id}")
        ctx.audit("incident.close", "incident", incident.id, incident.organization_id,
                  {"status": "closed"})  # fmt: skip
        return incident
