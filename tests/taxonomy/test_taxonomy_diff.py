"""Diffing two taxonomy versions: added, retired, removed and field-level changes."""

from __future__ import annotations

from datetime import date

import pytest

from cityprivacy.taxonomy import Taxonomy, diff_taxonomies, load_taxonomy

BASE = load_taxonomy()


def _with(version: str, **types: object) -> Taxonomy:
    """BASE with ``types`` replaced (a type, or None to drop it)."""
    merged = dict(BASE.types)
    for key, value in types.items():
        if value is None:
            merged.pop(key)
        else:
            merged[key] = value  # type: ignore[assignment]
    return Taxonomy(version=version, types=merged)


def test_identical_taxonomies_have_an_empty_diff() -> None:
    result = diff_taxonomies(BASE, BASE)
    assert result.is_empty
    assert not result.version_changed
    assert result.summary()[-1] == "no type changed"


def test_added_retired_removed_and_changed() -> None:
    ssn = BASE.get("ssn")
    new = _with(
        "2026.2",
        web_address=BASE.get("web_address").model_copy(
            update={"retired_on": date(2026, 3, 1), "retired_reason": "rarely personal"}
        ),
        property_lot=None,
        device_identifier=BASE.get("device_identifier").model_copy(
            update={"status": "cpo_designated"}
        ),
        ssn_card=ssn.model_copy(update={"key": "ssn_card", "detected_by": ()}),
    )
    result = diff_taxonomies(BASE, new)
    assert result.version_changed
    assert result.added == ("ssn_card",)
    assert result.retired == ("web_address",)
    assert result.removed == ("property_lot",)
    assert [c.key for c in result.changed] == ["device_identifier"]
    (change,) = result.changed[0].changes
    assert (change.field, change.old, change.new) == (
        "status",
        "cpo_designated_likely",
        "cpo_designated",
    )
    lines = result.summary()
    assert lines[0] == "version: 2026.1 -> 2026.2"
    assert "+ added    ssn_card" in lines
    assert "- retired  web_address" in lines
    assert any(line.startswith("- REMOVED  property_lot") for line in lines)


def test_retired_type_with_other_changes_reports_both() -> None:
    t = BASE.get("age").model_copy(
        update={"retired_on": date(2027, 1, 1), "classification": "private"}
    )
    result = diff_taxonomies(BASE, _with("x", age=t))
    assert result.retired == ("age",)
    assert [c.field for c in result.changed[0].changes] == ["classification"]


@pytest.mark.parametrize(
    ("old_retired", "new_retired", "retired", "changed_fields"),
    [
        pytest.param(None, date(2027, 1, 1), ("age",), [], id="newly-retired"),
        pytest.param(date(2027, 1, 1), date(2028, 1, 1), (), ["retired_on"], id="retirement-moved"),
        pytest.param(date(2027, 1, 1), None, (), ["retired_on"], id="unretired"),
    ],
)
def test_retirement_changes(
    old_retired: date | None,
    new_retired: date | None,
    retired: tuple[str, ...],
    changed_fields: list[str],
) -> None:
    age = BASE.get("age")
    old = _with("a", age=age.model_copy(update={"retired_on": old_retired}))
    new = _with("b", age=age.model_copy(update={"retired_on": new_retired}))
    result = diff_taxonomies(old, new)
    assert result.retired == retired
    assert [c.field for ch in result.changed for c in ch.changes] == changed_fields


def test_diff_is_json_ready() -> None:
    new = _with("b", age=BASE.get("age").model_copy(update={"effective_from": date(2019, 1, 1)}))
    dumped = diff_taxonomies(BASE, new).model_dump(mode="json")
    assert dumped["changed"] == [
        {
            "key": "age",
            "changes": [{"field": "effective_from", "old": "2018-06-15", "new": "2019-01-01"}],
        }
    ]
