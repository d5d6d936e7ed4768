"""Codes written right after their field label: case numbers and medical record numbers."""

from __future__ import annotations

import pytest
from recognizer_support import raw_findings

from cityprivacy.detect.entities import EntityType

CASE, MRN = EntityType.CASE_NUMBER, EntityType.MEDICAL_RECORD_NUMBER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Case No. QX-40417-22 was reopened.", [("QX-40417-22", CASE)], id="case-no"),
        pytest.param("CASE# B7731905  CLIENT", [("B7731905", CASE)], id="case-hash-caps"),
        pytest.param("My client ID is 2019-448120.", [("2019-448120", CASE)], id="client-id-is"),
        pytest.param("case_number=553120877-03", [("553120877-03", CASE)], id="snake-label"),
        pytest.param("Docket # 88213/2023", [("88213/2023", CASE)], id="docket"),
        pytest.param("MRN 611-0392 on file", [("611-0392", MRN)], id="mrn-short"),
        pytest.param("Patient ID: H2204719", [("H2204719", MRN)], id="patient-id"),
        pytest.param("Case number: 04/12/2024", [], id="date-is-not-a-code"),
        pytest.param("Case number: 212-555-0147", [], id="phone-is-not-a-code"),
        pytest.param("In this case 123 people came.", [], id="case-without-label-form"),
        pytest.param("MRN: pending", [], id="no-digits"),
        pytest.param("chart 12 shows", [], id="too-few-digits"),
    ],
)
def test_labeled_codes(text: str, expected: list[tuple[str, EntityType]]) -> None:
    found = [
        (text[f.start : f.end], f.entity_type) for f in raw_findings("generic.labeled_id", text)
    ]
    assert found == expected
