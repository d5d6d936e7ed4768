"""Tests of the check-digit and range validators: tables of known cases plus properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityprivacy.detect.checksums import (
    IBAN_LENGTHS,
    aba_routing_valid,
    credit_card_valid,
    digits,
    iban_valid,
    imei_valid,
    itin_valid,
    luhn_check_digit,
    luhn_valid,
    nyc_bbl_valid,
    ssn_is_placeholder,
    ssn_valid,
    vin_check_digit,
    vin_valid,
)

digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=30)


@given(digit_strings)
def test_luhn_appending_check_digit_validates(payload: str) -> None:
    assert luhn_valid(payload + luhn_check_digit(payload))


@given(digit_strings, st.data())
def test_luhn_changing_one_digit_fails(payload: str, data: st.DataObject) -> None:
    number = payload + luhn_check_digit(payload)
    i = data.draw(st.integers(0, len(number) - 1))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != number[i]]))
    assert not luhn_valid(number[:i] + new + number[i + 1 :])


@given(digit_strings, st.data())
def test_luhn_swapping_adjacent_distinct_digits_fails(payload: str, data: st.DataObject) -> None:
    number = payload + luhn_check_digit(payload)
    pairs = [
        i
        for i in range(len(number) - 1)
        if number[i] != number[i + 1] and {number[i], number[i + 1]} != {"0", "9"}
    ]
    if pairs:
        i = data.draw(st.sampled_from(pairs))
        swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
        assert not luhn_valid(swapped)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("79927398713", True, id="valid"),
        pytest.param("79927398710", False, id="wrong-check"),
        pytest.param("7", False, id="single-digit"),
        pytest.param("7992 7398 713", False, id="separators-not-stripped"),
        pytest.param("７９９２７３９８７１３", False, id="non-ascii-digits"),
    ],
)
def test_luhn_valid(value: str, expected: bool) -> None:
    assert luhn_valid(value) is expected


def test_luhn_check_digit_rejects_non_digits() -> None:
    with pytest.raises(ValueError, match="ASCII digits"):
        luhn_check_digit("12a")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("4730 5918 2647 3057", True, id="visa-16"),
        pytest.param("4730591826472", True, id="visa-13"),
        pytest.param("5430-9182-6473-0518", True, id="mastercard-5"),
        pytest.param("2221730591826475", True, id="mastercard-2"),
        pytest.param("377305918264738", True, id="amex"),
        pytest.param("6011730591826470", True, id="discover"),
        pytest.param("36730591826474", True, id="diners-14"),
        pytest.param("4730591826473058", False, id="luhn-failure"),
        pytest.param("5730591826473054", False, id="mastercard-57-unassigned"),
        pytest.param("37730591826473", False, id="amex-wrong-length"),
        pytest.param("0000000000000000", False, id="zeros"),
        pytest.param("3528440177396202", True, id="jcb-16"),
        pytest.param("621277450318889", False, id="unionpay-15-too-short"),
        pytest.param("676290451837", False, id="maestro-12-needs-weak"),
    ],
)
def test_credit_card_valid(value: str, expected: bool) -> None:
    assert credit_card_valid(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("676290451837", True, id="maestro-12"),
        pytest.param("502077183429", True, id="maestro-5020"),
        pytest.param("6304918273645518", True, id="maestro-16"),
        pytest.param("213144772509617", True, id="jcb-2131-15"),
        pytest.param("180077319422051", True, id="jcb-1800-15"),
        pytest.param("4730 5918 2647 3057", True, id="strong-rules-still-apply"),
        pytest.param("676290451838", False, id="luhn-failure"),
        pytest.param("361809441278", False, id="diners-12"),
        pytest.param("819033442155661", False, id="unionpay-81-15"),
        pytest.param("220177883455669", False, id="mir-15"),
    ],
)
def test_credit_card_valid_weak(value: str, expected: bool) -> None:
    assert credit_card_valid(value, weak=True) is expected


@given(st.text(alphabet="0123456789", min_size=14, max_size=14))
def test_imei_with_check_digit_validates(payload: str) -> None:
    if len(set(payload)) > 1:
        assert imei_valid(payload + luhn_check_digit(payload))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("35-391807-254163-0", True, id="separated"),
        pytest.param("353918072541630", True, id="bare"),
        pytest.param("353918072541631", False, id="bad-check"),
        pytest.param("35391807254163", False, id="fourteen-digits"),
        pytest.param("000000000000000", False, id="zeros"),
    ],
)
def test_imei_valid(value: str, expected: bool) -> None:
    assert imei_valid(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("026109312", True, id="fed-district"),
        pytest.param("322274080", True, id="thrift"),
        pytest.param("071000518", True, id="chicago-district"),
        pytest.param("026109313", False, id="checksum"),
        pytest.param("500000005", False, id="unassigned-prefix"),
        pytest.param("000000000", False, id="zeros"),
        pytest.param("02610931", False, id="eight-digits"),
    ],
)
def test_aba_routing_valid(value: str, expected: bool) -> None:
    assert aba_routing_valid(value) is expected


@given(st.integers(1, 12), st.text(alphabet="0123456789", min_size=6, max_size=6))
def test_aba_exactly_one_check_digit_per_payload(prefix: int, middle: str) -> None:
    payload = f"{prefix:02d}{middle}"
    valid = [d for d in "0123456789" if aba_routing_valid(payload + d)]
    assert len(valid) == (0 if len(set(payload)) == 1 else 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("GB70 NWBK 6073 0411 2233 44", True, id="gb-spaced"),
        pytest.param("DE44500105175407324931", True, id="de"),
        pytest.param("nl20ingb0001234567", True, id="lowercase-normalized"),
        pytest.param("GB71NWBK60730411223344", False, id="mod97"),
        pytest.param("GB70NWBK6073041122334", False, id="short-for-country"),
        pytest.param("QQ70NWBK60730411223344", False, id="unknown-country"),
        pytest.param("GBX0NWBK60730411223344", False, id="non-digit-check"),
    ],
)
def test_iban_valid(value: str, expected: bool) -> None:
    assert iban_valid(value) is expected


@given(
    st.sampled_from(sorted(IBAN_LENGTHS)),
    st.data(),
)
def test_iban_computed_check_digits_validate(country: str, data: st.DataObject) -> None:
    length = IBAN_LENGTHS[country]
    bban = data.draw(
        st.text(
            alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            min_size=length - 4,
            max_size=length - 4,
        )
    )
    numeric = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    check = 98 - int(numeric) % 97
    assert iban_valid(f"{country}{check:02d}{bban}")
    assert not iban_valid(f"{country}{(check % 97) + 1:02d}{bban}")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("1FTFW1ET9DFC10312", True, id="digit-check"),
        pytest.param("2T1BURHEXJC043821", True, id="x-check"),
        pytest.param("2t1burhexjc043821", True, id="lowercase"),
        pytest.param("1FTFW1ET8DFC10312", False, id="wrong-check"),
        pytest.param("1FTFW1ET9DFC1031", False, id="sixteen"),
        pytest.param("1FTFW1ET9DFI10312", False, id="letter-i"),
        pytest.param("11111111111111111", False, id="repeated"),
    ],
)
def test_vin_valid(value: str, expected: bool) -> None:
    assert vin_valid(value) is expected


@given(st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=17, max_size=17))
def test_vin_with_computed_check_digit_validates(raw: str) -> None:
    vin = raw[:8] + vin_check_digit(raw) + raw[9:]
    if len(set(vin)) > 1:
        assert vin_valid(vin)


def test_vin_check_digit_rejects_bad_alphabet() -> None:
    with pytest.raises(ValueError, match="17 characters"):
        vin_check_digit("1FTFW1ET9DFQ10312")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("219-45-6781", True, id="valid"),
        pytest.param("899 99 9999", True, id="highest-area"),
        pytest.param("000-45-6781", False, id="area-000"),
        pytest.param("666-45-6781", False, id="area-666"),
        pytest.param("900-45-6781", False, id="area-900"),
        pytest.param("219-00-6781", False, id="group-00"),
        pytest.param("219-45-0000", False, id="serial-0000"),
        pytest.param("222-22-2222", False, id="repeated"),
        pytest.param("21945678", False, id="eight-digits"),
    ],
)
def test_ssn_valid(value: str, expected: bool) -> None:
    assert ssn_valid(value) is expected


@given(
    st.integers(1, 899).filter(lambda a: a != 666),
    st.integers(1, 99),
    st.integers(1, 9999),
    st.sampled_from(["-", " ", ""]),
)
def test_generated_ssn_shapes_validate(area: int, group: int, serial: int, sep: str) -> None:
    value = f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"
    assert ssn_valid(value) is (len(set(digits(value))) > 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("123-45-6789", True, id="sequence"),
        pytest.param("078-05-1120", True, id="wallet-card"),
        pytest.param("219-45-6781", False, id="ordinary"),
    ],
)
def test_ssn_is_placeholder(value: str, expected: bool) -> None:
    assert ssn_is_placeholder(value) is expected


@given(st.integers(900, 999), st.integers(0, 99), st.integers(1, 9999))
def test_itin_groups(area: int, group: int, serial: int) -> None:
    allowed = 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or group >= 94
    assert itin_valid(f"{area}-{group:02d}-{serial:04d}") is allowed
    assert not ssn_valid(f"{area}-{group:02d}-{serial:04d}")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("1002340056", True, id="compact"),
        pytest.param("1-00234-0056", True, id="dashed-padded"),
        pytest.param("2/4410/17", True, id="unpadded"),
        pytest.param("6002340056", False, id="borough-6"),
        pytest.param("0002340056", False, id="borough-0"),
        pytest.param("1000000056", False, id="block-0"),
        pytest.param("1002340000", False, id="lot-0"),
        pytest.param("1-002340-0056", False, id="block-six-digits"),
        pytest.param("100234005", False, id="nine-digits"),
    ],
)
def test_nyc_bbl_valid(value: str, expected: bool) -> None:
    assert nyc_bbl_valid(value) is expected
