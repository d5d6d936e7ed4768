"""The metadata of a document attached to a disclosure (its content is kept elsewhere)."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from cityprivacy.web.schemas.base import Count, In, Short, Title

__all__ = ["AttachmentIn"]

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class AttachmentIn(In):
    """A document's name, media type, size and SHA-256 (64 lower-case hex digits)."""

    filename: Title
    media_type: Short
    size_bytes: Count
    sha256: Sha256
