"""Column names → entity types: the synonyms and abbreviations city data systems use.

A header is normalized first (``firstName``, ``First Name``, ``first.name`` and
``FIRST_NAME`` all become ``first_name``), then matched:

* the whole normalized name is a synonym → confidence of the synonym (0.9 for
  unambiguous ones like ``ssn``, lower for loose ones like ``name``);
* a run of its tokens is a synonym (``client_ssn``, ``home_zip_code``) → 0.15 less;
* a token marks a derived column (``ssn_verified_flag``, ``has_email``, ``dob_count``):
  no type. Such columns hold a flag or a count *about* the identifier, not the
  identifier itself; their values are still classified on their own.

Free-text hints (``notes``, ``comments``, ``narrative``) carry no entity type but make the
scanner analyze the column as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cityprivacy.detect.entities import EntityType as E

__all__ = ["FREE_TEXT_HINTS", "HeaderMatch", "classify_header", "normalize_header"]

# entity type: (confidence of an exact match, space-separated normalized synonyms)
_TABLE: dict[E, tuple[float, str]] = {
    E.US_SSN: (
        0.9,
        "ssn soc_sec soc_sec_no soc_sec_num social_security social_security_no "
        "social_security_number ss_num ss_no ssn4 ssn_last4 last4_ssn",
    ),
    E.US_ITIN: (0.9, "itin taxpayer_id tin"),
    E.DATE_OF_BIRTH: (
        0.9,
        "dob birth_dt birth_date date_of_birth birthdate birthday bdate dt_of_birth",
    ),
    E.PERSON: (
        0.85,
        "fname first_nm first_name firstname lname last_nm last_name lastname surname "
        "given_name middle_name mname mi full_name fullname person_name client_name "
        "patient_name maiden_name name",
    ),
    E.NY_MEDICAID_CIN: (0.9, "cin medicaid_id medicaid_no medicaid_cin client_cin"),
    E.NYC_BBL: (0.9, "bbl boro_block_lot borough_block_lot"),
    E.NYC_OSIS: (0.9, "osis osis_id osis_no student_id student_no"),
    E.ZIP_CODE: (0.85, "zip zipcode zip_code zip5 zip4 postal postal_code postcode"),
    E.STREET_ADDRESS: (
        0.85,
        "addr address street street_address addr1 addr2 address1 address2 address_line "
        "address_line1 street_name house_no apt apt_no unit",
    ),
    E.PHONE_NUMBER: (
        0.85,
        "phone phone_no phone_num phone_number tel telephone cell cell_phone mobile "
        "mobile_phone fax",
    ),
    E.EMAIL_ADDRESS: (0.9, "email e_mail email_address mail"),
    E.IP_ADDRESS: (0.85, "ip ip_addr ip_address ipv4 ipv6 client_ip"),
    E.MAC_ADDRESS: (0.85, "mac mac_addr mac_address"),
    E.IMEI: (0.9, "imei device_imei"),
    E.LICENSE_PLATE: (0.85, "plate plate_no plate_id plate_number license_plate lic_plate tag_no"),
    E.VIN: (0.9, "vin vehicle_id_number vehicle_identification_number"),
    E.US_PASSPORT: (0.9, "passport passport_no passport_num passport_number"),
    E.US_DRIVER_LICENSE: (
        0.9,
        "dl dl_num dl_no dln drivers_license driver_license drivers_license_no "
        "license_no lic_no nondriver_id",
    ),
    E.US_BANK_NUMBER: (
        0.85,
        "acct acct_no acct_num account_no account_number bank_account bank_acct",
    ),
    E.ABA_ROUTING_NUMBER: (0.9, "routing routing_no routing_number aba aba_no"),
    E.IBAN_CODE: (0.9, "iban"),
    E.CREDIT_CARD: (0.9, "card_no card_num card_number cc cc_no cc_num credit_card pan"),
    E.GPS_COORDINATES: (
        0.8,
        "lat lon lng long latitude longitude lat_lon latlon geo coordinates gps x_coord y_coord",
    ),
    E.GENDER_IDENTITY: (0.8, "gender sex gender_identity"),
    E.SEXUAL_ORIENTATION: (0.9, "sexual_orientation orientation"),
    E.RACE_ETHNICITY: (0.85, "race ethnicity ethnic race_ethnicity hispanic"),
    E.RELIGION: (0.85, "religion religious_affiliation faith"),
    E.LANGUAGE: (
        0.8,
        "lang language primary_language primary_lang language_spoken home_language "
        "preferred_language",
    ),
    E.NATIONALITY: (
        0.85,
        "nationality country_of_origin birth_country country_of_birth place_of_birth "
        "birthplace pob",
    ),
    E.IMMIGRATION_STATUS: (
        0.9,
        "citizenship citizenship_status immigration_status immig_status visa_status "
        "alien_no a_number",
    ),
    E.MARITAL_STATUS: (0.85, "marital marital_status marital_stat civil_status"),
    E.ORGANIZATION: (0.7, "employer employer_name company workplace"),
    E.EMPLOYMENT_STATUS: (0.6, "employment_status employed occupation job_title emp_status"),
    E.AGE: (0.8, "age age_years age_at_event"),
    E.HEIGHT_WEIGHT: (0.8, "height weight ht wt bmi"),
    E.MEDICAL_RECORD_NUMBER: (0.85, "mrn medical_record_no medical_record_number"),
    E.CASE_NUMBER: (0.7, "case_no case_num case_number docket docket_no"),
    E.CRIMINAL_HISTORY: (0.8, "arrest arrest_charge conviction criminal_history charge"),
    E.PUBLIC_ASSISTANCE: (0.8, "snap public_assistance medicaid_status benefit_type tanf wic"),
    E.SOCIAL_MEDIA: (0.85, "twitter instagram facebook social_media handle"),
    E.URL: (0.6, "url website homepage"),
}
LOOSE = frozenset(
    {
        "name",
        "mi",
        "unit",
        "apt",
        "long",
        "geo",
        "cell",
        "mail",
        "charge",
        "handle",
        "pan",
        "cc",
        "dl",
        "tin",
        "aba",
        "ht",
        "wt",
        "orientation",
    }
)
"""Synonyms too ambiguous to count when they appear only inside a longer name."""

FREE_TEXT_HINTS = frozenset(
    {
        "notes",
        "note",
        "comments",
        "comment",
        "narrative",
        "remarks",
        "description",
        "desc",
        "details",
        "summary",
        "text",
        "message",
        "body",
        "memo",
        "free_text",
        "freetext",
        "observations",
        "story",
    }
)
_DERIVED = frozenset(
    {
        "flag",
        "flg",
        "ind",
        "indicator",
        "verified",
        "valid",
        "validated",
        "is",
        "has",
        "yn",
        "cnt",
        "count",
        "missing",
        "present",
        "exists",
        "len",
        "length",
        "hash",
        "hashed",
        "source",
        "src",
        "updated",
        "changed",
    }
)
_PARTIAL_PENALTY = 0.15
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

_LOOKUP: dict[str, tuple[E, float]] = {
    synonym: (entity, confidence)
    for entity, (confidence, synonyms) in _TABLE.items()
    for synonym in synonyms.split()
}
_LONGEST = max(s.count("_") + 1 for s in _LOOKUP)


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """What a column name says: an entity type with a confidence, and/or a free-text hint."""

    entity_type: E | None
    confidence: float
    synonym: str = ""
    free_text_hint: bool = False


def normalize_header(name: str) -> str:
    """``firstName`` / ``First Name`` / ``first.name`` / ``FIRST-NAME`` → ``first_name``."""
    split = _CAMEL.sub("_", name.strip())
    return _NON_ALNUM.sub("_", split.lower()).strip("_")


def classify_header(name: str) -> HeaderMatch:
    """The entity type a column name points to, if any."""
    norm = normalize_header(name)
    tokens = norm.split("_") if norm else []
    hint = bool(FREE_TEXT_HINTS & set(tokens)) or norm in FREE_TEXT_HINTS
    if not tokens or _DERIVED & set(tokens):
        return HeaderMatch(None, 0.0, free_text_hint=hint)
    if norm in _LOOKUP:
        entity, confidence = _LOOKUP[norm]
        return HeaderMatch(entity, confidence, norm, hint)
    compact = norm.replace("_", "")
    if compact in _LOOKUP and compact not in LOOSE:
        entity, confidence = _LOOKUP[compact]
        return HeaderMatch(entity, confidence, compact, hint)
    for size in range(min(_LONGEST, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            run = "_".join(tokens[start : start + size])
            if run in _LOOKUP and run not in LOOSE:
                entity, confidence = _LOOKUP[run]
                return HeaderMatch(entity, round(confidence - _PARTIAL_PENALTY, 2), run, hint)
    return HeaderMatch(None, 0.0, free_text_hint=hint)
