"""Scoring of a trimmed capitalized run for the PERSON recognizer: which lexicon evidence
(known first name, known surname, a name-like affix) it carries, as a pattern name and a
base score; context is added by the recognizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizers._name_tokens import LOWER_NAME_RE, Token
from cityprivacy.detect.recognizers._name_words import TRIGGERS
from cityprivacy.detect.recognizers._names_lexicon import NameLexicon, name_key
from cityprivacy.detect.text import Text

__all__ = [
    "BOOST",
    "MIN_REPORTED",
    "coordinated",
    "evidence",
    "lower_case_names",
    "name_finding",
    "near_coordination",
    "surname_like_blocker",
]

BOOST = 0.35
"""Added to a base score by person context (a trigger, a verb, a confident name beside)."""
MIN_REPORTED = 0.3
"""Findings below this are dropped by the recognizer itself (the analyzer's cut is 0.5)."""


def evidence(words: list[Token], sentence_initial: bool) -> tuple[str, float]:
    """The pattern name and base score of a trimmed run, from lexicon evidence."""
    head, tail = words[0], words[-1]
    caps = all(w.upper for w in words)
    if len(words) == 1:
        if head.first and not caps:
            return "first_name_alone", 0.4 if sentence_initial else 0.5
        return ("surname_alone", 0.25) if head.surname else ("capitalized_word", 0.2)
    if head.first and tail.surname:
        return "first_and_surname", 0.95
    if len(words) == 2 and head.surname and tail.first:
        return "surname_and_first", 0.8
    if caps:
        return "capitalized_words", 0.25
    if head.first and not tail.english_like():
        return "first_name_and_word", 0.85
    plain = len(words) <= 3 and not any(w.stop or w.english_like() or w.upper for w in words)
    if plain and any(w.accented or _foreign_looking(w.key) for w in words):
        return "foreign_looking_words", 0.45 if sentence_initial else 0.5
    if len(words) == 2 and tail.surname and not head.stop and not head.english_like():
        return "word_and_surname", 0.6
    if len(words) == 3 and head.surname and not head.stop and not tail.english_like():
        return "surname_first_form", 0.6
    return "capitalized_words", 0.25


_FOREIGN_AFFIXES = re.compile(
    r"(?:ski|ska|wicz|czyk|enko|ov|ova|ev|eva|ić|vić|escu|eanu|ez|ian|yan|oglu|oğlu|poulos|akis"
    r"|idis|ini|etti|elli|ishvili|dze|wala|appa|ayo|ola|ade|emi|unmi|wu|eni|ela|ile|ulu|oye"
    r"|iya|ana|ani|esh|ash|ith|uddin|ullah)$"
    r"|^(?:mc|ng|nk|mb|nd|kw|ol|ade|obi|oko|chi|xi|zh|qi|ba|ama|ifeo|olu|sib|bhe|thu|nomi)"
)


def _foreign_looking(key: str) -> bool:
    """A cheap name-likeness test: an affix common in names, rare in English words."""
    return bool(_FOREIGN_AFFIXES.search(key))


def surname_like_blocker(tokens: list[Token]) -> bool:
    """``Shirley Hill``, ``Andrew Park``: a first name, then a place word that is a surname."""
    return len(tokens) == 2 and bool(tokens[0].first) and 0 < tokens[1].surname <= 3000


_COORDINATION = re.compile(r"[ \t]*(?:,|and|&|or)[ \t]*(?:and[ \t]+)?")


def near_coordination(s: str, start: int, end: int) -> bool:
    """True when ``and``, ``&`` or a comma is next to the span (a candidate for a list)."""
    around = s[max(0, start - 6) : start] + " " + s[end : end + 6]
    return "and" in around or "," in around or "&" in around


def coordinated(s: str, found: list[Finding]) -> Iterator[Finding]:
    """The findings worth reporting; a weak run joined by ``and`` or a comma to a confident
    name (``Both Jan Wochnik and Abraham Zaragoza``) is a name too."""
    people = [f for f in found if f.entity_type is EntityType.PERSON and f.score >= 0.5]
    for f in found:
        if f.score < 0.5 and f.entity_type is EntityType.PERSON and f.end - f.start > 3:
            base = f.explanation.base_score
            for p in people:
                gap = s[f.end : p.start] if p.start >= f.end else s[p.end : f.start]
                if (
                    gap
                    and len(gap) <= 6
                    and _COORDINATION.fullmatch(gap)
                    and " " in s[f.start : f.end]
                ):
                    score = min(1.0, base + BOOST)
                    pattern = f.explanation.pattern
                    f = name_finding(f.entity_type, f.start, f.end, score, pattern, ("list",), base)
                    break
        if f.score >= MIN_REPORTED:
            yield f


def lower_case_names(text: Text, lex: NameLexicon) -> Iterator[Finding]:
    """``hi vigo de strigter,``, ``i'm lori, ...``: a lower-case name after a greeting, when
    its first word is a known first name and none is an ordinary word. Before more words
    (``my name is thomas fernandez and i ...``), only the leading known names are kept."""
    for m in LOWER_NAME_RE.finditer(text.text):
        words = m.group("name").split()
        start, end = m.span("name")
        if m.group("closed") is None:
            words = _leading_names(words, lex)
            if not words:
                continue
            end = start + len(" ".join(words))
            if text.text[start:end] != " ".join(words):
                continue  # a tab or double space inside: keep to the simple case
        keys = [name_key(w) for w in words if w not in _LOWER_PARTICLES]
        if not keys or any(k in lex.stop or k in TRIGGERS for k in keys):
            continue
        if lex.first_rank(keys[0]) and (len(keys) == 1 or all(
            lex.first_rank(k) or lex.surname_rank(k) or not k.endswith(("ing", "ed", "ly"))
            for k in keys[1:]
        )):  # fmt: skip
            yield name_finding(EntityType.PERSON, start, end, 0.85, "lower_case_name", ("hi",), 0.5)


def _leading_names(words: list[str], lex: NameLexicon) -> list[str]:
    """The words up to the first one that is not a known name (at most three)."""
    kept: list[str] = []
    for word in words[:3]:
        key = name_key(word)
        if key in lex.stop or key in TRIGGERS:
            break
        if not (lex.first_rank(key) or (kept and lex.surname_rank(key))):
            break
        kept.append(word)
    return kept


_LOWER_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "van", "der", "den", "von", "di", "del", "la", "le"}
)


def name_finding(
    entity: EntityType,
    start: int,
    end: int,
    score: float,
    pattern: str,
    context: tuple[str, ...],
    base: float | None = None,
) -> Finding:
    """A PERSON or TITLE finding of the ``names`` recognizer, its score explained."""
    base = score if base is None else base
    explanation = Explanation(
        pattern=pattern, base_score=base, context_words=context, context_boost=score - base
    )
    return Finding(entity, start, end, score, "names", explanation=explanation)
