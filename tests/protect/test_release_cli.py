"""``cityprivacy release table`` and ``cityprivacy release dp`` on real files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.config import Settings
from cityprivacy.protect.table_io import read_table

runner = CliRunner()

GROUPS = {
    ("Bronx", "18-24"): 3,
    ("Bronx", "25-64"): 10,
    ("Bronx", "65+"): 20,
    ("Queens", "18-24"): 12,
    ("Queens", "25-64"): 2,
    ("Queens", "65+"): 30,
    ("Staten Island", "18-24"): 8,
    ("Staten Island", "25-64"): 9,
    ("Staten Island", "65+"): 7,
}


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    path = tmp_path / "clients.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["borough", "band", "benefit", "ssn"])
        n = 0
        for (borough, band), size in GROUPS.items():
            for _ in range(size):
                n += 1
                writer.writerow([borough, band, f"{100 + n % 7}.50", f"212-45-{n:04d}"])
    return path


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["release", *(str(a) for a in args)])
    return result.exit_code, result.output


# --- release table ------------------------------------------------------------------------


def test_table_prints_a_crosstab_with_suppressed_cells(clients: Path) -> None:
    code, output = run("table", clients, "--by", "borough,band")
    assert code == 0, output
    assert "Staten Island" in output
    assert " x " in output
    assert "2 cell(s) below it" in output
    assert "no suppressed cell can be recovered" in output


def test_table_json_report(clients: Path) -> None:
    code, output = run("table", clients, "--by", "borough,band", "--sum", "benefit", "--json")
    assert code == 0, output
    report = json.loads(output)
    assert report["statistics"] == ["sum_benefit"]
    assert report["audit"]["recoverable"] == []
    assert report["suppressed"]["primary"] == 2
    hidden = [c for c in report["cells"] if c["status"] == "suppressed"]
    assert hidden
    assert all(c["sum_benefit"] is None for c in hidden)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl", ".xlsx"])
def test_table_writes_the_release(clients: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"release{suffix}"
    code, output = run(
        "table", clients, "--by", "borough,band", "--count", "--sum", "benefit", "-o", out
    )
    assert code == 0, output
    assert f"wrote {out}" in output.replace("\n", "")
    written = read_table(out, Settings()).to_pylist()
    assert len(written) == 16
    small = next(r for r in written if r["borough"] == "Bronx" and r["band"] == "18-24")
    assert small["status"] == "suppressed"
    assert small["count"] in ("", None)
    assert {r["status"] for r in written} == {"published", "suppressed"}
    total = next(r for r in written if r["level"] == "total")
    assert total["count"] == "101"


def test_table_threshold_and_zero_flag(clients: Path) -> None:
    code, output = run("table", clients, "--by", "band", "--threshold", "25", "--json")
    assert code == 0, output
    report = json.loads(output)
    assert report["threshold"] == 25
    assert report["suppressed"]["primary"] == 2  # 23 and 21
    code, output = run("table", clients, "--by", "band", "--zeros-sensitive", "--json")
    assert json.loads(output)["zeros_sensitive"] is True


def test_threshold_comes_from_the_setting(clients: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cityprivacy.config import get_settings

    monkeypatch.setenv("CITYPRIVACY_SMALL_CELL_THRESHOLD", "22")
    get_settings.cache_clear()
    try:
        code, output = run("table", clients, "--by", "band", "--json")
    finally:
        get_settings.cache_clear()
    assert code == 0, output
    assert json.loads(output)["threshold"] == 22


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--by", "nope"], "no column 'nope'", id="missing-column"),
        pytest.param(["--by", "band", "--sum", "ssn"], "column 'ssn' must hold numbers", id="nan"),
        pytest.param(["--by", "band", "--no-count"], "nothing to publish", id="nothing"),
        pytest.param(["--by", "a,b,c"], "one or two", id="three-columns"),
        pytest.param(
            ["--by", "band", "-o", "/nonexistent/dir/out.csv"], "does not exist", id="dir"
        ),
        pytest.param(["--by", "band", "-o", "out.txt"], "cannot write a table", id="format"),
    ],
)
def test_table_bad_input_exits_2(clients: Path, args: list[str], message: str) -> None:
    code, output = run("table", clients, *args)
    assert code == 2
    assert message in output
    assert "212-45-" not in output  # never a value from the file


def test_table_threshold_below_one_is_a_usage_error(clients: Path) -> None:
    code, _ = run("table", clients, "--by", "band", "--threshold", "0")
    assert code == 2


def test_failed_write_leaves_an_existing_output_alone(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("earlier release\n")
    code, _ = run("table", clients, "--by", "band", "--sum", "ssn", "-o", out)
    assert code == 2
    assert out.read_text() == "earlier release\n"


# --- release dp ---------------------------------------------------------------------------


@pytest.fixture
def keys(tmp_path: Path) -> Path:
    path = tmp_path / "keys.csv"
    path.write_text("borough\nBronx\nQueens\nStaten Island\nManhattan\n", encoding="utf-8")
    return path


def test_dp_plan_needs_no_data() -> None:
    code, output = run(
        "dp",
        "--plan",
        "--by",
        "borough",
        "--epsilon",
        "1",
        "--mean",
        "benefit",
        "--bounds",
        "0,500",
    )
    assert code == 0, output
    assert "split evenly over 2 statistic(s)" in output
    assert "95% of noisy counts are within ±6 of the true count" in output
    assert "Plan only" in output


def test_dp_plan_json() -> None:
    code, output = run("dp", "--plan", "--by", "g", "-e", "2", "--delta", "1e-6", "--json")
    assert code == 0, output
    plan = json.loads(output)
    assert plan["epsilon"] == 2.0
    assert plan["threshold"] > 1
    assert plan["budget"][0]["statistic"] == "count"


def test_dp_release_with_declared_keys(clients: Path, keys: Path, tmp_path: Path) -> None:
    out = tmp_path / "dp.parquet"
    code, output = run(
        "dp", clients, "--by", "borough", "--epsilon", "1", "--keys", keys,
        "--count", "--sum", "benefit", "--bounds", "0,200", "-o", out,
    )  # fmt: skip
    assert code == 0, output
    assert "epsilon spent 1" in output
    released = pq.read_table(out)
    assert released.column_names == ["borough", "count", "sum_benefit"]
    assert released.column("borough").to_pylist() == [
        "Bronx",
        "Queens",
        "Staten Island",
        "Manhattan",
    ]
    assert all(n >= 0 for n in released.column("count").to_pylist())


def test_dp_release_json_with_negative_bounds(clients: Path, keys: Path) -> None:
    code, output = run(
        "dp", clients, "--by", "borough", "-e", "1", "--keys", keys,
        "--mean", "benefit", "--bounds", "benefit=-50,200", "--json",
    )  # fmt: skip
    assert code == 0, output
    report = json.loads(output)
    assert [r["borough"] for r in report["rows"]] == [
        "Bronx",
        "Queens",
        "Staten Island",
        "Manhattan",
    ]
    assert set(report["rows"][0]) == {"borough", "mean_benefit"}
    assert report["epsilon_spent"] == pytest.approx(1.0)


def test_dp_release_from_the_data(clients: Path) -> None:
    code, output = run("dp", clients, "--by", "borough", "-e", "5", "--delta", "1e-6", "--json")
    assert code == 0, output
    report = json.loads(output)
    assert report["groups"].startswith("from the data")
    assert report["rows_outside_declared_keys"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["-e", "-1"], "epsilon must be a positive number", id="negative-epsilon"),
        pytest.param(["-e", "0"], "epsilon must be a positive number", id="zero-epsilon"),
        pytest.param([], "--epsilon is required", id="no-epsilon"),
        pytest.param(["-e", "1", "--sum", "benefit", "--bounds", "5,1"], "lower bound", id="lo>hi"),
        pytest.param(["-e", "1", "--sum", "benefit"], "needs bounds", id="no-bounds"),
        pytest.param(["-e", "1", "--sum", "ssn", "--bounds", "0,1"], "must hold numbers", id="nan"),
        pytest.param(["-e", "1", "--delta", "1e-6", "--keys", "k.csv"], "not both", id="both"),
        pytest.param(["-e", "1", "--delta", "2"], "delta must be between 0 and 1", id="delta"),
        pytest.param(
            ["-e", "1", "--bounds", "x=0,1"], "not a --sum/--mean column", id="bounds-col"
        ),
    ],
)
def test_dp_bad_input_exits_2(clients: Path, keys: Path, args: list[str], message: str) -> None:
    extra = [] if "--delta" in args else ["--keys", str(keys)]
    code, output = run("dp", clients, "--by", "borough", *extra, *args)
    assert code == 2, output
    assert message in output
    assert "212-45-" not in output


def test_dp_needs_keys_or_delta(clients: Path) -> None:
    code, output = run("dp", clients, "--by", "borough", "-e", "1")
    assert code == 2
    assert "--keys FILE" in output


def test_dp_needs_a_file_unless_planning() -> None:
    code, output = run("dp", "--by", "borough", "-e", "1", "--delta", "1e-6")
    assert code == 2
    assert "--plan" in output


def test_dp_keys_file_must_have_the_group_columns(clients: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad_keys.csv"
    bad.write_text("district\n1\n", encoding="utf-8")
    code, output = run("dp", clients, "--by", "borough", "-e", "1", "--keys", bad)
    assert code == 2
    assert "no column 'borough'" in output


def test_release_reads_parquet_too(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"g": ["a"] * 7 + ["b"] * 2 + ["c"] * 9}), path)
    code, output = run("table", path, "--by", "g", "--json")
    assert code == 0, output
    assert json.loads(output)["suppressed"] == {"primary": 1, "complementary": 1, "cells": 4}
