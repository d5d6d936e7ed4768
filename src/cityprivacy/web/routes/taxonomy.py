"""``/taxonomy``: the types of identifying information the office records refer to."""

from __future__ import annotations

from fastapi import APIRouter

from cityprivacy.govern import Role
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import OfficeDep
from cityprivacy.web.render import taxonomy_out
from cityprivacy.web.schemas.inventory import TaxonomyOut

__all__ = ["router"]

router = APIRouter(tags=["taxonomy"])


@router.get("/taxonomy", dependencies=[allow(*Role)])
def get_taxonomy(office: OfficeDep) -> TaxonomyOut:
    """The taxonomy in use: version, and every type with its key and name."""
    return taxonomy_out(office.tools.taxonomy)
