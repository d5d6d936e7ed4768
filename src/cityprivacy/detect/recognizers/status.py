"""The law's "status" types, found as words: immigration, public assistance, criminal history,
victim status, sexual orientation, gender identity, religion, language, nationality,
race or ethnicity, marital and employment status, and release from custody.

These are not formats but vocabulary, so each type is a lexicon shipped as data
(``detect/lexicons/status/<type>.yaml``) that a privacy office can extend without code.
Every phrase of every type is found in one pass over the lower-cased text; a
phrase → entries map then says which type it was.

A phrase's section in its lexicon says how sure a bare match is:

* ``strong``: unambiguous alone ("undocumented immigrant", "food stamps"), 0.85;
* ``weak``: ambiguous ("undocumented", "Hispanic"), 0.4, raised past the reporting
  threshold by a person nearby (a pronoun, "client", "tenant"...);
* ``strict``: common in other senses ("black", "Christian"), 0.25, raised only by a
  predicate before it ("she is", "identifies as"), a person noun after it ("Black
  woman") or a field label ("Race: Black");
* ``predicate_only``: raised only by a predicate or a field label ("she is single", but
  not "a single person");
* ``label_only``: raised only by a field label ("Primary language: Bengali");
* ``negative``: look-alikes that win as the longer match and are never reported
  ("Catholic Charities", "Spanish Harlem", "Black Friday").

A trailing ``{date}`` in a phrase runs the span over a following date ("released from
Rikers on 03/02/2024"), ``{words}`` over a few following words ("works as a home health
aide"). Reading, expanding and matching the lexicons is :mod:`._status_lexicon`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizers._status_lexicon import (
    STATUS_ENTITIES,
    Entry,
    label_patterns,
    load_entries,
    phrase_key,
    phrase_matcher,
)
from cityprivacy.detect.recognizers.datetime import DATE_RE, valid_date

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer
    from cityprivacy.detect.text import Text

__all__ = ["STATUS_ENTITIES", "StatusRecognizer", "load_entries", "recognizers"]

_STRONG, _PREDICATE, _NOUN_AFTER, _PERSON_BOOST, _DATE_BOOST = 0.85, 0.9, 0.8, 0.35, 0.35
# A strong phrase that context confirms outranks a same-span name ("African American").
_CONFIRMED = 0.97
_SEPARATORS = re.compile(r"[\s\-:_]+")

_PERSON_WORDS = tuple(
    "he she they him her his hers them their himself herself themselves client clients"  # noqa: SIM905 - a word list reads better as words
    " patient resident residents tenant tenants applicant applicants mother father mom dad son"
    " daughter child children man woman men women boy girl person individual participant"
    " respondent member caller complainant student youth family wife husband partner parent"
    " guardian mr ms mrs mx identifies identified".split()
)
_PREDICATE_RE = re.compile(
    r"(?:\b(?:he|she|they|who|client|patient|resident|tenant|applicant|individual|person"
    r"|mother|father|son|daughter|child|man|woman|mom|dad|wife|husband|partner|participant"
    r"|caller|member|i)\s+(?:is|are|was|were|am|has\s+been|had\s+been)"
    r"|\b(?:he|she|they|who|i)['’](?:s|re|m)|\bim(?=\s)|\bidentif(?:y|ies|ied)\s+as"
    r"|\bself[\s-]identif(?:y|ies|ied)(?:\s+as)?|\bdescribes?\s+(?:him|her|them)sel(?:f|ves)\s+as)"
    # "she is 41, divorced, and Black": the phrase may close a list after the predicate.
    r"\s+(?:[^.;:\n]{0,60},\s+(?:and\s+)?|[^.;:,\n]{0,40}\s+and\s+)?"
    r"(?:(?:an?|openly|practicing|devout|also|not|now|currently|recently)\s+){0,2}$"
)
# "Ana Silva is Haitian": a capitalized name, then "is" or "was", right before the phrase.
_NAME_IS_RE = re.compile(r"[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){0,3}[ \t]+(?:is|was)[ \t]+\Z")
_NOUN_AFTER_RE = re.compile(
    r"[ \t-]+(?:man|men|woman|women|male|female|person|people|individual|client|patient"
    r"|resident|tenant|applicant|youth|boy|girl|child|children|kid|teen|teenager|adult"
    r"|mother|father|parent|family|families|student|couple|senior|immigrant|worker|employee"
    r"|veteran|minor|guy|lady|gentleman|household|respondent|participant|suspect|defendant"
    r"|citizen|national|tourist|visitor|friend|neighbou?r|colleague|coworker|co-worker|doctor"
    r"|nurse|officer|official|congregation"
    r"|soldier|athlete|player|artist|writer|author|engineer|owner|landlord|grandmother"
    r"|grandfather|grandparent|boyfriend|girlfriend|husband|wife|descent|ancestry|refugee"
    r"|diplomat|ambassador|expat|expatriate|native|owned[ \t-]+business)"
    r"(?:s|es)?\b"
)
# Groups that a nationality names but a colour word does not ("the Kenyan team").
_GROUP_AFTER_RE = re.compile(
    r"[ \t-]+(?:consulate|embassy|delegation|team|squad|crew|community|government|authorities"
    r"|military|army|navy|press|media|association|society|federation)s?\b"
)
_THING_AFTER_RE = re.compile(
    r"[ \t-]+(?:food|restaurant|cuisine|market|grocery|store|museum|history|holiday|culture"
    r"|art|music|festival|parade|heritage|community[ \t]+center|center|studies|cooking|dish"
    r"|style|rights|bar|club|pride|movement|neighborhood|organization|newspaper)(?:s|es)?\b"
)
_DATE_LEAD = re.compile(r"[ \t]*(?:[:,=]|[-–](?!\d))?[ \t]*(?:(?i:on|at|in|as\s+of)[ \t]+)?")
# A phrase that is itself a field label ("Criminal history: a prior arrest"), not a value.
_LABEL_AFTER = re.compile(r"[ \t]*(?:[:=]|\t|[ \t][-–][ \t])")
_LINE_START = re.compile(r"(?:^|[\n|;])[ \t]*\Z")
_WORDS_AFTER = re.compile(
    r"(?:[ \t]+(?!(?i:at|for|in|on|and|with|since|but|to|from|the|until|while|who|because"
    r"|or|of|by)\b)[A-Za-z][A-Za-z'’-]*){1,3}"
)


class StatusRecognizer:
    """Every status type in one pass of one combined phrase automaton."""

    name = "status_lexicon"
    entities = frozenset(STATUS_ENTITIES)

    def analyze(self, text: Text) -> Iterator[Finding]:
        matcher, labels = phrase_matcher(), label_patterns()
        entries = load_entries()
        haystack = text.lower
        if len(haystack) != len(text.text):  # a few characters lower-case to two
            haystack = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.text)
        for start, end in matcher.spans(haystack):
            pairs = entries.get(phrase_key(haystack[start:end]), ())
            # A negative listing silences its own type only: "American Sign Language" is
            # not a nationality, but it is a language.
            negative = {e.entity for _, e in pairs if e.section == "negative"}
            for _, entry in pairs:
                if entry.entity in negative:
                    continue
                if entry.acronym and not text.text[start:end].isupper():
                    continue
                finding = self._finding(text, haystack, start, end, entry, labels[entry.entity])
                if finding is not None:
                    yield finding

    def _finding(
        self,
        text: Text,
        haystack: str,
        m_start: int,
        m_end: int,
        entry: Entry,
        label: re.Pattern[str],
    ) -> Finding | None:
        group = entry.entity is EntityType.NATIONALITY and _GROUP_AFTER_RE.match(text.lower, m_end)
        weak = entry.section in ("weak", "strict", "predicate_only")
        if weak and not group and _THING_AFTER_RE.match(text.lower, m_end):
            return None  # "Asian markets", "gay rights movement": about things, not a person
        start, end = _focus(haystack, m_start, m_end, entry.focus)
        # "Criminal history: a prior arrest" names a field: its value is the finding.
        is_label = _LABEL_AFTER.match(text.text, m_end) is not None and bool(
            _LINE_START.search(text.text, max(0, m_start - 8), m_start)
        )
        score, notes = entry.score, []
        words: tuple[str, ...] = ()
        before = text.before(m_start, 64)
        # A field label needs its ":", "=" or dash: most windows have none, no regex to run.
        if any(c in before for c in ":=-–") and label.search(before):
            score, notes = max(score, _STRONG), ["field label"]
        if entry.section != "label_only":
            if _PREDICATE_RE.search(text.before(m_start, 90)) or _name_is_before(
                text.text, m_start
            ):
                score = max(score, _PREDICATE)
                notes.append("person predicate before")
            elif entry.section != "predicate_only" and (
                group or _NOUN_AFTER_RE.match(text.lower, m_end)
            ):
                score = max(score, _NOUN_AFTER)
                notes.append("person noun after")
            if entry.section == "strong" and notes:
                score = max(score, _CONFIRMED)
            if entry.section in ("weak", "strong") and score < _STRONG:
                words = text.context_words(m_start, m_end, _PERSON_WORDS)
                if words:
                    score = max(score, min(_STRONG, entry.score + _PERSON_BOOST))
        if entry.extend == "date":
            lead = _DATE_LEAD.match(text.text, end)
            date = DATE_RE.match(text.text, lead.end()) if lead else None
            if date is not None and valid_date(date):
                end, score = date.end(), min(0.95, score + _DATE_BOOST)
                notes.append("date follows")
        elif entry.extend == "words":
            more = _WORDS_AFTER.match(text.text, end)
            if more is not None:
                end = more.end()
        if end <= start or (is_label and "date follows" not in notes):
            return None
        explanation = Explanation(
            pattern=f"{entry.entity.value.lower()}:{entry.section}",
            base_score=entry.score,
            context_words=words,
            context_boost=_PERSON_BOOST if words else 0.0,
            notes=tuple(notes),
        )
        return Finding(entry.entity, start, end, score, self.name, explanation=explanation)


def _name_is_before(s: str, start: int) -> bool:
    """``_NAME_IS_RE`` before ``start``, run only when the text there ends in "is"/"was" and
    a space (a cheap necessary test: the regex search tries every position)."""
    window = s[max(0, start - 60) : start]
    head = window.rstrip(" \t")
    if len(head) == len(window) or not head.endswith(("is", "was")):
        return False
    return _NAME_IS_RE.search(s, max(0, start - 60), start) is not None


def _focus(
    haystack: str, m_start: int, m_end: int, focus: tuple[int, int] | None
) -> tuple[int, int]:
    """Text offsets of the reported part of a match (key characters skip separators)."""
    if focus is None:
        return m_start, m_end
    positions = [
        m_start + i for i, ch in enumerate(haystack[m_start:m_end]) if not _SEPARATORS.match(ch)
    ]
    start = positions[focus[0]]
    end = positions[focus[1] - 1] + 1 if focus[1] > 0 else m_end
    if haystack.startswith("the ", start) and end - start > 4:
        start += 4  # "born in the Dominican Republic" reports the country's name
    return start, end


def recognizers(settings: Settings) -> list[Recognizer]:
    """The status recognizer; its lexicons load on first use, once per process."""
    return [StatusRecognizer()]
