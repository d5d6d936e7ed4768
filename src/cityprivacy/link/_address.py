"""Street addresses to one spelling: ``350 West 42nd Street, Apt. 4B`` → ``350 w 42nd st 4b``.

The address is parsed into its parts with ``usaddress`` (a conditional random field
trained on US addresses), and the street line is rebuilt from the parts that identify a
dwelling — house number, directionals, street name, street type, unit number — with
USPS abbreviations (``Avenue`` → ``ave``, ``North`` → ``n``) and ordinal words as
numbers (``Fifth`` → ``5th``). The unit's label is dropped (``Apt``, ``#``, ``Unit`` and
``Suite`` are used interchangeably); city, state and ZIP code are left out because they
belong in fields of their own, which one agency may have and the other not.

An address ``usaddress`` cannot parse (two street names, a PO box) falls back to the same
word-level standardization of the whole text, so it still links to itself.

``usaddress`` takes about 0.1 ms per address, too slow for millions of records, so the
plain shape ``number [direction] name type [direction] [unit]`` (most addresses in case
files) is read by one regular expression first, which gives the same result (a test
checks it against ``usaddress``); everything else goes to ``usaddress``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import pyarrow as pa
import usaddress

from cityprivacy.link._text import fold_accents

__all__ = ["normalize_address", "normalize_addresses"]

_SUFFIXES: Final = {
    "alley": "aly", "avenue": "ave", "av": "ave", "aven": "ave", "boulevard": "blvd",
    "boul": "blvd", "circle": "cir", "court": "ct", "crescent": "cres", "drive": "dr",
    "expressway": "expy", "highway": "hwy", "lane": "ln", "parkway": "pkwy", "place": "pl",
    "plaza": "plz", "road": "rd", "square": "sq", "street": "st", "str": "st",
    "terrace": "ter", "turnpike": "tpke",
}  # fmt: skip
_DIRECTIONS: Final = {
    "north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne",
    "northwest": "nw", "southeast": "se", "southwest": "sw",
}  # fmt: skip
_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ORDINALS: Final = {word: _ordinal(n) for n, word in enumerate(_ORDINAL_WORDS, start=1)}
_WORDS: Final = {**_SUFFIXES, **_DIRECTIONS, **_ORDINALS}
_KEPT: Final = (
    "AddressNumber", "AddressNumberSuffix", "StreetNamePreDirectional", "StreetNamePreModifier",
    "StreetNamePreType", "StreetName", "StreetNamePostType", "StreetNamePostDirectional",
    "OccupancyIdentifier",
)  # fmt: skip
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_TYPES = "|".join(sorted({*_SUFFIXES, *_SUFFIXES.values()}, key=len, reverse=True))
_DIRECTION = "|".join(sorted(_DIRECTIONS, key=len, reverse=True)) + "|n|s|e|w|ne|nw|se|sw"
_UNIT = r"apt|apartment|unit|fl|floor|rm|room|suite|ste"
_PLAIN = re.compile(
    rf"(?P<number>\d+[a-z]?)\s+(?:(?P<pre>{_DIRECTION})\.?\s+)?"
    rf"(?P<name>[a-z0-9][a-z0-9 .'-]*?)\s+(?P<type>{_TYPES})\.?"
    rf"(?:\s+(?P<post>{_DIRECTION})\.?)?"
    rf"(?:\s*,?\s*(?:(?:{_UNIT})\.?\s*#?|#)\s*(?P<unit>[a-z0-9-]+))?\s*"
)


def _words(text: str) -> list[str]:
    return [_WORDS.get(w, w) for w in _NOT_ALNUM.sub(" ", text.lower()).split()]


@lru_cache(maxsize=65536)
def normalize_address(text: str) -> str | None:
    """The standardized street line of ``text``, or ``None`` when nothing is left."""
    text = fold_accents(text).strip()
    if not text:
        return None
    plain = _PLAIN.fullmatch(text)
    if plain is not None:
        parts_ = [plain[g] for g in ("number", "pre", "name", "type", "post", "unit") if plain[g]]
        return " ".join(w for part in parts_ for w in _words(part)) or None
    try:
        parts, kind = usaddress.tag(text)
    except usaddress.RepeatedLabelError:
        parts, kind = {}, "Ambiguous"
    if kind != "Street Address":
        words = _words(text)
    else:
        words = [w for label in _KEPT if label in parts for w in _words(parts[label])]
    return " ".join(words) or None


def normalize_addresses(values: pa.Array) -> pa.Array:
    """:func:`normalize_address` over an Arrow array, once per distinct value."""
    encoded = values.dictionary_encode()
    dictionary = [
        normalize_address(v) if v is not None else None for v in encoded.dictionary.to_pylist()
    ]
    return pa.array(dictionary, pa.string()).take(encoded.indices)
