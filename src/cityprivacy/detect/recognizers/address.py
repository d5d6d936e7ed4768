"""Street addresses, in the forms New York City records use.

An address is reported as *one* span from the house number through unit, borough or
city, state and ZIP ("350 W 42nd St, Apt 5B, New York, NY 10036"), because the
overlap rule lets the longest span win and a redaction should remove the whole thing.
Queens hyphenated house numbers ("45-12"), spelled numbers ("One Police Plaza"),
PO boxes, a bare "Bronx, NY 10451", street corners, "Flat 3, 12 ..." and US military
mail are recognized too; other countries' forms are in :mod:`.address_foreign`, ZIP codes
alone in :mod:`.zip_code`.

Street words must be capitalized (or ordinals): "paid 100 dollars on Main Street" is
not an address, because "dollars" is not a street name. Everything is regular
expressions with bounded repetition, so a scan is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizers._address_parts import ANY_CASE_PLACE, KNOWN_PLACE, STATE

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer
    from cityprivacy.detect.text import Text

__all__ = ["StreetAddressRecognizer", "recognizers"]

_CAP_WORDS = r"[A-Z][A-Za-z.'’-]+(?:[ \t]+[A-Z][A-Za-z.'’-]+){0,2}"
_ZIP = r"\d{5}(?:-\d{4})?(?![\w-])"
_COMMA = r"(?:[ \t]*,[ \t]*|[ \t]+)"
_LINE = r"(?:[ \t]*,[ \t]*(?:\r?\n[ \t]*)?|[ \t]*\r?\n[ \t]*|[ \t]+)"
_TAIL = (
    rf"(?P<city>{_LINE}(?:{KNOWN_PLACE}|{_CAP_WORDS}(?={_COMMA}{STATE})))?"
    rf"(?P<state>{_COMMA}{STATE})?(?P<zip>{_COMMA}{_ZIP})?"
)

_NUMBER = (
    r"(?:\d{1,6}(?:-\d{1,5})?(?:[A-Z](?![A-Za-z]))?"
    r"|(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten))"
)
_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?"
_ORDINAL = r"\d{1,3}(?i:st|nd|rd|th)"
_WORD = rf"(?:[A-Z][A-Za-z'’-]*\.?|{_ORDINAL})"
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:of|the|de|del|la)[ \t]+)?{_WORD}){{0,4}}"
_TYPE = (
    r"(?i:street|st|avenue|ave|av|boulevard|blvd|road|rd|place|pl|parkway|pkwy|drive|dr|lane"
    r"|ln|court|ct|terrace|ter|concourse|expressway|expwy|expy|highway|hwy|turnpike|tpke"
    r"|plaza|plz|square|sq|way|loop|circle|cir|alley|walk|row|crescent|path|slip|oval"
    r"|esplanade|promenade|mall|broadway"
    # The rest of the USPS street suffixes (Publication 28, appendix C1), plural forms
    # included: "Cole Glens", "Kevin Causeway", "Mill Crossing".
    r"|causeway|center|club|commons?|corners?|course|coves?|creek|crest|crossing|curve"
    r"|dale|divide|estates?|extension|falls|ferry|fields?|flats?|fords?|forest|forges?"
    r"|forks?|freeway|gardens?|gateway|glens?|greens?|groves?|harbors?|haven|heights"
    r"|hills?|hollow|inlet|islands?|isle|junctions?|knolls?|lakes?|landing|lights?"
    r"|locks?|lodge|manors?|meadows?|mews|mills?|mission|motorway|mount|mountains?|neck"
    r"|orchard|overpass|parks?|pass|passage|pike|pines?|plains?|points?|ports?|prairie"
    r"|radial|ramp|ranch|rapids?|rest|ridges?|river|route|shoals?|shores?|skyway|springs?"
    r"|spurs?|station|stravenue|stream|summit|throughway|trace|track|trafficway|trail"
    r"|trailer|tunnel|underpass|unions?|valleys?|viaduct|views?|villages?|ville|vista"
    r"|wells?"
    # Indian and British street words: "Anand Path", "Bhatti Chowk", "Oak Close".
    r"|marg|chowk|ganj|nagar|zila|close|gardens|gate|green|grove|mews|rise|vale|wharf"
    # Plurals and rarer suffixes that generated US data uses ("Alan Streets", "Cole Dam").
    r"|streets|roads|avenues|drives|lanes|courts|ways|squares|trails|routes|dams?|bluffs?"
    r"|burgs?|bypass|canyon|cape|cliffs?|crossroads?)"
    r"(?![A-Za-z])\.?"
)
_SPECIAL = (
    r"(?:Avenue|Ave\.?)[ \t]+(?:[A-Z](?![A-Za-z])|of[ \t]+the[ \t]+Americas)"
    r"|(?=[A-Z])(?i:broadway|(?:the[ \t]+)?bowery)(?![A-Za-z])"
    r"|Central[ \t]+Park[ \t]+(?:West|South|North)"
)
_STREET = (
    rf"(?:{_DIRECTION}[ \t]+)?(?:{_NAME}[ \t]+{_TYPE}(?:[ \t]+(?:North|South|East|West)"
    rf"(?![A-Za-z]))?|{_SPECIAL})"
)
_UNIT = (
    r"(?:,?[ \t]*(?:(?i:apt|apartment|unit|suite|ste|fl|floor|rm|room|bldg|building|ph)\.?"
    r"[ \t]*(?:#|(?i:no)\.?)?[ \t]*|#[ \t]*)(?=[A-Za-z]?\d|[A-Za-z](?![A-Za-z]))[A-Za-z0-9-]{1,6}"
    r"|,?[ \t]*\d{1,3}(?i:st|nd|rd|th)[ \t]+(?i:fl|floor)\.?)(?!\w)"
)
# "Flat 3, 12 Baker Street", "Studio 87\nDawson Drive", "H.No. 933, Anand Path", "82/59, ...".
_PRE_UNIT = (
    r"(?:(?i:flat|studio|apartment|apt\.?|unit|suite|level)[ \t]+[A-Za-z]?\d{1,4}[A-Za-z]?"
    r"(?:,[ \t]*|[ \t]*\r?\n[ \t]*|[ \t]+)(?=\d)|H\.[ \t]?No\.[ \t]*)?"
)
_STREET_RE = re.compile(
    rf"(?<![\w$.,/#-])(?P<pre>{_PRE_UNIT})(?P<num>{_NUMBER}(?:/\d{{1,4}})?)"
    rf"(?P<gap>,?[ \t]+|[ \t]*\r?\n[ \t]*){_STREET}(?P<unit>{_UNIT}){{0,2}}{_TAIL}"
)
# The same without the unit in front, for texts without its words (most): the house number
# leads and the lookbehind follows its first character, so the engine can skip ahead to
# digits and the capitals of spelled numbers. ``pre`` is always empty.
_NUMBER_LED = (
    r"[\dOTFSEN](?<![\w$.,/#-].)(?:(?<=\d)\d{0,5}(?:-\d{1,5})?(?:[A-Z](?![A-Za-z]))?"
    r"|(?<=O)ne|(?<=T)(?:wo|hree|en)|(?<=F)(?:our|ive)|(?<=S)(?:ix|even)|(?<=E)ight|(?<=N)ine)"
)
_STREET_NO_PRE_RE = re.compile(
    rf"(?P<num>{_NUMBER_LED}(?:/\d{{1,4}})?)"
    rf"(?P<gap>,?[ \t]+|[ \t]*\r?\n[ \t]*){_STREET}(?P<unit>{_UNIT}){{0,2}}{_TAIL}(?P<pre>)"
)
# Words ``_PRE_UNIT`` needs, in lower case, and what may stand for their letters under
# IGNORECASE: long s, dotless i, and the combining dot "İ" lower-cases to.
_PRE_WORDS = (
    "flat",
    "studio",
    "apartment",
    "apt",
    "unit",
    "suite",
    "level",
    "\u017f",
    "\u0131",
    "\u0307",
)
# All in lower case, as people type in chats and forms ("12 oak st apt 2, bronx ny 10451"):
# only with the borough or city after it, so "walked 3 blocks down main st" is no address.
_LOWER_WORD = (
    r"(?!(?:blocks?|miles?|minutes?|hours?|years?|days?|times?|dollars|people|of|on|to|at"
    r"|in|down|up|the|and|or|from|for|with)(?![a-z]))(?:[a-z][a-z'’-]*\.?|\d{1,3}(?:st|nd|rd|th))"
)
# The lookbehind comes after the first digit so the engine can skip ahead to digits.
_LOWER_STREET_RE = re.compile(
    rf"\d(?<![\w$.,/#-]\d)\d{{0,5}}(?:-\d{{1,5}})?[a-z]?[ \t]+"
    rf"(?:{_LOWER_WORD}[ \t]+){{1,4}}{_TYPE}(?:{_UNIT}){{0,2}}"
    rf"{_LINE}{ANY_CASE_PLACE}(?:{_COMMA}(?i:ny|new[ \t]+york)(?![A-Za-z]))?(?:{_COMMA}{_ZIP})?"
)
# Studio/Flat then a street without number (Faker en_GB: "Studio 87\nDawson Drive").
_UNIT_STREET_RE = re.compile(
    rf"(?<![\w$.,/#-])(?i:flat|studio)[ \t]+[A-Za-z]?\d{{1,4}}[A-Za-z]?(?:,[ \t]*|[ \t]*\r?\n"
    rf"[ \t]*|[ \t]+){_NAME}[ \t]+{_TYPE}{_TAIL}"
)
_PO_BOX_RE = re.compile(
    rf"(?<!\w)(?i:p\.?[ \t]?o\.?[ \t]*box|post[ \t]+office[ \t]+box)[ \t]*#?[ \t]*\d{{1,6}}(?!\d)"
    rf"{_TAIL}"
)
# US military mail: "PSC 1234, Box 5678, APO AA 12345", "USNS Smith, FPO AE 12345".
_MILITARY_RE = re.compile(
    r"(?<![\w-])(?:(?:PSC|CMR|Unit)[ \t]+\d{1,5},?[ \t]+Box[ \t]+\d{1,5}|(?:USNS|USNV|USS|USCGC)"
    r"[ \t]+[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?)(?:[ \t]*,[ \t]*|[ \t]*\r?\n[ \t]*|[ \t]+)"
    r"(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}(?:-\d{4})?(?![\d-])"
)
_STATE_ONLY = re.compile(STATE)
_ZIP_ALONE = re.compile(_ZIP)
# What a state may end in: ASCII letters, "." (N.Y.), and what may stand for a letter of
# a state's name under IGNORECASE (long s, Kelvin sign, dotless and dotted i).
_STATE_LAST = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.\u017f\u212a\u0131\u0130"
)
_CITY_STATE_ZIP_RE = re.compile(
    rf"(?<![\w-])(?:{KNOWN_PLACE}|{_CAP_WORDS}),?[ \t]+{STATE}[ \t]*,?[ \t]*{_ZIP}"
)
_CORNER_RE = re.compile(
    rf"(?i:corner[ \t]+of|intersection[ \t]+of|cross[ \t]+streets?:?)[ \t]+(?:(?i:the)[ \t]+)?"
    rf"(?P<first>{_STREET})[ \t]+(?:and|&|/|at)[ \t]+{_STREET}"
)
# "900, Dixit Road" (number, comma, street) starts a line, a list item or follows a cue.
_CORNER_WORDS = ("corner", "nter", "cro")  # corner of, intersection of, cross street
_ADDRESS_START = re.compile(
    r"(?:^|[\n:|]|[-–,][ \t]|\b(?i:at|is|to|in|address|of|from|on))[ \t]*\Z"
)
_NOT_BEFORE = re.compile(r"(?:(?i:straße|strasse|allee|gasse|platz|weg|laan|straat)[ \t]+)\Z")
_YEAR_CUE = re.compile(
    r"\b(?:in|since|by|of|from|until|till|during|before|after|year|spring|summer|fall|autumn"
    r"|winter)[ \t]*$",
    re.IGNORECASE,
)


class StreetAddressRecognizer:
    """Whole street addresses, PO boxes, "Borough, NY 10451" and street corners."""

    name = "street_address"
    entities = frozenset({EntityType.STREET_ADDRESS})

    def analyze(self, text: Text) -> Iterator[Finding]:
        s, low = text.text, text.lower
        spans: list[tuple[int, int]] = []
        pre = "H." in s or any(w in low for w in _PRE_WORDS)
        for m in (_STREET_RE if pre else _STREET_NO_PRE_RE).finditer(s):
            number = m["num"]
            year_like = number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2099
            if year_like and _YEAR_CUE.search(text.before(m.start(), 16)):
                continue  # "in 2019 Broadway shows..."
            if m["gap"].strip() and not m["pre"] and not _ADDRESS_START.search(s, 0, m.start()):
                continue  # "Allee 71-49, Rhode Island": a number that ends another street
            if not m["pre"] and _NOT_BEFORE.search(s, max(0, m.start() - 20), m.start()):
                continue
            score = 0.95 if m["zip"] else 0.85 if (m["unit"] or m["city"] or m["state"]) else 0.7
            spans.append(m.span())
            yield self._finding(s, m.start(), m.end(), score, "street_address")
        for m in _LOWER_STREET_RE.finditer(s):
            if not any(a < m.end() and m.start() < b for a, b in spans):
                spans.append(m.span())
                yield self._finding(s, m.start(), m.end(), 0.85, "lower_case_address")
        # Substring tests of words the patterns require (in lower case: "flat", "studio",
        # "apo", "box", "corner"; parts without i, k or s, which case-fold to non-ASCII too).
        for m in _UNIT_STREET_RE.finditer(s) if "flat" in low or "tud" in low else ():
            spans.append(m.span())
            yield self._finding(s, m.start(), m.end(), 0.8, "unit_street")
        for m in _MILITARY_RE.finditer(s) if "PO" in s else ():
            spans.append(m.span())
            yield self._finding(s, m.start(), m.end(), 0.9, "military")
        for m in _PO_BOX_RE.finditer(s) if "box" in low else ():
            spans.append(m.span())
            yield self._finding(s, m.start(), m.end(), 0.85 if m["zip"] else 0.8, "po_box")
        # Most notes hold no ZIP right after a word: skip the costly city-state-ZIP scan.
        for m in _CITY_STATE_ZIP_RE.finditer(s) if _state_zip_possible(s) else ():
            place = s[m.start() : m.end() - 5].strip(" \t,-0123456789")
            if _STATE_ONLY.fullmatch(place):
                continue  # "West Virginia, 26501": a state and a ZIP, no address
            if not any(a <= m.start() < b for a, b in spans):
                yield self._finding(s, m.start(), m.end(), 0.75, "city_state_zip")
        for m in _CORNER_RE.finditer(s) if any(w in low for w in _CORNER_WORDS) else ():
            if not any(a <= m.start("first") < b for a, b in spans):
                yield self._finding(s, m.start("first"), m.end(), 0.6, "intersection")

    def _finding(self, s: str, start: int, end: int, score: float, pattern: str) -> Finding:
        # A final "." may end the sentence as well as "St."; leave it out either way.
        if s[end - 1] == ".":
            end -= 1
        return Finding(
            EntityType.STREET_ADDRESS,
            start,
            end,
            score,
            self.name,
            explanation=Explanation(pattern=pattern, base_score=score),
        )


def _state_zip_possible(s: str) -> bool:
    """Whether some ZIP follows a character a state can end in, then blanks with at most
    one comma: what every ``_CITY_STATE_ZIP_RE`` match holds. (A ZIP that finditer skips
    overlaps an earlier one, so it follows a digit or "-": no state's ZIP either.)"""
    for z in _ZIP_ALONE.finditer(s):
        i = z.start()
        while i and s[i - 1] in " \t":
            i -= 1
        if i and s[i - 1] == ",":
            i -= 1
            while i and s[i - 1] in " \t":
                i -= 1
        if i and s[i - 1] in _STATE_LAST:
            return True
    return False


def recognizers(settings: Settings) -> list[Recognizer]:
    """The US street address recognizer (other countries' forms: :mod:`.address_foreign`;
    ZIP codes: :mod:`.zip_code`)."""
    return [StreetAddressRecognizer()]
