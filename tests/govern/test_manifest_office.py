"""``cityprivacy check --db``: a manifest checked against an office's records (both backends)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from _office_fixtures import (
    City,
    city,
    database_url,
    fast_hasher,
    office,
    pg_template,
    sqlite_template,
)

from cityprivacy.errors import NotFoundError
from cityprivacy.govern import Actor, AgreementStatus, Basis, Office, RecipientType
from cityprivacy.govern.manifest import (
    DEFAULT_CITYWIDE_RULES,
    Violation,
    check_manifest,
    office_baseline,
    parse_manifest,
)

__all__ = ["city", "database_url", "fast_hasher", "office", "pg_template", "sqlite_template"]

TODAY = date.today()


def test_the_default_rules_are_those_of_a_new_office(office: Office) -> None:
    with office.unit(Actor.system()) as o:
        stored = [
            {
                "code": r.code,
                "description": r.description,
                "types": r.types,
                "recipient_types": r.recipient_types,
                "recipient_tags": r.recipient_tags,
                "allowed_bases": r.allowed_bases,
            }
            for r in o.rules.list()
        ]
    assert stored == [dict(rule) for rule in DEFAULT_CITYWIDE_RULES]


def _records(office: Office, city: City) -> tuple[int, int]:
    """A citywide designation, a DSS and an HRA agreement, and one more citywide rule."""
    with office.unit(city.cpo) as o:
        o.designations.create(
            categories=["name", "contact_information"],
            purpose="Referrals between city agencies",
            effective_from=TODAY - timedelta(days=10),
            recipient_type=RecipientType.CITY_AGENCY,
        )
        o.rules.create(
            code="no-ssn-to-media",
            description="Social Security numbers never go to the media",
            categories=["ssn"],
            allowed_bases=[Basis.LEGAL_PROCESS],
            recipient_tags=["media"],
        )
    ids = []
    for apo, code in ((city.apo, "DSS"), (city.hra_apo, "HRA")):
        with office.unit(apo) as o:
            agreement = o.agreements.create(
                organization_code=code,
                title="Study",
                recipient_name="Gotham University",
                recipient_type=RecipientType.THIRD_PARTY,
                categories=["name", "ssn"],
                purposes="Evaluation",
                permitted_uses="Protocol only",
                future_use_clause="Bound by Admin Code 23-12",
            )
            o.agreements.set_status(agreement.id, AgreementStatus.ACTIVE)
            ids.append(agreement.id)
    return ids[0], ids[1]


def _manifest(agency: str, dss_agreement: int, hra_agreement: int) -> str:
    def disclosure(name: str, extra: str) -> str:
        return (
            f"  - name: {name}\n    recipient: Somebody\n    purpose: P\n"
            f"    mission_justification: M\n{extra}"
        )

    return (
        "version: 1\nagency: "
        + agency
        + "\ndisclosures:\n"
        + "".join(
            (
                disclosure(
                    "referral",
                    "    recipient_type: city_agency\n    types: [name, contact_information]\n"
                    "    basis: routine\n",
                ),
                disclosure(
                    "study",
                    "    recipient_type: third_party\n    types: [name, ssn]\n"
                    f"    basis: apo_approval\n    agreement: {dss_agreement}\n",
                ),
                disclosure(
                    "other-agencys-agreement",
                    "    recipient_type: third_party\n    types: [name]\n"
                    f"    basis: apo_approval\n    agreement: {hra_agreement}\n",
                ),
                disclosure(
                    "press",
                    "    recipient_type: third_party\n    recipient_tags: [media]\n"
                    f"    types: [ssn]\n    basis: apo_approval\n    agreement: {dss_agreement}\n",
                ),
            )
        )
    )


def _rules(violations: list[Violation]) -> list[tuple[str, str]]:
    return sorted((v.subject.split("'")[1], v.rule) for v in violations)


@pytest.mark.parametrize(
    ("agency", "who"),
    [
        ("DSS", "apo"),
        ("ACME", "cpo"),  # a contractor's disclosures are covered by its agency's agreements
    ],
)
def test_the_office_adds_its_designations_agreements_and_rules(
    office: Office, city: City, agency: str, who: str
) -> None:
    dss, hra = _records(office, city)
    manifest = parse_manifest(_manifest(agency, dss, hra), "m.yaml")
    alone = check_manifest(manifest, office.tools.taxonomy, on=TODAY)
    assert _rules(alone) == [
        ("other-agencys-agreement", "third-party-agreement"),
        ("other-agencys-agreement", "unknown-agreement"),
        ("press", "third-party-agreement"),
        ("press", "unknown-agreement"),
        ("referral", "routine-not-designated"),
        ("study", "third-party-agreement"),
        ("study", "unknown-agreement"),
    ]
    with office.unit(getattr(city, who)) as o:
        baseline = office_baseline(o, manifest)
        with_office = check_manifest(manifest, office.tools.taxonomy, on=TODAY, baseline=baseline)
    assert _rules(with_office) == [
        ("other-agencys-agreement", "third-party-agreement"),
        ("other-agencys-agreement", "unknown-agreement"),
        ("press", "citywide-rule"),
    ]
    (refused,) = (v for v in with_office if v.rule == "citywide-rule")
    assert "no-ssn-to-media" in refused.message


def test_what_the_actor_cannot_see_does_not_count(office: Office, city: City) -> None:
    dss, hra = _records(office, city)
    manifest = parse_manifest(_manifest("ACME", dss, hra), "m.yaml")
    with office.unit(city.acme_apo) as o:  # DSS's agreement is not visible to its contractor
        baseline = office_baseline(o, manifest)
    found = check_manifest(manifest, office.tools.taxonomy, on=TODAY, baseline=baseline)
    assert ("study", "unknown-agreement") in _rules(found)
    assert ("referral", "routine-not-designated") not in _rules(found)  # citywide: visible


def test_the_agency_must_exist_in_the_office(office: Office, city: City) -> None:
    manifest = parse_manifest("version: 1\nagency: NOPE\n", "m.yaml")
    with office.unit(city.cpo) as o, pytest.raises(NotFoundError, match="'NOPE' not found"):
        office_baseline(o, manifest)
    hra = parse_manifest("version: 1\nagency: HRA\n", "m.yaml")
    with office.unit(city.apo) as o, pytest.raises(NotFoundError):  # another agency's
        office_baseline(o, hra)
