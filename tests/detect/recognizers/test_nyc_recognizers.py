"""Table-driven tests of the New York City and State recognizers (invented numbers)."""

from __future__ import annotations

import pytest
from recognizer_support import best_score, reported


def _check(module: str, text: str, expected: str | None) -> None:
    assert reported(module, text) == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("BBL 3-01234-0056", "3-01234-0056", id="dashed-padded"),
        pytest.param("tax lot 2/4410/17", "2/4410/17", id="slashes-unpadded"),
        pytest.param("BBL 4004560078", "4004560078", id="compact"),
        pytest.param("block and lot 5 1203 45", "5 1203 45", id="spaces"),
        pytest.param("number 4004560078", None, id="no-context"),
        pytest.param("BBL 6004560078", None, id="borough-6"),
        pytest.param("BBL 4000000078", None, id="block-0"),
        pytest.param("BBL 4004560000", None, id="lot-0"),
        pytest.param("BBL 3-01234/0056", None, id="mixed-separators"),
    ],
)
def test_bbl(text: str, expected: str | None) -> None:
    _check("nyc.bbl", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("OSIS 209384756", "209384756", id="osis"),
        pytest.param("student ID: 209-384-756", "209-384-756", id="grouped"),
        pytest.param("enrolled 209384756", None, id="no-context"),
        pytest.param("OSIS pending; invoice 209384756", None, id="invoice-nearer"),
        pytest.param("OSIS 20938475", None, id="eight-digits"),
    ],
)
def test_osis(text: str, expected: str | None) -> None:
    _check("nyc.osis", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Medicaid CIN KT40981M", "KT40981M", id="cin"),
        pytest.param("client ID: RB77120A", "RB77120A", id="client-id"),
        pytest.param("part KT40981M", None, id="no-context"),
        pytest.param("CIN KT4098M", None, id="four-digits"),
        pytest.param("CIN KT40981MX", None, id="trailing-letter"),
        pytest.param("Medicaid; item KT40981M", None, id="item-label-nearer"),
    ],
)
def test_medicaid_cin(text: str, expected: str | None) -> None:
    _check("nyc.medicaid_cin", text, expected)


def test_medicaid_cin_bare_below_threshold() -> None:
    assert 0 < best_score("nyc.medicaid_cin", "code KT40981M", "KT40981M") < 0.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("plate KJD-4821", "KJD-4821", id="passenger-dash"),
        pytest.param("parked car, tag HMT7302", "HMT7302", id="passenger-compact"),
        pytest.param("vehicle 53917-MC", "53917-MC", id="commercial"),
        pytest.param("license plate GXR 118", "GXR 118", id="legacy"),
        pytest.param("room KJD-4821", None, id="no-context"),
        pytest.param("car rental, flight KJD-4821", None, id="flight-label-nearer"),
        pytest.param("the van, plate hqt5082, was towed", "hqt5082", id="lower-after-plate"),
        pytest.param("tag no. rwm-3391", "rwm-3391", id="lower-after-tag-number"),
        pytest.param("car parked, code hqt5082", None, id="lower-without-plate-word"),
        pytest.param("plate KJDX-4821", None, id="four-letters"),
    ],
)
def test_license_plate(text: str, expected: str | None) -> None:
    _check("nyc.license_plate", text, expected)
