"""``/rules``: the citywide rules every submission is checked against (the CPO's)."""

from __future__ import annotations

from fastapi import APIRouter

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
