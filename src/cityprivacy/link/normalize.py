"""Normalization of the fields people are matched on, so that one person's records at two
agencies encode alike.

Each kind of field has one normalizer, written with Arrow string functions; that form is
the definition (:func:`normalize_value` runs it on one value). Batches of ASCII names,
text, codes, digits and dates take compiled loops over the bytes instead
(:mod:`cityprivacy.link._normalize_kernel`, several times cheaper than a chain of Arrow
functions), which give the same values; the rest of a batch takes the Arrow form:

- **names** (``given_name``, ``surname``, ``name``): lower case, accents folded, apostrophes
  dropped (``O'Brien`` → ``obrien``), hyphens, periods and spaces between parts removed so
  that ``Pérez-Ramos``, ``Perez Ramos`` and ``PEREZRAMOS`` agree, and ``De la Cruz`` and
  ``Delacruz`` too; titles and generational suffixes (``Dr.``, ``Jr``, ``III``) dropped;
  for given names, a common nickname replaced by its formal name (``Bill`` → ``william``,
  from the small list shipped in ``nicknames.txt``; only unambiguous nicknames);
- **dates** to ``YYYYMMDD`` from many formats (:mod:`cityprivacy.link._dates`);
- **addresses** to a USPS-style street line with ``usaddress`` (:mod:`cityprivacy.link._address`);
- **phones** to E.164 digits with ``phonenumbers`` (``(212) 555-0147`` → ``12125550147``);
- **SSNs** to nine digits, refusing numbers the SSA never issues (area 000, 666 or 9xx,
  group 00, serial 0000);
- **sex** to ``f``, ``m`` or ``x``; **ZIP codes** to five digits; **digits** (house numbers,
  postcodes) to their digits; **codes** (state, borough) to letters and digits; **text** to
  words.

A value that is present but not valid for its kind (``1985-02-30``, an SSN of eight digits)
normalizes to null, like a missing one; the encoder reports it by line and encodes the
record without that field.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Final

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.errors import ConfigurationError
from cityprivacy.link._address import normalize_addresses
from cityprivacy.link._dates import normalize_dates, normalize_dates_reference
from cityprivacy.link._text import (
    CODE,
    DIGITS,
    TEXT,
    fold_accents_array,
    fold_ascii_array,
    name_words_array,
    string_buffers,
    valid_mask,
)

__all__ = [
    "MISSING_MARKERS",
    "FieldKind",
    "NormalizeOptions",
    "is_missing",
    "nicknames",
    "normalize_column",
    "normalize_value",
    "normalize_with_missing",
]


class FieldKind(StrEnum):
    """What a field holds, which decides how it is normalized and tokenized."""

    GIVEN_NAME = "given_name"
    SURNAME = "surname"
    NAME = "name"
    DATE = "date"
    ADDRESS = "address"
    PHONE = "phone"
    SSN = "ssn"
    SEX = "sex"
    ZIP = "zip"
    DIGITS = "digits"
    CODE = "code"
    TEXT = "text"

    @property
    def is_name(self) -> bool:
        return self in (FieldKind.GIVEN_NAME, FieldKind.SURNAME, FieldKind.NAME)


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    """Per-field choices: nickname replacement, day-first dates, the phone region."""

    nicknames: bool = True
    day_first: bool = False
    region: str = "US"


_TITLES: Final = "mr|mrs|ms|miss|mx|dr|prof|rev|sgt|jr|sr|ii|iii|iv"
_TITLE_WORDS: Final = tuple(_TITLES.split("|"))
_SEX: Final = {
    "f": "f", "female": "f", "woman": "f", "girl": "f", "w": "f",
    "m": "m", "male": "m", "man": "m", "boy": "m",
    "x": "x", "nonbinary": "x", "non binary": "x", "another gender": "x", "other": "x",
}  # fmt: skip
MISSING_MARKERS: Final = frozenset(
    {"", "-", "--", "?", "unknown", "unk", "u", "none", "null", "nil", "n/a", "declined",
     "refused", "fnu", "lnu", "nfn", "nln"}
)  # fmt: skip
"""Values that mean "no value" in many case systems (``FNU``: first name unknown)."""
_FOLD_MODES: Final = {FieldKind.TEXT: TEXT, FieldKind.CODE: CODE, FieldKind.DIGITS: DIGITS}
_COMPILED: Final = frozenset({*_FOLD_MODES, FieldKind.DATE, *(k for k in FieldKind if k.is_name)})


@cache
def nicknames() -> dict[str, str]:
    """The shipped nickname table: nickname → formal given name."""
    text = resources.files("cityprivacy.link").joinpath("nicknames.txt").read_text("utf-8")
    table: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        formal, _, names = line.partition(":")
        for nick in names.split():
            if nick in table:
                raise ConfigurationError(f"nicknames.txt:{number}: {nick!r} is listed twice")
            table[nick] = formal.strip()
    return table


def normalize_column(
    kind: FieldKind, values: pa.Array, options: NormalizeOptions | None = None
) -> pa.Array:
    """``values`` normalized for ``kind``: a string array, null where missing or invalid.

    ASCII names, text, codes, digits and dates take compiled loops
    (:mod:`cityprivacy.link._normalize_kernel`) that give what :func:`normalize_value`
    gives; the other kinds, on columns with repeated values (states, sexes), are
    normalized once per distinct value.
    """
    return normalize_with_missing(kind, values, options)[0]


def normalize_with_missing(
    kind: FieldKind, values: pa.Array, options: NormalizeOptions | None = None
) -> tuple[pa.Array, np.ndarray]:
    """:func:`normalize_column`, and :func:`is_missing` of ``values`` as a numpy mask
    (computed on the way, so that a caller telling missing from invalid values need not
    compute it again)."""
    options = options or NormalizeOptions()
    values = pc.cast(values, pa.string())
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if len(values) > 64 and kind not in _COMPILED:  # compiled loops cost less than a hash
        encoded = values.dictionary_encode()
        if len(encoded.dictionary) * 2 < len(values):
            out, missing = _normalize_fast(kind, encoded.dictionary, options)
            index = np.asarray(encoded.indices.fill_null(-1), dtype=np.int64)
            missing = np.append(missing, True)[index]  # null rows (index -1): missing
            return out.take(encoded.indices), missing
    return _normalize_fast(kind, values, options)


def _normalize_fast(
    kind: FieldKind, values: pa.Array, options: NormalizeOptions
) -> tuple[pa.Array, np.ndarray]:
    """The compiled paths where there is one; the Arrow form for what they leave."""
    missing = _missing_mask(values)
    if kind is FieldKind.DATE:
        dates = normalize_dates(values, day_first=options.day_first)
        if (missing & valid_mask(dates)).any():
            dates = pc.if_else(pa.array(missing), None, dates)
        return dates, missing
    if kind.is_name:
        first, rest, handled = name_words_array(values, _TITLE_WORDS, drop=missing)
        if kind is FieldKind.GIVEN_NAME and options.nicknames:
            first = _formal_first_words(first)
        fast = pc.binary_join_element_wise(first, rest, "")
    elif kind in _FOLD_MODES:
        fast, handled = fold_ascii_array(values, _FOLD_MODES[kind], drop=missing)
    else:
        return _normalize(kind, values, options, pa.array(missing)), missing
    if handled.all():
        return fast, missing
    others = ~handled
    slow = _normalize(kind, values.filter(others), options, pa.array(missing[others]))
    return pc.replace_with_mask(fast, pa.array(others), slow), missing


def _normalize(
    kind: FieldKind, values: pa.Array, options: NormalizeOptions, missing: pa.Array | None = None
) -> pa.Array:
    """The Arrow form of each normalizer: the reference (:func:`normalize_value`), and the
    path of values the compiled loops do not handle."""
    if kind.is_name:
        out = _names(values, given=kind is FieldKind.GIVEN_NAME and options.nicknames)
    elif kind is FieldKind.DATE:
        out = normalize_dates_reference(values, day_first=options.day_first)
    elif kind is FieldKind.ADDRESS:
        out = normalize_addresses(values)
    elif kind is FieldKind.PHONE:
        out = _phones(values, options.region)
    elif kind is FieldKind.SSN:
        out = _ssns(values)
    elif kind is FieldKind.SEX:
        out = _sexes(values)
    elif kind is FieldKind.ZIP:
        digits = pc.replace_substring_regex(values, r"[^0-9]", "")
        ok = pc.match_substring_regex(digits, r"^(?:\d{5}|\d{9})$")
        out = pc.if_else(ok, pc.utf8_slice_codeunits(digits, 0, 5), None)
    elif kind is FieldKind.DIGITS:
        out = pc.replace_substring_regex(values, r"[^0-9]", "")
    elif kind is FieldKind.CODE:
        folded = fold_accents_array(values)
        out = pc.replace_substring_regex(folded, _class(folded, "^a-z0-9", r"^\p{L}\p{N}"), "")
    else:
        folded = fold_accents_array(values)
        out = _words(folded, _class(folded, "^a-z0-9", r"^\p{L}\p{N}") + "+")
    out = pc.utf8_trim_whitespace(out)
    missing = _is_missing_arrow(values) if missing is None else missing
    return pc.if_else(pc.or_(missing, pc.equal(out, "")), None, out)


def is_missing(values: pa.Array) -> pa.Array:
    """Where ``values`` hold no value: null, blank or a marker such as ``unknown``.

    A compiled loop reads the ASCII values
    (:func:`~cityprivacy.link._normalize_kernel.ascii_missing`); the others go through the
    Arrow form.
    """
    values = pc.cast(values, pa.string())
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return pa.array(_missing_mask(values))


def _missing_mask(values: pa.Array) -> np.ndarray:
    from cityprivacy.link._normalize_kernel import ascii_missing

    offsets, data = string_buffers(values)
    markers, lengths = _marker_matrix()
    missing, handled = ascii_missing(offsets, data, markers, lengths)
    missing |= ~valid_mask(values)
    if not handled.all():
        others = ~handled
        missing[others] = np.asarray(_is_missing_arrow(values.filter(pa.array(others))))
    return np.asarray(missing, dtype=bool)


def _is_missing_arrow(values: pa.Array) -> pa.Array:
    """:func:`is_missing` with Arrow string functions (the reference, and non-ASCII)."""
    lowered = pc.utf8_lower(pc.utf8_trim_whitespace(pc.cast(values, pa.string())))
    marked = pc.is_in(lowered, value_set=pa.array(sorted(MISSING_MARKERS), pa.string()))
    return pc.or_(pc.is_null(lowered), marked)


@cache
def _marker_matrix() -> tuple[np.ndarray, np.ndarray]:
    markers = sorted(MISSING_MARKERS)
    matrix = np.zeros((len(markers), max(map(len, markers))), dtype=np.uint8)
    for i, marker in enumerate(markers):
        matrix[i, : len(marker)] = np.frombuffer(marker.encode("ascii"), np.uint8)
    return matrix, np.array([len(m) for m in markers], dtype=np.int64)


def normalize_value(
    kind: FieldKind, value: str | None, options: NormalizeOptions | None = None
) -> str | None:
    """One value normalized for ``kind``, with the Arrow form of the normalizers: the
    reference the compiled paths of :func:`normalize_column` are tested against."""
    one = pa.array([value], pa.string())
    result = _normalize(kind, one, options or NormalizeOptions())[0].as_py()
    return str(result) if result is not None else None


def _words(values: pa.Array, separators: str) -> pa.Array:
    out = pc.replace_substring_regex(values, separators, " ")
    return pc.utf8_trim_whitespace(out)


def _class(folded: pa.Array, ascii_class: str, unicode_class: str) -> str:
    """A regex character class: the ASCII one when all of ``folded`` is ASCII (RE2 runs
    it several times faster than a Unicode property class)."""
    ascii_only = pc.all(pc.string_is_ascii(folded)).as_py() is not False
    return f"[{ascii_class if ascii_only else unicode_class}]"


def _names(values: pa.Array, *, given: bool) -> pa.Array:
    out = fold_accents_array(values)
    for apostrophe in ("'", "’", "`", "´", "ʼ"):
        out = pc.replace_substring(out, apostrophe, "")
    out = pc.replace_substring_regex(out, _class(out, "^a-z", r"^\p{L}") + "+", "  ")
    # Titles and suffixes as whole words; doubled spaces let adjacent ones both match.
    out = pc.replace_substring_regex(out, rf"(?:^| )(?:{_TITLES})(?: |$)", " ")
    out = _words(out, r"\s+")
    if given:
        out = _formal_given_names(out)
    return pc.replace_substring(out, " ", "")


def _formal_given_names(values: pa.Array) -> pa.Array:
    """Replace a nickname in first position by its formal name."""
    table = nicknames()
    first = pc.struct_field(pc.extract_regex(values, r"^(?P<first>\S+)"), "first")
    index = pc.index_in(first, value_set=pa.array(list(table), pa.string()))
    formal = pc.take(pa.array(list(table.values()), pa.string()), index)
    rest = pc.replace_substring_regex(values, r"^\S+", "")
    return pc.if_else(pc.is_valid(index), pc.binary_join_element_wise(formal, rest, ""), values)


def _formal_first_words(first: pa.Array) -> pa.Array:
    """:func:`_formal_given_names` for first words alone (the compiled path's)."""
    table = nicknames()
    index = pc.index_in(first, value_set=pa.array(list(table), pa.string()))
    formal = pc.take(pa.array(list(table.values()), pa.string()), index)
    return pc.if_else(pc.is_valid(index), formal, first)


def _ssns(values: pa.Array) -> pa.Array:
    digits = pc.replace_substring_regex(values, r"[\s.\-]", "")
    ok = pc.and_(
        pc.match_substring_regex(digits, r"^\d{9}$"),
        pc.invert(pc.match_substring_regex(digits, r"^(?:000|666|9\d\d)|^\d{3}00|0000$")),
    )
    return pc.if_else(ok, digits, None)


def _sexes(values: pa.Array) -> pa.Array:
    words = _words(pc.utf8_lower(values), r"[^a-z]+")
    index = pc.index_in(words, value_set=pa.array(list(_SEX), pa.string()))
    return pc.take(pa.array(list(_SEX.values()), pa.string()), index)


def _phones(values: pa.Array, region: str) -> pa.Array:
    """E.164 digits; plain North American numbers on a vectorized fast path."""
    simple = pc.match_substring_regex(values, r"^[\s\d().+\-]+$")
    digits = pc.replace_substring_regex(values, r"[^0-9]", "")
    ten = pc.and_(pc.match_substring_regex(digits, r"^[2-9]\d{9}$"), pa.scalar(region == "US"))
    eleven = pc.match_substring_regex(digits, r"^1[2-9]\d{9}$")
    fast = pc.if_else(
        pc.and_(simple, ten),
        pc.binary_join_element_wise("1", digits, ""),
        pc.if_else(pc.and_(simple, eleven), digits, None),
    )
    slow = pc.and_(pc.is_null(fast), pc.not_equal(pc.utf8_trim_whitespace(values), ""))
    slow = pc.fill_null(slow, False)
    if not pc.any(slow).as_py():
        return fast
    texts = values.filter(slow).to_pylist()
    return pc.replace_with_mask(
        fast, slow, pa.array([_phone(t, region) for t in texts], pa.string())
    )


@cache
def _phone_cached(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).lstrip("+")


def _phone(text: str, region: str) -> str | None:
    return _phone_cached(text.strip(), region)
