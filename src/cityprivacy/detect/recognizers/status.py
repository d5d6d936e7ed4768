"""The law's "status" types, found as words: immigration, public assistance, criminal history,
victim status, sexual orientation, gender identity, religion, language, nationality,
race or ethnicity, marital and employment status, and release from custody.

These are not formats but vocabulary, so each type is a lexicon shipped as data
(``detect/lexicons/status/<type>.yaml``) that a privacy office can extend without code.
Every phrase of every type is compiled into **one** character-trie regular expression
(an Aho–Corasick-like automaton the regex engine walks without backtracking), scanned
once over the lower-cased text; a phrase → entries map then says which type it was.

A phrase's section in its lexicon says how sure a bare match is:

* ``strong``: unambiguous alone ("undocumented immigrant", "food stamps"), 0.85;
* ``weak``: ambiguous ("undocumented", "Hispanic"), 0.4, raised past the reporting
  threshold by a person nearby (a pronoun, "client", "tenant"...);
* ``strict``: common in other senses ("black", "Christian"), 0.25, raised only by a
  predicate before it ("she is", "identifies as"), a person noun after it ("Black
  woman") or a field label ("Race: Black");
* ``label_only``: raised only by a field label ("Primary language: Bengali");
* ``negative``: look-alikes that win as the longer match and are never reported
  ("Catholic Charities", "Spanish Harlem", "Black Friday").

Phrases may use ``{slot}`` values from ``slots.yaml`` (languages, countries, demonyms),
``[brackets]`` around the part to report, and a trailing ``{date}`` (the span runs over a
following date: "released from Rikers on 03/02/2024") or ``{words}`` ("works as a home
health aide").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product
from typing import TYPE_CHECKING, Any

import yaml

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizers.datetime import DATE_RE, valid_date
from cityprivacy.errors import ConfigurationError

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer
    from cityprivacy.detect.text import Text

__all__ = ["STATUS_ENTITIES", "StatusRecognizer", "load_entries", "recognizers"]

STATUS_ENTITIES = (
    EntityType.IMMIGRATION_STATUS,
    EntityType.PUBLIC_ASSISTANCE,
    EntityType.CRIMINAL_HISTORY,
    EntityType.VICTIM_STATUS,
    EntityType.SEXUAL_ORIENTATION,
    EntityType.GENDER_IDENTITY,
    EntityType.RELIGION,
    EntityType.LANGUAGE,
    EntityType.NATIONALITY,
    EntityType.RACE_ETHNICITY,
    EntityType.MARITAL_STATUS,
    EntityType.EMPLOYMENT_STATUS,
    EntityType.CUSTODY_RELEASE,
)
_SECTIONS = {"strong": 0.85, "weak": 0.4, "strict": 0.25, "label_only": 0.25, "negative": 0.0}
_STRONG, _PREDICATE, _NOUN_AFTER, _PERSON_BOOST, _DATE_BOOST = 0.85, 0.9, 0.8, 0.35, 0.35
# A strong phrase that context confirms outranks a same-span name ("African American").
_CONFIRMED = 0.97
_SEP = "\x00"  # between words in the trie: any run of spaces, hyphens, colons or "_", or none
_SEPARATORS = re.compile(r"[\s\-:_]+")
_TEMPLATE = re.compile(r"(\{\w+\}|\[|\])")

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
    r"|\b(?:he|she|they|who|i)['’](?:s|re|m)|\bidentif(?:y|ies|ied)\s+as"
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


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon phrase: the type it signals, how sure it is alone, what to report."""

    entity: EntityType
    score: float
    section: str
    focus: tuple[int, int] | None  # in key characters (separators removed)
    acronym: bool
    extend: str  # "", "date" or "words"


def _key(phrase: str) -> str:
    return _SEPARATORS.sub("", phrase.lower().replace("’", "'"))


def _expand(template: str, slots: dict[str, list[str]]) -> Iterator[tuple[str, int, int]]:
    """Each phrase a template stands for, with its focus in key characters (or -1, -1)."""
    parts = [p for p in _TEMPLATE.split(template) if p]
    names = [p[1:-1] for p in parts if p.startswith("{")]
    for values in product(*(slots[n] for n in names)):
        it = iter(values)
        text, key_len, focus = "", 0, [-1, -1]
        for part in parts:
            if part in "[]":
                focus[part == "]"] = key_len
                continue
            piece = next(it) if part.startswith("{") else part
            text += piece
            key_len += len(_key(piece))
        yield text, focus[0], focus[1]


def _entries_of(path: str, data: Any, slots: dict[str, list[str]]) -> Iterator[tuple[str, Entry]]:
    try:
        entity = EntityType[data["entity"]]
        for section, default in _SECTIONS.items():
            for item in data.get(section) or ():
                raw, score = next(iter(item.items())) if isinstance(item, dict) else (item, default)
                raw = str(raw).strip()
                extend = ""
                for marker in ("{date}", "{words}"):
                    if raw.endswith(marker):
                        raw, extend = raw[: -len(marker)].strip(), marker[1:-1]
                acronym = raw.isupper() and "{" not in raw
                for phrase, start, end in _expand(raw, slots):
                    focus = (start, end) if start >= 0 else None
                    yield phrase, Entry(entity, float(score), section, focus, acronym, extend)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigurationError(f"malformed status lexicon {path}: {type(exc).__name__}") from None


def _read_yaml(name: str) -> Any:
    path = resources.files("cityprivacy.detect") / "lexicons" / "status" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(
            f"cannot read status lexicon {name}: {type(exc).__name__}"
        ) from None


@cache
def load_entries() -> dict[str, tuple[tuple[str, Entry], ...]]:
    """Every phrase of every status lexicon: key → (phrase, entry) pairs. Read once."""
    slots = {k: [str(v) for v in vs] for k, vs in _read_yaml("slots.yaml").items()}
    table: dict[str, dict[EntityType, tuple[str, Entry]]] = {}
    for entity in STATUS_ENTITIES:
        name = f"{entity.value.lower()}.yaml"
        for phrase, entry in _entries_of(name, _read_yaml(name), slots):
            same = table.setdefault(_key(phrase), {})
            # A phrase listed twice for one type (directly and through a template) keeps
            # its surest reading; a negative listing always wins.
            old = same.get(entity)
            surer = old is None or entry.section == "negative" or entry.score > old[1].score
            if surer and (old is None or old[1].section != "negative"):
                same[entity] = (phrase, entry)
    return {k: tuple(v.values()) for k, v in table.items()}


def _trie_source(node: dict[str, Any]) -> str:
    branches = []
    for ch in sorted(c for c in node if c):
        atom = r"[\s\-:_]*" if ch == _SEP else "['’]" if ch == "'" else re.escape(ch)
        branches.append(atom + _trie_source(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


@cache
def _automaton() -> tuple[re.Pattern[str], dict[EntityType, re.Pattern[str]]]:
    """The combined phrase regex, and each type's field-label regex."""
    root: dict[str, Any] = {}
    for pairs in load_entries().values():
        for phrase, _ in pairs:
            node = root
            for ch in _SEP.join(_SEPARATORS.split(phrase.lower().strip())):
                node = node.setdefault(ch, {})
            node[""] = {}
    phrases = re.compile(r"(?<![\w'’])" + _trie_source(root) + r"(?![\w'’]|[-+]\w)")
    labels = {}
    for entity in STATUS_ENTITIES:
        words = _read_yaml(f"{entity.value.lower()}.yaml").get("labels") or []
        # Words of a label may be joined by spaces or underscores ("primary_language=").
        alts = "|".join(
            sorted((re.escape(str(w).lower()).replace(r"\ ", r"[\s_]+") for w in words),
                   key=len, reverse=True)
        )  # fmt: skip
        labels[entity] = re.compile(
            rf"(?:^|[^a-z0-9])(?:{alts})s?\s*[:=\-–]\s*(?:[^\n:;]{{0,40}}[,/&]\s*)?"
            r"(?:(?:an?|the)\s+)?$"
        )
    return phrases, labels


class StatusRecognizer:
    """Every status type in one pass of one combined phrase automaton."""

    name = "status_lexicon"
    entities = frozenset(STATUS_ENTITIES)

    def analyze(self, text: Text) -> Iterator[Finding]:
        phrases, labels = _automaton()
        entries = load_entries()
        haystack = text.lower
        if len(haystack) != len(text.text):  # a few characters lower-case to two
            haystack = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.text)
        for m in phrases.finditer(haystack):
            pairs = entries.get(_key(m.group()), ())
            # A negative listing silences its own type only: "American Sign Language" is
            # not a nationality, but it is a language.
            negative = {e.entity for _, e in pairs if e.section == "negative"}
            for _, entry in pairs:
                if entry.entity in negative:
                    continue
                if entry.acronym and not text.text[m.start() : m.end()].isupper():
                    continue
                finding = self._finding(text, m, entry, labels[entry.entity])
                if finding is not None:
                    yield finding

    def _finding(
        self, text: Text, m: re.Match[str], entry: Entry, label: re.Pattern[str]
    ) -> Finding | None:
        group = entry.entity is EntityType.NATIONALITY and _GROUP_AFTER_RE.match(
            text.lower, m.end()
        )
        weak = entry.section in ("weak", "strict")
        if weak and not group and _THING_AFTER_RE.match(text.lower, m.end()):
            return None  # "Asian markets", "gay rights movement": about things, not a person
        start, end = _focus(m, entry.focus)
        # "Criminal history: a prior arrest" names a field: its value is the finding.
        is_label = _LABEL_AFTER.match(text.text, m.end()) is not None and bool(
            _LINE_START.search(text.text, max(0, m.start() - 8), m.start())
        )
        score, notes = entry.score, []
        words: tuple[str, ...] = ()
        if label.search(text.before(m.start(), 64)):
            score, notes = max(score, _STRONG), ["field label"]
        if entry.section != "label_only":
            if _PREDICATE_RE.search(text.before(m.start(), 90)) or _NAME_IS_RE.search(
                text.text, max(0, m.start() - 60), m.start()
            ):
                score = max(score, _PREDICATE)
                notes.append("person predicate before")
            elif group or _NOUN_AFTER_RE.match(text.lower, m.end()):
                score = max(score, _NOUN_AFTER)
                notes.append("person noun after")
            if entry.section == "strong" and notes:
                score = max(score, _CONFIRMED)
            if entry.section in ("weak", "strong") and score < _STRONG:
                words = text.context_words(m.start(), m.end(), _PERSON_WORDS)
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


def _focus(m: re.Match[str], focus: tuple[int, int] | None) -> tuple[int, int]:
    """Text offsets of the reported part of a match (key characters skip separators)."""
    if focus is None:
        return m.span()
    positions = [m.start() + i for i, ch in enumerate(m.group()) if not _SEPARATORS.match(ch)]
    start = positions[focus[0]]
    end = positions[focus[1] - 1] + 1 if focus[1] > 0 else m.end()
    if m.string.startswith("the ", start) and end - start > 4:
        start += 4  # "born in the Dominican Republic" reports the country's name
    return start, end


def recognizers(settings: Settings) -> list[Recognizer]:
    """The status recognizer; its lexicons load on first use, once per process."""
    return [StatusRecognizer()]
