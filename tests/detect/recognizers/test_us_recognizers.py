"""Table-driven tests of the United States recognizers.

Each row: a text and the one string the module must report at the default threshold
(``None``: nothing). Numbers are invented; routing numbers and VINs were generated
with the checksum helpers.
"""

from __future__ import annotations

import pytest
from recognizer_support import best_score, reported


def _check(module: str, text: str, expected: str | None) -> None:
    assert reported(module, text) == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("applicant 219-45-6781 signed", "219-45-6781", id="dashed-no-context"),
        pytest.param("SSN 501 23 4567", "501 23 4567", id="spaced"),
        pytest.param("social security number 219456781", "219456781", id="bare-with-context"),
        pytest.param("SSN: 123-45-6789", "123-45-6789", id="placeholder-with-context"),
        pytest.param("form shows 123-45-6789", None, id="placeholder-no-context"),
        pytest.param("applicant 219456781", None, id="bare-no-context"),
        pytest.param("SSN 000-45-6781", None, id="area-000"),
        pytest.param("SSN 666-45-6781", None, id="area-666"),
        pytest.param("SSN 912-45-6781", None, id="area-9xx"),
        pytest.param("SSN 219-00-6781", None, id="group-00"),
        pytest.param("SSN 219-45-0000", None, id="serial-0000"),
        pytest.param("SSN 111-11-1111", None, id="repeated-digit"),
        pytest.param("SSN 219-45 6781", None, id="mixed-separators"),
        pytest.param("Order #219-45-6781", None, id="order-label"),
        pytest.param("invoice 219456781, SSN on file", None, id="invoice-label-nearer"),
        pytest.param("SSN 219-45-6781, see invoice", "219-45-6781", id="ssn-label-nearer"),
        pytest.param("call 1-219-45-6781-2", None, id="inside-longer-number"),
    ],
)
def test_ssn(text: str, expected: str | None) -> None:
    _check("us.ssn", text, expected)


def test_ssn_context_raises_dashed_score() -> None:
    assert best_score("us.ssn", "SSN 219-45-6781", "219-45-6781") >= 0.85
    assert 0.5 <= best_score("us.ssn", "id 219-45-6781", "219-45-6781") < 0.85


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("ITIN 912-70-1234", "912-70-1234", id="group-70"),
        pytest.param("filed with 987-94-3210", "987-94-3210", id="group-94-no-context"),
        pytest.param("taxpayer id 955712345", "955712345", id="bare-with-context"),
        pytest.param("ITIN 912-93-1234", None, id="group-93"),
        pytest.param("ITIN 912-45-1234", None, id="group-45"),
        pytest.param("ITIN 812-70-1234", None, id="area-not-9xx"),
        pytest.param("ref 955712345", None, id="bare-no-context"),
    ],
)
def test_itin(text: str, expected: str | None) -> None:
    _check("us.itin", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("passport no. A27364019", "A27364019", id="letter-eight"),
        pytest.param("US passport 540918273", "540918273", id="nine-digits"),
        pytest.param("traveler A27364019", None, id="no-context"),
        pytest.param("passport A2736401", None, id="too-short"),
        pytest.param("passport photo; order 540918273", None, id="order-label-nearer"),
    ],
)
def test_passport(text: str, expected: str | None) -> None:
    _check("us.passport", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("NY driver license 613 204 889", "613 204 889", id="ny-grouped"),
        pytest.param("DMV client ID 613204889", "613204889", id="ny-nine-digits"),
        pytest.param("non-driver ID K2049187", "K2049187", id="ny-letter-seven"),
        pytest.param("NJ license R4021 71934 21887", "R4021 71934 21887", id="nj"),
        pytest.param("DL# 29 481 730", "29 481 730", id="pa"),
        pytest.param("client 613204889", None, id="no-context"),
        pytest.param("license ok; invoice 613204889", None, id="invoice-label-nearer"),
        pytest.param(
            "driver license no. 613204889, plate no. KXR4410",
            "613204889",
            id="next-field-label-after-comma",
        ),
        pytest.param("license BQ714406 checked", "BQ714406", id="two-letters-six"),
        pytest.param("driver's license T40912876", "T40912876", id="letter-eight"),
        pytest.param("DL 4471902", "4471902", id="seven-digits"),
        pytest.param("ticket BQ714406 closed", None, id="two-letters-no-context"),
        pytest.param("room 4471902 booked", None, id="seven-digits-no-context"),
        pytest.param("license ok; tracking T40912876", None, id="tracking-nearer"),
    ],
)
def test_driver_license(text: str, expected: str | None) -> None:
    _check("us.driver_license", text, expected)


def test_driver_license_ny_outscores_other_states() -> None:
    ny = best_score("us.driver_license", "license 613204889", "613204889")
    pa = best_score("us.driver_license", "license 29481730", "29481730")
    assert ny > pa >= 0.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("checking account 004417729301", "004417729301", id="checking"),
        pytest.param("acct # 88190234", "88190234", id="acct-short"),
        pytest.param("deposit to 1029-384756", "1029-384756", id="grouped"),
        pytest.param("number 004417729301", None, id="no-context"),
        pytest.param("account updated; confirmation 004417729301", None, id="confirmation-nearer"),
        pytest.param("account 1234567", None, id="too-short"),
        pytest.param("account 123456789012345678", None, id="too-long"),
        pytest.param("account total $88,190,234", None, id="price"),
    ],
)
def test_bank_number(text: str, expected: str | None) -> None:
    _check("us.bank_number", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("routing 026109312", "026109312", id="routing"),
        pytest.param("ABA 322274080", "322274080", id="aba-thrift-prefix"),
        pytest.param("value 026109312", None, id="valid-no-context"),
        pytest.param("routing 026109313", None, id="checksum-failure"),
        pytest.param("routing 500000005", None, id="unassigned-prefix"),
        pytest.param("routing 000000000", None, id="zeros"),
    ],
)
def test_aba_routing(text: str, expected: str | None) -> None:
    _check("us.aba_routing", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("towed 1FTFW1ET9DFC10312 today", "1FTFW1ET9DFC10312", id="valid-no-context"),
        pytest.param("VIN: 2T1BURHEXJC043821", "2T1BURHEXJC043821", id="check-digit-x"),
        pytest.param("VIN 1FTFW1ET8DFC10312", "1FTFW1ET8DFC10312", id="bad-check-with-context"),
        pytest.param("code 1FTFW1ET8DFC10312", None, id="bad-check-no-context"),
        pytest.param("VIN 1FTFW1ET9DFC1031", None, id="sixteen-chars"),
        pytest.param("VIN 1FTFW1ET9DFO10312", None, id="letter-o"),
        pytest.param("VIN 12345678901234567", None, id="digits-only"),
    ],
)
def test_vin(text: str, expected: str | None) -> None:
    _check("us.vin", text, expected)


def test_vin_check_digit_decides_score() -> None:
    assert best_score("us.vin", "x 1FTFW1ET9DFC10312", "1FTFW1ET9DFC10312") >= 0.85
    assert best_score("us.vin", "VIN 1FTFW1ET8DFC10312", "1FTFW1ET8DFC10312") < 0.85
