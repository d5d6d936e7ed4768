"""Finding each quasi-identifier's hierarchy in a folder of CSV files and YAML rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityprivacy.errors import InputError, PolicyError
from cityprivacy.protect.hierarchy import Hierarchy, RuleHierarchy, load_hierarchies


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_and_arx_names_and_yaml_rules(tmp_path: Path) -> None:
    write(tmp_path, "sex.csv", "M;*\nF;*\n")
    write(tmp_path, "adult_hierarchy_race.csv", "White;*\nBlack;*\n")
    write(tmp_path, "rules.yml", "hierarchies:\n  age: {type: intervals, widths: [10]}\n")
    write(tmp_path, "unrelated_hierarchy_zip.csv", "not;a;valid\nhierarchy\n")
    found = load_hierarchies(tmp_path, ["age", "sex", "race"])
    assert list(found) == ["age", "sex", "race"]
    assert isinstance(found["sex"], Hierarchy)
    assert isinstance(found["race"], Hierarchy)
    assert isinstance(found["age"], RuleHierarchy)


def test_a_column_defined_twice_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "sex.csv", "M;*\nF;*\n")
    write(tmp_path, "rules.yaml", "hierarchies:\n  sex: {type: mask}\n")
    with pytest.raises(PolicyError, match="'sex' has a hierarchy here and in"):
        load_hierarchies(tmp_path, ["sex"])


def test_a_quasi_identifier_without_hierarchy_is_named(tmp_path: Path) -> None:
    write(tmp_path, "sex.csv", "M;*\nF;*\n")
    with pytest.raises(InputError, match="no hierarchy for 'age', 'zip'"):
        load_hierarchies(tmp_path, ["sex", "age", "zip"])


def test_a_broken_rules_file_is_reported_even_for_other_columns(tmp_path: Path) -> None:
    write(tmp_path, "sex.csv", "M;*\nF;*\n")
    write(tmp_path, "broken.yaml", "hierarchies:\n  zip: {type: prefix, keep: [1, 2]}\n")
    with pytest.raises(PolicyError) as caught:
        load_hierarchies(tmp_path, ["sex"])
    assert caught.value.line == 2


def test_the_folder_must_exist(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        load_hierarchies(tmp_path / "nope", ["sex"])
