"""ORGANIZATION: employers, agencies and other organizations named in a text.

Employer information is identifying under the city's law, so this recognizer looks for
organizations four ways, without a model:

* a gazetteer of city, state and federal agencies (``HRA``, ``Department of Homeless
  Services``) and large employers (``Con Edison``, ``Mount Sinai``), matched case-sensitively;
  short acronyms score lower and the ambiguous ones (``ICE``, ``VA``) need context;
* a capitalized run ending in an organization word: a legal suffix (``Inc.``, ``LLC``) or
  a head noun (``Hospital``, ``Foundation``, ``Services``): ``Rivera Family Pharmacy``;
* ``<Head> of <Name>``: ``Department of Youth and Community Development``,
  ``Bank of Jamaica``;
* a capitalized run after an employment phrase (``works at``, ``employed by``,
  ``employer:``), and lists of surnames (``Okafor, Brandt and Nguyen``), the shape of law
  firms and partnerships.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizers._lexicon import phrase_regex, read_lexicon
from cityprivacy.detect.recognizers._name_words import (
    BLOCKERS,
    ORG_HEADS,
    ORG_PREFIXES,
    ORG_SUFFIXES,
)
from cityprivacy.detect.recognizers._names_lexicon import name_key, name_lexicon
from cityprivacy.detect.text import Text

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer

__all__ = [
    "EMPLOYMENT_BEFORE",
    "OrganizationRecognizer",
    "is_known_org",
    "is_surname_pair",
    "recognizers",
]

ORG_CONTEXT = (
    "works", "work", "worked", "employer", "employed", "company", "agency", "job", "hired",
    "staff", "contractor", "vendor", "office", "department", "referred", "detained",
    "custody", "caseworker", "case", "organization", "nonprofit", "firm",
)  # fmt: skip
_AMBIGUOUS_ACRONYMS = frozenset(
    {"ICE", "VA", "EY", "ABC", "CBS", "DOT", "DOE", "DOC", "DOP", "DOI", "UPS"}
)

_CAPW = r"(?:[A-Z0-9][\w'’.\-]*[\w'’]|[A-Z]|&)"
_LINK = r"(?:[ \t]+(?:(?:&|and|of|the|for|de|on|at)[ \t]+)*)"
_SUFFIX_LINK = r"(?:[ \t]+(?:(?:&|of|the|for|de|y|e|und|et)[ \t]+)?)"
_SUFFIX = phrase_regex(ORG_SUFFIXES)
_HEAD = "|".join(re.escape(s) for s in sorted(ORG_HEADS, key=len, reverse=True))
_SUFFIXED = re.compile(
    rf"(?<![\w&'’])(?:{_CAPW}{_SUFFIX_LINK}){{1,6}}(?:{_SUFFIX})"
    rf"(?:[ \t]+(?:{_SUFFIX})(?=[ \t,.;)]|$))*(?![\w&])(?!-)"
)
_HEADED = re.compile(
    rf"(?<![\w&'’])(?:{_CAPW}[ \t]+){{0,3}}(?:{_HEAD})[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
    rf"{_CAPW}(?:{_LINK}{_CAPW}){{0,5}}"
)
_EMPLOYMENT = re.compile(
    r"(?i:\b(?:works?|working|worked)(?:[ \t]+(?:part-time|full-time|part[ \t]time"
    r"|full[ \t]time|now|currently|still))?[ \t]+(?:at|for)|\bemployed[ \t]+(?:by|at|with)"
    r"|\bemployer(?:[ \t]+is|[ \t]*:)|\bjob[ \t]+at|\bhired[ \t]+by|\bemployee[ \t]+of"
    r"|\bposition[ \t]+at|\bintern(?:ing|ed)?[ \t]+at|\bvolunteers?[ \t]+at|\bcompany[ \t]*:)"
    rf"[ \t]+(?:the[ \t]+)?(?P<org>{_CAPW}(?:{_LINK}{_CAPW}){{0,5}})"
)
EMPLOYMENT_BEFORE = re.compile(
    r"(?:\b(?:works?|working|worked)[ \t]+(?:at|for)|\bemployed[ \t]+(?:by|at|with)"
    r"|\bemployer(?:[ \t]+is)?|\bjob[ \t]+at|\bhired[ \t]+by|\bemployee[ \t]+of|\bcompany)"
    r"[ \t:]*(?:the[ \t]+)?$"
)
"""An employment phrase at the end of the (lower-cased) text before a candidate."""
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Sgt|Det|Lt|Capt|Hon)\.?[ \t]+$")
_HYPHENATED = re.compile(r"(?<![\w'’-])(?P<a>[A-Z][a-z]+)-(?P<b>[A-Z][a-z]+)(?![\w-]|['’](?!s\b))")
_CAPITAL_WORD_AFTER = re.compile(r"[ \t]+[A-ZÀ-Þ][a-zß-ÿ]")
_CAPITAL_WORD_BEFORE = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]+[ \t]+$")
_SNAME = r"(?:[A-ZÀ-Þ][a-zß-ÿ]+|[A-ZÀ-Þ]{2,})"
_SURNAME_LIST = re.compile(
    rf"(?<![\w'’])(?P<a>{_SNAME}),[ \t]+(?P<b>{_SNAME}),?[ \t]+(?:and|AND|&|y|Y|e|E|et|und)"
    rf"[ \t]+(?P<c>{_SNAME})(?!\w|['’](?!s\b))"
)
_SURNAME_TRIO = re.compile(
    r"(?<![\w'’-])(?=[A-Z])(?P<a>[A-Z][a-z]+)[ \t]+(?P<b>[A-Z][a-z]+)[ \t]+"
    r"(?P<c>[A-Z][a-z]+)(?![\w'’-]|[ \t]+[A-Z])"
)
# Cheap necessary conditions, searched first: their literal first characters let the regex
# engine skip ahead, where the full patterns (led by a lookbehind) try every position.
_HEADED_GATE = re.compile(rf"(?:{_HEAD})[ \t]+(?:of|for)[ \t]")
_SUFFIXED_GATE = re.compile(rf"[ \t](?:{_SUFFIX})")
_PREFIXED_GATE = re.compile(rf"(?:{phrase_regex(ORG_PREFIXES)})[ \t]")
_PREFIXED = re.compile(
    r"(?<![\w'’-])(?=[A-Z])(?:"
    + phrase_regex(ORG_PREFIXES)
    + r")[ \t]+[A-ZÀ-Þ][\w'’]+(?:(?:[ \t]+(?:y|e|de|del|&)[ \t]+|[ \t]*-[ \t]*|[ \t]+)"
    r"[A-ZÀ-Þ][\w'’]+){0,3}"
)


class _Gazetteer:
    def __init__(self) -> None:
        names = set(read_lexicon("orgs/nyc_agencies.txt")) | set(read_lexicon("orgs/employers.txt"))
        self.names = frozenset(names)
        self.regex = re.compile(r"(?<![\w&'’.-])(?:" + phrase_regex(names) + r")(?![\w&'’]|-\w)")


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The organization gazetteer, compiled once per process on first use."""
    return _Gazetteer()


def is_known_org(phrase: str) -> bool:
    """True when ``phrase`` is exactly a gazetteer entry (used by the PERSON recognizer)."""
    return phrase in gazetteer().names


class OrganizationRecognizer:
    """Gazetteer organizations, suffix- and head-shaped names, employers in context."""

    name = "organizations"
    entities = frozenset({EntityType.ORGANIZATION})

    def analyze(self, text: Text) -> Iterator[Finding]:
        s = text.text
        for m in gazetteer().regex.finditer(s):
            value = m.group()
            acronym = value.isupper() and len(value) <= 5
            if value in _AMBIGUOUS_ACRONYMS:
                words = text.context_words(m.start(), m.end(), ORG_CONTEXT)
                if words:
                    yield _finding(m.start(), m.end(), 0.75, "gazetteer_acronym", 0.4, words)
            else:
                yield _finding(m.start(), m.end(), 0.7 if acronym else 0.85, "gazetteer")
        for regex, gate, pattern, score in (
            (_SUFFIXED, _SUFFIXED_GATE, "org_suffix", 0.8),
            (_HEADED, _HEADED_GATE, "org_head", 0.8),
        ):
            for m in regex.finditer(s) if gate.search(s) else ():
                start = m.start()
                if _TITLE_BEFORE.search(s, max(0, start - 8), start):
                    of = s.find(" of ", start, m.end())
                    if of == -1:
                        continue
                    start = of + 4
                span = _trim(s, start, m.end())
                if span is not None:
                    yield _finding(span[0], span[1], score, pattern)
        for m in _EMPLOYMENT.finditer(s):
            span = _trim(s, m.start("org"), m.end("org"))
            if span is not None and not _looks_like_person(s[span[0] : span[1]]):
                yield _finding(span[0], span[1], 0.75, "employment_context", 0.4, ("employer",))
        for m in _HYPHENATED.finditer(s):
            if _surname_list(m.group("a"), m.group("b")):
                alone = _standalone_pair(s, m.start(), m.end(), m.group("a"), m.group("b"))
                yield _finding(m.start(), m.end(), 0.75 if alone else 0.55, "surname_pair")
        for m in _SURNAME_LIST.finditer(s):
            if _surname_list(m.group("a"), m.group("b"), m.group("c")):
                yield _finding(m.start(), m.end(), 0.7, "surname_partnership")
        for m in _SURNAME_TRIO.finditer(s):
            prev = s[max(0, m.start() - 20) : m.start()].split()[-1:]
            if prev and prev[0][:1].isupper() and prev[0][-1].isalpha():
                continue  # part of a longer capitalized run
            if _surname_trio(m.group("a"), m.group("b"), m.group("c")):
                yield _finding(m.start(), m.end(), 0.6, "surname_trio")
        for m in _PREFIXED.finditer(s) if _PREFIXED_GATE.search(s) else ():
            yield _finding(m.start(), m.end(), 0.75, "org_prefix")


_LEADING_DROP = frozenset({"the", "a", "an", "at", "for", "of", "and", "&", "by", "from"})


def _trim(s: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading stopwords (``Yesterday``, ``The``) and trailing links from a span."""
    stop = name_lexicon().stop
    while start < end:
        word_end = s.find(" ", start, end)
        if word_end == -1:
            break
        word = name_key(s[start:word_end])
        if (word not in stop and word not in _LEADING_DROP) or word in BLOCKERS:
            break
        if name_lexicon().surname_rank(word) and " " not in s[word_end:end].strip():
            break  # "Stone Ltd": the stopword is the name itself
        start = word_end
        while start < end and s[start] in " \t":
            start += 1
    while end > start and s[end - 1] in " \t,.&":
        last = s[start:end].split()[-1].rstrip(".")
        if s[end - 1] == "." and (last in _KEEP_DOT or "." in last):
            break  # "Inc.", "S.A.R.L.", "Sp. z o.o.": the period is part of the name
        end -= 1
    for link in (" and", " of", " the", " for", " &", " at", " on", " de"):
        if s[start:end].endswith(link):
            end -= len(link)
    if end - start < 2 or not any(c.isalpha() for c in s[start:end]):
        return None
    return start, end


_KEEP_DOT = frozenset({"Inc", "Co", "Corp", "Ltd", "Ltda", "L.L.C", "P.C", "S.A", "L.L.P"})


def _looks_like_person(phrase: str) -> bool:
    words = phrase.split()
    lex = name_lexicon()
    return 1 < len(words) <= 3 and bool(lex.first_rank(name_key(words[0])))


def _surname_list(*words: str) -> bool:
    """Three surnames, at most two also first names: a firm, not a list of people."""
    lex = name_lexicon()
    keys = [name_key(w) for w in words]
    ranks = [lex.surname_rank(k) for k in keys]
    if sum(1 for r in ranks if r) < 2 or any(
        k in lex.stop and not 0 < r <= 1000 for k, r in zip(keys, ranks, strict=True)
    ):
        return False
    return sum(1 for k in keys if 0 < lex.first_rank(k) <= 1500) <= 2


def is_surname_pair(s: str, start: int, end: int) -> bool:
    """True when ``s[start:end]`` is a lone pair of surnames (``Walker-Morris``), a firm."""
    m = _HYPHENATED.fullmatch(s, start, end)
    if m is None or not _surname_list(m.group("a"), m.group("b")):
        return False
    return _standalone_pair(s, start, end, m.group("a"), m.group("b"))


def _standalone_pair(s: str, start: int, end: int, *words: str) -> bool:
    """``Walker-Morris`` on its own (no given name beside it, no title before it, neither
    part more a given name than a surname, as in ``Jean-Pierre``): the shape of a firm."""
    if _CAPITAL_WORD_AFTER.match(s, end) or _TITLE_BEFORE.search(s, max(0, start - 8), start):
        return False
    if _CAPITAL_WORD_BEFORE.search(s, max(0, start - 30), start):
        return False
    lex = name_lexicon()
    ranks = [(lex.first_rank(k), lex.surname_rank(k)) for k in map(name_key, words)]
    return all(0 < sur <= 20000 for _, sur in ranks) and not all(
        0 < first < sur for first, sur in ranks
    )


def _surname_trio(*words: str) -> bool:
    """``Brown Harris Stevens``: three surnames, the first not a common first name, is the
    shape of a firm; ``Maria Garcia Lopez`` (a first name first) is a person."""
    lex = name_lexicon()
    keys = [name_key(w) for w in words]
    ranks = [lex.surname_rank(k) for k in keys]
    if not all(ranks) or any(k in lex.stop and r > 1000 for k, r in zip(keys, ranks, strict=True)):
        return False
    return not lex.first_rank(keys[0]) and sum(1 for k in keys if lex.first_rank(k)) <= 1


def _finding(
    start: int,
    end: int,
    score: float,
    pattern: str,
    base: float | None = None,
    words: tuple[str, ...] = (),
) -> Finding:
    base = score if base is None else base
    explanation = Explanation(
        pattern=pattern, base_score=base, context_words=words, context_boost=score - base
    )
    return Finding(
        EntityType.ORGANIZATION, start, end, score, OrganizationRecognizer.name,
        explanation=explanation,
    )  # fmt: skip


def recognizers(settings: Settings) -> list[Recognizer]:
    """The built-in ORGANIZATION recognizer."""
    return [OrganizationRecognizer()]
