"""Synthetic identifier values in the surface forms people actually type.

Every generator takes a seeded :class:`random.Random` so a corpus is reproducible. The
identifiers pass the checks a real detector applies (SSN ranges, Luhn, ABA, mod-97, VIN
check digit), because a corpus of invalid numbers would only measure the validators.
They stay recognisably synthetic: phone numbers use the 555-01xx fiction range and
email addresses use the reserved example domains. The ``bad_*`` generators make the
look-alikes that must not be reported.
"""

from __future__ import annotations

from random import Random

__all__ = [
    "aba_routing",
    "bad_card",
    "bbl",
    "card",
    "cin",
    "date_forms",
    "digits",
    "gps",
    "iban",
    "imei",
    "ipv4",
    "ipv6",
    "itin",
    "luhn_ok",
    "mac",
    "phone",
    "plate",
    "ssn",
    "time_forms",
    "vin",
]

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_IBAN_BBAN = {"GB": 18, "DE": 18, "FR": 23, "ES": 20, "NL": 14, "IT": 23, "PL": 24}


def digits(r: Random, n: int) -> str:
    return "".join(r.choice("0123456789") for _ in range(n))


def ssn(r: Random) -> str:
    """Nine digits that pass the SSN validator: area 001-665 or 667-899, no zero groups."""
    area = r.choice([r.randint(1, 665), r.randint(667, 899)])
    group, serial = r.randint(1, 99), r.randint(1, 9999)
    sep = r.choice(["-", "-", "-", " ", ""])
    return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"


def itin(r: Random) -> str:
    """9XX-[70-88]-XXXX, the ITIN ranges still issued."""
    sep = r.choice(["-", "-", " "])
    return f"9{digits(r, 2)}{sep}{r.randint(70, 88)}{sep}{digits(r, 4)}"


def phone(r: Random) -> str:
    """A US number in the 555-0100..0199 range reserved for fiction, in many layouts."""
    area = r.choice(["212", "718", "646", "347", "917", "929", "332"])
    line = f"01{r.randint(0, 99):02d}"
    form = r.randrange(8)
    return [
        f"({area}) 555-{line}",
        f"{area}-555-{line}",
        f"{area}.555.{line}",
        f"+1 {area} 555 {line}",
        f"1-{area}-555-{line}",
        f"{area} 555 {line}",
        f"({area})555-{line}",
        f"+1-{area}-555-{line}",
    ][form]


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    nums = [c for c in number if c.isdigit()]
    return _luhn_digit("".join(nums[:-1])) == nums[-1]


def _group(number: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, i = [], 0
    for size in sizes:
        parts.append(number[i : i + size])
        i += size
    return sep.join(parts)


def card(r: Random) -> str:
    """A Luhn-valid Visa, Mastercard or Amex number, grouped as printed or typed."""
    kind = r.randrange(3)
    sizes: tuple[int, ...] = (4, 4, 4, 4)
    if kind == 2:
        body, sizes = r.choice(["34", "37"]) + digits(r, 12), (4, 6, 5)
    elif kind == 1:
        body = "5" + str(r.randint(1, 5)) + digits(r, 13)
    else:
        body = "4" + digits(r, 14)
    number = body + _luhn_digit(body)
    return _group(number, sizes, r.choice([" ", "-", ""]))


def bad_card(r: Random) -> str:
    """Card-shaped, Luhn-failing: a gift-card or loyalty number that is not a card."""
    body = "4" + digits(r, 14)
    wrong = str((int(_luhn_digit(body)) + r.randint(1, 9)) % 10)
    return _group(body + wrong, (4, 4, 4, 4), r.choice([" ", "-"]))


def imei(r: Random) -> str:
    body = r.choice(["35", "86", "01", "49"]) + digits(r, 12)
    number = body + _luhn_digit(body)
    if r.random() < 0.3:
        return f"{number[:2]}-{number[2:8]}-{number[8:14]}-{number[14]}"
    return number


def aba_routing(r: Random) -> str:
    """Nine digits with a valid ABA checksum and a Federal Reserve prefix (01-12, 21-32)."""
    prefix = f"{r.choice([r.randint(1, 12), r.randint(21, 32)]):02d}"
    d = [int(c) for c in prefix + digits(r, 6)]
    partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
    return "".join(map(str, d)) + str((10 - partial % 10) % 10)


def iban(r: Random) -> str:
    country = r.choice(sorted(_IBAN_BBAN))
    if country == "GB":
        bban = r.choice(["NWBK", "BARC", "LOYD"]) + digits(r, 14)
    else:
        bban = digits(r, _IBAN_BBAN[country])
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = f"{98 - int(numeric) % 97:02d}"
    value = country + check + bban
    if r.random() < 0.5:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


_VIN_VALUES = {
    **{str(i): i for i in range(10)},
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "J": 1, "K": 2, "L": 3,
    "M": 4, "N": 5, "P": 7, "R": 9, "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8,
    "Z": 9,
}  # fmt: skip


def vin(r: Random) -> str:
    chars = [r.choice(_VIN_CHARS) for _ in range(17)]
    chars[8] = "0"
    total = sum(_VIN_VALUES[c] * w for c, w in zip(chars, _VIN_WEIGHTS, strict=True))
    rem = total % 11
    chars[8] = "X" if rem == 10 else str(rem)
    return "".join(chars)


def cin(r: Random) -> str:
    """A New York Medicaid CIN: two letters, five digits, one letter."""
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return r.choice(letters) + r.choice(letters) + digits(r, 5) + r.choice(letters)


def plate(r: Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    head = "".join(r.choice(letters) for _ in range(3))
    return f"{head}{r.choice(['-', ' ', ''])}{digits(r, 4)}"


def bbl(r: Random) -> str:
    b, block, lot = r.randint(1, 5), r.randint(1, 16000), r.randint(1, 150)
    form = r.randrange(3)
    if form == 0:
        return f"{b}-{block:05d}-{lot:04d}"
    if form == 1:
        return f"{b}{block:05d}{lot:04d}"
    return f"{b} {block:05d} {lot:04d}"


def ipv4(r: Random) -> str:
    first = r.choice([10, 172, 192, 24, 67, 98, 100, 71])
    return f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"


def ipv6(r: Random) -> str:
    groups = [f"{r.randint(0, 0xFFFF):x}" for _ in range(4)]
    if r.random() < 0.5:
        return "2001:db8:" + ":".join(groups) + f"::{r.randint(1, 0xFFF):x}"
    return "2001:0db8:" + ":".join(f"{int(g, 16):04x}" for g in groups) + ":0000:0001"


def mac(r: Random) -> str:
    octets = [r.randint(0, 255) for _ in range(6)]
    form = r.randrange(3)
    if form == 0:
        return ":".join(f"{o:02X}" for o in octets)
    if form == 1:
        return "-".join(f"{o:02x}" for o in octets)
    hexes = "".join(f"{o:02x}" for o in octets)
    return f"{hexes[0:4]}.{hexes[4:8]}.{hexes[8:12]}"


def gps(r: Random) -> str:
    lat = r.uniform(40.50, 40.90)
    lon = -r.uniform(73.72, 74.20)
    places = r.choice([4, 5, 6])
    form = r.randrange(3)
    if form == 0:
        return f"{lat:.{places}f}, {lon:.{places}f}"
    if form == 1:
        return f"({lat:.{places}f},{lon:.{places}f})"
    return f"{lat:.{places}f} N, {abs(lon):.{places}f} W"


def date_forms(r: Random, year_lo: int, year_hi: int) -> str:
    """A date in one of the ways caseworkers write them."""
    y, m, d = r.randint(year_lo, year_hi), r.randint(1, 12), r.randint(1, 28)
    month = _MONTHS[m - 1]
    return [
        f"{m:02d}/{d:02d}/{y}",
        f"{m}/{d}/{y}",
        f"{y}-{m:02d}-{d:02d}",
        f"{month} {d}, {y}",
        f"{d} {month} {y}",
        f"{month[:3]} {d}, {y}",
        f"{m}/{d}/{y % 100:02d}",
        f"{m:02d}-{d:02d}-{y}",
        f"{month} {d}th, {y}" if d not in (1, 2, 3, 21, 22, 23) else f"{month} {d}, {y}",
    ][r.randrange(9)]


def time_forms(r: Random) -> str:
    h, mi = r.randint(1, 12), r.choice([0, 15, 30, 45, 10, 50])
    return [
        f"{h}:{mi:02d} PM",
        f"{h}:{mi:02d}am",
        f"{h}:{mi:02d} a.m.",
        f"{(h + 12) % 24:02d}:{mi:02d}",
        f"{h} pm",
    ][r.randrange(5)]
