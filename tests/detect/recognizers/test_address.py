"""Street addresses (one span from house number to ZIP) and ZIP codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.overlap import resolve_overlaps
from cityprivacy.detect.recognizers import address, address_foreign, zip_code
from cityprivacy.detect.text import Text

RECOGNIZERS = [
    *address.recognizers(Settings()),
    *address_foreign.recognizers(Settings()),
    *zip_code.recognizers(Settings()),
]


def found(text: str, entity: EntityType) -> list[str]:
    """Reported spans of one type, after the threshold and the overlap rule."""
    mine = [r for r in RECOGNIZERS if entity in r.entities]
    findings = [f for r in mine for f in r.analyze(Text(text)) if f.score >= 0.5]
    return [text[f.start : f.end] for f in resolve_overlaps(findings) if f.entity_type == entity]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Tenant moved to 811 W 179th St, Apt 3C, New York, NY 10033 in May.",
            ["811 W 179th St, Apt 3C, New York, NY 10033"],
            id="full-manhattan",
        ),
        pytest.param(
            "Mail went to 2290 Grand Concourse #6H, Bronx, NY 10453.",
            ["2290 Grand Concourse #6H, Bronx, NY 10453"],
            id="concourse-hash-unit",
        ),
        pytest.param(
            "Visit at 87-30 Parsons Blvd today.", ["87-30 Parsons Blvd"], id="queens-hyphen"
        ),
        pytest.param(
            "Send the form to PO Box 4471, Staten Island, NY 10301",
            ["PO Box 4471, Staten Island, NY 10301"],
            id="po-box",
        ),
        pytest.param(
            "Report to Two Lafayette Plaza by noon.", ["Two Lafayette Plaza"], id="spelled-number"
        ),
        pytest.param(
            "Office: 9 Bleecker Street, 4th Floor, Manhattan",
            ["9 Bleecker Street, 4th Floor, Manhattan"],
            id="floor-and-borough",
        ),
        pytest.param(
            "Lives at 1764 Ocean Avenue, Suite 2, Brooklyn, New York 11230, with kids",
            ["1764 Ocean Avenue, Suite 2, Brooklyn, New York 11230"],
            id="full-state-name",
        ),
        pytest.param(
            "Address 430 E 12th Street\nNew York, NY 10009",
            ["430 E 12th Street\nNew York, NY 10009"],
            id="two-lines",
        ),
        pytest.param(
            "Shelter at 66 Avenue D, Manhattan.", ["66 Avenue D, Manhattan"], id="lettered-avenue"
        ),
        pytest.param("She works at 1633 Broadway.", ["1633 Broadway"], id="broadway"),
        pytest.param(
            "Moved to Yonkers, NY 10701 last fall", ["Yonkers, NY 10701"], id="city-state-zip"
        ),
        pytest.param("Client in the Bronx, NY 10456.", ["the Bronx, NY 10456"], id="the-bronx"),
        pytest.param(
            "Found at the corner of Tremont Ave and Webster Ave.",
            ["Tremont Ave and Webster Ave"],
            id="corner",
        ),
        pytest.param("We paid 100 dollars on Main Street.", [], id="neg-lowercase-words"),
        pytest.param("In 2019 Broadway theaters closed early.", [], id="neg-year-before-broadway"),
        pytest.param("He took 3 Tylenol and slept.", [], id="neg-no-street-type"),
        pytest.param(
            "i stay at 88-17 parsons blvd apt 3f, queens ny 11432",
            ["88-17 parsons blvd apt 3f, queens ny 11432"],
            id="lower-case-full",
        ),
        pytest.param(
            "moved to 412 e 139th st, bronx\nthanks",
            ["412 e 139th st, bronx"],
            id="lower-case-borough-only",
        ),
        pytest.param("ran 5 miles down ocean pkwy, brooklyn", [], id="neg-lower-distance"),
        pytest.param("we own 12 oak st shares", [], id="neg-lower-no-place"),
        pytest.param(
            "HOME: 31-06 BROADWAY, ASTORIA", ["31-06 BROADWAY, ASTORIA"], id="caps-broadway"
        ),
        pytest.param(
            "lives at 17 Rev. Dr. Gardner C. Taylor Blvd, Brooklyn",
            ["17 Rev. Dr. Gardner C. Taylor Blvd, Brooklyn"],
            id="five-word-street-name",
        ),
        pytest.param("Bronx, NY is where she grew up.", [], id="neg-city-state-without-zip"),
        pytest.param("The invoice total was $1,200 Main St Deli.", [], id="neg-amount"),
    ],
)
def test_street_address(text: str, expected: list[str]) -> None:
    assert found(text, EntityType.STREET_ADDRESS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("zip code 11368 on the form", ["11368"], id="label"),
        pytest.param("Postal: 10027-1234", ["10027-1234"], id="zip-plus-4"),
        pytest.param("Albany NY 12207", ["12207"], id="after-state"),
        pytest.param(
            "Zip: 10451. Paid 10452 dollars later", ["10451"], id="neg-amount-after-label"
        ),
        pytest.param("The order has 10451 items", [], id="neg-bare-five-digits"),
        pytest.param("Case 104511 was closed", [], id="neg-six-digits"),
    ],
)
def test_zip_code(text: str, expected: list[str]) -> None:
    assert found(text, EntityType.ZIP_CODE) == expected


def test_nyc_zip_scores_higher_than_elsewhere() -> None:
    (nyc,) = zip_code.ZipCodeRecognizer().analyze(Text("zip 11368"))
    (other,) = zip_code.ZipCodeRecognizer().analyze(Text("zip 60614"))
    assert nyc.score > other.score


def test_address_span_beats_its_zip() -> None:
    text = "at 12 Hoyt St, Brooklyn, NY 11201"
    findings = [f for r in RECOGNIZERS for f in r.analyze(Text(text))]
    (kept,) = resolve_overlaps(findings)
    assert kept.entity_type is EntityType.STREET_ADDRESS


_FRAGMENTS = st.sampled_from(
    [
        "12",
        "45-12",
        " W ",
        "42nd",
        " St",
        ", Apt 5B",
        ", Bronx",
        ", NY ",
        "10451",
        "zip ",
        "#",
        "\n",
    ]
)


@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=20).map("".join))
def test_offsets_lie_inside_the_text(text: str) -> None:
    for recognizer in RECOGNIZERS:
        for f in recognizer.analyze(Text(text)):
            assert 0 <= f.start < f.end <= len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Send it to Via Gandolfi, 14 Piano 2.", ["Via Gandolfi, 14 Piano 2"],
                     id="it-via-comma-number"),
        pytest.param("Wohnt in der Lindenstraße 27, 10115 Berlin.",
                     ["Lindenstraße 27, 10115 Berlin"], id="de-compound-postcode-city"),
        pytest.param("Adres: Kastanjelaan 18", ["Kastanjelaan 18"], id="nl-laan"),
        pytest.param("Lives at Karl-Berger-Platz 3/5", ["Karl-Berger-Platz 3/5"],
                     id="de-hyphenated-name"),
        pytest.param("Moved to 12, rue de Verneuil last year", ["12, rue de Verneuil"],
                     id="fr-number-first"),
        pytest.param("Oficina: Calle Olmo 8 Piso 3", ["Calle Olmo 8 Piso 3"], id="es-calle-piso"),
        pytest.param("Wysłano na ul. Sosnowa 4/12, 31-042 Kraków",
                     ["ul. Sosnowa 4/12, 31-042 Kraków"], id="pl-ul-postcode"),
        pytest.param("Entregar em Rua das Acácias, 310", ["Rua das Acácias, 310"],
                     id="pt-rua-comma-number"),
        pytest.param("Flat 4, 27 Elmwood Close", ["Flat 4, 27 Elmwood Close"], id="uk-flat-prefix"),
        pytest.param("Residence: H.No. 51, Verma Marg", ["H.No. 51, Verma Marg"], id="in-house-no"),
        pytest.param("Ship to 4417 Quarry Roads Suite 12", ["4417 Quarry Roads Suite 12"],
                     id="us-plural-suffix-suite"),
        pytest.param("PSC 4410, Box 2231, APO AE 09123", ["PSC 4410, Box 2231, APO AE 09123"],
                     id="us-military-psc"),
        pytest.param("USNS Halvorsen, FPO AP 96540", ["USNS Halvorsen, FPO AP 96540"],
                     id="us-military-ship"),
        pytest.param("Sent from 2218 West Main Street", ["2218 West Main Street"],
                     id="us-unchanged"),
        pytest.param("The Spring 2024 catalog is out", [], id="neg-spring-year"),
        pytest.param("Upgrade to Notepad 2 soon", [], id="neg-notepad"),
        pytest.param("We travelled via Rome 3 times", [], id="neg-via-preposition"),
        pytest.param("The meeting took place March 5", [], id="neg-took-place"),
        pytest.param("See Smith et al. Jones 12 for details", [], id="neg-et-al"),
        pytest.param("Lives in West Virginia, 26501.", [], id="neg-state-and-zip-only"),
    ],
)  # fmt: skip
def test_street_address_other_formats(text: str, expected: list[str]) -> None:
    assert found(text, EntityType.STREET_ADDRESS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Dana Ruiz (41) lives in Port Selma, 40213.", ["40213"], id="city-comma-zip"),
        pytest.param("Mail it to Lake Orrin 73001.", ["73001"], id="city-zip-sentence-end"),
        pytest.param("ZIP 30303-1147 on file", ["30303-1147"], id="zip-label-plus4"),
        pytest.param("Invoice 40213.", [], id="neg-invoice-number"),
        pytest.param("Order No. Gamma 40213.", [], id="neg-label-before-word"),
        pytest.param("Springfield 40213 people voted", [], id="neg-count-mid-clause"),
    ],
)
def test_zip_after_a_place(text: str, expected: list[str]) -> None:
    assert found(text, EntityType.ZIP_CODE) == expected
