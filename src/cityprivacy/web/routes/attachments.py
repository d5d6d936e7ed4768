"""``/disclosures/{id}/attachments``: what is known about the documents of a disclosure.

Only metadata (name, media type, size, SHA-256): the documents themselves are kept
elsewhere. Another agency's disclosure answers 404.
"""

from __future__ import annotations

from fastapi import APIRouter

from cityprivacy.govern import Role
from cityprivacy.govern.roles import OFFICE_WRITERS
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import IdPath, UnitDep
from cityprivacy.web.pagination import Page, PageDep
from cityprivacy.web.schemas.attachments import AttachmentIn
from cityprivacy.web.schemas.disclosures import AttachmentOut

__all__ = ["router"]

router = APIRouter(tags=["disclosures"])


def _out(attachment: object) -> AttachmentOut:
    return AttachmentOut.model_validate(attachment, from_attributes=True)


@router.post(
    "/disclosures/{disclosure_id}/attachments",
    status_code=201,
    dependencies=[allow(*OFFICE_WRITERS)],
)
def add_attachment(disclosure_id: IdPath, body: AttachmentIn, o: UnitDep) -> AttachmentOut:
    """Record an attached document's metadata (staff, APO, CPO of the organization)."""
    return _out(
        o.disclosures.add_attachment(
            disclosure_id,
            filename=body.filename,
            media_type=body.media_type,
            size_bytes=body.size_bytes,
            sha256=body.sha256,
        )
    )


@router.get("/disclosures/{disclosure_id}/attachments", dependencies=[allow(*Role)])
def list_attachments(disclosure_id: IdPath, o: UnitDep, page: PageDep) -> Page[AttachmentOut]:
    """The disclosure's attachments, in the order they were added."""
    return page.cut(o.disclosures.attachments(disclosure_id), _out)
