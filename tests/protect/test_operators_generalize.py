"""generalize: intervals, age bands, months, years, ZIP3, ZIP and borough."""

from __future__ import annotations

import pytest

from cityprivacy.protect.operators import Generalize
from cityprivacy.protect.operators.places import OUTSIDE_NYC, borough_of, find_zip


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        pytest.param(Generalize(to="interval"), "34", "30-39", id="interval"),
        pytest.param(Generalize(to="interval"), "30", "30-39", id="interval-edge"),
        pytest.param(Generalize(to="interval"), "39.9", "30-39", id="interval-decimal"),
        pytest.param(Generalize(to="interval", width=5), "34", "30-34", id="width"),
        pytest.param(Generalize(to="interval", width=1000), "$1,250", "1000-1999", id="money"),
        pytest.param(Generalize(to="interval", width=1), "7", "7", id="width-one"),
        pytest.param(Generalize(to="interval"), "-3", "-10 to -1", id="negative"),
        pytest.param(Generalize(to="interval"), "thirty", "*", id="interval-word"),
        pytest.param(Generalize(to="interval"), "nan", "*", id="interval-nan"),
        pytest.param(Generalize(to="age_band"), "0", "0-17", id="age-0"),
        pytest.param(Generalize(to="age_band"), "17.9", "0-17", id="age-17"),
        pytest.param(Generalize(to="age_band"), "25", "25-34", id="age-25"),
        pytest.param(Generalize(to="age_band"), "34", "25-34", id="age-34"),
        pytest.param(Generalize(to="age_band"), "85", "85+", id="age-85"),
        pytest.param(Generalize(to="age_band"), "104", "85+", id="age-104"),
        pytest.param(Generalize(to="age_band"), "-1", "*", id="age-negative"),
        pytest.param(Generalize(to="age_band"), "old", "*", id="age-word"),
        pytest.param(Generalize(to="age_band", bands=(18, 65)), "12", "<18", id="age-below"),
        pytest.param(Generalize(to="age_band", bands=(18, 65)), "40", "18-64", id="age-custom"),
        pytest.param(Generalize(to="month"), "2024-03-07", "2024-03", id="month-iso"),
        pytest.param(Generalize(to="month"), "03/07/2024", "2024-03", id="month-us"),
        pytest.param(Generalize(to="month"), "3/7/24", "2024-03", id="month-short"),
        pytest.param(Generalize(to="month"), "2024-03-07T10:00", "2024-03", id="month-time"),
        pytest.param(Generalize(to="month"), "March 7, 2024", "2024-03", id="month-name"),
        pytest.param(Generalize(to="month"), "7 Mar 2024", "2024-03", id="month-day-first"),
        pytest.param(Generalize(to="month"), "2024-02-30", "*", id="month-invalid"),
        pytest.param(Generalize(to="year"), "2024-03-07", "2024", id="year-iso"),
        pytest.param(Generalize(to="year"), "3/7/24", "2024", id="year-short"),
        pytest.param(Generalize(to="year"), "March 7, 2024", "2024", id="year-name"),
        pytest.param(Generalize(to="year"), "last spring", "*", id="year-words"),
        pytest.param(Generalize(to="zip3"), "10027", "100**", id="zip3"),
        pytest.param(Generalize(to="zip3"), "10027-1234", "100**", id="zip3-plus4"),
        pytest.param(
            Generalize(to="zip3"), "350 5th Ave, Brooklyn, NY 11215", "112**", id="zip3-address"
        ),
        pytest.param(Generalize(to="zip3"), "1002", "*", id="zip3-short"),
        pytest.param(
            Generalize(to="zip"), "123 Main St, New York, NY 10027", "10027", id="zip-address"
        ),
        pytest.param(Generalize(to="zip"), "10027-1234", "10027", id="zip-plus4"),
        pytest.param(Generalize(to="zip"), "123 Main St", "*", id="zip-missing"),
        pytest.param(Generalize(to="borough"), "10027", "Manhattan", id="borough-zip"),
        pytest.param(
            Generalize(to="borough"), "41-20 Main St, Flushing, NY 11355", "Queens", id="b-queens"
        ),
        pytest.param(Generalize(to="borough"), "02134", OUTSIDE_NYC, id="borough-elsewhere"),
        pytest.param(Generalize(to="borough"), "no address", "*", id="borough-unknown"),
    ],
)
def test_generalize(spec: Generalize, value: str, expected: str) -> None:
    assert spec.build().apply(value) == expected


@pytest.mark.parametrize(
    ("zip_code", "borough"),
    [
        pytest.param("10001", "Manhattan", id="manhattan-100"),
        pytest.param("10162", "Manhattan", id="manhattan-101"),
        pytest.param("10282", "Manhattan", id="manhattan-102"),
        pytest.param("10314", "Staten Island", id="staten-island"),
        pytest.param("10463", "Bronx", id="bronx"),
        pytest.param("11201", "Brooklyn", id="brooklyn"),
        pytest.param("11101", "Queens", id="queens-lic"),
        pytest.param("11355", "Queens", id="queens-flushing"),
        pytest.param("11432", "Queens", id="queens-jamaica"),
        pytest.param("11691", "Queens", id="queens-far-rockaway"),
        pytest.param("11004", "Queens", id="queens-glen-oaks"),
        pytest.param("11001", OUTSIDE_NYC, id="nassau-110"),
        pytest.param("11550", OUTSIDE_NYC, id="nassau-115"),
        pytest.param("10701", OUTSIDE_NYC, id="yonkers"),
        pytest.param("07030", OUTSIDE_NYC, id="hoboken"),
    ],
)
def test_borough_of_zip(zip_code: str, borough: str) -> None:
    assert borough_of(zip_code) == borough


@pytest.mark.parametrize(
    ("address", "borough"),
    [
        pytest.param("1 Centre St, Manhattan", "Manhattan", id="manhattan"),
        pytest.param("55 Water Street, Staten Island", "Staten Island", id="staten-island"),
        pytest.param("Flushing, NY", "Queens", id="queens-place"),
        pytest.param("100 Main St, Springfield, IL", None, id="elsewhere-no-zip"),
    ],
)
def test_borough_of_address_without_zip(address: str, borough: str | None) -> None:
    assert borough_of(address) == borough


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("10027", "10027", id="zip"),
        pytest.param(" 10027-1234 ", "10027", id="zip-plus4"),
        pytest.param("350 5th Ave Apt 3, Brooklyn NY 11215-1234", "11215", id="address"),
        pytest.param("", None, id="empty"),
        pytest.param("Apt 3", None, id="no-zip"),
    ],
)
def test_find_zip(text: str, expected: str | None) -> None:
    assert find_zip(text) == expected
