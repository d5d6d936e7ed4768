"""Normalization: one person's values at two agencies normalize alike; invalid values do not."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from cityprivacy.link._dates import parse_date
from cityprivacy.link.normalize import (
    FieldKind,
    NormalizeOptions,
    is_missing,
    nicknames,
    normalize_column,
    normalize_value,
)

K = FieldKind


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        pytest.param(K.SURNAME, "Pérez-Ramos", "perezramos", id="hyphenated-accented"),
        pytest.param(K.SURNAME, "PEREZ RAMOS", "perezramos", id="multi-part-upper"),
        pytest.param(K.SURNAME, "De la Cruz", "delacruz", id="particles"),
        pytest.param(K.SURNAME, "Delacruz", "delacruz", id="particles-joined"),
        pytest.param(K.SURNAME, "O'Brien", "obrien", id="apostrophe"),
        pytest.param(K.SURNAME, "O’Brien", "obrien", id="typographic-apostrophe"),
        pytest.param(K.SURNAME, "Straße", "strasse", id="eszett"),
        pytest.param(K.SURNAME, "Łukasiewicz", "lukasiewicz", id="l-stroke"),
        pytest.param(K.SURNAME, "Smith Jr.", "smith", id="suffix"),
        pytest.param(K.SURNAME, "King III", "king", id="roman-suffix"),
        pytest.param(K.GIVEN_NAME, "Dr. Robert", "robert", id="title"),
        pytest.param(K.GIVEN_NAME, "Bill", "william", id="nickname"),
        pytest.param(K.GIVEN_NAME, "BOBBY", "robert", id="nickname-upper"),
        pytest.param(K.GIVEN_NAME, "Bill Henry", "williamhenry", id="nickname-first-part"),
        pytest.param(K.GIVEN_NAME, "Jean-Baptiste", "jeanbaptiste", id="hyphenated-given"),
        pytest.param(K.GIVEN_NAME, "Mei Ling", "meiling", id="two-part-given"),
        pytest.param(K.GIVEN_NAME, "Chris", "chris", id="ambiguous-nickname-kept"),
        pytest.param(K.GIVEN_NAME, "FNU", None, id="first-name-unknown"),
        pytest.param(K.GIVEN_NAME, "  ", None, id="blank"),
        pytest.param(K.GIVEN_NAME, "!!!", None, id="no-letters"),
        pytest.param(K.NAME, "王小明", "王小明", id="non-latin-kept"),
        pytest.param(K.DATE, "1985-03-07", "19850307", id="iso"),
        pytest.param(K.DATE, "19850307", "19850307", id="compact"),
        pytest.param(K.DATE, "3/7/1985", "19850307", id="us-slash"),
        pytest.param(K.DATE, "03-07-1985", "19850307", id="us-dash"),
        pytest.param(K.DATE, "3.7.1985", "19850307", id="us-dot"),
        pytest.param(K.DATE, "25/03/1985", "19850325", id="day-first-unambiguous"),
        pytest.param(K.DATE, "March 7, 1985", "19850307", id="month-name"),
        pytest.param(K.DATE, "7 March 1985", "19850307", id="day-month-name"),
        pytest.param(K.DATE, "7th of March 1985", "19850307", id="ordinal-of"),
        pytest.param(K.DATE, "07-MAR-1985", "19850307", id="mainframe"),
        pytest.param(K.DATE, "07MAR1985", "19850307", id="compact-month"),
        pytest.param(K.DATE, "Mar 7 1985", "19850307", id="abbreviated"),
        pytest.param(K.DATE, "1985-03-07T00:00:00", "19850307", id="timestamp"),
        pytest.param(K.DATE, "3/7/85", "19850307", id="two-digit-year"),
        pytest.param(K.DATE, "03071985", "19850307", id="mmddyyyy"),
        pytest.param(K.DATE, "1985-02-30", None, id="not-a-day"),
        pytest.param(K.DATE, "1985-13-01", None, id="not-a-month"),
        pytest.param(K.DATE, "Smarch 7 1985", None, id="not-a-month-name"),
        pytest.param(K.DATE, "unknown", None, id="missing-marker"),
        pytest.param(
            K.ADDRESS,
            "350 West 42nd Street, Apt. 4B, New York, NY 10036",
            "350 w 42nd st 4b",
            id="full",
        ),
        pytest.param(K.ADDRESS, "350 W 42nd St #4B", "350 w 42nd st 4b", id="abbreviated-address"),
        pytest.param(K.ADDRESS, "55 Fifth Avenue", "55 5th ave", id="ordinal-word"),
        pytest.param(K.ADDRESS, "55 5th Ave.", "55 5th ave", id="ordinal-number"),
        pytest.param(K.PHONE, "(212) 555-0147", "12125550147", id="us-parentheses"),
        pytest.param(K.PHONE, "+1 212 555 0147", "12125550147", id="e164-spaced"),
        pytest.param(K.PHONE, "212.555.0147", "12125550147", id="dots"),
        pytest.param(K.PHONE, "212-555-0147 x12", "12125550147", id="extension-dropped"),
        pytest.param(K.PHONE, "+44 20 7946 0958", "442079460958", id="international"),
        pytest.param(K.PHONE, "12", None, id="too-short"),
        pytest.param(K.SSN, "123-45-6789", "123456789", id="dashed"),
        pytest.param(K.SSN, "123 45 6789", "123456789", id="spaced"),
        pytest.param(K.SSN, "000-12-3456", None, id="area-000"),
        pytest.param(K.SSN, "666-12-3456", None, id="area-666"),
        pytest.param(K.SSN, "912-12-3456", None, id="area-9xx"),
        pytest.param(K.SSN, "123-00-4567", None, id="group-00"),
        pytest.param(K.SSN, "123-45-0000", None, id="serial-0000"),
        pytest.param(K.SSN, "12345678", None, id="eight-digits"),
        pytest.param(K.SEX, "Female", "f", id="female"),
        pytest.param(K.SEX, "M", "m", id="male"),
        pytest.param(K.SEX, "non-binary", "x", id="nonbinary"),
        pytest.param(K.SEX, "U", None, id="unknown"),
        pytest.param(K.SEX, "q", None, id="invalid-sex"),
        pytest.param(K.ZIP, "10036-1234", "10036", id="zip-plus-four"),
        pytest.param(K.ZIP, "1003", None, id="zip-short"),
        pytest.param(K.CODE, "N.S.W.", "nsw", id="code"),
        pytest.param(K.DIGITS, "12a", "12", id="digits"),
        pytest.param(K.TEXT, "  Winston   Hills! ", "winston hills", id="text"),
    ],
)
def test_normalize_value(kind: FieldKind, raw: str, expected: str | None) -> None:
    assert normalize_value(kind, raw) == expected


def test_day_first_option_changes_ambiguous_dates_only() -> None:
    day_first = NormalizeOptions(day_first=True)
    assert normalize_value(K.DATE, "3/7/1985", day_first) == "19850703"
    assert normalize_value(K.DATE, "25/03/1985", day_first) == "19850325"
    assert normalize_value(K.DATE, "1985-03-07", day_first) == "19850307"


def test_nicknames_can_be_turned_off() -> None:
    assert normalize_value(K.GIVEN_NAME, "Bill", NormalizeOptions(nicknames=False)) == "bill"


def test_two_digit_years_are_never_in_the_future() -> None:
    today = dt.date(2026, 1, 1)
    assert parse_date("1/2/25", today=today) == dt.date(2025, 1, 2)
    assert parse_date("1/2/27", today=today) == dt.date(1927, 1, 2)


def test_vectorized_and_scalar_agree_on_a_column_with_repeats() -> None:
    raw = ["Bill", "Pérez", None, "bill", "O'Brien", "", "Bill"] * 20
    column = normalize_column(K.GIVEN_NAME, pa.array(raw)).to_pylist()
    assert column == [normalize_value(K.GIVEN_NAME, v) for v in raw]


def test_missing_markers() -> None:
    marked = is_missing(pa.array(["", None, " Unknown ", "N/A", "x", "Nadia"])).to_pylist()
    assert marked == [True, True, True, True, False, False]


def test_nickname_table_maps_each_nickname_once_to_a_formal_name() -> None:
    table = nicknames()
    assert table["bill"] == "william"
    assert "chris" not in table  # ambiguous: Christopher, Christine, Christina
    assert all(nick != formal for nick, formal in table.items())
    assert not set(table) & set(table.values())  # no formal name is also a nickname


def _usaddress_only(text: str) -> str:
    """The street line as usaddress alone gives it (the slow path, for comparison)."""
    import usaddress

    from cityprivacy.link import _address
    from cityprivacy.link._text import fold_accents

    text = fold_accents(text).strip()
    parts, kind = usaddress.tag(text)
    if kind != "Street Address":
        return " ".join(_address._words(text))
    return " ".join(
        w for label in _address._KEPT if label in parts for w in _address._words(parts[label])
    )


def test_plain_address_fast_path_agrees_with_usaddress() -> None:
    from cityprivacy.datasets import _lexicon as lx
    from cityprivacy.link._address import _PLAIN, normalize_address

    cases = [
        f"{number} {street} {unit}".strip()
        for street in lx.STREETS
        for unit in ("", *lx.UNITS)
        for number in ("12", "7A")
    ]
    cases += ["350 West 42nd Street, Apt. 4B", "10 Park Ave South", "123 N. Main Street Apt 5",
              "99 E 149th St #3", "22 Avenue C", "1211 Avenue of the Americas"]  # fmt: skip
    fast = [c for c in cases if _PLAIN.fullmatch(c.lower())]
    assert len(fast) > len(cases) / 2
    for case in cases:
        assert normalize_address.__wrapped__(case) == _usaddress_only(case), case
