"""Generated identifiers pass the checks real detectors apply, and stay visibly synthetic."""

from __future__ import annotations

import re
from collections.abc import Callable
from random import Random

import pytest

from cityprivacy.datasets import DEFAULT_LEXICON
from cityprivacy.datasets import _values as v
from cityprivacy.datasets._slots import SLOTS


def _ssn_ok(s: str) -> bool:
    d = re.sub(r"\D", "", s)
    area, group, serial = int(d[:3]), int(d[3:5]), int(d[5:])
    return len(d) == 9 and 1 <= area <= 899 and area != 666 and group > 0 and serial > 0


def _aba_ok(s: str) -> bool:
    d = [int(c) for c in s]
    return sum(w * x for w, x in zip([3, 7, 1] * 3, d, strict=True)) % 10 == 0


def _iban_ok(s: str) -> bool:
    s = s.replace(" ", "")
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def _vin_ok(s: str) -> bool:
    values = {**{str(i): i for i in range(10)}, **dict(zip("ABCDEFGH", range(1, 9), strict=True))}
    values |= dict(zip("JKLMNPR", [1, 2, 3, 4, 5, 7, 9], strict=True))
    values |= dict(zip("STUVWXYZ", range(2, 10), strict=True))
    weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    rem = sum(values[c] * w for c, w in zip(s, weights, strict=True)) % 11
    return s[8] == ("X" if rem == 10 else str(rem)) and not set("IOQ") & set(s)


@pytest.mark.parametrize(
    ("make", "check"),
    [
        pytest.param(v.ssn, _ssn_ok, id="ssn-valid-range"),
        pytest.param(v.card, v.luhn_ok, id="card-luhn"),
        pytest.param(v.imei, v.luhn_ok, id="imei-luhn"),
        pytest.param(v.aba_routing, _aba_ok, id="aba-checksum"),
        pytest.param(v.iban, _iban_ok, id="iban-mod97"),
        pytest.param(v.vin, _vin_ok, id="vin-check-digit"),
        pytest.param(
            v.phone, lambda s: re.search(r"555\D?01\d\d$", s) is not None, id="phone-555-01xx"
        ),
        pytest.param(v.cin, lambda s: re.fullmatch(r"[A-Z]{2}\d{5}[A-Z]", s) is not None, id="cin"),
        pytest.param(
            v.itin,
            lambda s: re.fullmatch(r"9\d\d\D?(7\d|8[0-8])\D?\d{4}", s) is not None,
            id="itin",
        ),
    ],
)
def test_generated_values_pass_their_validator(
    make: Callable[[Random], str], check: Callable[[str], bool]
) -> None:
    r = Random(1)
    for _ in range(300):
        value = make(r)
        assert check(value), value


@pytest.mark.parametrize(
    ("check", "value"),
    [
        pytest.param(_aba_ok, "123456789", id="aba-bad"),
        pytest.param(_iban_ok, "GB00NWBK00000000000000", id="iban-bad"),
        pytest.param(v.luhn_ok, "4111 1111 1111 1112", id="luhn-bad"),
        pytest.param(_ssn_ok, "666-12-3456", id="ssn-666"),
        pytest.param(_vin_ok, "1HGCM82633A00435X", id="vin-bad"),
    ],
)
def test_the_checks_above_reject_bad_values(check: Callable[[str], bool], value: str) -> None:
    assert not check(value)


def test_bad_cards_fail_luhn() -> None:
    r = Random(2)
    assert not any(v.luhn_ok(v.bad_card(r)) for _ in range(300))


def test_emails_use_reserved_example_domains() -> None:
    r = Random(3)
    for _ in range(200):
        email = SLOTS["EMAIL"](r, DEFAULT_LEXICON)[0][0]
        assert re.search(r"@(mail\.)?example\.(org|com|net)$", email), email
