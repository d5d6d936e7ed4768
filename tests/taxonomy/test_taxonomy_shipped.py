"""The shipped taxonomy: complete against the law, consistent with the detector, frozen."""

from __future__ import annotations

import ast
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

import cityprivacy.taxonomy as taxonomy_pkg
from cityprivacy.detect.entities import EntityType
from cityprivacy.errors import UnknownEntityError
from cityprivacy.taxonomy import IdentifyingType, Taxonomy, load_taxonomy

LAW_DATE = date(2018, 6, 15)
TAXONOMY = load_taxonomy()

# Every example that DOMAIN.md lists from Admin Code § 23-1201, and the key that holds it.
STATUTORY_EXAMPLES = {
    "name": "name",
    "sexual orientation": "sexual_orientation",
    "gender identity": "gender_identity",
    "race": "race",
    "marital or partnership status": "marital_status",
    "status as a victim of domestic violence or sexual assault": "victim_or_witness_status",
    "status as a crime victim or witness": "victim_or_witness_status",
    "citizenship or immigration status": "immigration_status",
    "eligibility for or receipt of public assistance or city services": "public_assistance",
    "any information from income-tax records": "income_tax_information",
    "information from any NYPD surveillance system": "nypd_surveillance_information",
    "motor vehicle information or license plate number": "motor_vehicle",
    "biometrics such as fingerprints and photographs": "biometrics",
    "height": "height_weight",
    "weight": "height_weight",
    "languages spoken": "languages_spoken",
    "religion": "religion",
    "nationality": "national_origin",
    "country of origin": "national_origin",
    "place of birth": "national_origin",
    "arrest record or criminal conviction": "criminal_history",
    "employment status": "employment_status",
    "employer information": "employer",
    "current and previous home and work addresses": "address",
    "contact information such as phone number and email address": "contact_information",
    "social-media account information": "social_media_account",
    "date or time of release from ACS, DOC or NYPD custody": "custody_release",
}
UNCONFIRMED_EXAMPLES = {
    "scheduled court dates": "scheduled_court_date",
    "scheduled appointments with city staff or contractors": "scheduled_appointment",
}
CPO_DESIGNATED = {
    "ssn": "cpo_designated",
    "ip_address": "cpo_designated",
    "device_identifier": "cpo_designated_likely",
    "gps_location": "cpo_designated_likely",
}
CITY_PRACTICE = [
    "date_of_birth",
    "passport_number",
    "drivers_license",
    "taxpayer_id",
    "bank_account",
    "payment_card",
    "medical_record_number",
    "medicaid_cin",
    "student_id",
    "property_lot",
]
BREACH_PRIVATE = {
    "ssn",
    "drivers_license",
    "bank_account",
    "payment_card",
    "biometrics",
    "account_credentials",
}
# The fideslang data categories (v3.2 names, none deprecated) the shipped file may use.
FIDESLANG = {
    "user.name",
    "user.demographic.sexual_orientation",
    "user.demographic.gender",
    "user.demographic.race_ethnicity",
    "user.demographic.marital_status",
    "user.demographic.citizenship_or_immigration_status",
    "user.government_id.immigration",
    "user.financial",
    "user.government_id.vehicle_registration",
    "user.biometrics",
    "user.biometrics.fingerprint",
    "user.content.self_image",
    "user.demographic.language",
    "user.demographic.religious_belief",
    "user.demographic.protected_classifications",
    "user.government_id.birth_certificate",
    "user.criminal_history",
    "user.professional_information",
    "user.professional_information.workplace",
    "user.contact.address",
    "user.contact.address.street",
    "user.contact.address.postal_code",
    "user.contact.address.city",
    "user.contact.email",
    "user.contact.phone_number",
    "user.contact.social_url",
    "user.account.username",
    "user.government_id.national_identification_number",
    "user.device.ip_address",
    "user.device.device_id",
    "user.location.precise",
    "user.demographic.date_of_birth",
    "user.demographic.age_range",
    "user.government_id.passport_number",
    "user.government_id.drivers_license_number",
    "user.financial.bank_account",
    "user.financial.credit_card",
    "user.authorization.credentials",
    "user.health.record_id",
    "user.health.insurance_beneficiary_id",
    "user.unique_id",
    "user.children",
}


def test_shipped_file_loads_with_a_version() -> None:
    assert TAXONOMY.version == "2026.1"
    assert len(TAXONOMY.types) >= len(set(STATUTORY_EXAMPLES.values())) + len(CPO_DESIGNATED)


def test_shipped_taxonomy_is_cached() -> None:
    assert load_taxonomy() is TAXONOMY


@pytest.mark.parametrize("entity", list(EntityType), ids=str)
def test_every_entity_type_belongs_to_exactly_one_active_type(entity: EntityType) -> None:
    owners = [t.key for t in TAXONOMY.active() if entity in t.detected_by]
    assert len(owners) == 1, owners
    assert TAXONOMY.category_for(entity) == owners[0]
    assert TAXONOMY.by_entity[entity] == owners[0]


def test_detected_by_names_only_real_entity_types() -> None:
    claimed = Counter(e for t in TAXONOMY.types.values() for e in t.detected_by)
    assert set(claimed) == {e.value for e in EntityType}
    assert max(claimed.values()) == 1


@pytest.mark.parametrize(
    ("example", "key"),
    [pytest.param(ex, key, id=key + ":" + ex[:30]) for ex, key in STATUTORY_EXAMPLES.items()],
)
def test_statutory_example_is_present(example: str, key: str) -> None:
    t = TAXONOMY.get(key)
    assert t.status == "statutory"
    assert "23-1201" in t.legal_source
    assert t.effective_from == LAW_DATE


@pytest.mark.parametrize(("example", "key"), list(UNCONFIRMED_EXAMPLES.items()))
def test_unconfirmed_examples_are_marked_unconfirmed(example: str, key: str) -> None:
    assert TAXONOMY.get(key).status == "unconfirmed"


@pytest.mark.parametrize(("key", "status"), list(CPO_DESIGNATED.items()))
def test_cpo_designated_types(key: str, status: str) -> None:
    t = TAXONOMY.get(key)
    assert t.status == status
    assert "Citywide Privacy Protection Policies and Protocols § 3" in t.legal_source


@pytest.mark.parametrize("key", CITY_PRACTICE)
def test_city_practice_types(key: str) -> None:
    t = TAXONOMY.get(key)
    assert t.status == "city_practice"
    assert t.legal_source.startswith("Treated as identifying (city practice)")


def test_breach_private_information_flags() -> None:
    flagged = {t.key for t in TAXONOMY.types.values() if t.breach_private_information}
    assert flagged == BREACH_PRIVATE
    assert all("10-501" in TAXONOMY.get(k).legal_source for k in BREACH_PRIVATE)


@pytest.mark.parametrize("t", list(TAXONOMY.types.values()), ids=lambda t: t.key)
def test_presidio_crosswalk_matches_the_detected_entities(t: IdentifyingType) -> None:
    expected = {EntityType[e].presidio for e in t.detected_by} - {None}
    assert set(t.presidio) == expected


@pytest.mark.parametrize("t", list(TAXONOMY.types.values()), ids=lambda t: t.key)
def test_fideslang_keys_are_known_categories(t: IdentifyingType) -> None:
    assert set(t.fideslang) <= FIDESLANG


@pytest.mark.parametrize(
    ("entity", "key"),
    [
        pytest.param(EntityType.TITLE, "name", id="title-is-part-of-name"),
        pytest.param(EntityType.DATE_TIME, "date_time", id="date-time"),
        pytest.param(EntityType.LOCATION, "address", id="location-is-address"),
        pytest.param(EntityType.GPS_COORDINATES, "gps_location", id="gps-separate"),
        pytest.param(EntityType.VIN, "motor_vehicle", id="vin-is-vehicle-info"),
        pytest.param(EntityType.ABA_ROUTING_NUMBER, "bank_account", id="routing"),
        pytest.param("US_SSN", "ssn", id="plain-string"),
        pytest.param("NOT_AN_ENTITY", "", id="unknown-entity-empty"),
        pytest.param("us_ssn", "", id="case-sensitive"),
    ],
)
def test_category_for(entity: str, key: str) -> None:
    assert TAXONOMY.category_for(entity) == key


def test_nothing_is_active_before_the_law() -> None:
    assert TAXONOMY.active(date(2018, 6, 14)) == []
    assert len(TAXONOMY.active(LAW_DATE)) == len(TAXONOMY.types)
    assert TAXONOMY.category_for(EntityType.US_SSN, on=date(2018, 6, 14)) == ""
    assert TAXONOMY.category_for(EntityType.US_SSN, on=LAW_DATE) == "ssn"


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [pytest.param("sn", "ssn", id="typo"), pytest.param("adress", "address", id="misspelt")],
)
def test_get_unknown_key_suggests_close_matches(key: str, suggestion: str) -> None:
    with pytest.raises(UnknownEntityError, match=f"'{key}'.*did you mean.*{suggestion}"):
        TAXONOMY.get(key)


def test_get_unknown_key_without_close_match_has_no_hint() -> None:
    with pytest.raises(UnknownEntityError) as info:
        TAXONOMY.get("zzzzzz")
    assert "did you mean" not in str(info.value)


def test_models_are_frozen() -> None:
    with pytest.raises(ValidationError):
        TAXONOMY.get("ssn").name = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        TAXONOMY.version = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        TAXONOMY.by_entity["US_SSN"] = "name"  # type: ignore[index]


def test_taxonomy_rejects_two_types_claiming_one_entity() -> None:
    ssn = TAXONOMY.get("ssn")
    twin = ssn.model_copy(update={"key": "ssn_twin"})
    with pytest.raises(ValidationError, match="US_SSN is claimed by both"):
        Taxonomy(version="t", types={"ssn": ssn, "ssn_twin": twin})
    retired = ssn.model_copy(update={"retired_on": date(2020, 1, 1)})
    later = ssn.model_copy(update={"key": "ssn_twin", "effective_from": date(2020, 1, 1)})
    ok = Taxonomy(version="t", types={"ssn": retired, "ssn_twin": later})
    assert ok.category_for("US_SSN") == "ssn_twin"


def test_public_surface() -> None:
    assert taxonomy_pkg.__all__ == sorted(taxonomy_pkg.__all__)
    assert set(taxonomy_pkg.__all__) == {
        "IdentifyingType",
        "Taxonomy",
        "TaxonomyDiff",
        "diff_taxonomies",
        "load_taxonomy",
        "load_taxonomy_file",
    }


def test_taxonomy_never_imports_the_detector() -> None:
    package = Path(taxonomy_pkg.__file__).parent
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("cityprivacy.detect"), source.name
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("cityprivacy.detect") for a in node.names), (
                    source.name
                )
