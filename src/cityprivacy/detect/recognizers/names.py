"""PERSON and TITLE: people's names, found with the Census name lists and a few shapes.

No model: one regex finds runs of capitalized words (``O'Brien``, ``McDonald``,
``Garcia-Lopez``, ``de la Cruz``, ``al-Rashid``, initials, accented letters), optionally
after a title (``Dr.``, ``Sgt``, ``Councilmember``). Each run is trimmed of stopwords
(``Dear``, ``Yesterday``) and scored by what the lexicon knows of its words:

=====================================  =====  ========================================
evidence                               score  example
=====================================  =====  ========================================
title + capitalized words              0.90   ``Det. Okonkwo``
known first name + known surname       0.95   ``Maria Delgado``
known first name + capitalized word    0.85   ``Priya Venkataraghavan``
known surname + known first name       0.80   ``Zhang Wei`` (family name first)
``SURNAME, FIRST`` (both known)        0.90   ``OKAFOR, CHIDI``
name-like word + known surname         0.60   ``Nkiruka Okafor``
known first name alone                 0.50   ``... called Maria`` (0.40 sentence-initial)
capitalized words, nothing known       0.25   needs a trigger word just before it
=====================================  =====  ========================================

Person context (``client``, ``tenant``, ``spoke with``, ``my name is``) adds +0.35; for
runs with no lexical evidence it must come right before the run. Runs that end in a place
or organization word (``Jackson Heights``, ``Garcia Holdings``) or that are a known place
or organization are left to those recognizers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizers._name_words import (
    BLOCKERS,
    ENGLISH_SUFFIXES,
    HONORIFICS,
    PARTICLES,
    PERSON_CONTEXT,
    PERSON_SUFFIXES,
    TITLES,
    TRIGGERS,
)
from cityprivacy.detect.recognizers._names_lexicon import NameLexicon, name_key, name_lexicon
from cityprivacy.detect.recognizers.organizations import EMPLOYMENT_BEFORE
from cityprivacy.detect.text import Text

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer

__all__ = ["NameRecognizer", "recognizers"]

_UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LET = r"[^\W\d_]"
_TOKEN = (
    rf"(?:(?:al|el|Al|El|bin|ibn)-)?[{_UP}]"
    rf"(?:{_LET}|['’](?={_LET}{{2}})|-(?=[{_UP}]))*(?:(?<=\b[A-Z])\.)?"
)
_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
_TITLE = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
_NON_LATIN = (
    "\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
)
_RUN = re.compile(
    rf"(?<![\w'’.@/-]){_TOKEN}(?:[ \t]+(?:(?:{_PARTICLE})[ \t]+)*{_TOKEN}){{0,6}}(?![\w@])"
)
_TITLE_RE = re.compile(
    rf"(?<![\w'’.@/-])(?:{_TITLE})(?:\.|(?![\w'’-]))(?=[ \t]+[{_UP}{_NON_LATIN}])"
)
_SUFFIX_RE = re.compile(
    r",?[ \t]+(?:"
    + "|".join(re.escape(x) for x in sorted(PERSON_SUFFIXES, key=len, reverse=True))
    + r")(?![\w'’-])"
)
_CLOSING_BEFORE = re.compile(
    r"(?i:\b(?:thanks|thank[ \t]+you|best|regards|cheers|sincerely|yours(?:[ \t]+truly)?"
    r"|love|respectfully|sent[ \t]+from[ \t]+my[ \t]+\w+|signed))[ \t]*[,.!]?[ \t]*\r?\n[ \t]*$"
)
_PERSON_VERB_AFTER = re.compile(
    r"[ \t]*(?:\(\d{1,3}\)|(?:said|says|told|asked|phoned|called|wrote|replied|stated"
    r"|reported|explained|lives|lived|founded|signed|testified|emailed|texted|agreed"
    r"|refused|complained|confirmed|admitted|denied|insisted|claimed|was[ \t]+born)\b)"
)
_SUFFIX_KEYS = frozenset(name_key(x) for x in PERSON_SUFFIXES)
_NON_LATIN_RUN = re.compile(rf"[{_NON_LATIN}]+(?:[ \t][{_NON_LATIN}]+){{0,3}}")
_NOT_PERSON_END = frozenset("市县区省州镇村路街道司社会局店院校部国島町村区통시군구도로")
_TOKEN_RE = re.compile(_TOKEN)
_LAST_FIRST = re.compile(
    rf"(?<![\w'’.@/-])(?P<last>{_TOKEN}),[ \t]*(?P<first>{_TOKEN})"
    rf"(?:[ \t]+(?P<mid>[A-Z]\.?|{_TOKEN}))?(?![\w@])"
)
_SENTENCE_END = frozenset(".!?:;\n\r\t•*-–—\"'(")

_BOOST = 0.35
_TITLE_SCORE = 0.85


class _Token:
    __slots__ = ("accented", "end", "first", "initial", "key", "start", "stop", "surname", "upper")

    def __init__(self, m: re.Match[str], offset: int, lex: NameLexicon) -> None:
        word = m.group()
        self.start = m.start() + offset
        self.end = m.end() + offset
        self.key = key = name_key(word)
        self.accented = not word.isascii()
        self.initial = len(key) == 1
        self.upper = word.isupper() and len(word) > 1
        self.stop = key in lex.stop or key in BLOCKERS or key in TRIGGERS
        self.first = 0 if self.stop else lex.first_rank(key)
        self.surname = lex.surname_rank(key)

    def english_like(self) -> bool:
        return not self.first and not self.surname and self.key.endswith(ENGLISH_SUFFIXES)


class NameRecognizer:
    """PERSON names (and the TITLE before them) from lexicon evidence and context."""

    name = "names"
    entities = frozenset({EntityType.PERSON, EntityType.TITLE})

    def analyze(self, text: Text) -> Iterator[Finding]:
        lex = name_lexicon()
        s = text.text
        titles = {m.start(): m.end() for m in _TITLE_RE.finditer(s)}
        after_title: dict[int, tuple[int, int]] = {}
        for b, e in titles.items():
            nxt = e + len(s[e:]) - len(s[e:].lstrip(" \t"))
            chained = after_title.get(b)  # "Prof. Dr. Weber": one title span
            after_title[nxt] = (chained[0] if chained else b, e)
            if nxt in titles:
                titles[nxt] = titles[nxt]
        for m in _RUN.finditer(s):
            if m.start() in titles and titles[m.start()] >= m.end() - 1:
                continue  # the run is only the title itself ("Mx." before a non-Latin name)
            yield from self._run(text, m, lex, titles, after_title)
        for m in _LAST_FIRST.finditer(s):
            finding = self._last_first(text, m, lex)
            if finding is not None:
                yield finding
        if not s.isascii():
            yield from _non_latin(text, after_title)

    def _run(
        self,
        text: Text,
        m: re.Match[str],
        lex: NameLexicon,
        titles: dict[int, int],
        after_title: dict[int, tuple[int, int]],
    ) -> Iterator[Finding]:
        offset = m.start()
        tokens = [_Token(t, offset, lex) for t in _TOKEN_RE.finditer(m.group())]
        title = after_title.get(offset)
        for i, tok in enumerate(tokens[:-1]):
            if tok.start in titles:
                title, tokens = (
                    after_title.get(tokens[i + 1].start, (tok.start, titles[tok.start])),
                    tokens[i + 1 :],
                )
                break
        if title is not None and not _title_position(text.text, *title):
            title = None
        if all(t.upper for t in tokens) and len(tokens) > 2 and title is None:
            yield from self._caps_run(text, tokens)
            return
        yield from self._tokens(text, tokens, title)

    def _caps_run(self, text: Text, tokens: list[_Token]) -> Iterator[Finding]:
        """An all-caps line: names are the known-name stretches between ordinary words."""
        segment: list[_Token] = []
        for tok in [*tokens, None]:
            if tok is not None and not tok.stop and (tok.first or tok.surname or tok.initial):
                segment.append(tok)
                continue
            if segment:
                yield from self._tokens(text, segment, None)
            segment = []

    def _tokens(
        self, text: Text, tokens: list[_Token], title: tuple[int, int] | None
    ) -> Iterator[Finding]:
        if not tokens:
            return
        offset = tokens[0].start
        if any(t.key in BLOCKERS for t in tokens[1:]) and not _surname_like_blocker(tokens):
            return
        sentence_initial = title is None and _sentence_initial(text.text, offset)
        honorific = title is not None and name_key(text.text[title[0] : title[1]]) in HONORIFICS
        while tokens and (tokens[0].stop or (sentence_initial and tokens[0].english_like())):
            if honorific and tokens[0].key not in TRIGGERS and tokens[0].key not in BLOCKERS:
                break  # "Ms. Young", "Dr. Price": after a title, a surname
            tokens = tokens[1:]
            sentence_initial = False
        while len(tokens) > 1 and tokens[-1].key in _SUFFIX_KEYS:
            tokens = tokens[:-1]  # "Smith Jr", "Lee III": re-attached below with their period
        while tokens and ((tokens[-1].stop and not tokens[-1].surname) or tokens[-1].initial):
            if len(tokens) == 1 and honorific:
                break
            tokens = tokens[:-1]
        words = [t for t in tokens if not t.initial]
        if not words or len(words) > 4:
            return
        start, end = tokens[0].start, tokens[-1].end
        phrase = text.text[start:end]
        if _known_place_or_org(phrase) and (len(words) > 1 or not _triggered(text, start)):
            return
        suffix = _SUFFIX_RE.match(text.text, end)
        if suffix is not None:
            end = suffix.end()
        if title is not None:
            if len(words) <= 3:
                yield _finding(EntityType.TITLE, title[0], title[1], _TITLE_SCORE, "title", ())
                yield _finding(EntityType.PERSON, start, end, 0.9, "title_name", ())
            return
        pattern, base = _evidence(words, sentence_initial)
        if base < 0.95 and EMPLOYMENT_BEFORE.search(text.before(start, 32)):
            return
        score, context = base, cast(tuple[str, ...], ())
        if base >= 0.4:
            context = text.context_words(start, end, PERSON_CONTEXT)
        if not context and _triggered(text, start):
            context = ("trigger",)
        if (
            not context
            and pattern != "capitalized_word"
            and _PERSON_VERB_AFTER.match(text.text, end)
        ):
            context = ("verb",)
        if context:
            score = min(1.0, base + _BOOST)
        if score >= 0.3:
            yield _finding(EntityType.PERSON, start, end, score, pattern, context, base)

    def _last_first(self, text: Text, m: re.Match[str], lex: NameLexicon) -> Finding | None:
        last = _Token(_TOKEN_RE.match(m.group("last")) or m, m.start("last"), lex)
        first = _Token(_TOKEN_RE.match(m.group("first")) or m, m.start("first"), lex)
        if last.initial or first.initial or (last.stop and not last.surname) or first.stop:
            return None
        if _known_place_or_org(m.group("first")) or _known_place_or_org(m.group("last")):
            return None
        if last.surname and first.first:
            score, pattern = 0.9, "last_comma_first"
        elif (last.surname or first.first) and last.upper and first.upper:
            score, pattern = 0.75, "caps_last_comma_first"
        elif last.upper and first.upper and _triggered(text, m.start()):
            score, pattern = 0.7, "caps_last_comma_first"
        elif first.first and _sentence_initial(text.text, m.start()) and not last.english_like():
            score, pattern = 0.7, "record_last_comma_first"
        elif (last.surname or first.first) and _triggered(text, m.start()):
            score, pattern = 0.7, "last_comma_first"
        else:
            return None
        end = m.end("mid") if m.group("mid") and m.group("mid")[0].isupper() else m.end("first")
        mid = m.group("mid")
        if mid and len(mid.rstrip(".")) > 1 and not lex.first_rank(name_key(mid)):
            end = m.end("first")
        return _finding(EntityType.PERSON, m.start(), end, score, pattern, ())


_TITLE_KEYS = frozenset(t.lower() for t in TITLES)


def _evidence(words: list[_Token], sentence_initial: bool) -> tuple[str, float]:
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


def _title_position(s: str, start: int, end: int) -> bool:
    """False for ``Dr``/``St`` that end a street name (``Ocean Dr``) rather than start a name."""
    if name_key(s[start:end]) not in {"dr", "st"}:
        return True
    before = s[max(0, start - 24) : start].split()
    if not before or not before[-1][:1].isupper() or "\n" in s[max(0, start - 3) : start]:
        return True
    if not before[-1][-1].isalnum():
        return True  # "Signed, Dr. Ray": punctuation ends the street name
    key = name_key(before[-1])
    return key in TRIGGERS or (key in name_lexicon().stop and key not in BLOCKERS)


_FOREIGN_AFFIXES = re.compile(
    r"(?:ski|ska|wicz|czyk|enko|ov|ova|ev|eva|ić|vić|escu|eanu|ez|ian|yan|oglu|oğlu|poulos|akis"
    r"|idis|ini|etti|elli|ishvili|dze|wala|appa|ayo|ola|ade|emi|unmi|wu|eni|ela|ile|ulu|oye"
    r"|iya|ana|ani|esh|ash|ith|uddin|ullah)$"
    r"|^(?:mc|ng|nk|mb|nd|kw|ol|ade|obi|oko|chi|xi|zh|qi|ba|ama|ifeo|olu|sib|bhe|thu|nomi)"
)


def _foreign_looking(key: str) -> bool:
    """A cheap name-likeness test: an affix common in names, rare in English words."""
    return bool(_FOREIGN_AFFIXES.search(key))


def _surname_like_blocker(tokens: list[_Token]) -> bool:
    """``Shirley Hill``, ``Andrew Park``: a first name, then a place word that is a surname."""
    return len(tokens) == 2 and bool(tokens[0].first) and 0 < tokens[1].surname <= 3000


def _sentence_initial(s: str, i: int) -> bool:
    """True when only spaces separate ``s[i]`` from the start of a sentence or line."""
    j = i - 1
    while j >= 0 and s[j] == " ":
        j -= 1
    return j < 0 or s[j] in _SENTENCE_END


def _triggered(text: Text, start: int) -> bool:
    """True when a person trigger (``client``, ``named``, ``spoke with``) ends just before,
    or the candidate is alone on the line after a letter's closing (``Thanks,\\nPriya``)."""
    before = text.before(start, 32)
    if "\n" in before:
        if _CLOSING_BEFORE.search(before) and _line_end(text.text, start):
            return True
        before = before[before.rindex("\n") + 1 :]
    parts = before.rstrip(" \t:,-#(").split()[-3:]
    return bool(parts) and any(" ".join(parts[i:]) in TRIGGERS for i in range(len(parts)))


def _line_end(s: str, start: int) -> bool:
    """True when only a name-sized stretch of text is left on the line from ``start``."""
    nl = s.find("\n", start)
    rest = s[start:] if nl == -1 else s[start:nl]
    return len(rest.split()) <= 4


def _non_latin(text: Text, after_title: dict[int, tuple[int, int]]) -> Iterator[Finding]:
    """Names in Cyrillic, Arabic, Devanagari, CJK or Hangul script inside a mostly Latin text:
    a short run of such letters, scored higher after a title or a person trigger."""
    s = text.text
    for m in _NON_LATIN_RUN.finditer(s):
        value, start = m.group(), m.start()
        words = value.split()
        if "\u0400" <= value[0] <= "\u04ff":
            while words and not words[0][0].isupper():  # "г-жа Иванова": drop the title
                start += len(words[0]) + 1
                value = value[len(words[0]) + 1 :]
                words = words[1:]
            if not words or not all(w[0].isupper() for w in words):
                continue
        ideographic = value[0] >= "\u3040"
        if value[-1] in _NOT_PERSON_END or len(value) < 2:
            continue
        if ideographic and len(value.replace(" ", "")) > 5:
            continue  # a phrase or a company name, not a two-to-four character name
        end = m.end()
        title = after_title.get(start)
        if title is not None:
            yield _finding(EntityType.TITLE, title[0], title[1], _TITLE_SCORE, "title", ())
            yield _finding(EntityType.PERSON, start, end, 0.85, "title_script_name", ())
        elif _triggered(text, start):
            context = ("trigger",)
            yield _finding(EntityType.PERSON, start, end, 0.85, "script_name", context, 0.5)
        else:
            yield _finding(EntityType.PERSON, start, end, 0.5, "script_name", ())


def _known_place_or_org(phrase: str) -> bool:
    from cityprivacy.detect.recognizers.locations import is_known_place
    from cityprivacy.detect.recognizers.organizations import is_known_org

    return is_known_place(phrase) or is_known_org(phrase)


def _finding(
    entity: EntityType,
    start: int,
    end: int,
    score: float,
    pattern: str,
    context: tuple[str, ...],
    base: float | None = None,
) -> Finding:
    base = score if base is None else base
    explanation = Explanation(
        pattern=pattern, base_score=base, context_words=context, context_boost=score - base
    )
    return Finding(entity, start, end, score, NameRecognizer.name, explanation=explanation)


def recognizers(settings: Settings) -> list[Recognizer]:
    """The built-in PERSON/TITLE recognizer."""
    return [NameRecognizer()]
