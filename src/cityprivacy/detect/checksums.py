"""Check digits and range rules that tell a real identifier from a number of the same shape.

Every public validator takes the string a pattern matched (separators included) and returns
``True`` when it is a well-formed identifier of its kind and ``False`` when it cannot be
one, so it plugs straight into :class:`~cityprivacy.detect.recognizer.PatternRecognizer`.
The digit-level helpers (:func:`luhn_valid`, :func:`luhn_check_digit`, ...) are public
too, because tests and synthetic-data generators need to *make* valid numbers.

Nothing here logs or raises with the value it was given.
"""

from __future__ import annotations

import re

__all__ = [
    "IBAN_LENGTHS",
    "aba_routing_valid",
    "credit_card_valid",
    "digits",
    "iban_valid",
    "imei_valid",
    "itin_valid",
    "luhn_check_digit",
    "luhn_valid",
    "nyc_bbl_valid",
    "ssn_is_placeholder",
    "ssn_valid",
    "vin_check_digit",
    "vin_valid",
]

_NON_DIGIT = re.compile(r"\D")
_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")


def digits(value: str) -> str:
    """The ASCII digits of ``value``, separators dropped."""
    return _NON_DIGIT.sub("", value)


def _all_same(number: str) -> bool:
    return len(set(number)) <= 1


# --- Luhn (cards, IMEI) -------------------------------------------------------------------


def _luhn_sum(number: str, *, double_first: bool) -> int:
    total = 0
    double = double_first
    for ch in reversed(number):
        d = ord(ch) - 48
        if double:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        double = not double
    return total


def luhn_check_digit(payload: str) -> str:
    """The Luhn digit that, appended to ``payload`` (digits only), makes it valid."""
    if not payload.isascii() or not payload.isdigit():
        raise ValueError("Luhn payload must be ASCII digits")
    return str((10 - _luhn_sum(payload, double_first=True) % 10) % 10)


def luhn_valid(number: str) -> bool:
    """Whether a digit string (no separators) passes the Luhn mod-10 check."""
    if len(number) < 2 or not number.isascii() or not number.isdigit():
        return False
    return _luhn_sum(number, double_first=False) % 10 == 0


# Issuer prefixes (IIN ranges) and lengths of the card networks seen in US payments.
_CARD_RULES: tuple[tuple[re.Pattern[str], frozenset[int]], ...] = (
    (re.compile(r"4"), frozenset({13, 16, 19})),  # Visa
    (re.compile(r"5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)"), frozenset({16})),  # Mastercard
    (re.compile(r"3[47]"), frozenset({15})),  # American Express
    (re.compile(r"6(?:011|5|4[4-9])"), frozenset(range(16, 20))),  # Discover
    (re.compile(r"35"), frozenset(range(16, 20))),  # JCB
    (re.compile(r"3(?:0[0-5]|095|[689])"), frozenset(range(14, 20))),  # Diners Club
    (re.compile(r"62|81"), frozenset(range(16, 20))),  # UnionPay
    (re.compile(r"220[0-4]"), frozenset(range(16, 20))),  # Mir
)
# Networks whose numbers are short or whose prefixes are broad: a random number passes
# their rules too often, so a card word must be near (see ``credit_card_valid``).
_WEAK_CARD_RULES: tuple[tuple[re.Pattern[str], frozenset[int]], ...] = (
    (re.compile(r"5[06-9]|6"), frozenset(range(12, 20))),  # Maestro
    (re.compile(r"2131|1800"), frozenset({15})),  # JCB's older 15-digit numbers
)


def credit_card_valid(value: str, *, weak: bool = False) -> bool:
    """A payment card number: a known network's prefix and length, and a Luhn check.

    With ``weak``, Maestro (12 to 19 digits, prefixes 50 and 56-69) and JCB's 15-digit
    numbers count too; callers accept those only with a card word nearby.
    """
    number = digits(value)
    if _all_same(number) or not luhn_valid(number):
        return False
    rules = _CARD_RULES + _WEAK_CARD_RULES if weak else _CARD_RULES
    return any(prefix.match(number) and len(number) in lengths for prefix, lengths in rules)


def imei_valid(value: str) -> bool:
    """A 15-digit IMEI whose last digit is the Luhn check digit of the first 14."""
    number = digits(value)
    return len(number) == 15 and not _all_same(number[:14]) and luhn_valid(number)


# --- ABA routing numbers ------------------------------------------------------------------

# First two digits: 00 US government, 01-12 Federal Reserve districts, 21-32 thrifts,
# 61-72 electronic (ACH) routing, 80 traveler's cheques. Everything else is unassigned.
_ABA_PREFIXES = frozenset(
    [0, *range(1, 13), *range(21, 33), *range(61, 73), 80],
)


def aba_routing_valid(value: str) -> bool:
    """A 9-digit ABA routing transit number: assigned prefix and 3-7-1 weighted checksum."""
    number = digits(value)
    if len(number) != 9 or _all_same(number) or int(number[:2]) not in _ABA_PREFIXES:
        return False
    weights = (3, 7, 1) * 3
    return sum(w * (ord(c) - 48) for w, c in zip(weights, number, strict=True)) % 10 == 0


# --- IBAN ---------------------------------------------------------------------------------

IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24,
    "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
"""Length of a full IBAN per country (ISO 13616 registry)."""


def iban_valid(value: str) -> bool:
    """An IBAN: registered country, that country's length, and ISO 7064 mod-97 == 1."""
    compact = _NON_ALNUM.sub("", value).upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


# --- Vehicle identification numbers -------------------------------------------------------

_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check_digit(vin: str) -> str:
    """The check character (position 9) a 17-character VIN must carry (49 CFR 565.15)."""
    vin = vin.upper()
    if len(vin) != 17 or any(ch not in _VIN_VALUES for ch in vin):
        raise ValueError("a VIN has 17 characters from 0-9 and A-Z without I, O, Q")
    total = sum(_VIN_VALUES[ch] * w for ch, w in zip(vin, _VIN_WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def vin_valid(value: str) -> bool:
    """A 17-character VIN whose ninth character is the correct check digit."""
    vin = value.upper()
    if len(vin) != 17 or any(ch not in _VIN_VALUES for ch in vin) or _all_same(vin):
        return False
    return vin[8] == vin_check_digit(vin)


# --- Social Security and taxpayer numbers -------------------------------------------------

_SSN_PLACEHOLDERS = frozenset(
    {
        "123456789",  # the sequence everyone types into a form
        "078051120",  # printed on a sample card sold in wallets (1938)
        "219099999",  # used in a Social Security Administration advertisement
        "987654321",
    }
)


def _ssn_parts(value: str) -> tuple[int, int, int] | None:
    number = digits(value)
    if len(number) != 9:
        return None
    return int(number[:3]), int(number[3:5]), int(number[5:])


def ssn_valid(value: str) -> bool:
    """A number the SSA could have issued: area not 000, 666 or 900-999; group and serial
    not all zeros; not one digit repeated."""
    parts = _ssn_parts(value)
    if parts is None or _all_same(digits(value)):
        return False
    area, group, serial = parts
    return 0 < area < 900 and area != 666 and group != 0 and serial != 0


def ssn_is_placeholder(value: str) -> bool:
    """A structurally valid SSN that is famous as an example (123-45-6789 and friends).

    Such numbers still appear as real data entry, so recognizers report them only with
    context instead of rejecting them.
    """
    return digits(value) in _SSN_PLACEHOLDERS


_ITIN_GROUPS = frozenset([*range(50, 66), *range(70, 89), *range(90, 93), *range(94, 100)])


def itin_valid(value: str) -> bool:
    """An IRS ITIN: area 9xx and a group (digits 4-5) in 50-65, 70-88, 90-92 or 94-99."""
    parts = _ssn_parts(value)
    if parts is None:
        return False
    area, group, serial = parts
    return area >= 900 and group in _ITIN_GROUPS and serial != 0


# --- New York City ------------------------------------------------------------------------


def nyc_bbl_valid(value: str) -> bool:
    """A borough-block-lot: borough 1-5, block 1-99999, lot 1-9999.

    Compact BBLs have exactly 10 digits; separated ones (``1-234-56``) may drop the
    leading zeros of block and lot.
    """
    parts = [p for p in re.split(r"[^0-9]+", value) if p]
    if len(parts) == 1 and len(parts[0]) == 10:
        number = parts[0]
        parts = [number[0], number[1:6], number[6:]]
    if len(parts) != 3 or len(parts[0]) != 1 or len(parts[1]) > 5 or len(parts[2]) > 4:
        return False
    borough, block, lot = (int(p) for p in parts)
    return 1 <= borough <= 5 and block > 0 and lot > 0
