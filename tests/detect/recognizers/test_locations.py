"""LOCATION: gazetteer places, state codes in addresses, and town-shaped unknown names."""

from __future__ import annotations

import pytest
from recognizer_support import raw_findings

from cityprivacy.detect.overlap import resolve_overlaps
from cityprivacy.detect.recognizers.locations import is_known_place

LEXICAL = ("names", "organizations", "locations")


def found(text: str) -> list[tuple[str, str]]:
    raw = [f for m in LEXICAL for f in raw_findings(m, text) if f.score >= 0.5]
    return [(str(f.entity_type), text[f.start : f.end]) for f in resolve_overlaps(raw)]


def places(text: str) -> list[str]:
    return [value for kind, value in found(text) if kind == "LOCATION"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("She lives in Staten Island.", ["Staten Island"], id="borough"),
        pytest.param("Moved from Bedford-Stuyvesant.", ["Bedford-Stuyvesant"], id="hyphenated"),
        pytest.param("Shelter in Mott Haven, the Bronx", ["Mott Haven", "Bronx"], id="two"),
        pytest.param("Born in the Dominican Republic.", ["Dominican Republic"], id="country"),
        pytest.param("He flew to New York City.", ["New York City"], id="longest-phrase"),
        pytest.param(
            "Family in Port-au-Prince and Accra.", ["Port-au-Prince", "Accra"], id="world"
        ),
        pytest.param("She moved from Georgia.", ["Georgia"], id="ambiguous-with-context"),
        pytest.param("Mail to Albany, NY 12207", ["Albany", "NY"], id="state-code"),
        pytest.param("Raised in Quarrington, PA", ["Quarrington", "PA"], id="unknown-city-state"),
        pytest.param(
            "They came from North Brantleyville.", ["North Brantleyville"], id="town-shape"
        ),
        pytest.param("Trip to São Paulo", ["São Paulo"], id="accented"),
    ],
)
def test_locations(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("She was reading the mail.", id="lowercase-reading"),
        pytest.param("Georgia Papadakis called.", id="first-name"),
        pytest.param("A New Yorker article.", id="prefix-of-longer-word"),
        pytest.param("Dr. Jordan Ellis will call.", id="person"),
        pytest.param("Washington Irving wrote it.", id="washington-alone"),
        pytest.param("IN PROGRESS", id="state-code-without-address"),
    ],
)
def test_no_location(text: str) -> None:
    assert places(text) == []


def test_place_beats_person() -> None:
    assert found("Appointment in Forest Hills.") == [("LOCATION", "Forest Hills")]


def test_known_place_lookup() -> None:
    assert is_known_place("Jackson Heights")
    assert not is_known_place("Heights")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("She moved to East Ryan.", ["East Ryan"], id="compass-first-name"),
        pytest.param("Lake Nicole is cold.", ["Lake Nicole"], id="lake-first-name"),
        pytest.param("SHIP TO NEW DORIANMOUTH", ["NEW DORIANMOUTH"], id="caps-town-shape"),
        pytest.param("He lives in DARRYLFURT", ["DARRYLFURT"], id="caps-single-town"),
    ],
)
def test_more_locations(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("South Asian families came.", id="compass-adjective"),
        pytest.param("MEETING AT THE OFFICE", id="caps-no-town-suffix"),
    ],
)
def test_no_location_more(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("hometown: Zelvonice", ["Zelvonice"], id="label-unknown-town"),
        pytest.param("Sent to Orchard Row 4, Brelling 40417", ["Brelling"], id="town-postcode"),
        pytest.param(
            "He commutes between Varnholm and Lisk Ostra daily.",
            ["Varnholm", "Lisk Ostra"],
            id="between-and",
        ),
        pytest.param("The family came from Tolvany last spring.", ["Tolvany"], id="from-unknown"),
        pytest.param("Meet us at the Dravik office on Monday.", ["Dravik"], id="the-x-office"),
        pytest.param("Her aunt lives in Washington now.", ["Washington"], id="washington-context"),
        pytest.param("She was born in Veselka nad Oslou.", ["Veselka nad Oslou"], id="particle"),
    ],
)
def test_place_slots(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The call came in January and again in March.", id="months"),
        pytest.param("He got a letter from Maria yesterday.", id="first-name-after-from"),
        pytest.param("She spoke in Spanish with the inspector.", id="language"),
        pytest.param("Washington signed the lease.", id="surname-no-context"),
        pytest.param("They met in Park Avenue lobby.", id="street-word"),
        pytest.param("He works in Acme Holdings now.", id="org-word"),
    ],
)
def test_no_place_in_slot(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Shipped from Nancystad, NE but stuck.", ["Nancystad", "NE"], id="code-mid"),
        pytest.param("Shipped from Nancystad, NE.", ["Nancystad", "NE"], id="code-end"),
    ],
)
def test_state_code_after_a_city(text: str, expected: list[str]) -> None:
    assert places(text) == expected
