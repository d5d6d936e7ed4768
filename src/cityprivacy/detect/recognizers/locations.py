"""LOCATION: named places, from a gazetteer shipped with the package, plus place-shaped names.

Three sources, all case-sensitive (a place is written with capitals, so ``reading`` is
never ``Reading``):

* the gazetteer: New York City's boroughs and neighborhoods, US states, large US and
  New York State cities, every country, and major world cities, matched as whole phrases
  in one pass of one compiled regex (longest phrase wins: ``New York City``, not ``New York``);
* state postal codes, only in an address shape (``Albany, NY``, ``NY 10007``);
* unknown places with the shape of a town name (``Port Ellenville``, ``North Harlanton``)
  or followed by a state code (``Lake Placid, NY``), scored low unless a preposition
  (``in``, ``from``, ``near``) or a state code says "place".

A gazetteer entry that is also a common first name or surname (``Jordan``, ``Chad``,
``Georgia``, ``Travis``) starts low and needs place context, so it does not fight the
PERSON recognizer for ``Jordan Lee``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizers._lexicon import phrase_regex, read_lexicon
from cityprivacy.detect.recognizers._names_lexicon import name_key, name_lexicon
from cityprivacy.detect.recognizers._place_slots import slot_places
from cityprivacy.detect.text import Text

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer

__all__ = ["LocationRecognizer", "is_known_place", "recognizers"]

_FILES = (
    "places/nyc.txt",
    "places/us_cities.txt",
    "places/countries.txt",
    "places/world_cities.txt",
)
PLACE_CONTEXT = (
    "in", "from", "to", "at", "near", "born", "lives", "lived", "living", "resides", "resident",
    "moved", "relocated", "visited", "travel", "traveled", "city", "borough", "country",
    "state", "neighborhood", "located", "outside", "of",
)  # fmt: skip
_GAZETTEER_SCORE = 0.85
_AMBIGUOUS_SCORE = 0.4
_SHAPE_SCORE = 0.35
_CONTEXT_BOOST = 0.35

_CAP = r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*"
_TOWN_SUFFIX = (
    r"(?:town|ton|ville|burgh|burg|borough|berg|bury|chester|field|fort|furt|haven|land"
    r"|mouth|port|shire|side|stad|view|ford|ham|dale|wood|mont|ville)"
)
_SHAPES = (
    ("town_name", rf"(?<![A-Za-z])(?=[A-Z])(?:(?:North|South|East|West|New|Lake|Port|Fort|Mount"
     rf"|Saint|St\.) )?[A-Z][a-z]+{_TOWN_SUFFIX}\b"),
    ("town_name", rf"(?<![A-Za-z])(?=[A-Z]{{3}})(?:(?:NORTH|SOUTH|EAST|WEST|NEW|LAKE|PORT|FORT"
     rf"|MOUNT|SAINT) )?[A-Z]{{2,}}(?i:{_TOWN_SUFFIX})\b(?<=[A-Z])"),
    ("compass_name", rf"(?<![A-Za-z])(?=[NSEWLPFM])(?:North|South|East|West|New|Lake|Port|Fort"
     rf"|Mount|Saint|St\.) {_CAP}\b"),
)  # fmt: skip


_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:in|from|to|at|near|of|born in|outside|around|via|toward|towards)[ \t]+"
    r"|\b(?:city|town|location|birthplace|place of birth|residence|hometown|borough"
    r"|neighborhood|county|country|state)[ \t]*:[ \t]*)$"
)
_PLACE_WORD_AFTER = re.compile(
    r"[ \t]+(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Place|Pl|Lane|Ln|Drive|Dr|Court|Ct"
    r"|Terrace|Parkway|Pkwy|Highway|Hwy|Square|Plaza|Way|Houses|High|Middle|Elementary)\b"
)


def _named_after_person(value: str, first_rank: Callable[[str], int]) -> bool:
    """``East Ryan``, ``Lake Nicole``: a compass or water word, then a given name."""
    head, _, rest = value.partition(" ")
    return head in {"North", "South", "East", "West", "Lake", "Port", "Fort", "Mount"} and bool(
        first_rank(name_key(rest))
    )


class _Gazetteer:
    """The compiled place regex, the state codes, and the ambiguous entries."""

    def __init__(self) -> None:
        places: set[str] = set()
        for name in _FILES:
            places.update(read_lexicon(name))
        self.state_codes: set[str] = set()
        for line in read_lexicon("places/us_states.txt"):
            state, _, code = line.partition("|")
            places.add(state)
            self.state_codes.add(code)
            if state.endswith(" State"):
                places.add(state.removesuffix(" State"))
        places.add("Washington")  # ambiguous (a surname): needs place context, see below
        self.places = frozenset(places)
        self.regex = re.compile(r"(?<![\w'’.-])(?:" + phrase_regex(places) + r")(?![\w'’]|-[a-z])")
        codes = "|".join(sorted(self.state_codes))
        self.state_regex = re.compile(rf"(?<=, )(?:{codes})(?=\s+\d{{5}}\b|\s*(?:$|[.;,)\n]))")
        self.city_state_regex = re.compile(
            rf"\b({_CAP}(?: {_CAP}){{0,2}}),? (?:{codes})\s+\d{{5}}\b"
            rf"|\b({_CAP}(?: {_CAP}){{0,2}}), (?:{codes})\b"
        )
        # A state code the city-state regex needs: its literal letters let the engine skip.
        self.state_code_gate = re.compile(rf"(?:{codes})\b")
        self.shape_regexes = tuple((n, re.compile(r)) for n, r in _SHAPES)
        lexicon = name_lexicon()
        self.ambiguous = frozenset(
            p for p in places if " " not in p and lexicon.is_common_name_or_word(p)
        )


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The place gazetteer, built once per process on first use."""
    return _Gazetteer()


def is_known_place(phrase: str) -> bool:
    """True when ``phrase`` is exactly a gazetteer entry (used by the PERSON recognizer)."""
    return phrase in gazetteer().places


class LocationRecognizer:
    """Gazetteer places, state codes in address shapes, and town-shaped unknown names."""

    name = "location"
    entities = frozenset({EntityType.LOCATION})

    def analyze(self, text: Text) -> Iterator[Finding]:
        gaz = gazetteer()
        s = text.text
        taken: set[tuple[int, int]] = set()
        for m in gaz.regex.finditer(s):
            start, end = m.span()
            ambiguous = m.group() in gaz.ambiguous
            base = _AMBIGUOUS_SCORE if ambiguous else _GAZETTEER_SCORE
            finding = self._finding(text, start, end, base, "gazetteer", boost_needed=ambiguous)
            if finding is not None:
                taken.add((start, end))
                yield finding
        for m in gaz.state_regex.finditer(s):
            yield self._make(m.start(), m.end(), 0.7, 0.7, "state_code")
        for m in gaz.city_state_regex.finditer(s) if gaz.state_code_gate.search(s) else ():
            group = 1 if m.group(1) else 2
            start, end = m.span(group)
            if (start, end) not in taken and m.group(group) not in gaz.places:
                taken.add((start, end))
                yield self._make(start, end, 0.7, 0.7, "city_state")
            if group == 2 and not gaz.state_regex.match(s, m.end() - 2):
                yield self._make(m.end() - 2, m.end(), 0.7, 0.7, "state_code")  # "Ames, IA but"
        lexicon = name_lexicon()
        for start, end, score, pattern in slot_places(text, gaz.places, taken):
            yield self._make(start, end, score, score, pattern, ("slot",))
        for pattern, regex in gaz.shape_regexes:
            for m in regex.finditer(s):
                start, end = m.span()
                value = m.group()
                if (start, end) in taken or value in gaz.places or _PLACE_WORD_AFTER.match(s, end):
                    continue
                if " " not in value and lexicon.surname_rank(name_key(value)):
                    continue
                strong = " " in value and (
                    pattern == "town_name" or _named_after_person(value, lexicon.first_rank)
                )
                if not strong and not _PREPOSITION_BEFORE.search(text.before(start, 24)):
                    continue
                taken.add((start, end))
                yield self._make(start, end, 0.7, _SHAPE_SCORE, pattern, ("preposition",))

    def _finding(
        self, text: Text, start: int, end: int, base: float, pattern: str, *, boost_needed: bool
    ) -> Finding | None:
        if not boost_needed:
            return self._make(start, end, base, base, pattern)
        words = text.context_words(start, end, PLACE_CONTEXT, window=16)
        if not words:
            return None
        score = min(1.0, base + _CONTEXT_BOOST)
        return self._make(start, end, score, base, pattern, words)

    def _make(
        self,
        start: int,
        end: int,
        score: float,
        base: float,
        pattern: str,
        words: tuple[str, ...] = (),
    ) -> Finding:
        explanation = Explanation(
            pattern=pattern,
            base_score=base,
            context_words=words,
            context_boost=score - base,
        )
        return Finding(EntityType.LOCATION, start, end, score, self.name, explanation=explanation)


def recognizers(settings: Settings) -> list[Recognizer]:
    """The built-in LOCATION recognizer."""
    return [LocationRecognizer()]
