"""``/agreements``: data sharing agreements, their status and versions."""

from __future__ import annotations

from fastapi import APIRouter

from cityprivacy.errors import InputError
from cityprivacy.govern import Role
from cityprivacy.govern.roles import REVIEWERS
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import IdPath, LookupsDep, UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import record_out
from cityprivacy.web.schemas.records import (
    AgreementDetail,
    AgreementIn,
    AgreementOut,
    AgreementStatusIn,
    AgreementVersionOut,
    AmendIn,
)

__all__ = ["router"]

router = APIRouter(tags=["agreements"])
_NULLABLE_TERMS = frozenset({"effective_from", "review_on", "expires_on"})


@router.post("/agreements", status_code=201, dependencies=[allow(*REVIEWERS)])
def create_agreement(body: AgreementIn, o: UnitDep, lookups: LookupsDep) -> AgreementOut:
    """Register an agreement (a draft; activate it with ``/status``) (APO, CPO)."""
    terms = body.model_dump(exclude={"agency_code", "categories"})
    agreement = o.agreements.create(
        organization_code=body.agency_code, categories=body.categories, **terms
    )
    return record_out(AgreementOut, agreement, lookups)


@router.get("/agreements", dependencies=[allow(*Role)])
def list_agreements(o: UnitDep, lookups: LookupsDep, page: PageDep) -> Page[AgreementOut]:
    return page.cut(o.agreements.list(), lambda a: record_out(AgreementOut, a, lookups))


@router.get("/agreements/{agreement_id}", dependencies=[allow(*Role)])
def get_agreement(agreement_id: IdPath, o: UnitDep, lookups: LookupsDep) -> AgreementDetail:
    """An agreement with every version of its terms."""
    agreement = o.agreements.get(agreement_id)
    versions = [
        AgreementVersionOut.model_validate(v, from_attributes=True)
        for v in o.agreements.versions(agreement_id)
    ]
    return record_out(AgreementDetail, agreement, lookups, versions=versions)


@router.post("/agreements/{agreement_id}/status", dependencies=[allow(*REVIEWERS)])
def set_agreement_status(
    agreement_id: IdPath, body: AgreementStatusIn, o: UnitDep, lookups: LookupsDep
) -> AgreementOut:
    """Activate, expire or terminate an agreement (a new version records it)."""
    return record_out(AgreementOut, o.agreements.set_status(agreement_id, body.status), lookups)


@router.patch("/agreements/{agreement_id}", dependencies=[allow(*REVIEWERS)])
def amend_agreement(
    agreement_id: IdPath, body: AmendIn, o: UnitDep, lookups: LookupsDep
) -> AgreementOut:
    """Change the terms given (a new version records them; dates may be set to null)."""
    terms = {
        name: value
        for name, value in body.model_dump(exclude_unset=True).items()
        if value is not None or name in _NULLABLE_TERMS
    }
    if not terms:
        raise InputError("body: give at least one term to change")
    return record_out(AgreementOut, o.agreements.amend(agreement_id, **terms), lookups)
