"""ORGANIZATION: agencies, employers, suffix- and head-shaped names, employers in context."""

from __future__ import annotations

import pytest
from recognizer_support import raw_findings

from cityprivacy.detect.overlap import resolve_overlaps
from cityprivacy.detect.recognizers.organizations import is_known_org

LEXICAL = ("names", "organizations", "locations")


def found(text: str) -> list[tuple[str, str]]:
    raw = [f for m in LEXICAL for f in raw_findings(m, text) if f.score >= 0.5]
    return [(str(f.entity_type), text[f.start : f.end]) for f in resolve_overlaps(raw)]


def orgs(text: str) -> list[str]:
    return [value for kind, value in found(text) if kind == "ORGANIZATION"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Referred to HRA and NYCHA.", ["HRA", "NYCHA"], id="acronyms"),
        pytest.param(
            "Letter from the Department of Homeless Services.",
            ["Department of Homeless Services"],
            id="agency-full-name",
        ),
        pytest.param("She cleans rooms at Montefiore.", ["Montefiore"], id="employer-gazetteer"),
        pytest.param(
            "Paid by Quillfeather Logistics LLC.", ["Quillfeather Logistics LLC"], id="llc"
        ),
        pytest.param(
            "Brightwater Cleaning Co. hired him.", ["Brightwater Cleaning Co."], id="co-dot"
        ),
        pytest.param("Vendor: Asante & Sons", ["Asante & Sons"], id="and-sons"),
        pytest.param("Call Bank of Tarrow Valley.", ["Bank of Tarrow Valley"], id="head-of"),
        pytest.param(
            "He studies at Hostos Community College.", ["Hostos Community College"], id="college"
        ),
        pytest.param(
            "She is employed by Pemberly Auto Body.", ["Pemberly Auto Body"], id="employed-by"
        ),
        pytest.param(
            "Employer: Zarkov Brothers Moving", ["Zarkov Brothers Moving"], id="employer-field"
        ),
        pytest.param(
            "Counsel: Whitfield, Osei and Brandt", ["Whitfield, Osei and Brandt"], id="law-firm"
        ),
        pytest.param("Detained by ICE in 2021.", ["ICE"], id="ambiguous-acronym-with-context"),
    ],
)
def test_organizations(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("DOB 04/05/1990", id="dob-is-not-buildings"),
        pytest.param("Put ICE on the bruise.", id="ice-without-context"),
        pytest.param("Maria, Jose and Ana came.", id="list-of-first-names"),
        pytest.param("works at home on Fridays", id="lowercase-after-trigger"),
        pytest.param("Thank you for your help.", id="plain-sentence"),
    ],
)
def test_no_organization(text: str) -> None:
    assert orgs(text) == []


def test_title_is_not_part_of_the_organization() -> None:
    text = "Referred by Dr. Ferreira of Lenox Hill Hospital."
    assert found(text) == [
        ("TITLE", "Dr."),
        ("PERSON", "Ferreira"),
        ("ORGANIZATION", "Lenox Hill Hospital"),
    ]


def test_known_org_lookup() -> None:
    assert is_known_org("Con Edison")
    assert not is_known_org("Con")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Invoice from Ferraro SpA.", ["Ferraro SpA"], id="spa"),
        pytest.param("Invoice from Lemoine SARL.", ["Lemoine SARL"], id="sarl"),
        pytest.param("Bauer GmbH and Kessler AG", ["Bauer GmbH", "Kessler AG"], id="german"),
        pytest.param("Paid Quiroga y Medina e Hijos today", ["Quiroga y Medina e Hijos"],
                     id="e-hijos"),
        pytest.param("Offer from Grupo Echeverría", ["Grupo Echeverría"], id="grupo-prefix"),
        pytest.param("Letter from Barros Lima Ltda.", ["Barros Lima Ltda."], id="ltda"),
        pytest.param("We called Brown Harris Stevens now", ["Brown Harris Stevens"],
                     id="three-surnames-firm"),
        pytest.param("FILED BY MORRIS, CHAPMAN AND WEBB", ["MORRIS, CHAPMAN AND WEBB"],
                     id="caps-partnership"),
    ],
)  # fmt: skip
def test_more_organizations(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "person"),
    [
        pytest.param("Perez, Mildred called back.", "Perez, Mildred", id="surname-comma-first"),
        pytest.param("Spoke with Maria Garcia Lopez.", "Maria Garcia Lopez", id="double-surname"),
    ],
)
def test_people_are_not_firms(text: str, person: str) -> None:
    assert orgs(text) == []
    assert ("PERSON", person) in found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Paid by Krolak Dąbe Sp.j. today.", ["Krolak Dąbe Sp.j."], id="dotted-suffix"),
        pytest.param("Vendor: Brenner AG & Co. KG.", ["Brenner AG & Co. KG"], id="chained-suffix"),
        pytest.param(
            "She works part-time at Lindqvar Logistics.", ["Lindqvar Logistics"], id="part-time"
        ),
        pytest.param("Koninklijke Harbeek signed.", ["Koninklijke Harbeek"], id="dutch-prefix"),
        pytest.param("Supplier: Tavares Lima S/A", ["Tavares Lima S/A"], id="br-sa"),
    ],
)
def test_more_org_shapes(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Contact: Ines Varga, Brenner AG, Linz", id="person-before-org-comma"),
    ],
)
def test_person_not_swallowed_by_org(text: str) -> None:
    assert ("PERSON", "Ines Varga") in found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Hello, this is Matt from Brown-Fox.", ["Brown-Fox"], id="pair-after-from"),
        pytest.param("Ballard-Marsh's office closed.", ["Ballard-Marsh"], id="pair-possessive"),
        pytest.param(
            "Bell, Martinez and Williams's office closed.",
            ["Bell, Martinez and Williams"],
            id="partnership-possessive",
        ),
        pytest.param("Ana Garcia-Lopez called.", [], id="double-barrelled-surname"),
        pytest.param("Mrs. Smith-Jones called.", [], id="titled-double-surname"),
        pytest.param("Jean-Pierre called.", [], id="hyphenated-given-name"),
    ],
)
def test_surname_pairs(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected
