"""``cityprivacy anonymize``: output written atomically, the report, JSON, exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from cityprivacy.cli import app
from cityprivacy.config import get_settings

runner = CliRunner()

PEOPLE = """name,age,zip,dx
Ann,21,10027,flu
Bob,23,10027,cold
Cy,31,10451,flu
Di,33,10452,gout
Ed,21,10027,cold
Flo,31,10451,flu
"""


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "people.csv"
    data.write_text(PEOPLE, encoding="utf-8")
    folder = tmp_path / "hier"
    folder.mkdir()
    (folder / "age.csv").write_text("21;20-24;*\n23;20-24;*\n31;30-34;*\n33;30-34;*\n", "utf-8")
    (folder / "rules.yaml").write_text(
        "hierarchies:\n  zip: {type: prefix, keep: [4, 3]}\n", "utf-8"
    )
    return data, folder


def invoke(files: tuple[Path, Path], target: Path, *extra: str) -> Result:
    data, folder = files
    args = ["anonymize", str(data), str(target), "--qi", "age,zip", "--hierarchies", str(folder)]
    return runner.invoke(app, [*args, *extra])


def test_human_report_and_output(files: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = invoke(files, target, "--k", "2")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2-anonymity" in out
    assert "Generalization" in out
    assert "Utility" in out
    assert "Risk" in out
    assert "prosecutor risk highest 0.3333" in out
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '"name","age","zip","dx"'
    assert lines[1] == '"Ann","20-24","1002*","flu"'
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_json_report_and_parquet(files: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "out.parquet"
    result = invoke(
        files, target, "--k", "2", "--l", "2", "--sensitive", "dx", "--json", "--metric", "entropy"
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["output"] == str(target)
    assert report["model"] == {"k": 2, "l": 2, "t": None, "sensitive": "dx", "max_suppression": 0.0}
    assert report["utility"]["metric"] == "entropy"
    assert report["risk"]["diversity"]["distinct_l"] >= 2
    assert pq.read_table(target).num_rows == 6


def test_k_defaults_to_the_setting(
    files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITYPRIVACY_K_ANONYMITY", "3")
    result = invoke(files, tmp_path / "out.csv", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["model"]["k"] == 3


def test_suppression_limit(files: tuple[Path, Path], tmp_path: Path) -> None:
    result = invoke(
        files,
        tmp_path / "o.csv",
        "--k",
        "2",
        "--max-suppression",
        "0.34",
        "--metric",
        "entropy",
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["utility"]["records_suppressed"] == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        pytest.param(["--k", "7"], "no generalization satisfies 7-anonymity", id="no-solution"),
        pytest.param(["--l", "2"], "need the sensitive column", id="l-without-sensitive"),
    ],
)
def test_failures_exit_2_and_write_nothing(
    files: tuple[Path, Path], tmp_path: Path, extra: list[str], message: str
) -> None:
    target = tmp_path / "out.csv"
    result = invoke(files, target, *extra)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not target.exists()


def test_a_value_missing_from_its_hierarchy(files: tuple[Path, Path], tmp_path: Path) -> None:
    data, _ = files
    data.write_text(PEOPLE + "Gus,44,10027,flu\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    result = invoke(files, target)
    assert result.exit_code == 2
    assert "column 'age'" in result.stderr
    assert "not in its hierarchy" in result.stderr
    assert not target.exists()


def test_an_unwritable_format_fails_first(files: tuple[Path, Path], tmp_path: Path) -> None:
    result = invoke(files, tmp_path / "out.txt")
    assert result.exit_code == 2
    assert "cannot write a table" in result.stderr


def test_a_bad_rules_file_names_its_line(files: tuple[Path, Path], tmp_path: Path) -> None:
    _, folder = files
    (folder / "rules.yaml").write_text(
        "hierarchies:\n  zip:\n    type: prefix\n    keep: [2, 3]\n", "utf-8"
    )
    result = invoke(files, tmp_path / "out.csv")
    assert result.exit_code == 2
    assert "rules.yaml:4:" in result.stderr


def test_an_unknown_metric_is_a_usage_error(files: tuple[Path, Path], tmp_path: Path) -> None:
    result = invoke(files, tmp_path / "out.csv", "--metric", "precision")
    assert result.exit_code == 2
