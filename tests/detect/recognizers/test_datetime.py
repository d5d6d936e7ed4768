"""Dates and times, dates of birth, and ages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.overlap import resolve_overlaps
from cityprivacy.detect.recognizers import datetime as dates
from cityprivacy.detect.text import Text

RECOGNIZERS = dates.recognizers(Settings())


def found(text: str) -> list[tuple[str, str]]:
    """(type, span text) reported after the threshold and the overlap rule, in order."""
    findings = [f for r in RECOGNIZERS for f in r.analyze(Text(text)) if f.score >= 0.5]
    return [(f.entity_type.value, text[f.start : f.end]) for f in resolve_overlaps(findings)]


D, B, A = "DATE_TIME", "DATE_OF_BIRTH", "AGE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Seen 07/04/2023 in clinic", [(D, "07/04/2023")], id="us-slashes"),
        pytest.param("Seen 7-4-23 in clinic", [(D, "7-4-23")], id="short-hyphens"),
        pytest.param("Seen 2023-07-04 in clinic", [(D, "2023-07-04")], id="iso"),
        pytest.param("Seen 25/12/2022 in clinic", [(D, "25/12/2022")], id="day-first"),
        pytest.param("Seen on August 9, 2021.", [(D, "August 9, 2021")], id="month-name"),
        pytest.param("Seen 9 August 2021.", [(D, "9 August 2021")], id="day-month-year"),
        pytest.param("Seen Aug. 9th in the office", [(D, "Aug. 9th")], id="abbrev-ordinal"),
        pytest.param("Closed in October 2020.", [(D, "October 2020")], id="month-year"),
        pytest.param("Call back Thursday", [(D, "Thursday")], id="weekday"),
        pytest.param(
            "Return next Friday at 3pm please", [(D, "next Friday at 3pm")], id="relative+time"
        ),
        pytest.param("Shift ends 23:45 tonight", [(D, "23:45")], id="24-hour"),
        pytest.param("Meet at 8:15 a.m. sharp", [(D, "8:15 a.m.")], id="am-dotted"),
        pytest.param(
            "Hearing 11/02/2024 at 10:30 AM", [(D, "11/02/2024 at 10:30 AM")], id="date+time"
        ),
        pytest.param("Seen 13/13/2020 and 02/30/1990", [], id="neg-impossible"),
        pytest.param("Upgrade to version 1.2.10 now", [], id="neg-version"),
        pytest.param("You may 5 times ask", [], id="neg-lowercase-may"),
        pytest.param("towed on sept 4, 2023", [(D, "sept 4, 2023")], id="lower-month-day-year"),
        pytest.param("towed on 4 sept 2023", [(D, "4 sept 2023")], id="lower-day-month-year"),
        pytest.param("SEEN ON MARCH 3RD, 2024", [(D, "MARCH 3RD, 2024")], id="caps-ordinal"),
        pytest.param("Shops open Black Friday", [(D, "Black Friday")], id="named-day"),
        pytest.param("they march 3 miles in 2024", [], id="neg-lower-month-no-day-year"),
        pytest.param("a black friday sale", [], id="neg-lower-named-day"),
        pytest.param("Ratio 25:75 and 3:5", [], id="neg-ratio"),
        pytest.param("Call 212-555-0142 today", [], id="neg-phone"),
    ],
)
def test_date_time(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("DOB: 02/29/1992", [(B, "02/29/1992")], id="dob-label-leap-day"),
        pytest.param("D.O.B. 4-1-88", [(B, "4-1-88")], id="dotted-label"),
        pytest.param("date of birth 14 May 1979", [(B, "14 May 1979")], id="long-label"),
        pytest.param("She was born on June 3, 2001.", [(B, "June 3, 2001")], id="born-on"),
        pytest.param("He was born in 1964 in Ponce.", [(B, "1964")], id="born-in-year"),
        pytest.param(
            "DOB 01/02/1990; visit 03/04/2024",
            [(B, "01/02/1990"), (D, "03/04/2024")],
            id="second-date-is-not-dob",
        ),
        pytest.param(
            "Birthday noted; invoice date 05/06/2022", [(D, "05/06/2022")], id="neg-invoice-cue"
        ),
        pytest.param("Order filed 02/03/2021", [(D, "02/03/2021")], id="neg-filed"),
        pytest.param(
            "born in 1964, seen next Monday", [(B, "1964"), (D, "next Monday")], id="neg-weekday"
        ),
        pytest.param("DOB 02/29/1991", [], id="neg-not-leap-year"),
    ],
)
def test_date_of_birth(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_birth_date_also_reported_as_date_time_for_date_only_queries() -> None:
    recognizer = dates.DateTimeRecognizer()
    types = {f.entity_type for f in recognizer.analyze(Text("DOB 03/09/1971"))}
    assert types == {EntityType.DATE_TIME, EntityType.DATE_OF_BIRTH}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Client is 47 years old.", [(A, "47 years old")], id="years-old"),
        pytest.param("a 19-year-old student", [(A, "19-year-old")], id="hyphenated"),
        pytest.param("pt 62 yo female", [(A, "62 yo")], id="yo"),
        pytest.param("Age: 8", [(A, "8")], id="age-label"),
        pytest.param("aged 91, lives alone", [(A, "91")], id="aged"),
        pytest.param("she is 30 years of age", [(A, "30 years of age")], id="of-age"),
        pytest.param("a 120-year-old church", [], id="neg-building-age"),
        pytest.param("after 25 years of service", [], id="neg-service"),
        pytest.param("Age: 44 years old", [(A, "44 years old")], id="label-with-unit"),
        pytest.param("AGE 61 y/o", [(A, "61 y/o")], id="label-with-yo"),
        pytest.param("Age: 7-year-old", [(A, "7-year-old")], id="label-with-hyphens"),
        pytest.param("reported age 212", [], id="neg-out-of-range"),
        pytest.param("see page 34", [], id="neg-page"),
        pytest.param("the age 40% bracket", [], id="neg-percent"),
    ],
)
def test_age(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


_FRAGMENTS = st.sampled_from(
    [
        "12",
        "/",
        "-",
        ".",
        "1987",
        "March ",
        "Tuesday",
        " at ",
        "10am",
        "9:30",
        "DOB ",
        "born ",
        "34 years old",
        "age ",
    ]
)


@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=16).map("".join))
def test_offsets_lie_inside_the_text(text: str) -> None:
    for recognizer in RECOGNIZERS:
        for f in recognizer.analyze(Text(text)):
            assert 0 <= f.start < f.end <= len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("My aunt turned 63 in June.", [(A, "63")], id="turned"),
        pytest.param("Rosa Lind (58) called back.", [(A, "58")], id="name-brackets"),
        pytest.param("Married at 27 years, divorced at 30", [(A, "27")], id="at-n-years"),
        pytest.param("He left school at the age of 16.", [(A, "16")], id="age-of"),
        pytest.param("a 9 months old infant", [(A, "9 months old")], id="months-old"),
        pytest.param("She is 44.", [(A, "44")], id="she-is-n"),
        pytest.param("The dial turned 90 degrees", [], id="neg-degrees"),
        pytest.param("turned 3 pages", [], id="neg-pages"),
        pytest.param("See Section (12) below", [], id="neg-section-brackets"),
        pytest.param("at 20 years of service", [], id="neg-years-of-service"),
        pytest.param("She is 44 minutes late", [], id="neg-is-n-minutes"),
        pytest.param("Her son Tomas is 12 and plays chess.", [(A, "12")], id="name-is-n-and"),
        pytest.param("Household member is 70.", [(A, "70")], id="person-noun-is-n"),
        pytest.param("Chapter is 5.", [], id="neg-label-is-n"),
        pytest.param("The total is 45.", [], id="neg-lowercase-subject"),
    ],
)
def test_age_more_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(k, v) for k, v in found(text) if k == A] == expected
