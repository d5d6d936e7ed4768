"""Street addresses and ZIP codes, in the forms New York City records use.

An address is reported as *one* span from the house number through unit, borough or
city, state and ZIP ("350 W 42nd St, Apt 5B, New York, NY 10036"), because the
overlap rule lets the longest span win and a redaction should remove the whole thing.
Queens hyphenated house numbers ("45-12"), spelled numbers ("One Police Plaza"),
PO boxes, a bare "Bronx, NY 10451" and street corners are recognized too.

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

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer
    from cityprivacy.detect.text import Text

__all__ = ["StreetAddressRecognizer", "ZipCodeRecognizer", "recognizers"]

_STATE_ABBR = tuple(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV"  # noqa: SIM905 - a word list reads better as words
    " NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia"
    "|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts"
    "|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey"
    "|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania"
    "|Puerto Rico|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont"
    "|Virginia|Washington|West Virginia|Wisconsin|Wyoming|District of Columbia"
).replace(" ", r"[ \t]+")
_STATE = rf"(?:{'|'.join(_STATE_ABBR)}|N\.Y\.|N\.J\.|{_STATE_NAMES})(?![A-Za-z])"
_BOROUGHS_AND_NEIGHBORHOODS = (
    "Manhattan|Bronx|Brooklyn|Queens|Staten Island|New York City|New York|NYC|Harlem|East Harlem"
    "|Washington Heights|Inwood|Chelsea|Tribeca|SoHo|Chinatown|Lower East Side|East Village"
    "|West Village|Greenwich Village|Upper West Side|Upper East Side|Midtown|Hell's Kitchen"
    "|Murray Hill|Yorkville|Astoria|Long Island City|Sunnyside|Woodside|Jackson Heights"
    "|Elmhurst|Corona|Flushing|Forest Hills|Rego Park|Kew Gardens|Jamaica|Hollis|Queens Village"
    "|Ridgewood|Maspeth|Howard Beach|Ozone Park|Richmond Hill|Far Rockaway|Rockaway Park"
    "|Bayside|Whitestone|College Point|Fresh Meadows|St\\. Albans|Cambria Heights|Springfield"
    " Gardens|Williamsburg|Greenpoint|Bushwick|Bedford-Stuyvesant|Bed-Stuy|Crown Heights"
    "|Flatbush|East Flatbush|Brownsville|East New York|Canarsie|Sunset Park|Bay Ridge"
    "|Bensonhurst|Borough Park|Coney Island|Brighton Beach|Sheepshead Bay|Park Slope"
    "|Red Hook|Fort Greene|Clinton Hill|Mott Haven|Hunts Point|Morrisania|Fordham|Riverdale"
    "|Kingsbridge|Co-op City|Soundview|Parkchester|Pelham Bay|Throggs Neck|Tremont"
    "|Highbridge|Concourse|Belmont|Wakefield|Tottenville|St\\. George|Stapleton"
    "|Port Richmond|New Dorp|Great Kills|Mariners Harbor|Yonkers|Mount Vernon|Hempstead"
).replace(" ", r"[ \t]+")
_KNOWN_PLACE = rf"(?:(?i:the)[ \t]+)?(?:{_BOROUGHS_AND_NEIGHBORHOODS})(?![A-Za-z])"
_CAP_WORDS = r"[A-Z][A-Za-z.'’-]+(?:[ \t]+[A-Z][A-Za-z.'’-]+){0,2}"
_ZIP = r"\d{5}(?:-\d{4})?(?![\d-])"
_COMMA = r"(?:[ \t]*,[ \t]*|[ \t]+)"
_LINE = r"(?:[ \t]*,[ \t]*(?:\r?\n[ \t]*)?|[ \t]*\r?\n[ \t]*|[ \t]+)"
_TAIL = (
    rf"(?P<city>{_LINE}(?:{_KNOWN_PLACE}|{_CAP_WORDS}(?={_COMMA}{_STATE})))?"
    rf"(?P<state>{_COMMA}{_STATE})?(?P<zip>{_COMMA}{_ZIP})?"
)

_NUMBER = (
    r"(?:\d{1,6}(?:-\d{1,5})?(?:[A-Z](?![A-Za-z]))?"
    r"|(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten))"
)
_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?"
_ORDINAL = r"\d{1,3}(?i:st|nd|rd|th)"
_WORD = rf"(?:[A-Z][A-Za-z'’-]*\.?|{_ORDINAL})"
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:of|the|de|del|la)[ \t]+)?{_WORD}){{0,3}}"
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
    r"|wells?)(?![A-Za-z])\.?"
)
_SPECIAL = (
    r"(?:Avenue|Ave\.?)[ \t]+(?:[A-Z](?![A-Za-z])|of[ \t]+the[ \t]+Americas)"
    r"|Broadway|(?:The[ \t]+)?Bowery|Central[ \t]+Park[ \t]+(?:West|South|North)"
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
_STREET_RE = re.compile(
    rf"(?<![\w$.,/#-])(?P<num>{_NUMBER})[ \t]+{_STREET}(?P<unit>{_UNIT}){{0,2}}{_TAIL}"
)
_PO_BOX_RE = re.compile(
    rf"(?<!\w)(?i:p\.?[ \t]?o\.?[ \t]*box|post[ \t]+office[ \t]+box)[ \t]*#?[ \t]*\d{{1,6}}(?!\d)"
    rf"{_TAIL}"
)
_CITY_STATE_ZIP_RE = re.compile(
    rf"(?<![\w-])(?:{_KNOWN_PLACE}|{_CAP_WORDS}),?[ \t]+{_STATE}[ \t]*,?[ \t]*{_ZIP}"
)
_CORNER_RE = re.compile(
    rf"(?i:corner[ \t]+of|intersection[ \t]+of|cross[ \t]+streets?:?)[ \t]+(?:(?i:the)[ \t]+)?"
    rf"(?P<first>{_STREET})[ \t]+(?:and|&|/|at)[ \t]+{_STREET}"
)
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
        s = text.text
        spans: list[tuple[int, int]] = []
        for m in _STREET_RE.finditer(s):
            number = m["num"]
            year_like = number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2099
            if year_like and _YEAR_CUE.search(text.before(m.start(), 16)):
                continue  # "in 2019 Broadway shows..."
            score = 0.95 if m["zip"] else 0.85 if (m["unit"] or m["city"] or m["state"]) else 0.7
            spans.append(m.span())
            yield self._finding(s, m.start(), m.end(), score, "street_address")
        for m in _PO_BOX_RE.finditer(s):
            spans.append(m.span())
            yield self._finding(s, m.start(), m.end(), 0.85 if m["zip"] else 0.8, "po_box")
        for m in _CITY_STATE_ZIP_RE.finditer(s):
            if not any(a <= m.start() < b for a, b in spans):
                yield self._finding(s, m.start(), m.end(), 0.75, "city_state_zip")
        for m in _CORNER_RE.finditer(s):
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


_ZIP_RE = re.compile(r"(?<![\w$.,/#-])\d{5}(?P<plus4>-\d{4})?(?![\w/]|[.,]\d|-\d)")
_STATE_BEFORE = re.compile(rf"(?:\b{_STATE}|\b(?:{_KNOWN_PLACE}))[ \t]*,?[ \t]*$")
_ZIP_CONTEXT = ("zip", "zipcode", "zip code", "zip+4", "postal", "postal code", "postcode")
_NOT_ZIP_AFTER = re.compile(
    r"[ \t]*(?i:dollars|usd|units|people|residents|households|records|cases|calls)\b"
)
_NYC_PREFIXES = ("100", "101", "102", "103", "104", "110", "111", "112", "113", "114", "116")


class ZipCodeRecognizer:
    """ZIP and ZIP+4 codes; five bare digits need a ZIP label or a state before them."""

    name = "zip_code"
    entities = frozenset({EntityType.ZIP_CODE})

    def analyze(self, text: Text) -> Iterator[Finding]:
        for m in _ZIP_RE.finditer(text.text):
            start, end = m.span()
            words = tuple(w for w in _ZIP_CONTEXT if w in text.before(start, 24))
            if _NOT_ZIP_AFTER.match(text.text, end):
                continue
            after_state = _STATE_BEFORE.search(text.text, max(0, start - 40), start) is not None
            if not words and not after_state:
                continue
            score = 0.6 if after_state else 0.55
            if words:
                score += 0.3
            notes: tuple[str, ...] = ("state or borough before",) if after_state else ()
            if m.group().startswith(_NYC_PREFIXES):
                score += 0.05
                notes += ("New York City ZIP range",)
            score = min(1.0, score)
            yield Finding(
                EntityType.ZIP_CODE,
                start,
                end,
                score,
                self.name,
                explanation=Explanation(
                    pattern="zip_plus4" if m["plus4"] else "zip5",
                    base_score=score,
                    context_words=words,
                    context_boost=0.3 if words else 0.0,
                    notes=notes,
                ),
            )


def recognizers(settings: Settings) -> list[Recognizer]:
    """The street address and ZIP code recognizers."""
    return [StreetAddressRecognizer(), ZipCodeRecognizer()]
