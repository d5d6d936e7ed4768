"""The authorization matrix: every route × every role × own and other agency.

The routes come from the app's route table; the expected outcome of each is one row of
:data:`RULES`, and how to call it one entry of :data:`CALLS`. A route added without both
fails :func:`test_every_route_has_a_rule` and its own matrix test.

Outcomes: no token → 401 (except the public routes); a role that may never use the route
→ 403, whatever the record; staff and APOs acting on another agency's record → 404, as
if it did not exist; otherwise the route's success status, on a record made fresh in the
state the step needs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from _web_fixtures import (
    TestClient,
    disclosure_body,
    office_for_module,
    pg_template,
    route_table,
    sqlite_template,
)

from cityprivacy.config import Settings
from cityprivacy.govern import (
    Actor,
    DisclosureMade,
    IncidentKind,
    NewDisclosure,
    NotificationParty,
    Office,
    RecipientType,
)
from cityprivacy.govern.reports import ReportingPeriod
from cityprivacy.web import create_app

__all__ = ["pg_template", "sqlite_template"]

ROLES = ("staff", "apo", "cpo", "auditor", "admin", "anonymous")
AGENCIES = {"own": "DSS", "other": "HRA"}
EVERYONE = frozenset({"staff", "apo", "cpo", "auditor", "admin"})
WRITERS = frozenset({"staff", "apo", "cpo"})
REVIEWERS = frozenset({"apo", "cpo"})


@dataclass(frozen=True)
class Rule:
    """Who may call a route and what success answers; ``scoped``: staff and APOs get 404
    for another agency's record."""

    ok: int
    roles: frozenset[str] = frozenset()
    scoped: bool = False
    public: bool = False

    def expected(self, role: str, agency: str) -> int:
        if self.public:
            return self.ok
        if role == "anonymous":
            return 401
        if role not in self.roles:
            return 403
        if self.scoped and agency == "other" and role in ("staff", "apo"):
            return 404
        return self.ok


def rule(ok: int, roles: frozenset[str], scoped: bool = False) -> Rule:
    return Rule(ok, roles, scoped)


V1 = "/api/v1"
D = f"{V1}/disclosures/{{disclosure_id}}"
RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/healthz"): Rule(200, public=True),
    ("GET", "/readyz"): Rule(200, public=True),
    ("GET", f"{V1}/openapi.json"): Rule(200, public=True),
    ("GET", f"{V1}/docs"): Rule(200, public=True),
    ("POST", f"{V1}/agencies"): rule(201, frozenset({"admin", "cpo"})),
    ("GET", f"{V1}/agencies"): rule(200, EVERYONE),
    ("GET", f"{V1}/agencies/{{code}}"): rule(200, EVERYONE, scoped=True),
    ("POST", f"{V1}/users"): rule(201, frozenset({"admin"})),
    ("GET", f"{V1}/users"): rule(200, EVERYONE),
    ("POST", f"{V1}/users/{{user_id}}/tokens"): rule(201, frozenset({"admin"})),
    ("DELETE", f"{V1}/users/{{user_id}}/tokens"): rule(200, frozenset({"admin"})),
    ("GET", f"{V1}/taxonomy"): rule(200, EVERYONE),
    ("POST", f"{V1}/systems"): rule(201, WRITERS, scoped=True),
    ("GET", f"{V1}/systems"): rule(200, EVERYONE),
    ("POST", f"{V1}/datasets"): rule(201, WRITERS, scoped=True),
    ("GET", f"{V1}/datasets"): rule(200, EVERYONE),
    ("POST", f"{V1}/fields"): rule(201, WRITERS, scoped=True),
    ("GET", f"{V1}/fields"): rule(200, EVERYONE),
    ("POST", f"{V1}/retention-schedules"): rule(201, REVIEWERS, scoped=True),
    ("GET", f"{V1}/retention-schedules"): rule(200, EVERYONE),
    ("POST", f"{V1}/disposal-requests"): rule(201, WRITERS, scoped=True),
    ("GET", f"{V1}/disposal-requests"): rule(200, EVERYONE),
    ("GET", f"{V1}/disposal-requests/{{request_id}}"): rule(200, EVERYONE, scoped=True),
    ("POST", f"{V1}/disposal-requests/{{request_id}}/approve"): rule(200, REVIEWERS, scoped=True),
    ("POST", f"{V1}/disposal-requests/{{request_id}}/reject"): rule(200, REVIEWERS, scoped=True),
    ("POST", f"{V1}/disposal-requests/{{request_id}}/dispose"): rule(200, REVIEWERS, scoped=True),
    ("POST", f"{V1}/legal-holds"): rule(201, REVIEWERS, scoped=True),
    ("GET", f"{V1}/legal-holds"): rule(200, EVERYONE),
    ("POST", f"{V1}/legal-holds/{{hold_id}}/release"): rule(200, REVIEWERS, scoped=True),
    ("POST", f"{V1}/public-input"): Rule(201, public=True),
    ("GET", f"{V1}/public-input/published"): Rule(200, public=True),
    ("GET", f"{V1}/public-input/pending"): rule(200, frozenset({"cpo", "auditor"})),
    ("POST", f"{V1}/public-input/{{input_id}}/moderate"): rule(200, frozenset({"cpo"})),
    ("POST", f"{V1}/public-input/{{input_id}}/answer"): rule(200, frozenset({"cpo"})),
    ("POST", f"{V1}/designations"): rule(201, REVIEWERS, scoped=True),
    ("GET", f"{V1}/designations"): rule(200, EVERYONE),
    ("GET", f"{V1}/designations/{{designation_id}}"): rule(200, EVERYONE, scoped=True),
    ("POST", f"{V1}/designations/{{designation_id}}/revoke"): rule(200, REVIEWERS, scoped=True),
    ("POST", f"{V1}/agreements"): rule(201, REVIEWERS, scoped=True),
    ("GET", f"{V1}/agreements"): rule(200, EVERYONE),
    ("GET", f"{V1}/agreements/{{agreement_id}}"): rule(200, EVERYONE, scoped=True),
    ("POST", f"{V1}/agreements/{{agreement_id}}/status"): rule(200, REVIEWERS, scoped=True),
    ("PATCH", f"{V1}/agreements/{{agreement_id}}"): rule(200, REVIEWERS, scoped=True),
    ("POST", f"{V1}/rules"): rule(201, frozenset({"cpo"})),
    ("GET", f"{V1}/rules"): rule(200, EVERYONE),
    ("POST", f"{V1}/rules/{{code}}/activate"): rule(200, frozenset({"cpo"})),
    ("POST", f"{V1}/rules/{{code}}/deactivate"): rule(200, frozenset({"cpo"})),
    ("POST", f"{V1}/disclosures"): rule(201, WRITERS, scoped=True),
    ("GET", f"{V1}/disclosures"): rule(200, EVERYONE, scoped=True),
    ("GET", D): rule(200, EVERYONE, scoped=True),
    ("POST", f"{D}/submit"): rule(200, WRITERS, scoped=True),
    ("POST", f"{D}/approve"): rule(200, REVIEWERS, scoped=True),
    ("POST", f"{D}/deny"): rule(200, REVIEWERS, scoped=True),
    ("POST", f"{D}/escalate"): rule(200, frozenset({"apo"}), scoped=True),
    ("POST", f"{D}/disclose"): rule(200, WRITERS, scoped=True),
    ("POST", f"{D}/agreement"): rule(200, REVIEWERS, scoped=True),
    ("POST", f"{D}/attachments"): rule(201, WRITERS, scoped=True),
    ("GET", f"{D}/attachments"): rule(200, EVERYONE, scoped=True),
    ("POST", f"{V1}/exigent"): rule(201, WRITERS, scoped=True),
    ("GET", f"{V1}/exigent"): rule(200, EVERYONE),
    ("POST", f"{V1}/exigent/{{disclosure_id}}/reports"): rule(200, WRITERS, scoped=True),
    ("GET", f"{V1}/accounting"): rule(200, frozenset({"apo", "cpo", "auditor"})),
    ("POST", f"{V1}/incidents"): rule(201, WRITERS, scoped=True),
    ("GET", f"{V1}/incidents"): rule(200, EVERYONE),
    ("GET", f"{V1}/incidents/{{incident_id}}"): rule(200, EVERYONE, scoped=True),
    ("POST", f"{V1}/incidents/{{incident_id}}/notifications"): rule(200, WRITERS, scoped=True),
    ("POST", f"{V1}/incidents/{{incident_id}}/lift-delay"): rule(200, WRITERS, scoped=True),
    ("POST", f"{V1}/incidents/{{incident_id}}/close"): rule(200, WRITERS, scoped=True),
    ("GET", f"{V1}/audit/events"): rule(200, frozenset({"apo", "cpo", "auditor", "admin"})),
    ("GET", f"{V1}/audit/verify"): rule(200, frozenset({"cpo", "auditor", "admin"})),
    ("GET", f"{V1}/reports/biennial"): rule(
        200, frozenset({"apo", "cpo", "auditor", "admin"}), scoped=True
    ),
    ("GET", f"{V1}/reports/summaries"): rule(200, frozenset({"apo", "cpo", "auditor", "admin"})),
}


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class World:
    """Two agencies (DSS with contractor ACME; HRA), their people, and standing records."""

    office: Office
    client: TestClient
    tokens: dict[str, str] = field(default_factory=dict)
    people: dict[tuple[str, str], Actor] = field(default_factory=dict)
    static: dict[tuple[str, str], int] = field(default_factory=dict)
    counter: Iterator[int] = field(default_factory=itertools.count)

    def n(self) -> int:
        return next(self.counter)

    def unit(self, role: str, code: str) -> Any:
        return self.office.unit(self.people[(role, code)])

    # --- fresh records, in the state a step needs --------------------------------------

    def user(self, code: str) -> int:
        with self.office.unit(Actor.system()) as o:
            return o.users.create(f"u{self.n()}@{code.lower()}.example", "staff", code).user.id

    def designation(self, code: str) -> int:
        with self.unit("apo", code) as o:
            return o.designations.create(
                categories=["name"],
                purpose="p",
                effective_from=date.today(),
                organization_code=code,
            ).id

    def agreement(self, code: str) -> int:
        with self.unit("apo", code) as o:
            return o.agreements.create(
                organization_code=code,
                title="t",
                recipient_name="r",
                recipient_type=RecipientType.CONTRACTOR,
                categories=["name"],
                purposes="p",
                permitted_uses="u",
                future_use_clause="bound by the law",
            ).id

    def disclosure(self, code: str, state: str = "draft") -> int:
        new = NewDisclosure.model_validate(disclosure_body(agency_code=code))
        with self.unit("staff", code) as o:
            disclosure_id = o.disclosures.create(new).id
            if state != "draft":
                o.disclosures.submit(disclosure_id)
        if state == "approved":
            with self.unit("apo", code) as o:
                o.disclosures.escalate(disclosure_id, "")
            with self.office.unit(self.people[("cpo", "")]) as o:
                o.disclosures.approve(disclosure_id, "")
        return disclosure_id

    def exigent(self, code: str) -> int:
        new = NewDisclosure.model_validate(disclosure_body(agency_code=code, basis="exigent"))
        made = DisclosureMade(
            disclosed_at=_now() - timedelta(hours=2), records_disclosed=1, method="phone"
        )
        with self.unit("staff", code) as o:
            return o.disclosures.record_exigent(new, made, facts="fire").id

    def incident(self, code: str, state: str = "open") -> int:
        kind = (
            IncidentKind.SECURITY_BREACH
            if state == "delayed"
            else IncidentKind.UNAUTHORIZED_DISCLOSURE
        )
        with self.unit("apo", code) as o:
            incident = o.incidents.create(
                organization_code=code,
                kind=kind,
                discovered_at=_now() - timedelta(hours=1),
                categories=["name", "ssn"],
                law_enforcement_delay=state == "delayed",
            )
            if state == "closable":
                o.incidents.record_notification(
                    incident.id, NotificationParty.CPO, notified_at=_now() - timedelta(minutes=1)
                )
            return incident.id

    def standing(self, kind: str, code: str) -> int:
        """A record made once per agency, for reads and for refused calls."""
        key = (kind, code)
        if key not in self.static:
            self.static[key] = getattr(self, kind)(code)
        return self.static[key]

    def system(self, code: str) -> int:
        with self.unit("staff", code) as o:
            return o.inventory.create_system(code, f"system {self.n()}").id

    def dataset(self, code: str) -> int:
        system = self.standing("system", code)
        with self.unit("staff", code) as o:
            return o.inventory.create_dataset(system, f"dataset {self.n()}").id


@dataclass(frozen=True)
class Call:
    url: str
    json: Any = None
    params: dict[str, Any] | None = None


Make = Callable[[World, str, bool], Call]


def _pick(w: World, kind: str, code: str, fresh: bool, *args: str) -> int:
    """A fresh record when the call should succeed, else the agency's standing one."""
    if fresh:
        return int(getattr(w, kind)(code, *args))
    return w.standing(kind, code)


def _ago(**delta: float) -> str:
    return (_now() - timedelta(**delta)).isoformat()


def _kept(w: World, kind: str, code: str, fresh: bool, make: Callable[[], int]) -> int:
    """``make()`` when the call should succeed, else the one made first for ``(kind, code)``."""
    if fresh:
        return make()
    if (kind, code) not in w.static:
        w.static[(kind, code)] = make()
    return w.static[(kind, code)]


def _schedule(w: World, code: str) -> int:
    with w.unit("apo", code) as o:
        return int(
            o.retention.create_schedule(
                organization_code=code,
                schedule_item=f"S-{w.n()}",
                title="Case files",
                period_months=60,
                trigger_event="case closed",
                disposal_method="shred",
            ).id
        )


def _disposal(w: World, code: str, fresh: bool, state: str = "pending") -> int:
    """A disposal request without a dataset (holds in the matrix are on datasets only)."""

    def make() -> int:
        schedule = _kept(w, "schedule", code, False, lambda: _schedule(w, code))
        with w.unit("apo", code) as o:
            request = o.retention.request_disposal(schedule).id
            if state == "approved":
                o.retention.approve_disposal(request, "records_office", "RO-1")
                o.retention.approve_disposal(request, "law_department", "LAW-1")
            return int(request)

    return _kept(w, f"disposal-{state}", code, fresh, make)


def _hold(w: World, code: str, fresh: bool) -> int:
    def make() -> int:
        dataset = w.standing("dataset", code)
        with w.unit("apo", code) as o:
            hold = o.retention.place_hold(
                organization_code=code, matter_ref="M-1", dataset_id=dataset
            )
            return int(hold.id)

    return _kept(w, "hold", code, fresh, make)


def _public_input(w: World, fresh: bool, state: str = "pending") -> int:
    def make() -> int:
        with w.office.unit(Actor.system()) as o:
            entry = o.public_input.submit("other", "Please publish the schedules.").id
        if state == "accepted":
            with w.office.unit(w.people[("cpo", "")]) as o:
                o.public_input.moderate(entry, accept=True)
        return int(entry)

    return _kept(w, f"input-{state}", "", fresh, make)


def _rule_code(w: World) -> str:
    if ("rule", "") not in w.static:
        with w.office.unit(w.people[("cpo", "")]) as o:
            o.rules.create(
                code="matrix-rule",
                description="d",
                categories=["ssn"],
                allowed_bases=[],
                recipient_tags=["media"],
            )
        w.static[("rule", "")] = 0
    return "matrix-rule"


_SHA = "ab" * 32
CALLS: dict[tuple[str, str], Make] = {
    ("GET", "/healthz"): lambda w, c, f: Call("/healthz"),
    ("GET", "/readyz"): lambda w, c, f: Call("/readyz"),
    ("GET", f"{V1}/openapi.json"): lambda w, c, f: Call(f"{V1}/openapi.json"),
    ("GET", f"{V1}/docs"): lambda w, c, f: Call(f"{V1}/docs"),
    ("POST", f"{V1}/agencies"): lambda w, c, f: Call(
        f"{V1}/agencies", {"code": f"N{w.n()}", "name": "New", "parent_code": c}
    ),
    ("GET", f"{V1}/agencies"): lambda w, c, f: Call(f"{V1}/agencies"),
    ("GET", f"{V1}/agencies/{{code}}"): lambda w, c, f: Call(f"{V1}/agencies/{c}"),
    ("POST", f"{V1}/users"): lambda w, c, f: Call(
        f"{V1}/users", {"email": f"n{w.n()}@x.example", "role": "staff", "agency_code": c}
    ),
    ("GET", f"{V1}/users"): lambda w, c, f: Call(f"{V1}/users"),
    ("POST", f"{V1}/users/{{user_id}}/tokens"): lambda w, c, f: Call(
        f"{V1}/users/{_pick(w, 'user', c, f)}/tokens"
    ),
    ("DELETE", f"{V1}/users/{{user_id}}/tokens"): lambda w, c, f: Call(
        f"{V1}/users/{_pick(w, 'user', c, f)}/tokens"
    ),
    ("GET", f"{V1}/taxonomy"): lambda w, c, f: Call(f"{V1}/taxonomy"),
    ("POST", f"{V1}/systems"): lambda w, c, f: Call(
        f"{V1}/systems", {"agency_code": c, "name": "S"}
    ),
    ("GET", f"{V1}/systems"): lambda w, c, f: Call(f"{V1}/systems"),
    ("POST", f"{V1}/datasets"): lambda w, c, f: Call(
        f"{V1}/datasets", {"system_id": w.standing("system", c), "name": "D"}
    ),
    ("GET", f"{V1}/datasets"): lambda w, c, f: Call(f"{V1}/datasets"),
    ("POST", f"{V1}/fields"): lambda w, c, f: Call(
        f"{V1}/fields",
        {
            "dataset_id": w.standing("dataset", c),
            "name": "F",
            "categories": ["name"],
            "collection_basis": "law",
        },
    ),
    ("GET", f"{V1}/fields"): lambda w, c, f: Call(f"{V1}/fields"),
    ("POST", f"{V1}/retention-schedules"): lambda w, c, f: Call(
        f"{V1}/retention-schedules",
        {
            "agency_code": c,
            "schedule_item": "X-1",
            "title": "T",
            "trigger_event": "closed",
            "disposal_method": "shred",
        },
    ),
    ("GET", f"{V1}/retention-schedules"): lambda w, c, f: Call(f"{V1}/retention-schedules"),
    ("POST", f"{V1}/disposal-requests"): lambda w, c, f: Call(
        f"{V1}/disposal-requests",
        {"schedule_id": _kept(w, "schedule", c, False, lambda: _schedule(w, c))},
    ),
    ("GET", f"{V1}/disposal-requests"): lambda w, c, f: Call(f"{V1}/disposal-requests"),
    ("GET", f"{V1}/disposal-requests/{{request_id}}"): lambda w, c, f: Call(
        f"{V1}/disposal-requests/{_disposal(w, c, False)}"
    ),
    ("POST", f"{V1}/disposal-requests/{{request_id}}/approve"): lambda w, c, f: Call(
        f"{V1}/disposal-requests/{_disposal(w, c, f)}/approve",
        {"by": "records_office", "reference": "RO-2"},
    ),
    ("POST", f"{V1}/disposal-requests/{{request_id}}/reject"): lambda w, c, f: Call(
        f"{V1}/disposal-requests/{_disposal(w, c, f)}/reject", {"by": "law_department"}
    ),
    ("POST", f"{V1}/disposal-requests/{{request_id}}/dispose"): lambda w, c, f: Call(
        f"{V1}/disposal-requests/{_disposal(w, c, f, 'approved')}/dispose",
        {"disposed_at": _ago(minutes=5)},
    ),
    ("POST", f"{V1}/legal-holds"): lambda w, c, f: Call(
        f"{V1}/legal-holds",
        {"agency_code": c, "matter_ref": "M-2", "dataset_id": w.standing("dataset", c)},
    ),
    ("GET", f"{V1}/legal-holds"): lambda w, c, f: Call(f"{V1}/legal-holds"),
    ("POST", f"{V1}/legal-holds/{{hold_id}}/release"): lambda w, c, f: Call(
        f"{V1}/legal-holds/{_hold(w, c, f)}/release"
    ),
    ("POST", f"{V1}/public-input"): lambda w, c, f: Call(
        f"{V1}/public-input", {"topic": "rights", "text": "How long do you keep my file?"}
    ),
    ("GET", f"{V1}/public-input/published"): lambda w, c, f: Call(f"{V1}/public-input/published"),
    ("GET", f"{V1}/public-input/pending"): lambda w, c, f: Call(f"{V1}/public-input/pending"),
    ("POST", f"{V1}/public-input/{{input_id}}/moderate"): lambda w, c, f: Call(
        f"{V1}/public-input/{_public_input(w, f)}/moderate", {"accept": True}
    ),
    ("POST", f"{V1}/public-input/{{input_id}}/answer"): lambda w, c, f: Call(
        f"{V1}/public-input/{_public_input(w, f, 'accepted')}/answer", {"text": "Six years."}
    ),
    ("POST", f"{V1}/designations"): lambda w, c, f: Call(
        f"{V1}/designations",
        {
            "agency_code": c,
            "categories": ["name"],
            "purpose": "p",
            "effective_from": date.today().isoformat(),
        },
    ),
    ("GET", f"{V1}/designations"): lambda w, c, f: Call(f"{V1}/designations"),
    ("GET", f"{V1}/designations/{{designation_id}}"): lambda w, c, f: Call(
        f"{V1}/designations/{w.standing('designation', c)}"
    ),
    ("POST", f"{V1}/designations/{{designation_id}}/revoke"): lambda w, c, f: Call(
        f"{V1}/designations/{_pick(w, 'designation', c, f)}/revoke"
    ),
    ("POST", f"{V1}/agreements"): lambda w, c, f: Call(
        f"{V1}/agreements",
        {
            "agency_code": c,
            "title": "T",
            "recipient_name": "R",
            "recipient_type": "contractor",
            "categories": ["name"],
            "purposes": "p",
            "permitted_uses": "u",
            "future_use_clause": "bound by the law",
        },
    ),
    ("GET", f"{V1}/agreements"): lambda w, c, f: Call(f"{V1}/agreements"),
    ("GET", f"{V1}/agreements/{{agreement_id}}"): lambda w, c, f: Call(
        f"{V1}/agreements/{w.standing('agreement', c)}"
    ),
    ("POST", f"{V1}/agreements/{{agreement_id}}/status"): lambda w, c, f: Call(
        f"{V1}/agreements/{_pick(w, 'agreement', c, f)}/status", {"status": "active"}
    ),
    ("PATCH", f"{V1}/agreements/{{agreement_id}}"): lambda w, c, f: Call(
        f"{V1}/agreements/{w.standing('agreement', c)}", {"security_terms": f"encrypted {w.n()}"}
    ),
    ("POST", f"{V1}/rules"): lambda w, c, f: Call(
        f"{V1}/rules",
        {
            "code": f"rule-{w.n()}",
            "description": "d",
            "categories": ["ssn"],
            "allowed_bases": ["legal_process"],
        },
    ),
    ("GET", f"{V1}/rules"): lambda w, c, f: Call(f"{V1}/rules"),
    ("POST", f"{V1}/rules/{{code}}/activate"): lambda w, c, f: Call(
        f"{V1}/rules/{_rule_code(w)}/activate"
    ),
    ("POST", f"{V1}/rules/{{code}}/deactivate"): lambda w, c, f: Call(
        f"{V1}/rules/{_rule_code(w)}/deactivate"
    ),
    ("POST", f"{V1}/disclosures"): lambda w, c, f: Call(
        f"{V1}/disclosures", disclosure_body(agency_code=c)
    ),
    ("GET", f"{V1}/disclosures"): lambda w, c, f: Call(
        f"{V1}/disclosures", params={"agency_code": c}
    ),
    ("GET", D): lambda w, c, f: Call(f"{V1}/disclosures/{w.standing('disclosure', c)}"),
    ("POST", f"{D}/submit"): lambda w, c, f: Call(
        f"{V1}/disclosures/{_pick(w, 'disclosure', c, f)}/submit"
    ),
    ("POST", f"{D}/approve"): lambda w, c, f: Call(
        f"{V1}/disclosures/{_pick(w, 'disclosure', c, f, 'submitted')}/approve", {}
    ),
    ("POST", f"{D}/deny"): lambda w, c, f: Call(
        f"{V1}/disclosures/{_pick(w, 'disclosure', c, f, 'submitted')}/deny", {}
    ),
    ("POST", f"{D}/escalate"): lambda w, c, f: Call(
        f"{V1}/disclosures/{_pick(w, 'disclosure', c, f, 'submitted')}/escalate", {}
    ),
    ("POST", f"{D}/disclose"): lambda w, c, f: Call(
        f"{V1}/disclosures/{_pick(w, 'disclosure', c, f, 'approved')}/disclose",
        {"disclosed_at": _ago(minutes=5), "records_disclosed": 1, "method": "sftp"},
    ),
    ("POST", f"{D}/agreement"): lambda w, c, f: Call(
        f"{V1}/disclosures/{_pick(w, 'disclosure', c, f)}/agreement",
        {"exception": "no_privacy_interest_compromised", "reason": "aggregate counts"},
    ),
    ("POST", f"{D}/attachments"): lambda w, c, f: Call(
        f"{V1}/disclosures/{w.standing('disclosure', c)}/attachments",
        {"filename": "a.pdf", "media_type": "application/pdf", "size_bytes": 10, "sha256": _SHA},
    ),
    ("GET", f"{D}/attachments"): lambda w, c, f: Call(
        f"{V1}/disclosures/{w.standing('disclosure', c)}/attachments"
    ),
    ("POST", f"{V1}/exigent"): lambda w, c, f: Call(
        f"{V1}/exigent",
        {
            "disclosure": disclosure_body(agency_code=c, basis="exigent"),
            "made": {"disclosed_at": _ago(hours=1), "records_disclosed": 1, "method": "phone"},
            "facts": "fire",
        },
    ),
    ("GET", f"{V1}/exigent"): lambda w, c, f: Call(f"{V1}/exigent"),
    ("POST", f"{V1}/exigent/{{disclosure_id}}/reports"): lambda w, c, f: Call(
        f"{V1}/exigent/{_pick(w, 'exigent', c, f)}/reports", {"to": "apo", "at": _ago(hours=1)}
    ),
    ("GET", f"{V1}/accounting"): lambda w, c, f: Call(
        f"{V1}/accounting", params={"identifier": "CASE-1"}
    ),
    ("POST", f"{V1}/incidents"): lambda w, c, f: Call(
        f"{V1}/incidents",
        {
            "agency_code": c,
            "kind": "unauthorized_disclosure",
            "discovered_at": _ago(hours=1),
            "categories": ["name"],
        },
    ),
    ("GET", f"{V1}/incidents"): lambda w, c, f: Call(f"{V1}/incidents"),
    ("GET", f"{V1}/incidents/{{incident_id}}"): lambda w, c, f: Call(
        f"{V1}/incidents/{w.standing('incident', c)}"
    ),
    ("POST", f"{V1}/incidents/{{incident_id}}/notifications"): lambda w, c, f: Call(
        f"{V1}/incidents/{_pick(w, 'incident', c, f)}/notifications",
        {"party": "cpo", "notified_at": _ago(minutes=5)},
    ),
    ("POST", f"{V1}/incidents/{{incident_id}}/lift-delay"): lambda w, c, f: Call(
        f"{V1}/incidents/{_pick(w, 'incident', c, f, 'delayed')}/lift-delay"
    ),
    ("POST", f"{V1}/incidents/{{incident_id}}/close"): lambda w, c, f: Call(
        f"{V1}/incidents/{_pick(w, 'incident', c, f, 'closable')}/close"
    ),
    ("GET", f"{V1}/audit/events"): lambda w, c, f: Call(f"{V1}/audit/events"),
    ("GET", f"{V1}/audit/verify"): lambda w, c, f: Call(f"{V1}/audit/verify"),
    ("GET", f"{V1}/reports/biennial"): lambda w, c, f: Call(
        f"{V1}/reports/biennial",
        params={
            "agency_code": c,
            "period_end": ReportingPeriod.containing(date.today()).end.isoformat(),
        },
    ),
    ("GET", f"{V1}/reports/summaries"): lambda w, c, f: Call(
        f"{V1}/reports/summaries", params={"from": "2026-01-01", "to": date.today().isoformat()}
    ),
}

ROUTES = sorted(route_table(create_app(Settings(database_url="sqlite://"))))


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """One database for the whole matrix (each cell makes the records it changes)."""
    with (
        office_for_module(request, tmp_path_factory) as office,
        TestClient(create_app(office), raise_server_exceptions=False) as client,
    ):
        w = World(office, client)
        with office.unit(Actor.system()) as o:
            o.agencies.create("DSS", "Department of Social Services")
            o.agencies.create("ACME", "Acme Human Services", parent_code="DSS")
            o.agencies.create("HRA", "Human Resources Administration")
            people = [(r, c) for c in AGENCIES.values() for r in ("staff", "apo", "apo2")]
            people += [("cpo", ""), ("auditor", ""), ("admin", "")]
            for role, code in people:
                email = f"{role}@{(code or 'city').lower()}.example"
                new = o.users.create(email, role.rstrip("2"), code or None)
                if code in ("DSS", ""):
                    w.tokens.setdefault(role, new.token)
                w.people[(role, code)] = Actor(
                    new.user.id,
                    new.user.role,
                    new.user.organization_id,
                    f"/{code}/" if code else None,
                )
        yield w


def test_every_route_has_a_rule() -> None:
    assert set(ROUTES) - set(RULES) == set(), "routes without an authorization rule"
    assert set(RULES) - set(ROUTES) == set(), "rules for routes that do not exist"
    assert set(CALLS) == set(RULES)


@pytest.mark.parametrize("route", ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_authorization_matrix(world: World, route: tuple[str, str]) -> None:
    expected = RULES.get(route)
    make = CALLS.get(route)
    if expected is None or make is None:
        pytest.fail(f"{route}: give it a row in RULES and an entry in CALLS")
    wrong = []
    for role, (side, code) in itertools.product(ROLES, AGENCIES.items()):
        want = expected.expected(role, side)
        call = make(world, code, 200 <= want < 300)
        headers = {"Authorization": f"Bearer {world.tokens[role]}"} if role in world.tokens else {}
        answer = world.client.request(
            route[0], call.url, json=call.json, params=call.params, headers=headers
        )
        if answer.status_code != want:
            wrong.append(
                f"{role:9} {side:5}: {answer.status_code} (want {want}) {answer.text[:160]}"
            )
        elif want >= 400:
            assert answer.json()["error"]["code"] in ("unauthorized", "forbidden", "not_found")
    assert not wrong, "\n".join(wrong)
