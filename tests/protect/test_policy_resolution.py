"""Which rule applies: column > entity > category > classification > default."""

from __future__ import annotations

import pytest

from cityprivacy.errors import KeyMaterialError
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.policy import BoundPolicy, parse_policy, resolve_entity
from cityprivacy.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
KEY = SecretKey(b"k" * 32)

FULL = {
    "entities": "entities:\n  US_SSN: {operator: mask}\n",
    "categories": "categories:\n  ssn: {operator: suppress}\n",
    "classifications": "classifications:\n  confidential: {operator: keep}\n",
}


def _policy(*sections: str, columns: str = "") -> str:
    return "version: 1\ndefault: redact\n" + columns + "".join(FULL[s] for s in sections)


@pytest.mark.parametrize(
    ("sections", "where", "operator"),
    [
        pytest.param(("entities", "categories", "classifications"), "entities.US_SSN", "mask",
                     id="entity-first"),
        pytest.param(("categories", "classifications"), "categories.ssn", "suppress",
                     id="then-category"),
        pytest.param(("classifications",), "classifications.confidential", "keep",
                     id="then-classification"),
        pytest.param((), "default", "redact", id="then-default"),
    ],
)  # fmt: skip
def test_the_most_specific_rule_wins(sections: tuple[str, ...], where: str, operator: str) -> None:
    policy = parse_policy(_policy(*sections))
    chosen = resolve_entity(policy, TAXONOMY, "US_SSN")
    assert (chosen.where, chosen.spec.operator) == (where, operator)
    rule = BoundPolicy(policy, TAXONOMY, None).for_entity("US_SSN")
    assert (rule.where, rule.name) == (where, operator)


def test_a_column_rule_beats_every_entity_rule() -> None:
    policy = parse_policy(
        _policy("entities", "categories", columns="columns:\n  ssn: {operator: replace}\n")
    )
    bound = BoundPolicy(policy, TAXONOMY, None)
    rule = bound.for_column("ssn")
    assert rule is not None
    assert (rule.where, rule.name) == ("columns.ssn", "replace")
    assert bound.for_column("other") is None


def test_a_classification_covers_every_category_at_that_level() -> None:
    policy = parse_policy(_policy("classifications"))
    # Medicaid CIN and passport numbers are confidential too; names are private.
    assert resolve_entity(policy, TAXONOMY, "NY_MEDICAID_CIN").where == (
        "classifications.confidential"
    )
    assert resolve_entity(policy, TAXONOMY, "PERSON").where == "default"


def test_an_entity_outside_the_taxonomy_gets_the_default() -> None:
    policy = parse_policy(_policy("categories", "classifications"))
    assert resolve_entity(policy, TAXONOMY, "NOT_AN_ENTITY").where == "default"


def test_a_keyed_rule_without_a_key_fails_when_the_policy_is_bound() -> None:
    policy = parse_policy("version: 1\ndefault: redact\nentities:\n  PERSON: pseudonymize\n")
    with pytest.raises(KeyMaterialError, match="pseudonymize operator needs a secret key"):
        BoundPolicy(policy, TAXONOMY, None)
    rule = BoundPolicy(policy, TAXONOMY, KEY).for_entity("PERSON")
    assert rule.operator.apply("Ana Diaz", entity="PERSON") == rule.operator.apply(
        "ana  diaz", entity="PERSON"
    )


def test_a_key_is_never_required_by_a_policy_without_keyed_rules() -> None:
    bound = BoundPolicy(parse_policy(_policy("entities")), TAXONOMY, None)
    assert bound.for_entity("US_SSN").operator.apply("123-45-6789") == "***-**-6789"


def test_the_public_surfaces_are_sorted_and_complete() -> None:
    import cityprivacy.protect.deidentify as deidentify
    import cityprivacy.protect.policy as policy

    def isort_style(name: str) -> tuple[int, str]:  # as ruff's RUF022 sorts: CONSTANTS first
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    for module in (policy, deidentify):
        assert list(module.__all__) == sorted(module.__all__, key=isort_style)
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name} missing"
