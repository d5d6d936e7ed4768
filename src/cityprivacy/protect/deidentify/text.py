"""De-identifying free text: every finding of the detector is replaced by its rule's output.

For one text, the analyzer's findings (non-overlapping, sorted) each get the rule for
their entity type (:meth:`BoundPolicy.for_entity`); the replacements are spliced in one
pass, which gives the same text as replacing the spans right to left (no offset of a
later span is shifted by an earlier replacement).

A text file is streamed in chunks (the reader's, cut at line breaks). A finding can still
straddle a chunk boundary (an address over two lines), so the tail of each chunk, from a
line break at least :data:`CARRY_CHARS` before its end, is not written yet: it is carried
over and analyzed again at the head of the next chunk. The cut is moved back before any
finding that spans it, so a finding is never split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from cityprivacy.detect.files import TextChunk
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.tables.values import SupportsAnalyze
from cityprivacy.protect.deidentify.cells import apply_rule
from cityprivacy.protect.deidentify.summary import Counts
from cityprivacy.protect.policy import BoundPolicy

__all__ = ["CARRY_CHARS", "AppliedSpan", "DeidentifiedText", "TextProtector", "protect_chunks"]

CARRY_CHARS = 4096
"""Characters at the end of a chunk that are analyzed again with the next chunk."""


@dataclass(frozen=True, slots=True)
class AppliedSpan:
    """One replaced span: offsets in the input text, its type and the rule applied.

    Holds no text, neither the original value nor its replacement.
    """

    start: int
    end: int
    entity_type: str
    rule: str
    operator: str


@dataclass(frozen=True, slots=True)
class DeidentifiedText:
    """A de-identified text and the spans that were replaced in it."""

    text: str
    spans: tuple[AppliedSpan, ...] = ()
    counts: Counts = field(default_factory=Counter)
    """Replaced spans by (entity type, operator)."""

    def __str__(self) -> str:
        return self.text


class TextProtector:
    """Finds and replaces identifying information in texts with one analyzer and policy."""

    def __init__(self, analyzer: SupportsAnalyze, rules: BoundPolicy) -> None:
        self.analyzer = analyzer
        self.rules = rules

    def protect(self, text: str, subject: str | None = None) -> DeidentifiedText:
        """``text`` with every finding replaced."""
        return self.apply(text, self.analyzer.analyze(text), subject)

    def apply(
        self, text: str, findings: Sequence[Finding], subject: str | None = None
    ) -> DeidentifiedText:
        """``text`` with ``findings`` (sorted, non-overlapping) replaced by their rules."""
        if not findings:
            return DeidentifiedText(text)
        counts: Counts = Counter()
        pieces: list[str] = []
        spans: list[AppliedSpan] = []
        position = 0
        for f in findings:
            entity = str(f.entity_type)
            rule = self.rules.for_entity(entity)
            replacement, operator = apply_rule(rule, text[f.start : f.end], entity, subject, counts)
            pieces.append(text[position : f.start])
            if replacement:
                pieces.append(replacement)
            position = f.end
            spans.append(AppliedSpan(f.start, f.end, entity, rule.where, operator))
        pieces.append(text[position:])
        return DeidentifiedText("".join(pieces), tuple(spans), counts)

    def protect_cell(
        self,
        text: str,
        subject: str | None,
        counts: Counts,
        findings: Sequence[Finding] | None = None,
    ) -> str:
        """A free-text table cell, de-identified; its counts are added to ``counts``.

        ``findings``: the analyzer's findings in ``text`` when already known."""
        if findings is None:
            findings = self.analyzer.analyze(text)
        if not findings:
            return text
        done = self.apply(text, findings, subject)
        counts.update(done.counts)
        return done.text

    def protect_cells(
        self, texts: list[str | None], subjects: list[str | None] | None, counts: Counts
    ) -> list[str | None]:
        """A free-text column, cell by cell (empty cells kept); counts added to ``counts``.

        The same text in several cells (a templated note) is analyzed once: findings
        depend on the text alone. Each cell is still replaced with its own row's subject.
        """
        analyzed: dict[str, Sequence[Finding]] = {}
        out: list[str | None] = []
        for i, text in enumerate(texts):
            if text is None or not text.strip():
                out.append(text)
                continue
            findings = analyzed.get(text)
            if findings is None:
                findings = analyzed[text] = self.analyzer.analyze(text)
            subject = subjects[i] if subjects is not None else None
            out.append(self.protect_cell(text, subject, counts, findings))
        return out


def protect_chunks(
    chunks: Iterable[TextChunk],
    protector: TextProtector,
    *,
    carry_chars: int = CARRY_CHARS,
    on_chunk: Callable[[TextChunk], None] | None = None,
) -> Iterator[DeidentifiedText]:
    """De-identified pieces of a chunked text, in order; joined, they are the whole text."""
    carry = ""
    iterator = iter(chunks)
    chunk = next(iterator, None)
    while chunk is not None:
        following = next(iterator, None)
        text = carry + chunk.text
        findings = protector.analyzer.analyze(text)
        cut = len(text) if following is None else _safe_cut(text, findings, carry_chars)
        carry = text[cut:]
        if cut:
            yield protector.apply(text[:cut], [f for f in findings if f.end <= cut])
        if on_chunk is not None:
            on_chunk(chunk)
        chunk = following


def _safe_cut(text: str, findings: Sequence[Finding], carry_chars: int) -> int:
    """Where to end the part of ``text`` that is final: a line break (else a space) at least
    ``carry_chars`` before the end, moved back before any finding that spans it."""
    limit = len(text) - carry_chars
    if limit <= 0:
        return 0
    cut = text.rfind("\n", 0, limit) + 1 or text.rfind(" ", 0, limit) + 1 or limit
    for f in reversed(findings):
        if f.start < cut < f.end:
            cut = f.start
        elif f.end <= cut:
            break
    return cut
