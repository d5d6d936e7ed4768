"""Street addresses in other countries' formats: the street word first ("Via Fattori, 69",
"Calle Mayor 5", "ul. Długa 7"), French numbers first ("38, rue de Lefort"), and compound
street names ("Hauptstraße 12"), with a following postal code and town, so a letter from
abroad is not left half-redacted. US-style addresses are :mod:`.address`'s job.
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

__all__ = ["ForeignStreetRecognizer", "recognizers"]

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
_FTYPE_CASED = (
    r"(?:Via|Viale|Vicolo|Piazza|Piazzale|Corso|Largo|Strada|Contrada|Rotonda|Stretto"
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
)
# The lower-case street words, and what may stand for their letters under IGNORECASE
# (long s, Kelvin sign, dotless and dotted i): a text without any is spared that part.
_POLISH_WORDS = (
    *("ulica", "ul.", "aleja", "al.", "plac", "pl.", "osiedle", "os.", "rondo", "skwer"),
    *("bulwar", "\u017f", "\u212a", "\u0131", "\u0130"),
)
_FTYPE = (
    rf"(?:{_FTYPE_CASED}"
    r"|(?i:ulica|ul\.|aleja|al\.|plac|pl\.|osiedle|os\.|rondo|skwer|bulwar))"
)
# Without a number only these French words: "took place March 5" is no address.
_FR_WORDS = ("rue", "avenue", "boulevard", "chemin", "allée", "impasse", "quai")
_FR_TYPE = f"(?:{'|'.join(_FR_WORDS)})"
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
        # The first capital is shared by every form and comes before the lookbehind, so
        # the engine can skip ahead to capitals.
        rf"(?P<street>[{_UP}](?<![\w-][{_UP}])(?:(?:\w*-(?:[{_UP}]\w*-)*(?=[{_UP}])|\w*?)"
        r"(?i:straße|strasse|str\."
        r"|gasse|weg|platz|allee|ring|damm|ufer|steig|pfad|chaussee|markt|hof|laan|straat|plein"
        r"|singel|gracht|kade|dreef|pad|steeg|baan|dijk|boulevard|plantsoen)"
        rf"|\w+[ \t]+(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Damm|Ufer|Laan|Straat"
        rf"|Plein)))[ \t]+(?P<hn>\d{{1,4}}[a-z]?(?:[/-]\d{{1,4}}[a-z]?)?)(?![\w/-]){_POSTAL_CITY}"
    )),
)  # fmt: skip
# Cheap tests that a pattern can match at all. A capitalized street word (the engine skips
# to the capitals that begin one); a compound street word then blanks and a house number
# (the scan stops only at a blank before a digit, then looks back for the street word).
_CASED_GATE = re.compile(_FTYPE_CASED)
_COMPOUND_GATE = re.compile(
    r"[ \t](?=[ \t]*\d)(?i:"
    + "|".join(
        rf"(?<={word}[ \t])"
        for word in (
            *("straße", "strasse", r"str\.", "gasse", "weg", "platz", "allee", "ring", "damm"),
            *("ufer", "steig", "pfad", "chaussee", "markt", "hof", "laan", "straat", "plein"),
            *("singel", "gracht", "kade", "dreef", "pad", "steeg", "baan", "dijk", "boulevard"),
            "plantsoen",
        )
    )
    + ")"
)
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
            if kind == "french" and not any(w in s for w in _FR_WORDS):
                continue  # its street word is required and case-sensitive: a substring test
            if kind == "type_first" and not (
                any(w in text.lower for w in _POLISH_WORDS) or _CASED_GATE.search(s)
            ):
                continue
            if kind == "compound" and not _COMPOUND_GATE.search(s):
                continue
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


def recognizers(settings: Settings) -> list[Recognizer]:
    """The recognizer of street addresses in other countries' formats."""
    return [ForeignStreetRecognizer()]
