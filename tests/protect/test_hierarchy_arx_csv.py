"""ARX's hierarchy CSV files: reading, and validation errors that name the line, not values."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityprivacy.errors import HierarchyError, PolicyError
from cityprivacy.protect.hierarchy import Hierarchy, parse_arx_csv, read_arx_csv

ADULT = Path(__file__).resolve().parents[1] / "data" / "adult"


def test_reads_the_adult_age_hierarchy() -> None:
    hierarchy = read_arx_csv(ADULT / "adult_hierarchy_age.csv", "age")
    assert hierarchy.column == "age"
    assert hierarchy.height == 5
    assert len(hierarchy.rows) == 100
    row = dict(zip(hierarchy.values, hierarchy.rows, strict=True))["39"]
    assert row[-1] == "*"
    assert len(set(hierarchy.level(4))) == 1


@pytest.mark.parametrize(
    ("name", "height", "rows"),
    [
        pytest.param("sex", 2, 2, id="sex"),
        pytest.param("education", 4, 16, id="education"),
        pytest.param("native-country", 3, 41, id="native-country-no-final-newline"),
        pytest.param("workclass", 3, 8, id="workclass"),
    ],
)
def test_reads_every_adult_hierarchy(name: str, height: int, rows: int) -> None:
    hierarchy = read_arx_csv(ADULT / f"adult_hierarchy_{name}.csv", name)
    assert (hierarchy.height, len(hierarchy.rows)) == (height, rows)


def test_blank_lines_bom_and_crlf_are_accepted() -> None:
    hierarchy = parse_arx_csv("\ufeffa;x;*\r\n\r\nb;x;*\r\nc;y;*\r\n\r\n", "col")
    assert hierarchy.values == ("a", "b", "c")
    assert hierarchy.level(1) == ("x", "x", "y")


def test_a_comma_separated_file_is_read_with_commas() -> None:
    assert parse_arx_csv("a,x,*\nb,y,*\n", "col").level(1) == ("x", "y")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param("a;x;*\nb;*\n", 2, "2 levels", id="ragged-row"),
        pytest.param("a;x;*\n\nSECRET;x;*\nSECRET;y;*\n", 4, "already given on line 3", id="dup"),
        pytest.param(
            "a;x;*\nb;x;*\nc;y;*\nd;x;Z\n", 4, "function of the level below", id="not-monotone"
        ),
        pytest.param("a;x;*\nb;;*\n", 2, "empty label at level 1", id="empty-label"),
    ],
)
def test_invalid_files_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(PolicyError) as caught:
        parse_arx_csv(text, "col", source="h.csv")
    assert caught.value.line == line
    assert caught.value.source == "h.csv"
    assert words in str(caught.value)
    assert "SECRET" not in str(caught.value)


def test_an_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="empty"):
        read_arx_csv(path, "col")


def test_an_unreadable_file_is_a_policy_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("caf\xe9;*\n".encode("latin-1"))
    with pytest.raises(
        PolicyError, match=r"latin1\.csv: cannot read the hierarchy: not UTF-8 at byte 3"
    ):
        read_arx_csv(path, "col")


def test_a_value_missing_from_the_hierarchy_names_the_column_not_the_value() -> None:
    hierarchy = Hierarchy("zip", (("10027", "1002*", "*"), ("10451", "1045*", "*")))
    assert hierarchy.materialize(["10027"]) is hierarchy
    with pytest.raises(HierarchyError) as caught:
        hierarchy.materialize(["10027", "11201"])
    assert caught.value.column == "zip"
    assert "'zip'" in str(caught.value)
    assert "11201" not in str(caught.value)
