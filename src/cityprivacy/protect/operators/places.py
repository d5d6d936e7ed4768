"""ZIP codes and New York City boroughs, read from a ZIP or from the text of an address.

The borough of a ZIP code comes from its 3-digit prefix, the USPS sectional centers that
serve the city (USPS Domestic Mail Manual, exhibit L002 "3-Digit ZIP Code Prefix
Matrix"): 100–102 New York (Manhattan), 103 Staten Island, 104 Bronx, 112 Brooklyn, and
111, 113, 114 and 116 Queens (Long Island City, Flushing, Jamaica, Far Rockaway). Prefix
110 is the Queens center too but mostly serves Nassau County; only 11004 (Glen Oaks) and
11005 (Floral Park, Queens) lie in the city.

Postal areas follow the mail routes, not borough lines, so a few places come out in the
borough of their post office: Marble Hill (Manhattan, ZIP 10463) reads as Bronx, Rikers
Island (Bronx, ZIP 11370) as Queens, and ZIP 11040 (New Hyde Park, across the
Queens–Nassau line) as outside the city. That is precise enough for the purpose here:
coarsening a location for release, not routing mail.

An address without a ZIP code is placed by its city name when that is a borough name,
"New York" (the postal name of Manhattan) or a Queens postal place name (Flushing,
Jamaica...): Queens addresses are written with the neighborhood as the city.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import usaddress

__all__ = ["BOROUGHS", "OUTSIDE_NYC", "borough_of", "find_zip"]

BOROUGHS: Final = ("Manhattan", "Bronx", "Brooklyn", "Queens", "Staten Island")
OUTSIDE_NYC: Final = "Outside NYC"

_BY_PREFIX: Final = {
    "100": "Manhattan",
    "101": "Manhattan",
    "102": "Manhattan",
    "103": "Staten Island",
    "104": "Bronx",
    "111": "Queens",
    "112": "Brooklyn",
    "113": "Queens",
    "114": "Queens",
    "116": "Queens",
}
_BY_ZIP: Final = {"11004": "Queens", "11005": "Queens"}

_BY_PLACE: Final = {
    "manhattan": "Manhattan",
    "new york": "Manhattan",
    "new york city": "Manhattan",
    "nyc": "Manhattan",
    "bronx": "Bronx",
    "the bronx": "Bronx",
    "brooklyn": "Brooklyn",
    "queens": "Queens",
    "staten island": "Staten Island",
    **{
        place: "Queens"
        for place in (
            "arverne", "astoria", "bayside", "breezy point", "cambria heights",
            "college point", "corona", "douglaston", "east elmhurst", "elmhurst",
            "far rockaway", "flushing", "forest hills", "fresh meadows", "glen oaks",
            "hollis", "howard beach", "jackson heights", "jamaica", "kew gardens",
            "laurelton", "little neck", "long island city", "maspeth", "middle village",
            "oakland gardens", "ozone park", "queens village", "rego park",
            "richmond hill", "ridgewood", "rockaway park", "rosedale", "saint albans",
            "south ozone park", "south richmond hill", "springfield gardens",
            "st albans", "st. albans", "sunnyside", "whitestone", "woodhaven", "woodside",
        )
    },
}  # fmt: skip

_ZIP_ONLY: Final = re.compile(r"\s*(\d{5})(?:-\d{4})?\s*")
_ZIP_IN_TAG: Final = re.compile(r"(\d{5})(?:-?\d{4})?")
_FIVE_DIGITS: Final = re.compile(r"\d{5}")
_PARSE_CACHE: Final = 1 << 14  # about 5 MB when full


def find_zip(text: str) -> str | None:
    """The 5-digit ZIP code of ``text``: a ZIP (``10027``, ``10027-1234``) or an address."""
    match = _ZIP_ONLY.fullmatch(text)
    if match is not None:
        return match.group(1)
    if _FIVE_DIGITS.search(text) is None:
        # Fast path, same answer as the tagger: a ZIP read from a tag must match
        # _ZIP_IN_TAG, whose five digits sit inside one token, and usaddress's tokens are
        # pieces of the text (after "&amp;"/"&#38;" become "&", which joins no digits).
        # No five digits in a row in the text, so no ZIP, without tagging it (most street
        # addresses, "12 Main St, Apt 4B", have none).
        return None
    zip_code = _address_part(text, "ZipCode")
    if zip_code is None:
        return None
    match = _ZIP_IN_TAG.fullmatch(zip_code.strip())
    return match.group(1) if match is not None else None


def borough_of(text: str) -> str | None:
    """The borough of a ZIP or address, :data:`OUTSIDE_NYC` for a ZIP elsewhere, or
    ``None`` when neither a ZIP nor a known place name can be read."""
    zip_code = find_zip(text)
    if zip_code is not None:
        return _BY_ZIP.get(zip_code) or _BY_PREFIX.get(zip_code[:3], OUTSIDE_NYC)
    place = _address_part(text, "PlaceName")
    if place is None:
        return None
    return _BY_PLACE.get(" ".join(place.lower().replace(",", " ").split()))


@lru_cache(maxsize=_PARSE_CACHE)
def _address_part(text: str, label: str) -> str | None:
    """One component of the parsed address, or ``None``; usaddress's CRF tags each token.

    Tagging costs ~0.1 ms an address and the same addresses repeat across rows and notes:
    the most recent answers are remembered (the tagger is deterministic)."""
    if not text.strip():
        return None
    parts = [token for token, tag in usaddress.parse(text) if tag == label]
    return " ".join(parts).strip(" ,") or None
