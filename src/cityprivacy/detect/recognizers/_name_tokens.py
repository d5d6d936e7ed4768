"""Tokens of the PERSON recognizer: the regexes that find capitalized runs, titles and
``SURNAME, First`` pairs, the per-word lexicon facts (:class:`Token`), and the position tests
(sentence start, a trigger word just before) that the scoring needs.

Kept apart from the recognizer so the shapes can be read (and tested) on their own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cityprivacy.detect.recognizers._lexicon import phrase_regex
from cityprivacy.detect.recognizers._name_words import (
    BLOCKERS,
    ENGLISH_SUFFIXES,
    PARTICLES,
    PERSON_SUFFIXES,
    TITLES,
    TRIGGERS,
)
from cityprivacy.detect.recognizers._names_lexicon import NameLexicon, name_key, name_lexicon
from cityprivacy.detect.text import Text

__all__ = [
    "FIRST_NAME_AFTER",
    "LAST_FIRST",
    "LIST_END_AFTER",
    "LOWER_NAME_RE",
    "NON_LATIN_RUN",
    "NOT_PERSON_END",
    "PERSON_VERB_AFTER",
    "RUN",
    "SPEECH_AFTER",
    "SUFFIX_KEYS",
    "SUFFIX_RE",
    "TOKEN_RE",
    "WEAK_TRIGGER",
    "Token",
    "at_sentence_start",
    "line_end",
    "title_position",
    "title_spans",
    "triggered",
]

_UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LET = r"[^\W\d_]"
_TOKEN = (
    rf"(?:(?:al|el|Al|El|bin|ibn)-)?[{_UP}]"
    rf"(?:{_LET}|['’](?={_LET}{{2}})|-(?=[{_UP}]))*(?:(?<=\b[A-Z])\.)?"
)
_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
_NON_LATIN = (
    "\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
)
RUN = re.compile(
    rf"(?<![\w'’.@/-]){_TOKEN}(?:[ \t]+(?:(?:{_PARTICLE})[ \t]+)*{_TOKEN}){{0,6}}(?![\w@])"
)
_TITLE_RE = re.compile(rf"(?:{phrase_regex(TITLES)})(?:\.|(?![\w'’-]))")
_WORD_CHAR = re.compile(r"[\w'’.@/-]")
_NAME_AFTER = re.compile(rf"[ \t]+[{_UP}{_NON_LATIN}]")
_PARTICLE_NAME_AFTER = re.compile(
    rf"[ \t]+((?:(?:{_PARTICLE})[ \t]+)+{_TOKEN}(?:[ \t]+{_TOKEN})?)(?![\w@])"
)

Span = tuple[int, int]


def title_spans(s: str) -> tuple[dict[int, int], list[tuple[Span, Span]]]:
    """The titles of ``s``: start -> end of each one before a capitalized word (``Dr. Ray``),
    and (title, name) spans of each one before a particle and a surname (``Mr. van Dam``).

    The regex starts with the title trie so the engine can skip to a likely first letter;
    a title glued to the word before it (``AMr``) is dropped here instead of by a
    lookbehind, which would make every position a candidate (5x slower).
    """
    titles: dict[int, int] = {}
    particles: list[tuple[Span, Span]] = []
    for m in _TITLE_RE.finditer(s):
        start, end = m.span()
        if start and _WORD_CHAR.match(s, start - 1):
            continue
        if _NAME_AFTER.match(s, end):
            titles[start] = end
        elif (p := _PARTICLE_NAME_AFTER.match(s, end)) is not None:
            particles.append(((start, end), p.span(1)))
    return titles, particles


SUFFIX_RE = re.compile(
    r",?[ \t]+(?:"
    + "|".join(re.escape(x) for x in sorted(PERSON_SUFFIXES, key=len, reverse=True))
    + r")(?![\w'’-])"
)
_CLOSING_BEFORE = re.compile(
    r"(?i:\b(?:thanks|thank[ \t]+you|best|regards|cheers|sincerely|yours(?:[ \t]+truly)?"
    r"|love|respectfully|sent[ \t]+from[ \t]+my[ \t]+\w+|signed))[ \t]*[,.!]?[ \t]*\r?\n[ \t]*$"
)
PERSON_VERB_AFTER = re.compile(
    r"(?:,[ \t]*(?:born|aged?|who)\b|[ \t]*(?:\(\d{1,3}\)|(?:said|says|told|asked|phoned"
    r"|called|wrote|replied|stated|reported|explained|lives|lived|founded|signed|testified"
    r"|emailed|texted|agreed|refused|complained|confirmed|admitted|denied|insisted|claimed"
    r"|mentioned|attended|identifies|identified|travels|traveled|travelled|moved|gave"
    r"|requested|arrived|visited|was[ \t]+born|is[ \t]+staying|was[ \t]+seen)\b))"
)
"""Words right after a run that say the run is a person (``Ines Kowalczyk mentioned``)."""
SPEECH_AFTER = re.compile(
    r"[ \t]+(?:said|says|told|asked|mentioned|texted|emailed|phoned|wrote|replied)\b"
)
"""The verbs after which even an unknown single capitalized word is a person."""
WEAK_TRIGGER = re.compile(
    r"(?i:\b(?:according[ \t]+to|ask(?:ed)?[ \t]+for|colleague|co-?worker|boss|emailed"
    r"|texted|messaged|phoned|transfer(?:red)?[ \t]+(?:me[ \t]+)?to|speak[ \t]+(?:to|with)"
    r"|talk[ \t]+to|reach[ \t]+out[ \t]+to))[ \t]*$"
)
"""Phrases before a word the lexicon knows as a name that make it a person (``ask for Cook``);
unlike ``TRIGGERS`` they do not make an unknown capitalized word a name."""
FIRST_NAME_AFTER = re.compile(
    r"['’]s\b|[ \t]+(?:here\b|(?:is|was|has|had|will|would|can|could|did|does|just|also"
    r"|quit|left|joined|got|took|made|went|came|sent|bought|baked)\b|[a-z]{2,}ed\b"
    r"|and[ \t]+[A-Z][a-z])"
)
"""After a known first name alone: a possessive, ``here`` or a verb (``Maurice's job``)."""
LIST_END_AFTER = re.compile(r",?[ \t]+(?:and|&)[ \t]+[A-Z][a-z]+(?![ \t]+[A-Z])")
_LOWER = "a-zß-öø-ÿ\u0101-\u017f"
LOWER_NAME_RE = re.compile(
    r"(?:^|(?<=[\s,.!]))(?:hi|hello|hey|dear|my[ \t]+name[ \t]+is|this[ \t]+is|i[ \t]+am|i'm)"
    rf"[ \t]+(?!(?:my|this|i)[ \t'’])(?P<name>[{_LOWER}]+(?:[ \t]+[{_LOWER}]+){{0,3}})"
    r"(?P<closed>(?=[ \t]*(?:[,.!?:;\n]|$)))?",
    re.IGNORECASE,
)
"""A name written in lower case, as in chat, after a greeting or self-introduction; the
``closed`` group is set when punctuation (not more words) follows it."""
SUFFIX_KEYS = frozenset(name_key(x) for x in PERSON_SUFFIXES)
NON_LATIN_RUN = re.compile(rf"[{_NON_LATIN}]+(?:[ \t][{_NON_LATIN}]+){{0,3}}")
NOT_PERSON_END = frozenset("市县区省州镇村路街道司社会局店院校部国島町村区통시군구도로")
TOKEN_RE = re.compile(_TOKEN)
LAST_FIRST = re.compile(
    rf"(?<![\w'’.@/-])(?P<last>{_TOKEN}),[ \t]*(?P<first>{_TOKEN})"
    rf"(?:[ \t]+(?P<mid>[A-Z]\.?|{_TOKEN}))?(?![\w@])"
)
_SENTENCE_END = frozenset(".!?:;\n\r\t•*-–—\"'(")


class Token:
    __slots__ = (
        "accented", "end", "first", "initial", "key", "start", "stop", "stop_first", "surname",
        "upper",
    )  # fmt: skip

    def __init__(self, m: re.Match[str], offset: int, lex: NameLexicon) -> None:
        self.start = m.start() + offset
        self.end = m.end() + offset
        (
            self.key, self.accented, self.initial, self.upper, self.stop, self.first,
            self.stop_first, self.surname,
        ) = _word_facts(m.group(), lex)  # fmt: skip

    def english_like(self) -> bool:
        return not self.first and not self.surname and self.key.endswith(ENGLISH_SUFFIXES)


_Facts = tuple[str, bool, bool, bool, bool, int, int, int]


@lru_cache(maxsize=1 << 16)
def _word_facts(word: str, lex: NameLexicon) -> _Facts:
    """What the lexicon knows of a word, computed once per distinct word: the same
    capitalized words recur in every text, and a ``Token`` per word was the cost."""
    key = name_key(word)
    stop = key in lex.stop or key in BLOCKERS or key in TRIGGERS
    rank = lex.first_rank(key)
    return (
        key,
        not word.isascii(),  # accented
        len(key) == 1,  # initial
        word.isupper() and len(word) > 1,  # upper
        stop,
        0 if stop else rank,  # first
        # a first name that is also a common word ("Mark", "April", "Will")
        rank if stop and key not in BLOCKERS else 0,  # stop_first
        lex.surname_rank(key),  # surname
    )


def title_position(s: str, start: int, end: int) -> bool:
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


def at_sentence_start(s: str, i: int) -> bool:
    """True when only spaces separate ``s[i]`` from the start of a sentence or line."""
    j = i - 1
    while j >= 0 and s[j] == " ":
        j -= 1
    return j < 0 or s[j] in _SENTENCE_END


def triggered(text: Text, start: int) -> bool:
    """True when a person trigger (``client``, ``named``, ``spoke with``) ends just before,
    or the candidate is alone on the line after a letter's closing (``Thanks,\\nPriya``)."""
    before = text.before(start, 32)
    if "\n" in before:
        if _CLOSING_BEFORE.search(before) and line_end(text.text, start):
            return True
        before = before[before.rindex("\n") + 1 :]
    parts = before.rstrip(" \t:,-#(").split()[-3:]
    return bool(parts) and any(" ".join(parts[i:]) in TRIGGERS for i in range(len(parts)))


def line_end(s: str, start: int) -> bool:
    """True when only a name-sized stretch of text is left on the line from ``start``."""
    nl = s.find("\n", start)
    rest = s[start:] if nl == -1 else s[start:nl]
    return len(rest.split()) <= 4
