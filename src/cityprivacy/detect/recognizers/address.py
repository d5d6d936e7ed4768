"""Street addresses and ZIP codes, in the forms New York City records use.

An address is reported as *one* span from the house number through unit, borough or
city, state and ZIP ("350 W 42nd St, Apt 5B, New York, NY 10036"), because the
overlap rule lets the longest span win and a redaction should remove the whole thing.
Queens hyphenated house numbers ("45-12"), spelled numbers ("One Police Plaza"),
PO boxes, a bare "Bronx, NY 10451" and street corners are recognized too, and so are
other countries' forms (street word first, compound street names, "Flat 3, 12 ...",
US military mail), so a letter from abroad is not left half-redacted.

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

__all__ = ["ForeignStreetRecognizer", "StreetAddressRecognizer", "ZipCodeRecognizer", "recognizers"]

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
_STATE = rf"(?:{'|'.join(_STATE_ABBR)}|N\.Y\.|N\.J\.|(?=[A-Z])(?i:{_STATE_NAMES}))(?![A-Za-z])"
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
# Capitalized or in capitals ("Staten Island", "STATEN ISLAND"), never lower case.
_KNOWN_PLACE = rf"(?:(?i:the)[ \t]+)?(?=[A-Z])(?i:{_BOROUGHS_AND_NEIGHBORHOODS})(?![A-Za-z])"
_CAP_WORDS = r"[A-Z][A-Za-z.'’-]+(?:[ \t]+[A-Z][A-Za-z.'’-]+){0,2}"
_ZIP = r"\d{5}(?:-\d{4})?(?![\w-])"
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
# "Flat 3, 12 Baker Street", "Studio 87\nDawson Drive", "H.No. 933, Anand Path", "82/59, ...".
_PRE_UNIT = (
    r"(?:(?i:flat|studio|apartment|apt\.?|unit|suite|level)[ \t]+[A-Za-z]?\d{1,4}[A-Za-z]?"
    r"(?:,[ \t]*|[ \t]*\r?\n[ \t]*|[ \t]+)(?=\d)|H\.[ \t]?No\.[ \t]*)?"
)
_STREET_RE = re.compile(
    rf"(?<![\w$.,/#-])(?P<pre>{_PRE_UNIT})(?P<num>{_NUMBER}(?:/\d{{1,4}})?)"
    rf"(?P<gap>,?[ \t]+|[ \t]*\r?\n[ \t]*){_STREET}(?P<unit>{_UNIT}){{0,2}}{_TAIL}"
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
_STATE_ONLY = re.compile(_STATE)
_CITY_STATE_ZIP_RE = re.compile(
    rf"(?<![\w-])(?:{_KNOWN_PLACE}|{_CAP_WORDS}),?[ \t]+{_STATE}[ \t]*,?[ \t]*{_ZIP}"
)
_CORNER_RE = re.compile(
    rf"(?i:corner[ \t]+of|intersection[ \t]+of|cross[ \t]+streets?:?)[ \t]+(?:(?i:the)[ \t]+)?"
    rf"(?P<first>{_STREET})[ \t]+(?:and|&|/|at)[ \t]+{_STREET}"
)
# "900, Dixit Road" (number, comma, street) starts a line, a list item or follows a cue.
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
        s = text.text
        spans: list[tuple[int, int]] = []
        for m in _STREET_RE.finditer(s):
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
        for m in _UNIT_STREET_RE.finditer(s):
            spans.append(m.span())
            yield self._finding(s, m.start(), m.end(), 0.8, "unit_street")
        for m in _MILITARY_RE.finditer(s):
            spans.append(m.span())
            yield self._finding(s, m.start(), m.end(), 0.9, "military")
        for m in _PO_BOX_RE.finditer(s):
            spans.append(m.span())
            yield self._finding(s, m.start(), m.end(), 0.85 if m["zip"] else 0.8, "po_box")
        for m in _CITY_STATE_ZIP_RE.finditer(s):
            place = s[m.start() : m.end() - 5].strip(" \t,-0123456789")
            if _STATE_ONLY.fullmatch(place):
                continue  # "West Virginia, 26501": a state and a ZIP, no address
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


# ---- street addresses in other countries' formats ----------------------------------
_UP = "A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŒŘŚŠŤŮŹŻŽ"
_FWORD = rf"[{_UP}][\w'’.-]*"
_PARTICLE = r"(?:de|da|do|das|dos|del|della|delle|dei|di|la|le|les|du|des|d'|l'|e|i|y|van|von|der)"
_FNAME = (
    rf"(?:{_PARTICLE}[ \t]+){{0,2}}{_FWORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_FWORD}){{0,6}}"
)
_FNUMBER = r"(?:\d{1,5}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?)?|S/N)(?![\w/-])"
_FUNIT = (
    r"(?:[ \t]*,?[ \t]*(?i:interior|int\.|edif\.|depto\.|piso|puerta|apt\.|apto\.?"
    r"|appartamento|piano|scala|interno|bloco|casa|lote|escalera|esc\.|planta|lok\.|m\.)"
    r"[ \t]*\d{1,4}[A-Za-z]?(?!\w))"
)
# Street words that come first, capitalized (Italian, Spanish, Portuguese) or not (Polish).
_FTYPE = (
    r"(?:(?:Via|Viale|Vicolo|Piazza|Piazzale|Corso|Largo|Strada|Contrada|Rotonda|Stretto"
    r"|Incrocio|Canale|Borgo|Lungomare|Salita|Traversa|Calle|Avenida|Avda\.|Av\.|Paseo|Camino"
    r"|Carretera|Plaza|Callejón|Calzada|Circuito|Circunvalación|Corredor|Prolongación|Privada"
    r"|Peatonal|Periférico|Retorno|Ampliación|Viaducto|Eje[ \t]+vial|Boulevard|Andador|Cerrada"
    r"|Continuación|Diagonal|Acceso|Cañada|Vial|Ronda|Glorieta|Pasaje|Rambla|Travesía|Alameda"
    r"|Rua|R\.|Travessa|Praça|Estrada|Rodovia|Ladeira|Vereda|Viela|Esplanada|Fazenda|Setor"
    r"|Quadra|Trecho|Lagoa|Parque|Campo|Área|Colônia|Conjunto|Chácara|Condomínio|Distrito"
    r"|Recanto|Residencial|Sítio|Vila|Núcleo|Passarela|Jardim|Morro|Praia|Loteamento|Viaduto"
    r"|Vale|Trevo|Favela|Feira|Aeroporto|Avenue|Boulevard|C\.|Av|Pasadizo|Pátio|Carrer"
    r"|Avinguda|Passeig"
    r"|Rue|Avenue|Chemin|Allée|Impasse|Quai|Place)(?!\w)"
    r"|(?i:ulica|ul\.|aleja|al\.|plac|pl\.|osiedle|os\.|rondo|skwer|bulwar))"
)
# Without a number only these French words: "took place March 5" is no address.
_FR_TYPE = r"(?:rue|avenue|boulevard|chemin|allée|impasse|quai)"
_POSTAL_CITY = (
    rf"(?P<pc>(?:[ \t]*,[ \t]*|[ \t]*\r?\n[ \t]*)(?:\d{{2}}-\d{{3}}|\d{{5}}-\d{{3}}|\d{{4}}[ \t]?"
    rf"[A-Z]{{2}}|\d{{4,5}}),?(?:[ \t]+|[ \t]*\r?\n[ \t]*){_FWORD}(?:[ \t-]+{_FWORD}){{0,3}}"
    r"(?:[ \t]*\([A-Z]{2}\))?)?"
)
_FOREIGN_RES = (
    ("type_first", re.compile(
        rf"(?<![\w.])(?<!et )(?:{_FTYPE})[ \t]+{_FNAME},?[ \t]+(?:(?i:n[º°o])\.?[ \t]*)?"
        rf"{_FNUMBER}(?:[ \t]+\d{{1,4}}(?![\w/-]|[.,]\d))?{_FUNIT}{{0,2}}{_POSTAL_CITY}"
    )),
    ("french", re.compile(
        rf"(?<![\w.,/-])(?:\d{{1,4}}(?:[ \t]?(?:bis|ter))?,?[ \t]+)?{_FR_TYPE}[ \t]+"
        rf"(?:(?:de[ \t]+la|de[ \t]+l'|de|du|des|d')[ \t]*)?{_FWORD}(?:[ \t]+{_FWORD}){{0,3}}"
        rf"{_POSTAL_CITY}"
    )),
    ("compound", re.compile(
        rf"(?<![\w-])(?P<street>(?:(?:[{_UP}]\w*-)+(?=[{_UP}])|[{_UP}]\w*?)(?i:straße|strasse|str\."
        r"|gasse|weg|platz|allee|ring|damm|ufer|steig|pfad|chaussee|markt|hof|laan|straat|plein"
        r"|singel|gracht|kade|dreef|pad|steeg|baan|dijk|boulevard|plantsoen)"
        rf"|[{_UP}]\w+[ \t]+(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Damm|Ufer|Laan|Straat"
        rf"|Plein))[ \t]+(?P<hn>\d{{1,4}}[a-z]?(?:[/-]\d{{1,4}}[a-z]?)?)(?![\w/-]){_POSTAL_CITY}"
    )),
)  # fmt: skip
# English words, not streets: "Spring 12", "Keyring 2", "Notepad 3" (Wessel-ring is a street).
_NOT_COMPOUND = re.compile(
    r"(?i:.*(?:[aeiourptb]ring|keyring|notepad|keypad|launchpad|touchpad|trackpad|ipad|numpad|helipad"
    r"|mousepad)|ring|pad)\Z"
)


class ForeignStreetRecognizer:
    """Street addresses in European, Latin American and Indian formats.

    "Via Fattori, 69", "38, rue de Lefort", "Hauptstraße 12", "Calle Mayor 5",
    "ul. Długa 7", "Rua das Flores, 120": the street word comes first (or is part of
    a compound word), the house number after the name. A following postal code and
    town ("10115 Berlin", "00-950 Warszawa") are part of the span.
    """

    name = "foreign_street_address"
    entities = frozenset({EntityType.STREET_ADDRESS})

    def analyze(self, text: Text) -> Iterator[Finding]:
        s = text.text
        for kind, regex in _FOREIGN_RES:
            for m in regex.finditer(s):
                if kind == "compound":
                    street, number = m["street"], m["hn"]
                    if (len(number) == 4 and number[:2] in ("19", "20")) or (
                        street.lower().endswith(("ring", "pad")) and _NOT_COMPOUND.match(street)
                    ):
                        continue  # "Spring 2024", "Notepad 2"
                has_number = any(c.isdigit() for c in m.group())
                score = 0.9 if m["pc"] else 0.75 if has_number else 0.6
                end = m.end() - (s[m.end() - 1] == ".")
                yield Finding(
                    EntityType.STREET_ADDRESS,
                    m.start(),
                    end,
                    score,
                    self.name,
                    explanation=Explanation(pattern=f"foreign_{kind}", base_score=score),
                )


_ZIP_RE = re.compile(r"(?<![\w$.,/#-])\d{5}(?P<plus4>-\d{4})?(?![\w/]|[.,]\d|-\d)")
_STATE_BEFORE = re.compile(rf"(?:\b{_STATE}|\b(?:{_KNOWN_PLACE}))[ \t]*,?[ \t]*$")
_ZIP_CONTEXT = ("zip", "zipcode", "zip code", "zip+4", "postal", "postal code", "postcode")
_NOT_ZIP_AFTER = re.compile(
    r"[ \t]*(?i:dollars|usd|units|people|residents|households|records|cases|calls)\b"
)
# A capitalized place name before the ZIP ("Lake Aliciafort 35308", "Romerobury, 34526").
_PLACE_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z][\w'’.-]*(?:[ \t-]+[A-Z][\w'’.-]+){0,3},?[ \t]+\Z")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.;!?)]|,[ \t]|\r?\n|\Z)")
_LABEL_WORD = re.compile(
    r"(?i:order|case|invoice|account|acct|ticket|room|unit|suite|apt|box|page|item|policy|claim"
    r"|member|code|pin|model|version|flight|route|bus|highway|id|no|number|ref|reference|file"
    r"|record|batch|lot|serial|part|employee|badge|patient|student|customer|client|docket"
    r"|index|form|step|phase|level|grade|year|sku|total|balance|amount|score)\.?[ \t:#]*"
    r"(?:[A-Z][\w'’.-]*[ \t]+){0,2}\Z"
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
            after_place = not after_state and _PLACE_BEFORE.search(
                text.text, max(0, start - 40), start
            )
            if after_place and (
                not _CLAUSE_END.match(text.text, end)
                or _LABEL_WORD.search(text.text, max(0, start - 40), start)
            ):
                after_place = None
            if not words and not after_state and not after_place:
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
    return [StreetAddressRecognizer(), ForeignStreetRecognizer(), ZipCodeRecognizer()]
