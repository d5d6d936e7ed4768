"""Public input on privacy practices: anyone may write; nothing is shown unmoderated.

A submission needs no account. What the submitter writes may concern themselves or others,
so it stays private until the CPO's office accepts it, and the optional contact is never
published and never audited. Accepted submissions are published with the office's answer.

Before anything is published it is **screened** (:mod:`.screening`): the detector runs over
the submission and over the office's answer, and the published text shows ``<TYPE>`` (e.g.
``<PERSON>``, ``<PHONE_NUMBER>``) where it found identifying information. The text is kept
as written, visible only to the CPO and auditors (the moderation view,
:meth:`PublicInputs.pending_review`, shows which types were found); the screened form is
computed when read, so nothing else is stored, and a better detector screens old
submissions too. Audit events carry only the types found and how many.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from cityprivacy.errors import InputError, NotFoundError, WorkflowError
from cityprivacy.govern.bounds import check_row
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import require_role
from cityprivacy.govern.screening import Screened, Screener
from cityprivacy.store.enums import ModerationState, Role
from cityprivacy.store.models import PublicInput

__all__ = ["TOPICS", "ModerationView", "PublicInputs", "PublishedInput"]

TOPICS = frozenset(
    {"collection", "disclosure", "retention", "security", "data_sharing", "rights", "other"}
)
MAX_TEXT = 10_000
_MODERATORS = frozenset({Role.CPO})
_READERS = frozenset({Role.CPO, Role.AUDITOR})


@dataclass(frozen=True, slots=True)
class PublishedInput:
    """What the public pages show: never the contact; ``text`` and ``answer`` screened
    (identifying information replaced by ``<TYPE>``), ``screened_types`` what was replaced."""

    id: int
    topic: str
    text: str
    answer: str
    submitted_at: datetime
    answered_at: datetime | None
    screened_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ModerationView:
    """A submission as the CPO moderates it: as written, with what screening would hide."""

    entry: PublicInput
    text: Screened
    answer: Screened

    @property
    def screened_types(self) -> tuple[str, ...]:
        """The types of identifying information found in the text or the answer."""
        return tuple(sorted(set(self.text.types) | set(self.answer.types)))


class PublicInputs:
    """Submit, moderate, answer and publish public input."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._screener = Screener(ctx.tools.settings, ctx.tools.taxonomy)

    def submit(self, topic: str, text: str, contact: str | None = None) -> PublicInput:
        """Anyone's submission (the actor is not checked: the public has no account)."""
        ctx = self._ctx
        if topic not in TOPICS:
            raise InputError(f"topic: one of {', '.join(sorted(TOPICS))}")
        text = text.strip()
        if not text or len(text) > MAX_TEXT:
            raise InputError(f"text: between 1 and {MAX_TEXT} characters")
        entry = PublicInput(topic=topic, text=text, contact=(contact or "").strip() or None)
        check_row(entry)
        ctx.session.add(entry)
        ctx.flush("public input")
        screened = self._screener.screen(text)
        ctx.audit(
            "public_input.submit",
            "public_input",
            entry.id,
            None,
            {
                "topic": topic,
                "with_contact": entry.contact is not None,
                "fields": ["text"],
                "screened_types": list(screened.types),
                "screened_findings": screened.findings,
            },
        )
        return entry

    def _get(self, entry_id: int) -> PublicInput:
        entry = self._ctx.session.get(PublicInput, entry_id)
        if entry is None:
            raise NotFoundError(f"public input {entry_id} not found")
        return entry

    def moderate(self, entry_id: int, *, accept: bool) -> PublicInput:
        ctx = self._ctx
        require_role(ctx.actor, _MODERATORS, "moderate public input")
        entry = self._get(entry_id)
        if entry.moderation is not ModerationState.PENDING:
            raise WorkflowError(f"public input {entry_id} is already {entry.moderation.value}")
        entry.moderation = ModerationState.ACCEPTED if accept else ModerationState.REJECTED
        entry.moderated_by = ctx.actor.user_id
        ctx.flush(f"public input {entry_id}")
        ctx.audit(
            "public_input.moderate",
            "public_input",
            entry.id,
            None,
            {"moderation": entry.moderation.value},
        )
        return entry

    def answer(self, entry_id: int, text: str) -> PublicInput:
        ctx = self._ctx
        require_role(ctx.actor, _MODERATORS, "answer public input")
        entry = self._get(entry_id)
        if entry.moderation not in (ModerationState.ACCEPTED, ModerationState.ANSWERED):
            raise WorkflowError(f"public input {entry_id} must be accepted before it is answered")
        if not text.strip():
            raise InputError("text: the answer is empty")
        if len(text.strip()) > MAX_TEXT:
            raise InputError(f"text: at most {MAX_TEXT} characters")
        entry.answer = text.strip()
        screened = self._screener.screen(entry.answer)
        entry.answered_at = ctx.now()
        entry.moderation = ModerationState.ANSWERED
        ctx.flush(f"public input {entry_id}")
        ctx.audit(
            "public_input.answer",
            "public_input",
            entry.id,
            None,
            {
                "moderation": entry.moderation.value,
                "fields": ["answer"],
                "screened_types": list(screened.types),
                "screened_findings": screened.findings,
            },
        )
        return entry

    def pending(self) -> Sequence[PublicInput]:
        """Submissions awaiting moderation, contact included (CPO and auditors)."""
        require_role(self._ctx.actor, _READERS, "read unmoderated public input")
        return self._ctx.session.scalars(
            select(PublicInput)
            .where(PublicInput.moderation == ModerationState.PENDING)
            .order_by(PublicInput.id)
        ).all()

    def review(self, entry_id: int) -> ModerationView:
        """One submission as written, with what screening finds (CPO and auditors)."""
        require_role(self._ctx.actor, _READERS, "read unmoderated public input")
        return self._view(self._get(entry_id))

    def pending_review(self) -> list[ModerationView]:
        """:meth:`pending`, each with the types screening finds in it."""
        return [self._view(entry) for entry in self.pending()]

    def _view(self, entry: PublicInput) -> ModerationView:
        screen = self._screener.screen
        return ModerationView(entry=entry, text=screen(entry.text), answer=screen(entry.answer))

    def published(self) -> Sequence[PublishedInput]:
        """Accepted and answered submissions, screened, without contacts (anyone may read)."""
        rows = self._ctx.session.scalars(
            select(PublicInput)
            .where(PublicInput.moderation.in_([ModerationState.ACCEPTED, ModerationState.ANSWERED]))
            .order_by(PublicInput.id)
        )
        published = []
        for r in rows:
            view = self._view(r)
            published.append(
                PublishedInput(
                    id=r.id,
                    topic=r.topic,
                    text=view.text.text,
                    answer=view.answer.text,
                    submitted_at=r.submitted_at,
                    answered_at=r.answered_at,
                    screened_types=view.screened_types,
                )
            )
        return published
