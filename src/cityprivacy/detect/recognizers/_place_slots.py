"""Place slots: positions in a sentence where a capitalized run is a place whatever its
words, so the LOCATION recognizer can find towns no gazetteer lists.

=====================  =====  =============================================
slot                   score  example
=====================  =====  =============================================
a place label          0.85   ``city: Oud Gastel``, ``hometown=Tczew``
a town before a code   0.70   ``ul. Lipowa 3, Bielawa 58-260``
between X and Y        0.70   ``travels between Rumia and Nowy Targ``
after a preposition    0.60   ``relocated from Augustów in the spring``
the X office           0.60   ``see you at the Eluru office``
=====================  =====  =============================================

A run is refused when its words say it is something else: a stopword or month first, a
street or organization word inside, or (after a bare preposition) a common first name first.
Each slot has a cheap gate (a substring test) so most texts skip the regex scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cityprivacy.detect.recognizers._name_words import ORG_SUFFIXES
from cityprivacy.detect.recognizers._names_lexicon import name_key, name_lexicon
from cityprivacy.detect.text import Text

__all__ = ["slot_places"]

_UPW = r"[A-ZÀ-ÖØ-Þ\u0100-\u017f][^\W\d_]*(?:['’-][^\W\d_]+)*"
_PLACE_LINK = (
    r"(?:[ \t]+(?:(?:de|do|da|das|dos|del|la|las|los|an[ \t]+der|am|im|di|sur|en|upon|on|nad|pod)"
    r"[ \t]+)?)"
)


def _place_run(group: str) -> str:
    """Regex source of a capitalized place name (with ``de``/``do``/``an der`` links)."""
    return rf"(?P<{group}>{_UPW}(?:{_PLACE_LINK}{_UPW}){{0,3}})"


_PLACE_RUN = _place_run("place")
_SLOTS = (
    # "city: Oud Gastel", "place of birth=Kraków": a place label, then the value
    ("place_label", 0.85, re.compile(
        r"(?i:\b(?:city|town|municipality|place[ \t]+of[ \t]+birth|birthplace|hometown"
        r"|village|locality))[ \t]*[:=][ \t]*" + _PLACE_RUN + r"(?=[ \t]*(?:$|[\n;,.|/)]))",
        re.MULTILINE,
    )),
    # "between Rumia and Nowy Targ": both ends of a trip
    ("between", 0.7, re.compile(
        r"between[ \t]+" + _PLACE_RUN + r"[ \t]+and[ \t]+(?P<place2>" + _PLACE_RUN[10:]
    )),
    # "relocated from Augustów", "born in Oldebroek", "a cousin in Ramgarh"
    ("preposition", 0.6, re.compile(
        r"(?:in|from|near|outside|moved[ \t]+to|relocated[ \t]+to|returned[ \t]+to"
        r"|travel(?:s|ed|led|ing)?[ \t]+to|visit(?:s|ed|ing)?)[ \t]+" + _PLACE_RUN
        + r"(?=[ \t]*(?:$|[\n,.;:!?)]|[ \t]+(?:[a-z]|\d)))"
    )),
    # "at the Eluru office", "the Rumia hearing"
    ("office_of_place", 0.6, re.compile(
        r"the[ \t]+" + _PLACE_RUN + r"(?=[ \t]+(?:office|hearing|branch|clinic|courthouse"
        r"|shelter|area|region|district"
        r"|field[ \t]+office|site|location|warehouse|depot|campus)\b)"
    )),
)  # fmt: skip
_POSTCODE = re.compile(
    r"\d(?<=[ \t]\d)(?:\d{4}(?:-\d{4})?|\d-\d{3}|\d{3}[ \t]?[A-Z]{2})(?=[ \t]*(?:$|[\n,.;)]))",
    re.MULTILINE,
)
_TOWN_BEFORE = re.compile(
    r"(?:^|(?<=, )|(?<=\bin ))[ \t]*" + _PLACE_RUN + r"[ \t]*\Z", re.MULTILINE
)
"""``Bielawa 58-260``, ``, Mainburg 76143``: the town before a postal code that ends an
address (found from the code backwards: codes are rare, capitalized words are not)."""
_SLOT_GATES = {
    "place_label": re.compile(r"(?:city|town|birth|village|locality|municipality)[ \t]*[:=]"),
    "between": re.compile("between"),
    "preposition": re.compile(r"(?:in|from|near|outside|to|visit\w*)[ \t]+[^a-z\d\W]"),
    "office_of_place": re.compile(
        "office|hearing|branch|clinic|courthouse|shelter|area|region|district|site|location"
        "|warehouse|depot|campus"
    ),
}
"""Substrings (of the lower-cased text) without which a slot regex cannot match."""
_STREET_OR_ORG = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive",
     "dr", "court", "ct", "place", "pl", "terrace", "parkway", "highway", "way", "plaza",
     "square", "office", "department", "hearing", "bank"}
    | {w.lower().rstrip(".") for w in ORG_SUFFIXES if " " not in w}
) - {"city", "town", "village"}  # fmt: skip
_PLACE_HEADS = frozenset(
    {"new", "north", "south", "east", "west", "saint", "san", "santa", "sankt", "port", "fort",
     "mount", "lake", "bad", "st", "le", "la", "los", "las", "el", "nowy", "nowa", "stary"}
)  # fmt: skip


def _slot_value_ok(value: str, pattern: str, places: frozenset[str]) -> bool:
    """A capitalized run in a place slot is a place unless its words say otherwise: a
    stopword or a month first (``in January``), a street or organization word
    (``in Park Avenue``, ``from Acme Inc``), or, after a bare preposition, a common first
    name first (``a call from Maria``)."""
    if value in places:
        return True
    words = value.split()
    lexicon = name_lexicon()
    keys = [name_key(w) for w in words]
    if any(k in _STREET_OR_ORG for k in keys):
        return False
    head = keys[0]
    if head in lexicon.stop and head not in _PLACE_HEADS:
        return False
    if len(keys) > 1 and keys[-1] in lexicon.stop:
        return False
    strict = pattern in {"preposition", "office_of_place"}
    return not (strict and (value.isupper() or 0 < lexicon.first_rank(head) <= 1500))


def slot_places(
    text: Text, places: frozenset[str], taken: set[tuple[int, int]]
) -> Iterator[tuple[int, int, float, str]]:
    """(start, end, score, slot) of each place found in a slot, not overlapping ``taken``
    (which is updated as places are found)."""
    s = text.text
    for code in _POSTCODE.finditer(s):
        town = _TOWN_BEFORE.search(s, max(0, code.start() - 64), code.start())
        if town is None or any(a < town.end() and town.start() < b for a, b in taken):
            continue
        if _slot_value_ok(town.group("place"), "town_postcode", places):
            taken.add(town.span("place"))
            yield (*town.span("place"), 0.7, "town_postcode")
    low = text.lower
    for pattern, score, regex in _SLOTS:
        if pattern == "place_label" and ":" not in low and "=" not in low:
            continue
        if not _SLOT_GATES[pattern].search(s if pattern == "preposition" else low):
            continue  # a cheap substring test spares most texts the regex scan
        for m in regex.finditer(s):
            if m.start() and s[m.start() - 1].isalnum():
                continue  # "within", "Spain": the preposition must start a word
            for name in ("place", "place2"):
                span = m.span(name) if name in m.groupdict() else (-1, -1)
                if span[0] < 0 or any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                if _slot_value_ok(m.group(name), pattern, places):
                    taken.add(span)
                    yield (*span, score, pattern)
