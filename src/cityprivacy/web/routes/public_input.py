"""``/public-input``: anyone writes to the privacy office; the CPO moderates and answers.

Submitting and reading what is published need no token: the public has no account. Such
a request runs as :data:`PUBLIC`, an actor of no organization that sees no agency's records
and may change no citywide one (the audit trail records it with no user). Only accepted
input is published, with its answer and never with the submitter's contact.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends

from cityprivacy.govern import Actor, OfficeUnit, Role
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import IdPath, OfficeDep, UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.schemas.public_input import (
    AnswerIn,
    ModerationIn,
    PendingInputOut,
    PublicInputIn,
    PublicInputOut,
    PublishedInputOut,
    SubmittedOut,
)

__all__ = ["PUBLIC", "router"]

router = APIRouter(tags=["public input"])

PUBLIC = Actor(user_id=None, role=Role.STAFF)
"""Whoever calls a public route: staff of no organization, who see and change nothing."""


def _public_unit(office: OfficeDep) -> Iterator[OfficeUnit]:
    with office.unit(PUBLIC) as unit:
        yield unit


PublicUnitDep = Annotated[OfficeUnit, Depends(_public_unit, scope="function")]
_MODERATOR = allow(Role.CPO)


@router.post("/public-input", status_code=201)
def submit_input(body: PublicInputIn, o: PublicUnitDep) -> SubmittedOut:
    """Write to the privacy office (no token needed); nothing is shown before moderation."""
    entry = o.public_input.submit(body.topic, body.text, body.contact)
    return SubmittedOut.model_validate(entry, from_attributes=True)


@router.get("/public-input/published")
def list_published(o: PublicUnitDep, page: PageDep) -> Page[PublishedInputOut]:
    """Accepted input and the office's answers (no token needed; never a contact)."""
    return page.cut(
        o.public_input.published(),
        lambda p: PublishedInputOut.model_validate(p, from_attributes=True),
    )


@router.get("/public-input/pending", dependencies=[allow(Role.CPO, Role.AUDITOR)])
def list_pending(o: UnitDep, page: PageDep) -> Page[PendingInputOut]:
    """Input awaiting moderation, with contacts (CPO; auditors read it)."""
    return page.cut(
        o.public_input.pending(),
        lambda e: PendingInputOut.model_validate(e, from_attributes=True),
    )


@router.post("/public-input/{input_id}/moderate", dependencies=[_MODERATOR])
def moderate_input(input_id: IdPath, body: ModerationIn, o: UnitDep) -> PublicInputOut:
    """Accept input for publication, or reject it (CPO)."""
    entry = o.public_input.moderate(input_id, accept=body.accept)
    return PublicInputOut.model_validate(entry, from_attributes=True)


@router.post("/public-input/{input_id}/answer", dependencies=[_MODERATOR])
def answer_input(input_id: IdPath, body: AnswerIn, o: UnitDep) -> PublicInputOut:
    """Publish the office's answer to accepted input (CPO)."""
    entry = o.public_input.answer(input_id, body.text)
    return PublicInputOut.model_validate(entry, from_attributes=True)
