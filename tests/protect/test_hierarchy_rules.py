"""Hierarchies built from YAML rules: intervals, dates, prefixes, masks; errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.errors import HierarchyError, PolicyError
from cityprivacy.protect.hierarchy import load_rules, parse_rules

RULES = """\
hierarchies:
  age: {type: intervals, widths: [5, 10, 20]}
  income:
    type: intervals
    cuts: [[10, 20.5, 50], [20.5]]
  admitted: {type: dates, levels: [month, quarter, year, decade]}
  birth: {type: dates, format: "%m/%d/%Y", levels: [year]}
  zip: {type: prefix}
  code: {type: mask, step: 2}
  short_code: {type: mask, levels: 1, char: "#"}
"""


def rows(column: str, values: list[str]) -> dict[str, tuple[str, ...]]:
    hierarchy = parse_rules(RULES)[column].materialize(values)
    return dict(zip(hierarchy.values, hierarchy.rows, strict=True))


def test_one_file_defines_several_columns() -> None:
    assert set(parse_rules(RULES)) == {
        "age", "income", "admitted", "birth", "zip", "code", "short_code"
    }  # fmt: skip


def test_interval_widths_give_nested_integer_intervals() -> None:
    assert rows("age", ["39", "5", "100"]) == {
        "39": ("39", "35-39", "30-39", "20-39", "*"),
        "5": ("5", "5-9", "0-9", "0-19", "*"),
        "100": ("100", "100-104", "100-109", "100-119", "*"),
    }


def test_interval_cuts_give_open_ended_intervals() -> None:
    assert rows("income", ["3", "15", "22.5", "70"]) == {
        "3": ("3", "<10", "<20.5", "*"),
        "15": ("15", "[10, 20.5)", "<20.5", "*"),
        "22.5": ("22.5", "[20.5, 50)", ">=20.5", "*"),
        "70": ("70", ">=50", ">=20.5", "*"),
    }


def test_dates_go_to_month_quarter_year_decade() -> None:
    assert rows("admitted", ["2024-03-05", "2019-12-31T23:00:00"]) == {
        "2024-03-05": ("2024-03-05", "2024-03", "2024-Q1", "2024", "2020s", "*"),
        "2019-12-31T23:00:00": ("2019-12-31T23:00:00", "2019-12", "2019-Q4", "2019", "2010s", "*"),
    }
    assert rows("birth", ["07/04/1976"])["07/04/1976"] == ("07/04/1976", "1976", "*")


def test_zip_prefixes() -> None:
    assert rows("zip", ["10027"])["10027"] == ("10027", "1002*", "100**", "*")


def test_masking_from_the_right_covers_codes_of_any_length() -> None:
    assert rows("code", ["AB123", "X1"]) == {
        "AB123": ("AB123", "AB1**", "A****", "*"),
        "X1": ("X1", "**", "**", "*"),
    }
    assert rows("short_code", ["AB12"])["AB12"] == ("AB12", "AB1#", "*")


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        pytest.param("age", "forty-two", "is not a number", id="number"),
        pytest.param("age", "-infinity", "is not a finite number", id="infinite"),
        pytest.param("admitted", "2024-13-45", "is not a date", id="date"),
    ],
)
def test_values_a_rule_cannot_label_are_hierarchy_errors(
    column: str, value: str, reason: str
) -> None:
    with pytest.raises(HierarchyError) as caught:
        parse_rules(RULES)[column].materialize(["1", value] if column == "age" else [value])
    assert caught.value.column == column
    assert reason in str(caught.value)
    assert value not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param(
            "hierarchies:\n  age:\n    type: intervals\n    widths: [5, 7]\n",
            4,
            "not a multiple",
            id="widths",
        ),
        pytest.param(
            "hierarchies:\n  age:\n    type: intervals\n    cuts: [[1, 2], [3]]\n",
            4,
            "subset",
            id="cuts-subset",
        ),
        pytest.param(
            "hierarchies:\n  age:\n    type: intervals\n    cuts: [[2, 1]]\n",
            4,
            "increasing",
            id="cuts-order",
        ),
        pytest.param(
            "hierarchies:\n  age: {type: intervals}\n", 2, "either widths or cuts", id="neither"
        ),
        pytest.param("hierarchies:\n  a: 1\n  b: {type: colours}\n", 2, "", id="not-a-mapping"),
        pytest.param(
            "hierarchies:\n  b:\n    type: colours\n", 2, "does not match", id="unknown-type"
        ),
        pytest.param(
            "hierarchies:\n  z:\n    type: prefix\n    keep: [3, 4]\n", 4, "decrease", id="keep"
        ),
        pytest.param(
            "hierarchies:\n  z:\n    type: mask\n    stepp: 1\n", 4, "Extra inputs", id="typo"
        ),
        pytest.param(
            "hierarchies:\n  d:\n    type: dates\n    levels: [year, month]\n",
            4,
            "finer to coarser",
            id="dates",
        ),
        pytest.param(
            "hierarchies:\n  z: {type: prefix}\n  z: {type: mask}\n", 3, "twice", id="duplicate-key"
        ),
        pytest.param("hierarchies: [\n", 2, "invalid YAML", id="syntax"),
        pytest.param("- age\n", 1, "mapping", id="list"),
        pytest.param("columns: {}\n", 1, "hierarchies: Field required", id="wrong-top-key"),
    ],
)
def test_rule_errors_name_the_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(PolicyError) as caught:
        parse_rules(text, source="rules.yaml")
    assert caught.value.source == "rules.yaml"
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"rules.yaml:{line}: ")


def test_load_rules_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    assert load_rules(path)["zip"].source == str(path)
    with pytest.raises(PolicyError, match="cannot read"):
        load_rules(tmp_path / "missing.yaml")


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.integers(-500, 500), min_size=1, max_size=40),
    base=st.integers(1, 7),
    factors=st.lists(st.integers(1, 4), max_size=3),
    start=st.integers(-10, 10),
    codes=st.lists(st.text("0123456789AB", min_size=1, max_size=7), min_size=1, max_size=20),
    step=st.integers(1, 3),
)
def test_rules_always_build_valid_hierarchies(
    values: list[int], base: int, factors: list[int], start: int, codes: list[str], step: int
) -> None:
    """Every rule yields a valid hierarchy (the constructor checks it) ending with ``*``."""
    widths = [base]
    for factor in factors:
        widths.append(widths[-1] * factor)
    cuts = sorted({v // 3 for v in values})
    text = (
        "hierarchies:\n"
        f"  n: {{type: intervals, widths: {widths}, start: {start}}}\n"
        f"  c: {{type: intervals, cuts: [{cuts}, {cuts[::2]}]}}\n"
        f"  m: {{type: mask, step: {step}}}\n"
        "  p: {type: prefix, keep: [3, 1]}\n"
    )
    rules = parse_rules(text)
    numbers = [str(v) for v in values]
    for column, data in (("n", numbers), ("c", numbers), ("m", codes), ("p", codes)):
        hierarchy = rules[column].materialize(data)
        assert set(hierarchy.values) == set(data)
        assert set(hierarchy.level(hierarchy.height - 1)) == {"*"}
