"""``/accounting``: who received data about a person (the accounting of disclosures).

The identifier is hashed with the office key at once and never stored or logged in
clear; the look-up itself is audited, by hash. ``cityprivacy serve`` strips query strings
from its access log for this reason.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cityprivacy.govern import Role
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.render import accounting_out
from cityprivacy.web.schemas.disclosures import AccountingRecordOut

__all__ = ["router"]

router = APIRouter(tags=["accounting"])
_READERS = (Role.APO, Role.CPO, Role.AUDITOR)


@router.get("/accounting", dependencies=[allow(*_READERS)])
def who_received(
    identifier: Annotated[
        str, Query(min_length=1, max_length=200, description="The person's identifier.")
    ],
    o: UnitDep,
    page: PageDep,
) -> Page[AccountingRecordOut]:
    """Disclosures that concerned this person (CPO, auditors; APOs for their agency)."""
    return page.cut(o.accounting.who_received(identifier), accounting_out)
