"""Columns typed from their values taken together, when the header says nothing."""

from __future__ import annotations

import csv
from datetime import date
from random import Random

import pytest

from cityprivacy.config import Settings
from cityprivacy.datasets import sample_dir
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType as E
from cityprivacy.detect.tables.classify import ColumnClassification, classify_sampled_column
from cityprivacy.detect.tables.column_codes import ZipCodeColumn, us_zip3
from cityprivacy.detect.tables.column_dates import BirthDateColumn, parse_date
from cityprivacy.detect.tables.column_values import (
    MIN_COLUMN_VALUES,
    ColumnEvidence,
    ColumnSample,
    column_evidence,
    merge_evidence,
)
from cityprivacy.detect.tables.values import ValueMatch

TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def full_analyzer() -> TextAnalyzer:
    """The built-in recognizers: what ``scan`` runs (the conftest analyzer knows 3 types)."""
    return TextAnalyzer(settings=Settings())


def _classify(
    analyzer: TextAnalyzer, values: list[str], *, header: str = "col3", evidence: bool = True
) -> ColumnClassification:
    return classify_sampled_column(
        header,
        values,
        analyzer,
        is_free_text=False,
        threshold=Settings().value_match_threshold,
        recognizable=analyzer.entities,
        value_evidence=evidence,
    )


def _cycle(words: list[str], n: int = 60, seed: int = 0) -> list[str]:
    r = Random(seed)
    return [r.choice(words) for _ in range(n)]


FIRST = [
    "Maria",
    "James",
    "Aisha",
    "Luis",
    "Chen",
    "Fatima",
    "John",
    "Priya",
    "Omar",
    "Grace",
    "Kevin",
    "Ana",
    "Wei",
    "Jamal",
    "Elena",
    "Carlos",
    "Sofia",
    "David",
    "Mohammed",
    "Linda",
    "Jose",
    "Rosa",
    "Michael",
    "Nadia",
    "Samuel",
]
LAST = [
    "Garcia",
    "Smith",
    "Johnson",
    "Nguyen",
    "Rodriguez",
    "Patel",
    "Kim",
    "Williams",
    "Brown",
    "Jones",
    "Lopez",
    "Martinez",
    "Lee",
    "Walker",
    "Hernandez",
    "Rivera",
    "Cohen",
    "Singh",
    "Diaz",
    "Okafor",
    "Murphy",
    "Torres",
    "Ramirez",
    "Khan",
    "Wong",
]
r0 = Random(1)
FULL = [f"{r0.choice(FIRST)} {r0.choice(LAST)}" for _ in range(60)]
LAST_FIRST = [f"{r0.choice(LAST)}, {r0.choice(FIRST)}" for _ in range(60)]
NYC_ZIPS = "10002 10025 10027 10451 10456 11201 11212 11226 11354 11373 10301 10314".split()  # noqa: SIM905 (reads better than 12 quoted)
CINS = [
    f"{a}{b}{r0.randint(10000, 99999)}{c}"
    for a, b, c in zip("ABCDEFGHJKLM" * 5, "NPRSTUVWXYZA" * 5, "QRSTUVWXYZAB" * 5, strict=True)
]
DOBS = [
    f"{r0.randint(1940, 2004)}-{r0.randint(1, 12):02d}-{r0.randint(1, 28):02d}" for _ in range(80)
]
PLATES = [
    f"{a}{b}C-{r0.randint(1000, 9999)}"
    for a, b in zip("ABCDEFGHJK" * 5, "KLMNPRSTUV" * 5, strict=True)
]
BBLS = [f"{r0.randint(1, 5)}{r0.randint(1, 16000):05d}{r0.randint(1, 150):04d}" for _ in range(40)]
RECORD_IDS = [f"C{100000 + i * 37:07d}" for i in range(60)]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param(_cycle(FIRST), E.PERSON, id="given-names"),
        pytest.param(_cycle(LAST), E.PERSON, id="surnames"),
        pytest.param(FULL, E.PERSON, id="first-last"),
        pytest.param(LAST_FIRST, E.PERSON, id="last-comma-first"),
        pytest.param(_cycle(NYC_ZIPS), E.ZIP_CODE, id="nyc-zip"),
        pytest.param([f"{z}-{i:04d}" for i, z in enumerate(_cycle(NYC_ZIPS), 11)], E.ZIP_CODE,
                     id="zip-plus4"),
        pytest.param(_cycle(["M", "F", "F", "M", "X"]), E.GENDER_IDENTITY, id="sex-letters"),
        pytest.param(_cycle(["Male", "Female", "Non-binary", "Unknown"]), E.GENDER_IDENTITY,
                     id="gender-words"),
        pytest.param(_cycle(["Black", "Hispanic", "Asian", "White", "Declined", "Multiracial"]),
                     E.RACE_ETHNICITY, id="race"),
        pytest.param(_cycle(["Black or African American", "White", "Asian", "Hispanic/Latino",
                             "Unknown"]), E.RACE_ETHNICITY, id="race-census-labels"),
        pytest.param(_cycle(["English", "Spanish", "Bengali", "Mandarin", "Haitian Creole",
                             "Russian", "Arabic"]), E.LANGUAGE, id="language"),
        pytest.param(_cycle(["Mexican", "Dominican", "Haitian", "Ecuadorian", "Jamaican"]),
                     E.NATIONALITY, id="nationality"),
        pytest.param(_cycle(["Single", "Married", "Divorced", "Widowed"]), E.MARITAL_STATUS,
                     id="marital"),
        pytest.param(CINS, E.NY_MEDICAID_CIN, id="medicaid-cin"),
        pytest.param(PLATES, E.LICENSE_PLATE, id="ny-plate"),
        pytest.param(BBLS, E.NYC_BBL, id="bbl"),
        pytest.param(DOBS, E.DATE_OF_BIRTH, id="birth-dates"),
        pytest.param(RECORD_IDS, E.CASE_NUMBER, id="client-record-ids"),
    ],
)  # fmt: skip
def test_type_recognized_from_values_with_a_hidden_header(
    full_analyzer: TextAnalyzer, values: list[str], expected: E
) -> None:
    verdict = _classify(full_analyzer, values)
    assert verdict.top is not None
    assert verdict.top.entity_type is expected
    assert verdict.top.source == "values"
    assert verdict.top.confidence >= Settings().min_score
    evidence = {e.entity_type: e.confidence for e in column_evidence(values)}
    assert 0.5 <= evidence[expected] < 0.85  # at the scan threshold, below a header


def _numbers(make: object) -> list[str]:
    r = Random(5)
    return [str(make(r)) for _ in range(80)]  # type: ignore[operator]


NEGATIVES = [
    pytest.param(_numbers(lambda r: r.randint(0, 20)), id="small-counts"),
    pytest.param(_numbers(lambda r: int(r.expovariate(1 / 8000))), id="large-counts"),
    pytest.param(_numbers(lambda r: r.randint(10000, 99999)), id="five-digit-numbers"),
    pytest.param(_numbers(lambda r: r.randint(20, 120) * 1000), id="round-amounts"),
    pytest.param(_numbers(lambda r: f"{r.uniform(5, 2500):.2f}"), id="decimal-amounts"),
    pytest.param([str(i) for i in range(1, 81)], id="row-numbers"),
    pytest.param([str(10001 + i) for i in range(80)], id="sequential-five-digit-ids"),
    pytest.param(_cycle(["Open", "Closed", "Pending", "Approved", "Denied"]), id="status"),
    pytest.param(_cycle(["Y", "N"]), id="flag-yn"),
    pytest.param(_cycle(["True", "False"]), id="flag-bool"),
    pytest.param(_cycle(["0", "1"]), id="flag-01"),
    pytest.param(_cycle(["S", "M", "L", "XL"]), id="sizes"),
    pytest.param(_cycle(["A", "B", "C", "D", "F"]), id="grades"),
    pytest.param(_cycle(["High", "Medium", "Low"]), id="priority"),
    pytest.param(_cycle(["Black", "White", "Silver", "Red", "Gray"]), id="car-colours"),
    pytest.param(_cycle(["Black", "White"]), id="only-colour-words"),
    pytest.param(_cycle(["Clerk", "Driver", "Cook", "Baker", "Nurse", "Carpenter", "Mason",
                         "Porter", "Analyst", "Manager", "Teacher", "Guard"]), id="job-titles"),
    pytest.param(_cycle(["January", "February", "March", "April", "May", "June", "July",
                         "August", "September", "October", "November", "December"]), id="months"),
    pytest.param(_cycle(["Brooklyn", "Bronx", "Queens", "Manhattan", "Staten Island"]),
                 id="boroughs-are-not-names"),
    pytest.param([f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in (3, 9, 17, 25)],
                 id="recent-event-dates"),
    pytest.param([f"{y}-03-04 10:{y % 60:02d}" for y in range(1950, 2000)], id="timestamps"),
    pytest.param([f"{Random(i).getrandbits(64):016x}" for i in range(50)], id="hashes"),
    pytest.param(_cycle(["Housing", "Food", "Legal", "Health", "Education"]), id="services"),
    pytest.param([f"{i} days" for i in range(80)], id="durations"),
]  # fmt: skip


@pytest.mark.parametrize("values", NEGATIVES)
def test_non_identifying_columns_get_no_value_evidence(
    full_analyzer: TextAnalyzer, values: list[str]
) -> None:
    assert column_evidence(values, allowed=full_analyzer.entities) == []
    with_evidence = _classify(full_analyzer, values)
    without = _classify(full_analyzer, values, evidence=False)
    assert with_evidence.entity_types == without.entity_types


def test_a_handful_of_values_proves_nothing() -> None:
    assert column_evidence(NYC_ZIPS[: MIN_COLUMN_VALUES - 1]) == []
    assert column_evidence(NYC_ZIPS[:MIN_COLUMN_VALUES])


def test_only_recognizable_types_are_reported() -> None:
    assert column_evidence(_cycle(NYC_ZIPS), allowed={E.US_SSN}) == []
    found = column_evidence(_cycle(NYC_ZIPS), allowed={E.ZIP_CODE})
    assert [e.entity_type for e in found] == [E.ZIP_CODE]


def _confidence(values: list[str], entity: E) -> float:
    found = {e.entity_type: e.confidence for e in column_evidence(values)}
    return found.get(entity, 0.0)


def test_confidences_follow_the_evidence(full_analyzer: TextAnalyzer) -> None:
    # more values, more support
    assert _confidence(CINS[:10], E.NY_MEDICAID_CIN) < _confidence(CINS, E.NY_MEDICAID_CIN)
    # a larger share of fitting values
    diluted = CINS[:51] + ["n/a"] * 9
    assert 0 < _confidence(diluted, E.NY_MEDICAID_CIN) < _confidence(CINS, E.NY_MEDICAID_CIN)
    # ZIP+4 and New York City prefixes prove more than other assigned prefixes
    elsewhere = _cycle(["60601", "60614", "90012", "94110", "02134", "33130", "77002", "30303"])
    plus4 = [f"{z}-1234" for z in _cycle(NYC_ZIPS)]
    assert 0.5 <= _confidence(elsewhere, E.ZIP_CODE) < _confidence(_cycle(NYC_ZIPS), E.ZIP_CODE)
    assert _confidence(_cycle(NYC_ZIPS), E.ZIP_CODE) <= _confidence(plus4, E.ZIP_CODE)
    # words prove more than letter codes
    letters = _confidence(_cycle(["M", "F"]), E.GENDER_IDENTITY)
    assert 0 < letters < _confidence(_cycle(["Male", "Female"]), E.GENDER_IDENTITY)
    # whole names prove more than single given names
    assert _confidence(_cycle(FIRST), E.PERSON) < _confidence(FULL, E.PERSON)
    # a header outranks values alone, and both together outrank either
    zips = _cycle(NYC_ZIPS)
    values_only = _classify(full_analyzer, zips).entity_types[0]
    both = _classify(full_analyzer, zips, header="zip").entity_types[0]
    assert values_only.confidence < 0.85 < both.confidence
    assert (values_only.source, both.source) == ("values", "both")


def test_language_words_that_are_also_nationalities_lower_the_confidence() -> None:
    shared = _cycle(["English", "Spanish", "Polish", "Russian", "Korean"])
    exclusive = _cycle(["Bengali", "Mandarin", "Cantonese", "Urdu", "Yiddish"])
    assert 0 < _confidence(shared, E.LANGUAGE) < _confidence(exclusive, E.LANGUAGE)


def test_evidence_never_quotes_a_value() -> None:
    columns = [_cycle(FIRST), FULL, _cycle(NYC_ZIPS), CINS, DOBS, RECORD_IDS, _cycle(["M", "F"])]
    for values in columns:
        found = column_evidence(values)
        assert found
        for e in found:
            assert not any(v in e.basis for v in set(values) if len(v) > 1), e.entity_type


def test_birth_dates_replace_the_plain_date_type(full_analyzer: TextAnalyzer) -> None:
    types = [t.entity_type for t in _classify(full_analyzer, DOBS).entity_types]
    assert types == [E.DATE_OF_BIRTH]
    assert E.DATE_TIME in {
        t.entity_type for t in _classify(full_analyzer, DOBS, evidence=False).entity_types
    }


def test_a_header_naming_another_date_vetoes_the_birth_reading(
    full_analyzer: TextAnalyzer,
) -> None:
    assert E.DATE_OF_BIRTH not in {
        t.entity_type for t in _classify(full_analyzer, DOBS, header="hire_date").entity_types
    }
    dob = _classify(full_analyzer, DOBS, header="birth_date").entity_types[0]
    assert (dob.entity_type, dob.source) == (E.DATE_OF_BIRTH, "both")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1989-07-10", (date(1989, 7, 10), False)),
        ("7/10/1989", (date(1989, 7, 10), False)),
        ("07-10-89", (date(1989, 7, 10), False)),
        ("19890710", (date(1989, 7, 10), False)),
        ("July 10th, 1989", (date(1989, 7, 10), False)),
        ("10 Jul 1989", (date(1989, 7, 10), False)),
        ("2024-01-05 10:22", (date(2024, 1, 5), True)),
        ("1989-13-10", None),
        ("Flub 10, 1989", None),
        ("12345", None),
    ],
)
def test_parse_date(value: str, expected: tuple[date, bool] | None) -> None:
    assert parse_date(value, TODAY) == expected


def test_birth_dates_need_ages_of_people() -> None:
    recognizer = BirthDateColumn(TODAY)

    def years(lo: int, hi: int) -> ColumnSample:
        r = Random(lo)
        return ColumnSample.of(f"{r.randint(lo, hi)}-05-{r.randint(1, 28):02d}" for _ in range(80))

    assert recognizer.evidence(years(1940, 2005))
    assert not recognizer.evidence(years(2018, 2025))  # recent: visits, enrollments
    assert not recognizer.evidence(years(1995, 2025))  # no one older than 31
    assert not recognizer.evidence(years(1960, 2026))  # a tenth under five: records
    assert not recognizer.evidence(years(1880, 1950))  # ages past 110


def test_zip_prefixes_come_from_the_usps_matrix() -> None:
    prefixes = us_zip3()
    assert {"100", "112", "606", "900", "995"} <= prefixes
    assert not {"000", "213", "899"} & prefixes
    assert not ZipCodeColumn().evidence(ColumnSample.of(["00012", "00123", "21301"] * 10))


def test_a_record_number_gives_way_to_a_specific_type() -> None:
    phone = ValueMatch(E.PHONE_NUMBER, 60, 60, 0.7)
    fallback = ColumnEvidence(E.CASE_NUMBER, 60, 60, 0.6, "record numbers", fallback=True)
    assert [m.entity_type for m in merge_evidence([phone], [fallback])] == [E.PHONE_NUMBER]
    assert [m.entity_type for m in merge_evidence([], [fallback])] == [E.CASE_NUMBER]
    cins = merge_evidence([], column_evidence(CINS))
    assert [m.entity_type for m in cins] == [E.NY_MEDICAID_CIN]


def test_the_bundled_client_extract_is_typed_with_its_headers_hidden(
    full_analyzer: TextAnalyzer,
) -> None:
    with (sample_dir() / "clients.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    expected = {
        "client_id": E.CASE_NUMBER, "first_name": E.PERSON, "last_name": E.PERSON,
        "dob": E.DATE_OF_BIRTH, "ssn": E.US_SSN, "cin": E.NY_MEDICAID_CIN,
        "address": E.STREET_ADDRESS, "borough": E.LOCATION, "zip": E.ZIP_CODE,
        "phone": E.PHONE_NUMBER, "email": E.EMAIL_ADDRESS, "sex": E.GENDER_IDENTITY,
        "race": E.RACE_ETHNICITY, "primary_language": E.LANGUAGE,
    }  # fmt: skip
    found_before: set[E] = set()
    for i, (name, entity) in enumerate(expected.items()):
        verdict = _classify(full_analyzer, [row[name] for row in rows], header=f"col{i}")
        assert verdict.top is not None, name
        assert verdict.top.entity_type is entity, name
        baseline = _classify(
            full_analyzer, [row[name] for row in rows], header=f"col{i}", evidence=False
        )
        found_before.update(t.entity_type for t in baseline.entity_types)
    # the columns the text recognizers could not type without a header
    missing_before = set(expected.values()) - found_before
    assert {E.PERSON, E.NY_MEDICAID_CIN, E.ZIP_CODE, E.GENDER_IDENTITY} <= missing_before
