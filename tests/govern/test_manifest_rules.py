"""Each rule of ``cityprivacy check``: a manifest that breaks it and one that does not.

The base manifest is clean; each case changes a few values and expects exactly the listed
rule codes. Lines are checked where the violation's place matters.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cityprivacy.govern.manifest import (
    RULES,
    Violation,
    check_manifest,
    load_manifest,
    parse_manifest,
)
from cityprivacy.taxonomy import Taxonomy, load_taxonomy

ON = date(2026, 9, 1)
TAXONOMY = load_taxonomy()
ROOT = Path(__file__).resolve().parents[2]
DELETE = object()

BASE: dict[str, Any] = {
    "version": 1,
    "agency": "DSS",
    "systems": [
        {
            "name": "Cases",
            "datasets": [
                {
                    "name": "Applicants",
                    "purpose": "Determine eligibility",
                    "mission_justification": "Benefits are the agency's mission",
                    "retention": {"schedule_item": "DSS-0042", "period_months": 84},
                    "fields": [
                        {"name": "full_name", "types": ["name"], "collection_basis": "routine"},
                        {
                            "name": "ssn",
                            "types": ["ssn"],
                            "collection_basis": "law",
                            "basis_reference": "Social Services Law 134-b",
                        },
                        {"name": "notes"},
                    ],
                }
            ],
        }
    ],
    "designations": [
        {
            "ref": "collect-names",
            "applies_to": "collection",
            "types": ["name"],
            "effective_from": "2024-01-01",
        },
        {
            "ref": "referrals",
            "types": ["name", "address"],
            "recipient_type": "city_agency",
            "effective_from": "2024-01-01",
            "review_on": "2030-01-01",
        },
        {
            "ref": "rosters",
            "types": ["name"],
            "recipient_type": "third_party",
            "agreement_required": True,
            "effective_from": "2024-01-01",
        },
        {
            "ref": "never-ssn",
            "types": ["ssn"],
            "never_routine": True,
            "effective_from": "2024-01-01",
        },
    ],
    "agreements": [
        {
            "ref": "DSA-1",
            "recipient": "Gotham University",
            "recipient_type": "third_party",
            "types": ["name", "ssn"],
            "future_use_clause": "Any future use is bound by Admin Code 23-12",
            "effective_from": "2024-01-01",
            "expires_on": "2030-01-01",
        }
    ],
    "disclosures": [
        {
            "name": "referral",
            "recipient": "Department of Homeless Services",
            "recipient_type": "city_agency",
            "types": ["name"],
            "basis": "routine",
            "dataset": "Applicants",
            "purpose": "Shelter placement",
            "mission_justification": "Housing families",
        },
        {
            "name": "study",
            "recipient": "Gotham University",
            "recipient_type": "third_party",
            "types": ["name", "ssn"],
            "basis": "apo_approval",
            "agreement": "DSA-1",
            "purpose": "Evaluation",
            "mission_justification": "Evidence for programs",
        },
    ],
}

FIELD = ("systems", 0, "datasets", 0, "fields")
DATASET = ("systems", 0, "datasets", 0)
Change = tuple[tuple[str | int, ...], object]


def build(changes: Sequence[Change] = ()) -> str:
    data = copy.deepcopy(BASE)
    for path, value in changes:
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if value is DELETE:
            del parent[last]
        elif isinstance(parent, list) and last == len(parent):
            parent.append(value)
        else:
            parent[last] = value
    return yaml.safe_dump(data, sort_keys=False)


def check(
    changes: Sequence[Change] = (), *, on: date = ON, taxonomy: Taxonomy = TAXONOMY
) -> list[Violation]:
    return check_manifest(parse_manifest(build(changes), "m.yaml"), taxonomy, on=on)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


THIRD_DISCLOSURE = ("disclosures", 2)
ROSTER = {
    "name": "roster",
    "recipient": "Five Boroughs League",
    "recipient_type": "third_party",
    "types": ["name"],
    "basis": "routine",
    "purpose": "League registration",
    "mission_justification": "Youth sports",
}
IMMIGRATION = {
    "name": "to-federal",
    "recipient": "A federal immigration authority",
    "recipient_type": "other_government",
    "recipient_tags": ["federal_immigration_authority"],
    "types": ["immigration_status"],
    "basis": "apo_approval",
    "purpose": "Requested",
    "mission_justification": "None",
}


def test_the_base_manifest_is_clean() -> None:
    assert check() == []


CASES = [
    # taxonomy
    pytest.param([((*FIELD, 1, "types"), ["ssnn"])], ["unknown-type"], id="unknown-type"),
    pytest.param([((*FIELD, 1, "types"), ["ssn"])], [], id="known-type"),
    # purpose, mission, retention: the dataset's, or each field's own
    pytest.param([((*DATASET, "purpose"), DELETE)], ["missing-purpose"], id="no-purpose"),
    pytest.param(
        [
            ((*DATASET, "purpose"), ""),
            ((*FIELD, 0, "purpose"), "Address the applicant"),
            ((*FIELD, 1, "purpose"), "Verify identity"),
        ],
        [],
        id="purpose-on-every-identifying-field",
    ),
    pytest.param(
        [((*DATASET, "mission_justification"), "  ")],
        ["missing-mission-justification"],
        id="no-mission",
    ),
    pytest.param([((*DATASET, "retention"), DELETE)], ["missing-retention"], id="no-retention"),
    pytest.param(
        [
            ((*DATASET, "retention"), DELETE),
            ((*FIELD, 0, "retention"), {"schedule_item": "DSS-1"}),
            ((*FIELD, 1, "retention"), {"schedule_item": "DSS-2"}),
        ],
        [],
        id="retention-on-every-identifying-field",
    ),
    pytest.param(
        [
            ((*DATASET, "purpose"), DELETE),
            ((*FIELD, 0, "types"), []),
            ((*FIELD, 1, "types"), []),
            (("disclosures", 0, "dataset"), DELETE),
        ],
        [],
        id="no-identifying-field-needs-no-purpose",
    ),
    # collection basis
    pytest.param(
        [((*FIELD, 1, "collection_basis"), DELETE)],
        ["missing-collection-basis"],
        id="no-collection-basis",
    ),
    pytest.param(
        [((*FIELD, 1, "basis_reference"), DELETE)], ["no-lawful-basis"], id="law-unreferenced"
    ),
    pytest.param(
        [((*FIELD, 0, "types"), ["name", "address"])],
        ["no-lawful-basis"],
        id="routine-collection-not-designated",
    ),
    pytest.param(
        [
            ((*FIELD, 0, "types"), ["name", "address"]),
            (("designations", 0, "types"), ["name", "address"]),
        ],
        [],
        id="routine-collection-designated",
    ),
    pytest.param(
        [
            (
                ("designations", 4),
                {
                    "ref": "never-collect-names",
                    "applies_to": "collection",
                    "types": ["name"],
                    "never_routine": True,
                    "effective_from": "2024-01-01",
                },
            )
        ],
        ["never-routine"],
        id="never-routine-collection",
    ),
    # disclosures: routine or not
    pytest.param(
        [(("disclosures", 0, "recipient_type"), "other_government")],
        ["routine-not-designated"],
        id="routine-not-designated",
    ),
    pytest.param(
        [(("designations", 1, "review_on"), "2026-08-31")],
        ["routine-not-designated"],
        id="designation-past-its-review-date",
    ),
    pytest.param([(("disclosures", 1, "basis"), "routine")], ["never-routine"], id="never-routine"),
    pytest.param(
        [(("disclosures", 1, "types"), ["name"]), (("disclosures", 1, "basis"), "routine")],
        [],
        id="routine-without-never-routine-type",
    ),
    pytest.param(
        [(THIRD_DISCLOSURE, ROSTER)],
        ["designation-requires-agreement"],
        id="designation-requires-agreement",
    ),
    pytest.param(
        [(THIRD_DISCLOSURE, {**ROSTER, "agreement": "DSA-1"})],
        [],
        id="designation-with-agreement",
    ),
    # third parties
    pytest.param(
        [(("disclosures", 1, "agreement"), DELETE)],
        ["third-party-agreement"],
        id="third-party-without-agreement",
    ),
    pytest.param(
        [
            (("disclosures", 1, "agreement"), DELETE),
            (
                ("disclosures", 1, "agreement_exception"),
                {"kind": "no_privacy_interest_compromised", "reason": "Only counts leave"},
            ),
        ],
        [],
        id="third-party-with-exception",
    ),
    pytest.param(
        [(("agreements", 0, "types"), ["name"])],
        ["third-party-agreement"],
        id="agreement-missing-a-type",
    ),
    pytest.param(
        [(("agreements", 0, "status"), "draft")],
        ["third-party-agreement"],
        id="agreement-in-draft",
    ),
    pytest.param(
        [(("agreements", 0, "expires_on"), "2026-09-01")],
        ["third-party-agreement"],
        id="agreement-expired",
    ),
    pytest.param(
        [(("disclosures", 1, "agreement"), "DSA-9")],
        ["third-party-agreement", "unknown-agreement"],
        id="unknown-agreement",
    ),
    pytest.param(
        [(("disclosures", 1, "agreement"), 17)],
        ["third-party-agreement", "unknown-agreement"],
        id="office-agreement-without-office",
    ),
    pytest.param(
        [
            (("disclosures", 1, "agreement"), DELETE),
            (("disclosures", 1, "agreement_exception"), {"kind": "exigent"}),
        ],
        ["exception-without-reason"],
        id="exception-without-reason",
    ),
    pytest.param(
        [(("agreements", 0, "future_use_clause"), DELETE)],
        ["agreement-future-use"],
        id="agreement-without-future-use-clause",
    ),
    # citywide rules
    pytest.param([(THIRD_DISCLOSURE, IMMIGRATION)], ["citywide-rule"], id="citywide-rule"),
    pytest.param(
        [(THIRD_DISCLOSURE, {**IMMIGRATION, "basis": "legal_process"})],
        [],
        id="citywide-rule-allows-legal-process",
    ),
    pytest.param(
        [(THIRD_DISCLOSURE, {**IMMIGRATION, "recipient_tags": []})],
        [],
        id="citywide-rule-other-recipient",
    ),
    # the rest
    pytest.param([(("disclosures", 0, "basis"), "exigent")], ["exigent-planned"], id="exigent"),
    pytest.param(
        [(("disclosures", 0, "purpose"), DELETE)], ["missing-purpose"], id="disclosure-purpose"
    ),
    pytest.param(
        [(("disclosures", 0, "mission_justification"), "")],
        ["missing-mission-justification"],
        id="disclosure-mission",
    ),
    pytest.param(
        [(("disclosures", 0, "dataset"), "Nope")], ["unknown-dataset"], id="unknown-dataset"
    ),
    pytest.param(
        [(("disclosures", 0, "types"), ["name", "address"])],
        ["type-not-inventoried"],
        id="type-not-inventoried",
    ),
    pytest.param(
        [(("disclosures", 0, "types"), ["name", "address"]), ((*FIELD, 2, "types"), ["address"])],
        ["missing-collection-basis"],
        id="type-inventoried-but-field-has-no-basis",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_rule(changes: list[Change], expected: list[str]) -> None:
    assert sorted(v.rule for v in check(changes)) == expected


def test_every_rule_has_a_failing_case() -> None:
    failing = {rule for case in CASES for rule in case.values[1]}
    assert failing | {"retired-type"} == set(RULES)


def test_retired_types_are_refused_from_their_retirement() -> None:
    ssn = TAXONOMY.types["ssn"].model_copy(update={"retired_on": date(2026, 6, 1)})
    retiring = Taxonomy(version="test", types={**TAXONOMY.types, "ssn": ssn})
    assert check(on=date(2026, 5, 31), taxonomy=retiring) == []
    found = check(on=ON, taxonomy=retiring)
    assert {v.rule for v in found} == {"retired-type"}
    assert {v.subject for v in found} == {
        "field Applicants.ssn",
        "designation 'never-ssn'",
        "agreement 'DSA-1'",
        "disclosure 'study'",
    }


def test_violations_point_at_the_line_to_change() -> None:
    changes: list[Change] = [
        ((*FIELD, 1, "types"), ["ssnn"]),
        (("disclosures", 1, "agreement"), "DSA-9"),
        (("disclosures", 0, "basis"), "exigent"),
    ]
    text = build(changes)
    by_rule = {v.rule: v for v in check(changes)}
    assert by_rule["unknown-type"].line == line_of(text, "- ssnn")
    assert "did you mean ssn" in by_rule["unknown-type"].message
    assert by_rule["unknown-agreement"].line == line_of(text, "agreement: DSA-9")
    assert by_rule["exigent-planned"].line == line_of(text, "basis: exigent")
    assert str(by_rule["exigent-planned"]).startswith(
        f"m.yaml:{line_of(text, 'basis: exigent')}: exigent-planned: disclosure 'referral': "
    )


def test_messages_say_why_an_agreement_does_not_cover() -> None:
    for change, reason in (
        ((("agreements", 0, "types"), ["name"]), "does not name ssn"),
        ((("agreements", 0, "status"), "terminated"), "is terminated"),
        ((("agreements", 0, "expires_on"), "2026-09-01"), "expired on 2026-09-01"),
        ((("agreements", 0, "effective_from"), "2026-10-01"), "takes effect on 2026-10-01"),
    ):
        (violation,) = check([change])
        assert violation.message.endswith(f"agreement 'DSA-1' of the manifest {reason}")


def test_a_violation_names_the_citywide_rule() -> None:
    (violation,) = check([(THIRD_DISCLOSURE, IMMIGRATION)])
    assert "immigration-status-to-federal-immigration" in violation.message
    assert violation.as_dict()["rule"] == "citywide-rule"


def test_the_example_manifest_breaks_one_rule_once() -> None:
    path = ROOT / "examples" / "agency-manifest.yaml"
    manifest = load_manifest(path)
    (violation,) = check_manifest(manifest, TAXONOMY, on=ON)
    text = path.read_text(encoding="utf-8")
    assert violation.rule == "third-party-agreement"
    assert violation.subject == "disclosure 'rosters-to-sports-league'"
    assert violation.line == line_of(text, "- name: rosters-to-sports-league")
    assert manifest.counts() == {"systems": 1, "datasets": 2, "fields": 8, "disclosures": 3}


def test_a_violation_only_knows_catalogued_rules() -> None:
    with pytest.raises(ValueError, match="unknown manifest rule"):
        Violation("m.yaml", 1, "no-such-rule", "x", "y")


def test_every_rule_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule}`" in readme, f"README does not document manifest rule {rule}"
