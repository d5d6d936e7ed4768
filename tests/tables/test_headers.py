"""Column names → entity types, including look-alikes that must not match."""

from __future__ import annotations

import pytest

from cityprivacy.detect.entities import EntityType as E
from cityprivacy.detect.tables.headers import classify_header, normalize_header


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        pytest.param("firstName", "first_name", id="camel"),
        pytest.param("First Name", "first_name", id="spaces"),
        pytest.param("first.name", "first_name", id="dots"),
        pytest.param("FIRST-NAME", "first_name", id="upper-dash"),
        pytest.param("  Client SSN# ", "client_ssn", id="punctuation"),
        pytest.param("DOBDate", "dob_date", id="acronym-then-word"),
    ],
)
def test_normalize_header(raw: str, normalized: str) -> None:
    assert normalize_header(raw) == normalized


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param("ssn", E.US_SSN, id="ssn"),
        pytest.param("SOC_SEC", E.US_SSN, id="soc_sec"),
        pytest.param("social_security_no", E.US_SSN, id="social_security_no"),
        pytest.param("ClientSSN", E.US_SSN, id="client-ssn-partial"),
        pytest.param("DOB", E.DATE_OF_BIRTH, id="dob"),
        pytest.param("birth_dt", E.DATE_OF_BIRTH, id="birth_dt"),
        pytest.param("fname", E.PERSON, id="fname"),
        pytest.param("First_Nm", E.PERSON, id="first_nm"),
        pytest.param("lname", E.PERSON, id="lname"),
        pytest.param("CIN", E.NY_MEDICAID_CIN, id="cin"),
        pytest.param("medicaidId", E.NY_MEDICAID_CIN, id="medicaid_id"),
        pytest.param("BBL", E.NYC_BBL, id="bbl"),
        pytest.param("osis", E.NYC_OSIS, id="osis"),
        pytest.param("student_id", E.NYC_OSIS, id="student_id"),
        pytest.param("zip", E.ZIP_CODE, id="zip"),
        pytest.param("ZipCode", E.ZIP_CODE, id="zipcode-camel"),
        pytest.param("home_zip_code", E.ZIP_CODE, id="zip-partial"),
        pytest.param("postal", E.ZIP_CODE, id="postal"),
        pytest.param("addr", E.STREET_ADDRESS, id="addr"),
        pytest.param("street", E.STREET_ADDRESS, id="street"),
        pytest.param("Phone", E.PHONE_NUMBER, id="phone"),
        pytest.param("tel", E.PHONE_NUMBER, id="tel"),
        pytest.param("cell", E.PHONE_NUMBER, id="cell"),
        pytest.param("e-mail", E.EMAIL_ADDRESS, id="e-mail"),
        pytest.param("ip", E.IP_ADDRESS, id="ip"),
        pytest.param("mac", E.MAC_ADDRESS, id="mac"),
        pytest.param("IMEI", E.IMEI, id="imei"),
        pytest.param("plate", E.LICENSE_PLATE, id="plate"),
        pytest.param("VIN", E.VIN, id="vin"),
        pytest.param("passport", E.US_PASSPORT, id="passport"),
        pytest.param("dl_num", E.US_DRIVER_LICENSE, id="dl_num"),
        pytest.param("acct_no", E.US_BANK_NUMBER, id="acct_no"),
        pytest.param("routing", E.ABA_ROUTING_NUMBER, id="routing"),
        pytest.param("IBAN", E.IBAN_CODE, id="iban"),
        pytest.param("card_no", E.CREDIT_CARD, id="card_no"),
        pytest.param("lat", E.GPS_COORDINATES, id="lat"),
        pytest.param("lon", E.GPS_COORDINATES, id="lon"),
        pytest.param("gender", E.GENDER_IDENTITY, id="gender"),
        pytest.param("race", E.RACE_ETHNICITY, id="race"),
        pytest.param("ethnicity", E.RACE_ETHNICITY, id="ethnicity"),
        pytest.param("religion", E.RELIGION, id="religion"),
        pytest.param("lang", E.LANGUAGE, id="lang"),
        pytest.param("primaryLanguage", E.LANGUAGE, id="primary_language"),
        pytest.param("citizenship", E.IMMIGRATION_STATUS, id="citizenship"),
        pytest.param("immigration_status", E.IMMIGRATION_STATUS, id="immigration_status"),
        pytest.param("marital", E.MARITAL_STATUS, id="marital"),
        pytest.param("employer", E.ORGANIZATION, id="employer"),
        pytest.param("occupation", E.EMPLOYMENT_STATUS, id="occupation"),
        # negatives: flags and counts *about* an identifier, and look-alike words
        pytest.param("ssn_verified_flag", None, id="neg-ssn-flag"),
        pytest.param("has_email", None, id="neg-has-email"),
        pytest.param("phone_count", None, id="neg-phone-count"),
        pytest.param("is_hispanic", None, id="neg-is-flag"),
        pytest.param("zipper_size", None, id="neg-zipper"),
        pytest.param("shipping_method", None, id="neg-ship-not-ip"),
        pytest.param("file_name", None, id="neg-loose-name-inside"),
        pytest.param("cellular_plan", None, id="neg-cellular"),
        pytest.param("record_id", None, id="neg-id"),
        pytest.param("notes", None, id="neg-notes-is-free-text"),
    ],
)
def test_classify_header(header: str, expected: E | None) -> None:
    assert classify_header(header).entity_type == expected


def test_exact_names_are_more_confident_than_partial_ones() -> None:
    exact = classify_header("ssn")
    partial = classify_header("client_ssn")
    assert exact.confidence > partial.confidence > 0.5


@pytest.mark.parametrize(
    ("header", "hint"),
    [
        pytest.param("notes", True, id="notes"),
        pytest.param("caseComments", True, id="comments"),
        pytest.param("incident_narrative", True, id="narrative"),
        pytest.param("zip", False, id="zip"),
    ],
)
def test_free_text_hints(header: str, hint: bool) -> None:
    assert classify_header(header).free_text_hint is hint
