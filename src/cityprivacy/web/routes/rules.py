"""``/rules``: the citywide rules every submission is checked against, and switching them on
and off (the CPO's)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from cityprivacy.govern import Role
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.schemas.records import RuleIn, RuleOut

__all__ = ["router"]

router = APIRouter(tags=["rules"])


def _out(rule: object) -> RuleOut:
    data = {name: getattr(rule, name) for name in RuleOut.model_fields if name != "categories"}
    return RuleOut.model_validate({**data, "categories": list(getattr(rule, "types"))})  # noqa: B009


@router.post("/rules", status_code=201, dependencies=[allow(Role.CPO)])
def create_rule(body: RuleIn, o: UnitDep) -> RuleOut:
    """Add a citywide rule, checked at every later submission (CPO)."""
    return _out(
        o.rules.create(
            code=body.code,
            description=body.description,
            categories=body.categories,
            allowed_bases=body.allowed_bases,
            recipient_types=body.recipient_types,
            recipient_tags=body.recipient_tags,
        )
    )


@router.get("/rules", dependencies=[allow(*Role)])
def list_rules(o: UnitDep, page: PageDep) -> Page[RuleOut]:
    return page.cut(o.rules.list(), _out)


RuleCode = Annotated[
    str, Path(min_length=1, max_length=64, description="The rule's code (its column holds 64).")
]


@router.post("/rules/{code}/activate", dependencies=[allow(Role.CPO)])
def activate_rule(code: RuleCode, o: UnitDep) -> RuleOut:
    """Check the rule again at every later submission (CPO)."""
    return _out(o.rules.set_active(code, True))


@router.post("/rules/{code}/deactivate", dependencies=[allow(Role.CPO)])
def deactivate_rule(code: RuleCode, o: UnitDep) -> RuleOut:
    """Stop checking the rule (CPO); it stays on record and can be switched back on."""
    return _out(o.rules.set_active(code, False))
