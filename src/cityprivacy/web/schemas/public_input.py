"""Public input: what anyone may send, what the CPO's office reads, and what is published.

The contact a submitter leaves appears only in :class:`PendingInputOut`, which the CPO's
office reads to moderate; nothing the public reads carries it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from cityprivacy.govern import ModerationState
from cityprivacy.govern.public_input import TOPICS
from cityprivacy.web.schemas.base import In, Out

__all__ = [
    "AnswerIn",
    "ModerationIn",
    "PendingInputOut",
    "PublicInputIn",
    "PublicInputOut",
    "PublishedInputOut",
    "SubmittedOut",
]

MAX_INPUT_TEXT = 10_000
"""The longest submission or answer (the office refuses longer submissions too)."""
MAX_CONTACT = 320
"""The longest contact (an e-mail address's limit; the column's length)."""

Topic = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=32),
    Field(json_schema_extra={"enum": sorted(TOPICS)}),
]
InputText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_INPUT_TEXT)
]


class PublicInputIn(In):
    """What anyone may send: a topic, the text, and a contact if they want an answer."""

    topic: Topic
    text: InputText
    contact: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_CONTACT)] | None
    ) = None


class SubmittedOut(Out):
    """The receipt of a submission (nothing is shown before moderation)."""

    id: int
    topic: str
    moderation: ModerationState
    submitted_at: datetime


class ModerationIn(In):
    """Accept (to be published) or reject a submission."""

    accept: bool


class AnswerIn(In):
    """The office's published answer."""

    text: InputText


class PublicInputOut(Out):
    """A submission as the CPO's office handles it (without the contact)."""

    id: int
    topic: str
    text: str
    moderation: ModerationState
    submitted_at: datetime
    answer: str
    answered_at: datetime | None


class PendingInputOut(PublicInputOut):
    """A submission awaiting moderation, with the submitter's contact (CPO, auditors)."""

    contact: str | None


class PublishedInputOut(Out):
    """What the public reads: accepted submissions and their answers, never the contact."""

    id: int
    topic: str
    text: str
    answer: str
    submitted_at: datetime
    answered_at: datetime | None
