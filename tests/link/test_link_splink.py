"""``--method splink``: the same commands link clear values with Splink (DuckDB)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.link import read_linkage_file
from cityprivacy.link.io import ClearRecords

pytest.importorskip(
    "splink", reason="the splink extra is not installed (pip install 'cityprivacy[splink]')"
)

FEBRL = Path(__file__).resolve().parents[1] / "data" / "febrl"
runner = CliRunner()


def _subset(source: Path, target: Path, keep: set[str] | None, limit: int) -> set[str]:
    """The first ``limit`` rows (or the rows whose entity is in ``keep``), spaces stripped."""
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, skipinitialspace=True))
    header, body = rows[0], rows[1:]
    chosen = [r for r in body if keep is None or r[0].split("-")[1] in keep][:limit]
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *chosen])
    return {r[0].split("-")[1] for r in chosen}


@pytest.mark.skipif(not FEBRL.exists(), reason="FEBRL data not found at tests/data/febrl")
def test_splink_links_a_febrl4_subset_through_the_same_commands(tmp_path: Path) -> None:
    entities = _subset(FEBRL / "dataset4a.csv", tmp_path / "a.csv", None, 400)
    _subset(FEBRL / "dataset4b.csv", tmp_path / "b.csv", entities, 400)
    for name in ("a", "b"):
        result = runner.invoke(
            app,
            ["link", "encode", str(tmp_path / f"{name}.csv"), str(tmp_path / f"{name}.parquet"),
             "--schema", "febrl", "--method", "splink"],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    clear = read_linkage_file(tmp_path / "a.parquet")
    assert isinstance(clear, ClearRecords)
    assert clear.meta.key_fingerprint is None
    matched = runner.invoke(
        app,
        ["link", "match", str(tmp_path / "a.parquet"), str(tmp_path / "b.parquet"),
         "-t", "0.5", "-o", str(tmp_path / "m.csv"), "--method", "splink"],
    )  # fmt: skip
    assert matched.exit_code == 0, matched.output
    evaluated = runner.invoke(
        app,
        ["link", "evaluate", str(tmp_path / "m.csv"), "--truth-pattern", r"rec-(\d+)-",
         "--records", str(tmp_path / "a.parquet"), "--records", str(tmp_path / "b.parquet")],
    )  # fmt: skip
    assert evaluated.exit_code == 0, evaluated.output
    f1 = float(evaluated.stdout.split("F1")[1].split()[0])
    assert f1 > 0.9


def test_bloom_files_are_not_matched_as_splink(tmp_path: Path) -> None:
    key = tmp_path / "k"
    key.write_text("k" * 40, encoding="utf-8")
    source = tmp_path / "a.csv"
    source.write_text(
        "client_id,first_name,last_name,dob,sex,ssn,address,zip,phone\n1,Ana,Diaz,1980-01-01,F,,,,\n"
    )
    out = tmp_path / "a.parquet"
    assert (
        runner.invoke(
            app, ["link", "encode", str(source), str(out), "-s", "city", "--key-file", str(key)]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        app, ["link", "match", str(out), "--dedupe", "-t", "0.5", "--method", "splink"]
    )
    assert result.exit_code == 2
    assert "--method splink" in result.stderr
