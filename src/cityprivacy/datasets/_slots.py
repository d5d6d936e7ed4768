"""The slots a template can name, and what each one inserts and labels.

A slot produces *pieces*: ``(text, entity_type)`` pairs where ``entity_type`` is None for
text that is not identifying. Most slots give one labeled piece; a few give several (a
title and a surname are two entities). Slots whose name starts with ``NEG_`` insert hard
negatives: look-alikes that a good detector leaves alone.
"""

from __future__ import annotations

from collections.abc import Callable
from random import Random

from cityprivacy.datasets import _lexicon as lx
from cityprivacy.datasets import _values as v
from cityprivacy.detect.entities import EntityType as E

__all__ = ["SLOTS", "Piece", "SlotFn"]

Piece = tuple[str, E | None]
SlotFn = Callable[[Random, lx.Lexicon], list[Piece]]


def _one(entity: E | None, make: Callable[[Random, lx.Lexicon], str]) -> SlotFn:
    return lambda r, lex: [(make(r, lex), entity)]


_ARTICLES = ("in a ", "an ", "a ")


def _pick(entity: E | None, choices: tuple[str, ...]) -> SlotFn:
    """A word-list slot; a leading article stays outside the label ("a [refugee]")."""

    def make(r: Random, lex: lx.Lexicon) -> list[Piece]:
        value = r.choice(choices)
        for article in _ARTICLES:
            if value.startswith(article):
                return [(article, None), (value[len(article) :], entity)]
        return [(value, entity)]

    return make


def _name(r: Random, lex: lx.Lexicon) -> str:
    first, last = r.choice(lex.first_names), r.choice(lex.last_names)
    form = r.randrange(10)
    if form == 0:
        return f"{first} {r.choice('ABCDEFGHJKLMNPRSTVW')}. {last}"
    if form == 1:
        return f"{first[0]}. {last}"
    if form == 2:
        return f"{first} {last}-{r.choice(lex.last_names)}".replace("--", "-")
    return f"{first} {last}"


def _record_name(r: Random, lex: lx.Lexicon) -> str:
    first, last = r.choice(lex.first_names), r.choice(lex.last_names)
    return f"{last.upper()}, {first.upper()}" if r.random() < 0.6 else f"{last}, {first}"


def _titled(r: Random, lex: lx.Lexicon) -> list[Piece]:
    title = r.choice(lx.TITLES)
    name = r.choice(lex.last_names)
    if r.random() < 0.3:
        name = f"{r.choice(lex.first_names)} {name}"
    return [(title, E.TITLE), (" ", None), (name, E.PERSON)]


def _address(r: Random, lex: lx.Lexicon) -> str:
    borough = r.choice(lx.BOROUGHS)
    zipcode = r.choice(lx.BOROUGH_ZIPS[borough])
    number = r.choice([str(r.randint(1, 2999)), f"{r.randint(10, 199)}-{r.randint(10, 99)}"])
    street = f"{number} {r.choice(lx.STREETS)}"
    unit = r.choice(lx.UNITS)
    form = r.randrange(6)
    return [
        f"{street}, {unit}, {borough}, NY {zipcode}",
        f"{street} {unit} {borough} NY {zipcode}",
        f"{street}, {borough}, New York {zipcode}",
        f"{street}, {unit}",
        f"{street}, {borough}",
        f"{street} {unit}, {borough} {zipcode}",
    ][form]


def _email(r: Random, lex: lx.Lexicon) -> str:
    first = _ascii(r.choice(lex.first_names)).lower()
    last = _ascii(r.choice(lex.last_names)).lower()
    user = r.choice(
        [
            f"{first}.{last}",
            f"{first[0]}{last}{r.randint(1, 99)}",
            f"{last}_{first}",
            f"{first}{r.randint(1970, 2005)}",
            f"{first}+benefits",
        ]
    )
    return f"{user}@{r.choice(lx.DOMAINS)}"


def _ascii(name: str) -> str:
    table = str.maketrans("áéíóúñÁÉÍÓÚÑèçôœ", "aeiounAEIOUNecoo")
    return "".join(c for c in name.translate(table) if c.isalnum())


def _handle(r: Random, lex: lx.Lexicon) -> str:
    first = _ascii(r.choice(lex.first_names)).lower()
    return f"{first}_{r.choice(['nyc', 'bx', 'bk', 'queens', 'official'])}{r.randint(1, 99)}"


def _social(r: Random, lex: lx.Lexicon) -> list[Piece]:
    handle = _handle(r, lex)
    form = r.randrange(3)
    if form == 0:
        return [(f"@{handle}", E.SOCIAL_MEDIA), (f" on <{r.choice(lx.SOCIAL_NAMES)}>", None)]
    if form == 1:
        return [(f"https://www.{r.choice(lx.SOCIAL_SITES)}/{handle}", E.SOCIAL_MEDIA)]
    return [(f"<{r.choice(lx.SOCIAL_NAMES)}> handle ", None), (f"@{handle}", E.SOCIAL_MEDIA)]


def _url(r: Random, lex: lx.Lexicon) -> str:
    scheme = r.choice(["https://", "http://", "https://www.", "www."])
    return f"{scheme}{r.choice(lx.DOMAINS)}/{r.choice(lx.URL_PATHS)}"


def _age(r: Random, lex: lx.Lexicon) -> list[Piece]:
    n = r.randint(2, 94)
    form = r.randrange(5)
    if form == 0:
        return [(f"{n}-year-old", E.AGE)]
    if form == 1:
        return [(f"{n} years old", E.AGE)]
    if form == 2:
        return [(f"{n} y/o", E.AGE)]
    if form == 3:
        return [("age ", None), (str(n), E.AGE)]
    return [("aged ", None), (str(n), E.AGE)]


def _height_weight(r: Random, lex: lx.Lexicon) -> list[Piece]:
    feet, inches = r.randint(4, 6), r.randint(0, 11)
    height = r.choice([f"{feet}'{inches}\"", f"{feet} ft {inches} in", f"{r.randint(150, 195)} cm"])
    pounds = r.randint(95, 290)
    weight = r.choice([f"{pounds} lbs", f"{r.randint(45, 130)} kg", f"{pounds} pounds"])
    return [(height, E.HEIGHT_WEIGHT), (", ", None), (weight, E.HEIGHT_WEIGHT)]


def _neg_order(r: Random, lex: lx.Lexicon) -> list[Piece]:
    label = r.choice(["Order #", "order no. ", "Invoice ", "Confirmation # ", "PO "])
    value = f"{v.digits(r, 3)}-{v.digits(r, 2)}-{v.digits(r, 4)}"
    return [(label + value, None)]


def _neg_tracking(r: Random, lex: lx.Lexicon) -> list[Piece]:
    label = r.choice(["tracking number ", "Ticket ", "invoice no. ", "ref # ", "work order "])
    value = f"{r.randint(200, 989)}-{v.digits(r, 3)}-{v.digits(r, 4)}"
    return [(label + value, None)]


def _neg_version(r: Random, lex: lx.Lexicon) -> list[Piece]:
    label = r.choice(["app version ", "firmware ", "v", "build ", "the portal (release "])
    value = ".".join(str(r.randint(0, 20)) for _ in range(4))
    tail = ")" if label.endswith("(release ") else ""
    return [(label + value + tail, None)]


def _neg_card(r: Random, lex: lx.Lexicon) -> list[Piece]:
    label = r.choice(["gift card ", "loyalty card ", "MetroCard serial ", "reference "])
    return [(label + v.bad_card(r), None)]


def _zip(r: Random, lex: lx.Lexicon) -> str:
    base = r.choice(lx.BOROUGH_ZIPS[r.choice(lx.BOROUGHS)])
    return base + (f"-{v.digits(r, 4)}" if r.random() < 0.2 else "")


def _passport(r: Random, lex: lx.Lexicon) -> str:
    # nine digits, or (next-generation books) one letter and eight digits
    return r.choice([v.digits(r, 1), v.digits(r, 1), "A", "C"]) + v.digits(r, 8)


def _driver_license(r: Random, lex: lx.Lexicon) -> str:
    if r.random() < 0.6:
        return v.digits(r, 9)
    return f"{v.digits(r, 3)} {v.digits(r, 3)} {v.digits(r, 3)}"


def _mrn(r: Random, lex: lx.Lexicon) -> str:
    form = r.randrange(3)
    if form == 0:
        return v.digits(r, 8)
    if form == 1:
        return f"{r.choice('AMKH')}{v.digits(r, 7)}"
    return f"{v.digits(r, 3)}-{v.digits(r, 4)}"


def _case(r: Random, lex: lx.Lexicon) -> str:
    form = r.randrange(4)
    if form == 0:
        return f"{r.randint(2018, 2025)}-{v.digits(r, 6)}"
    if form == 1:
        return f"{v.digits(r, 9)}-0{r.randint(1, 9)}"
    if form == 2:
        return f"{r.choice(['KI', 'BX', 'QN', 'NY'])}-{v.digits(r, 5)}-{r.randint(18, 25)}"
    return f"C{v.digits(r, 7)}"


def _release(r: Random, lex: lx.Lexicon) -> str:
    return v.date_forms(r, 2019, 2025)


SLOTS: dict[str, SlotFn] = {
    "PERSON": _one(E.PERSON, _name),
    "FIRST": _one(E.PERSON, lambda r, lex: r.choice(lex.first_names)),
    "LAST": _one(E.PERSON, lambda r, lex: r.choice(lex.last_names)),
    "RECNAME": _one(E.PERSON, _record_name),
    "TPERSON": _titled,
    "ORG": _pick(E.ORGANIZATION, lx.EMPLOYERS),
    "ORG_SURNAME": _pick(E.ORGANIZATION, lx.SURNAME_ORGS),
    "BOROUGH": _pick(E.LOCATION, lx.BOROUGHS),
    "HOOD": _pick(E.LOCATION, lx.NEIGHBORHOODS),
    "PLACE": _pick(E.LOCATION, lx.PLACES),
    "ADDRESS": _one(E.STREET_ADDRESS, _address),
    "ZIP": _one(E.ZIP_CODE, _zip),
    "GPS": _one(E.GPS_COORDINATES, lambda r, lex: v.gps(r)),
    "BBL": _one(E.NYC_BBL, lambda r, lex: v.bbl(r)),
    "EMAIL": _one(E.EMAIL_ADDRESS, _email),
    "PHONE": _one(E.PHONE_NUMBER, lambda r, lex: v.phone(r)),
    "URL": _one(E.URL, _url),
    "SOCIAL": _social,
    "IP": _one(E.IP_ADDRESS, lambda r, lex: v.ipv4(r) if r.random() < 0.7 else v.ipv6(r)),
    "MAC": _one(E.MAC_ADDRESS, lambda r, lex: v.mac(r)),
    "IMEI": _one(E.IMEI, lambda r, lex: v.imei(r)),
    "SSN": _one(E.US_SSN, lambda r, lex: v.ssn(r)),
    "ITIN": _one(E.US_ITIN, lambda r, lex: v.itin(r)),
    "PASSPORT": _one(E.US_PASSPORT, _passport),
    "DL": _one(E.US_DRIVER_LICENSE, _driver_license),
    "CIN": _one(E.NY_MEDICAID_CIN, lambda r, lex: v.cin(r)),
    "OSIS": _one(E.NYC_OSIS, lambda r, lex: r.choice(["2", "3"]) + v.digits(r, 8)),
    "MRN": _one(E.MEDICAL_RECORD_NUMBER, _mrn),
    "CASE": _one(E.CASE_NUMBER, _case),
    "BANK": _one(E.US_BANK_NUMBER, lambda r, lex: v.digits(r, r.randint(8, 14))),
    "ABA": _one(E.ABA_ROUTING_NUMBER, lambda r, lex: v.aba_routing(r)),
    "CARD": _one(E.CREDIT_CARD, lambda r, lex: v.card(r)),
    "IBAN": _one(E.IBAN_CODE, lambda r, lex: v.iban(r)),
    "PLATE": _one(E.LICENSE_PLATE, lambda r, lex: v.plate(r)),
    "VIN": _one(E.VIN, lambda r, lex: v.vin(r)),
    "DATE": _one(E.DATE_TIME, lambda r, lex: v.date_forms(r, 2021, 2025)),
    "TIME": _one(E.DATE_TIME, lambda r, lex: v.time_forms(r)),
    "DOB": _one(E.DATE_OF_BIRTH, lambda r, lex: v.date_forms(r, 1938, 2019)),
    "RELEASE": _one(E.CUSTODY_RELEASE, _release),
    "AGE": _age,
    "HW": _height_weight,
    "IMMIG": _pick(E.IMMIGRATION_STATUS, lx.IMMIGRATION),
    "PA": _pick(E.PUBLIC_ASSISTANCE, lx.ASSISTANCE),
    "CRIM": _pick(E.CRIMINAL_HISTORY, lx.CRIMINAL),
    "ARREST": _pick(
        E.CRIMINAL_HISTORY,
        ("was arrested last week", "was arrested on Friday", "got arrested again"),
    ),
    "VICTIM": _pick(E.VICTIM_STATUS, lx.VICTIM),
    "ORIENT": _pick(E.SEXUAL_ORIENTATION, lx.ORIENTATION),
    "GENDER": _pick(E.GENDER_IDENTITY, lx.GENDER),
    "RELIGION": _pick(E.RELIGION, lx.RELIGIONS),
    "LANG": _pick(E.LANGUAGE, lx.LANGUAGES),
    "NAT": _pick(E.NATIONALITY, lx.NATIONALITIES),
    "COUNTRY": _pick(E.NATIONALITY, lx.COUNTRIES),
    "RACE": _pick(E.RACE_ETHNICITY, lx.RACES),
    "MARITAL": _pick(E.MARITAL_STATUS, lx.MARITAL),
    "EMPLOY": _pick(E.EMPLOYMENT_STATUS, lx.EMPLOYMENT),
    # "Black" here is no race: a race finding on it is a false positive.
    "BLACK_FRIDAY": _one(E.DATE_TIME, lambda r, lex: "Black Friday"),
    "NEG_ORDER": _neg_order,
    "NEG_TRACKING": _neg_tracking,
    "NEG_VERSION": _neg_version,
    "NEG_CARD": _neg_card,
    "NEG_AMOUNT": _one(None, lambda r, lex: f"${r.randint(12, 2400):,}.{r.randint(0, 99):02d}"),
    "NEG_ROOM": _one(None, lambda r, lex: f"Room {r.randint(1, 12)}-{r.randint(100, 450)}"),
}
