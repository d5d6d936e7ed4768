"""``--method splink --engine spark``: the same Splink model on Spark as on DuckDB."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.link import Assignment, load_schema
from cityprivacy.link.spark import spark_session
from cityprivacy.link.splink_method import SplinkEngine, clear_records_from_file, splink_match

pytest.importorskip("pyspark", reason="the spark extra is not installed")
pytest.importorskip("splink", reason="the splink extra is not installed")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = [
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.slow,
]

FEBRL = Path(__file__).resolve().parents[1] / "data" / "febrl"
runner = CliRunner()
SMALL_LOCAL = {
    "spark.sql.shuffle.partitions": "2",
    "spark.ui.enabled": "false",
}


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    """One small local session (the same JVM as the other Spark test modules)."""
    return spark_session("local[1]", SMALL_LOCAL)


def _subset(source: Path, target: Path, keep: set[str] | None, limit: int) -> set[str]:
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, skipinitialspace=True))
    chosen = [r for r in rows[1:] if keep is None or r[0].split("-")[1] in keep][:limit]
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([rows[0], *chosen])
    return {r[0].split("-")[1] for r in chosen}


def test_splink_on_spark_links_the_pairs_splink_on_duckdb_links(
    spark: SparkSession, tmp_path: Path
) -> None:
    entities = _subset(FEBRL / "dataset4a.csv", tmp_path / "a.csv", None, 150)
    _subset(FEBRL / "dataset4b.csv", tmp_path / "b.csv", entities, 150)
    for name in ("a", "b"):
        result = runner.invoke(
            app,
            ["link", "encode", str(tmp_path / f"{name}.csv"), str(tmp_path / f"{name}.parquet"),
             "--schema", "febrl", "--method", "splink"],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    schema = load_schema("febrl")
    a, _ = clear_records_from_file(tmp_path / "a.csv", schema)
    b, _ = clear_records_from_file(tmp_path / "b.csv", schema)
    on_duckdb = splink_match(a, b, 0.5, assignment=Assignment.GREEDY)
    matched = runner.invoke(
        app,
        ["link", "match", str(tmp_path / "a.parquet"), str(tmp_path / "b.parquet"), "-t", "0.5",
         "-o", str(tmp_path / "m.csv"), "--method", "splink", "--engine", "spark"],
    )  # fmt: skip
    assert matched.exit_code == 0, matched.output
    with (tmp_path / "m.csv").open(newline="", encoding="utf-8") as handle:
        on_spark = {(r["id_a"], r["id_b"]): float(r["score"]) for r in csv.DictReader(handle)}
    ids_a, ids_b = a.table.column("id").to_pylist(), b.table.column("id").to_pylist()
    expected = {
        (ids_a[i], ids_b[j]): float(s)
        for i, j, s in zip(on_duckdb.i, on_duckdb.j, on_duckdb.scores, strict=True)
    }
    assert len(expected) > 140
    assert set(on_spark) == set(expected)
    assert max(abs(on_spark[p] - expected[p]) for p in expected) < 0.01
    assert SplinkEngine("spark") is SplinkEngine.SPARK
