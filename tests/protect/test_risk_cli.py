"""``cityprivacy risk``: the human report, JSON, population as a size or a file, bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.config import get_settings

runner = CliRunner()

PATIENTS = """age,sex,zip,dx
30,F,10027,flu
30,F,10027,flu
30,F,10027,cold
40,M,11201,flu
40,M,11201,hiv
50,F,10301,cold
"""


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def patients(tmp_path: Path) -> Path:
    path = tmp_path / "patients.csv"
    path.write_text(PATIENTS, encoding="utf-8")
    return path


def test_human_report(patients: Path) -> None:
    result = runner.invoke(app, ["risk", str(patients), "--qi", "age,sex", "-s", "dx"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Equivalence classes" in out
    assert "prosecutor" in out
    assert "journalist risk equals prosecutor risk" in out
    assert "k = 1 is below the policy minimum of 5" in out
    assert "0.6667 (equal distance)" in out  # t = 2/3
    assert "Class sizes" in out
    assert "10027" not in out  # no values in the report


def test_json_report(patients: Path) -> None:
    result = runner.invoke(app, ["risk", str(patients), "--qi", "age, sex", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["quasi_identifiers"] == ["age", "sex"]
    assert data["classes"]["k"] == 1
    assert data["classes"]["histogram"] == [
        {"size": 1, "classes": 1},
        {"size": 2, "classes": 1},
        {"size": 3, "classes": 1},
    ]
    assert data["prosecutor"]["average"] == pytest.approx(0.5)
    assert data["threshold"] == pytest.approx(0.2)
    assert data["diversity"] is None


def test_threshold_comes_from_settings(patients: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITYPRIVACY_RISK_THRESHOLD", "0.4")
    result = runner.invoke(app, ["risk", str(patients), "--qi", "age,sex", "--json"])
    data = json.loads(result.stdout)
    assert data["threshold"] == pytest.approx(0.4)
    assert data["prosecutor"]["records_at_risk"] == pytest.approx(0.5)  # 1/3 is not above 0.4
    result = runner.invoke(app, ["risk", str(patients), "--qi", "age,sex", "-t", "0.5", "--json"])
    assert json.loads(result.stdout)["prosecutor"]["records_at_risk"] == pytest.approx(1 / 6)


@pytest.mark.parametrize("size", ["60", "1_000", "1,000"])
def test_population_size(patients: Path, size: str) -> None:
    result = runner.invoke(
        app, ["risk", str(patients), "--qi", "age,sex", "--population", size, "--json"]
    )
    assert result.exit_code == 0, result.output
    population = json.loads(result.stdout)["population"]
    assert population["population_size"] == int(size.replace("_", "").replace(",", ""))
    assert population["model"] in {"pitman", "zayatz"}


def test_population_file(patients: Path, tmp_path: Path) -> None:
    register = tmp_path / "register.tsv"
    rows = ["age\tsex"] + ["30\tF"] * 4 + ["40\tM"] * 5 + ["50\tF"] * 2 + ["60\tM"]
    register.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["risk", str(patients), "--qi", "age,sex", "-p", str(register)])
    assert result.exit_code == 0, result.output
    assert "journalist risk equals" not in result.stdout
    assert "1 population uniques" in result.stdout  # (60,M)
    result = runner.invoke(
        app, ["risk", str(patients), "--qi", "age,sex", "-p", str(register), "--json"]
    )
    data = json.loads(result.stdout)
    # F: (30,F) 4, (40,M) 5, (50,F) 2 → highest journalist risk 1/2
    assert data["journalist"]["highest"] == pytest.approx(0.5)
    assert data["journalist_basis"] == "population table"


def test_ordered_and_categorical_switch(tmp_path: Path) -> None:
    path = tmp_path / "pay.csv"
    path.write_text("g,pay\nA,1\nA,1\nB,2\nB,3\nC,3\nC,3\nC,5\n", encoding="utf-8")
    ordered = runner.invoke(app, ["risk", str(path), "--qi", "g", "-s", "pay", "--json"])
    categorical = runner.invoke(
        app, ["risk", str(path), "--qi", "g", "-s", "pay", "--categorical", "--json"]
    )
    assert json.loads(ordered.stdout)["closeness"] == {
        "t": pytest.approx(10 / 21),
        "distance": "ordered",
    }
    assert json.loads(categorical.stdout)["closeness"] == {
        "t": pytest.approx(5 / 7),
        "distance": "equal",
    }


def test_suppressed_marker(tmp_path: Path) -> None:
    path = tmp_path / "anon.csv"
    path.write_text("age,sex\n*,*\n30,F\n30,F\n", encoding="utf-8")
    result = runner.invoke(
        app, ["risk", str(path), "--qi", "age,sex", "--suppressed-marker", "*", "--json"]
    )
    data = json.loads(result.stdout)
    assert data["suppressed_records"] == 1
    assert data["classes"]["k"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--qi", "age,zipcode"],
            "no column 'zipcode'; its columns are: age, sex, zip, dx",
            id="qi",
        ),
        pytest.param(["--qi", "age", "-s", "diagnosis"], "no column 'diagnosis'", id="sensitive"),
        pytest.param(["--qi", "age", "-s", "dx", "--ordered"], "non-numeric", id="ordered-text"),
        pytest.param(
            ["--qi", "age", "-p", "nowhere.csv"], "neither a whole number nor a file", id="pop"
        ),
        pytest.param(["--qi", "age", "-p", "0"], "at least 1", id="pop-zero"),
        pytest.param(
            ["--qi", "age", "-p", "3"], "smaller than the table's 6 records", id="pop-small"
        ),
        pytest.param(["--qi", "age", "-t", "0"], "threshold", id="threshold-zero"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    patients: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["risk", str(patients), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "flu" not in result.stderr


def test_empty_file_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["risk", str(empty), "--qi", "age"])
    assert result.exit_code == 2
    assert "empty.csv" in result.stderr


def test_header_only_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("age,sex\n", encoding="utf-8")
    result = runner.invoke(app, ["risk", str(path), "--qi", "age"])
    assert result.exit_code == 2
    assert "header.csv: the table has no records" in result.stderr
