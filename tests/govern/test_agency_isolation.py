"""Agency isolation: one scope for every query; other agencies' records answer 404."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template

from cityprivacy.errors import NotFoundError, PermissionDeniedError
from cityprivacy.govern import Actor, CollectionBasis, NewDisclosure, Office, RecipientType

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]


def _draft(office: Office, actor: Actor, agency: str) -> int:
    request = NewDisclosure.model_validate(
        {
            "agency_code": agency,
            "kind": "proposal",
            "recipient_name": "Library",
            "recipient_type": "city_agency",
            "categories": ["name"],
            "record_count": 1,
            "purpose": "p",
            "mission_justification": "m",
            "basis": "apo_approval",
        }
    )
    with office.unit(actor) as o:
        return o.disclosures.create(request).id


@pytest.fixture
def drafts(office: Office, city: City) -> dict[str, int]:
    return {
        "DSS": _draft(office, city.staff, "DSS"),
        "ACME": _draft(office, city.acme_apo, "ACME"),
        "HRA": _draft(office, city.hra_staff, "HRA"),
    }


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        pytest.param("staff", {"DSS", "ACME"}, id="agency-staff-see-their-contractors"),
        pytest.param("acme_apo", {"ACME"}, id="contractor-apo-sees-only-its-own"),
        pytest.param("hra_apo", {"HRA"}, id="other-agency"),
        pytest.param("cpo", {"DSS", "ACME", "HRA"}, id="cpo-sees-all"),
        pytest.param("auditor", {"DSS", "ACME", "HRA"}, id="auditor-sees-all"),
    ],
)
def test_lists_and_reads_are_scoped(
    office: Office, city: City, drafts: dict[str, int], who: str, sees: set[str]
) -> None:
    actor: Actor = getattr(city, who)
    with office.unit(actor) as o:
        listed = {d.id for d in o.disclosures.list()}
        assert listed == {drafts[code] for code in sees}
        for code, disclosure_id in drafts.items():
            if code in sees:
                assert o.disclosures.get(disclosure_id).id == disclosure_id
            else:
                with pytest.raises(NotFoundError, match=f"disclosure {disclosure_id} not found"):
                    o.disclosures.get(disclosure_id)


def test_another_agencys_record_is_not_found_for_every_action(
    office: Office, city: City, drafts: dict[str, int]
) -> None:
    for action in ("submit", "approve", "deny", "escalate", "history"):
        with pytest.raises(NotFoundError), office.unit(city.hra_apo) as o:
            getattr(o.disclosures, action)(drafts["DSS"])
    draft_in = NewDisclosure.model_validate(
        {
            "agency_code": "DSS",
            "kind": "proposal",
            "recipient_name": "x",
            "recipient_type": "city_agency",
            "categories": ["name"],
            "record_count": 1,
            "purpose": "p",
            "mission_justification": "m",
            "basis": "apo_approval",
        }
    )
    with pytest.raises(NotFoundError), office.unit(city.hra_staff) as o:
        o.disclosures.create(draft_in)


def test_an_unknown_id_and_a_hidden_one_answer_alike(
    office: Office, city: City, drafts: dict[str, int]
) -> None:
    messages = []
    for disclosure_id in (drafts["DSS"], 999_999):
        with pytest.raises(NotFoundError) as info, office.unit(city.hra_apo) as o:
            o.disclosures.get(disclosure_id)
        messages.append(str(info.value).replace(str(disclosure_id), "N"))
    assert messages[0] == messages[1]


def test_auditors_change_nothing(office: Office, city: City, drafts: dict[str, int]) -> None:
    for action in ("submit", "approve", "deny", "escalate"):
        with pytest.raises(PermissionDeniedError), office.unit(city.auditor) as o:
            getattr(o.disclosures, action)(drafts["DSS"])
    with pytest.raises(PermissionDeniedError), office.unit(city.auditor) as o:
        o.inventory.create_system("DSS", "Case management")


@pytest.mark.parametrize("who", ["apo", "staff", "admin"])
def test_only_the_cpo_changes_citywide_records(office: Office, city: City, who: str) -> None:
    params: dict[str, Any] = {
        "categories": ["name"],
        "purpose": "Citywide referrals",
        "effective_from": date(2026, 1, 1),
        "recipient_type": RecipientType.CITY_AGENCY,
    }
    with pytest.raises(PermissionDeniedError), office.unit(getattr(city, who)) as o:
        o.designations.create(**params)
    with office.unit(city.cpo) as o:
        citywide = o.designations.create(**params)
    assert citywide.organization_id is None
    with office.unit(city.hra_staff) as o:  # everyone sees citywide designations
        assert [d.id for d in o.designations.list()] == [citywide.id]
    with pytest.raises(PermissionDeniedError), office.unit(city.apo) as o:
        o.designations.revoke(citywide.id)


def test_inventory_is_scoped_too(office: Office, city: City) -> None:
    with office.unit(city.staff) as o:
        system = o.inventory.create_system("DSS", "Case management")
        dataset = o.inventory.create_dataset(system.id, "Clients", purpose="Casework")
        field = o.inventory.create_field(
            dataset.id,
            "client_name",
            categories=["name"],
            collection_basis=CollectionBasis.ROUTINE,
        )
    assert (field.types, field.taxonomy_version) == (["name"], "2026.1")
    with office.unit(city.hra_apo) as o:
        assert o.inventory.systems() == []
        assert o.inventory.fields() == []
        with pytest.raises(NotFoundError):
            o.inventory.create_dataset(system.id, "Stolen")
    with office.unit(city.auditor) as o:
        assert [f.name for f in o.inventory.fields()] == ["client_name"]
