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
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.recognizers._name_scoring import (
    BOOST,
    MIN_REPORTED,
    coordinated,
    evidence,
    lower_case_names,
    name_finding,
    near_coordination,
    surname_like_blocker,
)
from cityprivacy.detect.recognizers._name_tokens import (
    FIRST_NAME_AFTER,
    LAST_FIRST,
    LIST_END_AFTER,
    NON_LATIN_RUN,
    NOT_PERSON_END,
    PERSON_VERB_AFTER,
    RUN,
    SPEECH_AFTER,
    SUFFIX_KEYS,
    SUFFIX_RE,
    TOKEN_RE,
    WEAK_TRIGGER,
    Token,
    at_sentence_start,
    title_position,
    title_spans,
    triggered,
)
from cityprivacy.detect.recognizers._name_words import (
    BLOCKERS,
    HONORIFICS,
    PERSON_CONTEXT,
    PLACE_HEADS,
    TRIGGERS,
)
from cityprivacy.detect.recognizers._names_lexicon import NameLexicon, name_key, name_lexicon
from cityprivacy.detect.recognizers.locations import is_known_place
from cityprivacy.detect.recognizers.organizations import (
    EMPLOYMENT_BEFORE,
    is_known_org,
    is_surname_pair,
)
from cityprivacy.detect.text import Text

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer

__all__ = ["NameRecognizer", "recognizers"]


_TITLE_SCORE = 0.85


class NameRecognizer:
    """PERSON names (and the TITLE before them) from lexicon evidence and context."""

    name = "names"
    entities = frozenset({EntityType.PERSON, EntityType.TITLE})

    def analyze(self, text: Text) -> Iterator[Finding]:
        lex = name_lexicon()
        s = text.text
        titles, particle_names = title_spans(s)
        after_title: dict[int, tuple[int, int]] = {}
        for b, e in titles.items():
            nxt = e + len(s[e:]) - len(s[e:].lstrip(" \t"))
            chained = after_title.get(b)  # "Prof. Dr. Weber": one title span
            after_title[nxt] = (chained[0] if chained else b, e)
            if nxt in titles:
                titles[nxt] = titles[nxt]
        found: list[Finding] = []
        for m in RUN.finditer(s):
            if m.start() in titles and titles[m.start()] >= m.end() - 1:
                continue  # the run is only the title itself ("Mx." before a non-Latin name)
            found.extend(self._run(text, m, lex, titles, after_title))
        yield from coordinated(s, found)
        for title, name in particle_names:  # "Mr. van der Laarse"
            yield name_finding(EntityType.TITLE, *title, _TITLE_SCORE, "title", ())
            yield name_finding(EntityType.PERSON, *name, 0.9, "title_particle_name", ())
        low = text.lower
        if s.islower() or any(w in low for w in _GREETINGS):
            yield from lower_case_names(text, lex)
        for m in LAST_FIRST.finditer(s) if _COMMA_CAPITAL.search(s) else ():
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
        tokens = [Token(t, offset, lex) for t in TOKEN_RE.finditer(m.group())]
        title = after_title.get(offset)
        for i, tok in enumerate(tokens[:-1]):
            if tok.start in titles:
                title, tokens = (
                    after_title.get(tokens[i + 1].start, (tok.start, titles[tok.start])),
                    tokens[i + 1 :],
                )
                break
        if title is not None and not title_position(text.text, *title):
            title = None
        if all(t.upper for t in tokens) and len(tokens) > 2 and title is None:
            yield from self._caps_run(text, tokens)
            return
        yield from self._tokens(text, tokens, title)

    def _caps_run(self, text: Text, tokens: list[Token]) -> Iterator[Finding]:
        """An all-caps line: names are the known-name stretches between ordinary words."""
        segment: list[Token] = []
        for tok in [*tokens, None]:
            if tok is not None and not tok.stop and (tok.first or tok.surname or tok.initial):
                segment.append(tok)
                continue
            if segment:
                yield from self._tokens(text, segment, None)
            segment = []

    def _tokens(
        self, text: Text, tokens: list[Token], title: tuple[int, int] | None
    ) -> Iterator[Finding]:
        if not tokens:
            return
        offset = tokens[0].start
        if any(t.key in BLOCKERS for t in tokens[1:]) and not surname_like_blocker(tokens):
            return
        sentence_initial = title is None and at_sentence_start(text.text, offset)
        honorific = title is not None and name_key(text.text[title[0] : title[1]]) in HONORIFICS
        while tokens and (tokens[0].stop or (sentence_initial and tokens[0].english_like())):
            if _common_word_first_name(tokens):
                tokens[0].first, tokens[0].stop = tokens[0].stop_first, False
                break  # "Mark Bennett", "April Byrd"
            if (
                honorific
                and tokens[0].key not in TRIGGERS
                and (tokens[0].key not in BLOCKERS or (len(tokens) == 1 and tokens[0].surname))
            ):
                break  # "Ms. Young", "Dr. Price", "Mr. Hill": after a title, a surname
            tokens = tokens[1:]
            sentence_initial = False
        while len(tokens) > 1 and tokens[-1].key in SUFFIX_KEYS:
            tokens = tokens[:-1]  # "Smith Jr", "Lee III": re-attached below with their period
        while tokens and ((tokens[-1].stop and not tokens[-1].surname) or tokens[-1].initial):
            if len(tokens) == 1 and honorific:
                break
            tokens = tokens[:-1]
        words = [t for t in tokens if not t.initial]
        if len(words) >= 3 and _unknown_lead(words):
            tokens, words = tokens[1:], words[1:]  # "Manager Brenda Brown": a job title first
        if not words or len(words) > 4 or (len(words) > 1 and words[0].key in PLACE_HEADS):
            return  # "San Alfredo", "Castel Castagna": a place
        start, end = tokens[0].start, tokens[-1].end
        phrase = text.text[start:end]
        if (
            not honorific
            and _known_place_or_org(phrase)
            and (
                len(words) > 1 or not (triggered(text, start) or SPEECH_AFTER.match(text.text, end))
            )
        ):
            return  # "Prof. Austin" and "Houston said" are people, "Austin" alone a city
        if title is None and len(words) == 1 and is_surname_pair(text.text, start, end):
            return  # "Walker-Morris": a firm
        suffix = SUFFIX_RE.match(text.text, end)
        if suffix is not None:
            end = suffix.end()
        if title is not None:
            if len(words) <= 3:
                yield name_finding(EntityType.TITLE, title[0], title[1], _TITLE_SCORE, "title", ())
                yield name_finding(EntityType.PERSON, start, end, 0.9, "title_name", ())
            return
        pattern, base = evidence(words, sentence_initial)
        if base < 0.45 and 1 < len(words) <= 3 and _NAME_PARTICLE.search(phrase):
            pattern, base = "particle_name", 0.45  # "Lex van der Noot", "Ana da Silva"
        if base < 0.95 and EMPLOYMENT_BEFORE.search(text.before(start, 32)):
            return
        score, context = base, cast(tuple[str, ...], ())
        if base >= 0.4:
            context = text.context_words(start, end, PERSON_CONTEXT)
        if not context and triggered(text, start):
            context = ("trigger",)
        s = text.text
        verb = SPEECH_AFTER if pattern == "capitalized_word" else PERSON_VERB_AFTER
        if not context and not words[0].stop and verb.match(text.text, end):
            context = ("verb",)
        if not context and base >= 0.25 and WEAK_TRIGGER.search(text.before(start, 32)):
            context = ("trigger",)  # "according to Garcia", "ask for Cook"
        if not context and pattern == "first_name_alone" and FIRST_NAME_AFTER.match(s, end):
            context = ("verb",)  # "Kayla's", "Derrick here", "Scott baked it"
        if not context and pattern == "first_name_alone" and text.text[end : end + 1] == ",":
            context = ("vocative",) if sentence_initial else ()  # "Amara, your visit is ..."
        if context:
            score = min(1.0, base + BOOST)
        if score >= MIN_REPORTED or (score >= 0.2 and near_coordination(text.text, start, end)):
            yield name_finding(EntityType.PERSON, start, end, score, pattern, context, base)

    def _last_first(self, text: Text, m: re.Match[str], lex: NameLexicon) -> Finding | None:
        last = Token(TOKEN_RE.match(m.group("last")) or m, m.start("last"), lex)
        first = Token(TOKEN_RE.match(m.group("first")) or m, m.start("first"), lex)
        if last.initial or first.initial or (last.stop and not last.surname) or first.stop:
            return None
        if LIST_END_AFTER.match(text.text, m.end("first")):
            return None  # "Wilson, Harvey and Stewart": a list or a firm
        if _known_place_or_org(m.group("first")) or _known_place_or_org(m.group("last")):
            return None
        if last.surname and first.first:
            score, pattern = 0.9, "last_comma_first"
        elif (last.surname or first.first) and last.upper and first.upper:
            score, pattern = 0.75, "caps_last_comma_first"
        elif last.upper and first.upper and triggered(text, m.start()):
            score, pattern = 0.7, "caps_last_comma_first"
        elif first.first and at_sentence_start(text.text, m.start()) and not last.english_like():
            score, pattern = 0.7, "record_last_comma_first"
        elif (last.surname or first.first) and triggered(text, m.start()):
            score, pattern = 0.7, "last_comma_first"
        else:
            return None
        end = m.end("mid") if m.group("mid") and m.group("mid")[0].isupper() else m.end("first")
        mid = m.group("mid")
        if mid and len(mid.rstrip(".")) > 1 and not lex.first_rank(name_key(mid)):
            end = m.end("first")
        return name_finding(EntityType.PERSON, m.start(), end, score, pattern, ())


def _non_latin(text: Text, after_title: dict[int, tuple[int, int]]) -> Iterator[Finding]:
    """Names in Cyrillic, Arabic, Devanagari, CJK or Hangul script inside a mostly Latin text:
    a short run of such letters, scored higher after a title or a person trigger."""
    s = text.text
    for m in NON_LATIN_RUN.finditer(s):
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
        if value[-1] in NOT_PERSON_END or len(value) < 2:
            continue
        if ideographic and len(value.replace(" ", "")) > 5:
            continue  # a phrase or a company name, not a two-to-four character name
        end = m.end()
        title = after_title.get(start)
        if title is not None:
            yield name_finding(EntityType.TITLE, title[0], title[1], _TITLE_SCORE, "title", ())
            yield name_finding(EntityType.PERSON, start, end, 0.85, "title_script_name", ())
        elif triggered(text, start):
            context = ("trigger",)
            yield name_finding(EntityType.PERSON, start, end, 0.85, "script_name", context, 0.5)
        else:
            yield name_finding(EntityType.PERSON, start, end, 0.5, "script_name", ())


_NAME_PARTICLE = re.compile(r"[ \t](?:van|von|di|da|de|dos|del|della|ter|ten|bin|ibn)[ \t]")
_GREETINGS = ("hi ", "hello ", "hey ", "dear ", "my name ", "this is ", "i am ", "i'm ")
_COMMA_CAPITAL = re.compile(r",[ \t]*[^\W\d_a-z]")
"""``SURNAME, First`` needs a comma before a capital: a cheap test before the full regex."""


def _common_word_first_name(tokens: list[Token]) -> bool:
    """``Mark Bennett``: a first name that is also a word, then a surname or a name-like word."""
    if len(tokens) != 2 or not tokens[0].stop_first or tokens[1].stop:
        return False
    nxt = tokens[1]
    return bool(nxt.surname) or nxt.accented


def _unknown_lead(words: list[Token]) -> bool:
    """An unknown capitalized word before a known first name and surname."""
    head = words[0]
    return (
        not (head.first or head.surname or head.stop)
        and bool(words[1].first)
        and bool(words[-1].surname)
    )


def _known_place_or_org(phrase: str) -> bool:
    return is_known_place(phrase) or is_known_org(phrase)


def recognizers(settings: Settings) -> list[Recognizer]:
    """The built-in PERSON/TITLE recognizer."""
    return [NameRecognizer()]
