"""Matching on Spark gives the pairs and scores of the local ``link match``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.config import get_settings
from cityprivacy.errors import InputError
from cityprivacy.link import (
    Assignment,
    BlockingMode,
    Encodings,
    encode_file,
    load_schema,
    match_encodings,
    read_linkage_file,
    write_linkage_file,
)
from cityprivacy.link.match import greedy_one_to_one
from cityprivacy.link.spark import (
    greedy_rounds_spark,
    read_spark_encodings,
    spark_match_encodings,
    spark_session,
)
from cityprivacy.protect.keys import SecretKey

pytest.importorskip("pyspark", reason="the spark extra is not installed")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)


if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)

FEBRL = Path(__file__).resolve().parents[1] / "data" / "febrl"
SECRET = b"0d1c2b3a4958677685a4b3c2d1e0f90817263544536271809a8b7c6d5e4f3a2b"
runner = CliRunner()
SMALL_LOCAL = {
    "spark.sql.shuffle.partitions": "2",
    "spark.ui.enabled": "false",
}


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    """One small local session (the same JVM as the other Spark test modules)."""
    return spark_session("local[1]", SMALL_LOCAL)


def _head(source: Path, target: Path, rows: int) -> None:
    lines = source.read_text(encoding="utf-8").splitlines()[: rows + 1]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Encodings, Encodings]:
    """FEBRL4 A and B (2,000 records each) and FEBRL1 encoded locally, as files."""
    folder = tmp_path_factory.mktemp("febrl")
    schema, key = load_schema("febrl"), SecretKey(SECRET)
    _head(FEBRL / "dataset4a.csv", folder / "a.csv", 2000)
    _head(FEBRL / "dataset4b.csv", folder / "b.csv", 2000)
    _head(FEBRL / "dataset1.csv", folder / "d.csv", 1000)
    encoded = {}
    for name in ("a", "b", "d"):
        encoded[name], _ = encode_file(folder / f"{name}.csv", schema, key)
        write_linkage_file(encoded[name], folder / f"{name}.parquet")
    (folder / "shared.key").write_bytes(SECRET)
    return folder, encoded["a"], encoded["b"]


def test_linking_on_spark_gives_the_local_pairs_and_scores(
    spark: SparkSession, files: tuple[Path, Encodings, Encodings]
) -> None:
    folder, a, b = files
    local = match_encodings(a, b, 0.6).to_table(a.ids, b.ids)
    on_spark = spark_match_encodings(
        read_spark_encodings(spark, folder / "a.parquet"),
        read_spark_encodings(spark, folder / "b.parquet"),
        0.6,
    )
    assert local.num_rows > 500
    assert on_spark.table.equals(local)
    assert on_spark.compared == match_encodings(a, b, 0.6).compared
    assert on_spark.rounds >= 1


@pytest.mark.parametrize(
    ("assignment", "blocking"),
    [
        pytest.param(Assignment.ALL, BlockingMode.KEYS, id="all-pairs-keys"),
        pytest.param(Assignment.GREEDY, BlockingMode.LSH, id="greedy-lsh"),
    ],
)
def test_deduplicating_on_spark_gives_the_local_pairs(
    spark: SparkSession,
    files: tuple[Path, Encodings, Encodings],
    assignment: Assignment,
    blocking: BlockingMode,
) -> None:
    folder, _, _ = files
    d = read_spark_encodings(spark, folder / "d.parquet")
    local_d = read_linkage_file(folder / "d.parquet")
    assert isinstance(local_d, Encodings)
    local = match_encodings(local_d, None, 0.7, assignment=assignment, blocking=blocking)
    on_spark = spark_match_encodings(d, None, 0.7, assignment=assignment, blocking=blocking)
    assert len(local) > 100
    assert on_spark.table.equals(local.to_table(local_d.ids, local_d.ids))
    assert on_spark.compared == local.compared


def test_greedy_rounds_on_spark_equal_local_greedy_with_ties(spark: SparkSession) -> None:
    rng = np.random.default_rng(7)
    i = rng.integers(0, 40, 400)
    j = rng.integers(0, 40, 400)
    pairs = np.unique(np.stack([i, j], axis=1), axis=0)
    i, j = pairs[:, 0], pairs[:, 1]
    scores = rng.choice([0.7, 0.8, 0.9, 1.0], len(i))  # many ties
    for shared in (False, True):
        ii, jj = (np.minimum(i, j), np.maximum(i, j)) if shared else (i, j)
        keep = ii != jj
        ii, jj, ss = ii[keep], jj[keep], scores[keep]
        _, first = np.unique(np.stack([ii, jj], axis=1), axis=0, return_index=True)
        ii, jj, ss = ii[first], jj[first], ss[first]
        df = spark.createDataFrame(pa.table({"i": ii, "j": jj, "score": ss}))
        kept, rounds = greedy_rounds_spark(df, shared=shared)
        got = sorted((r["i"], r["j"]) for r in kept.select("i", "j").toArrow().to_pylist())
        expected = greedy_one_to_one(ii, jj, ss, shared=shared)
        assert got == sorted((int(ii[k]), int(jj[k])) for k in expected)
        assert rounds >= 2


def test_the_cli_matches_on_spark_as_locally(
    spark: SparkSession, files: tuple[Path, Encodings, Encodings], tmp_path: Path
) -> None:
    folder, _, _ = files
    outputs = []
    for engine in ("local", "spark"):
        out = tmp_path / f"{engine}.csv"
        result = runner.invoke(
            app,
            ["link", "match", str(folder / "a.parquet"), str(folder / "b.parquet"),
             "-t", "0.6", "-o", str(out), "--engine", engine, "--json"],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert f'"engine": "{engine}"' in result.stdout
        outputs.append(pacsv.read_csv(out))
    assert outputs[1].equals(outputs[0])


def test_spark_refuses_what_it_does_not_do(
    spark: SparkSession, files: tuple[Path, Encodings, Encodings], tmp_path: Path
) -> None:
    folder, _, _ = files
    a = read_spark_encodings(spark, folder / "a.parquet")
    with pytest.raises(InputError, match="--blocking keys"):
        spark_match_encodings(a, a, 0.6, blocking=BlockingMode.NONE)
    with pytest.raises(InputError, match="not optimal"):
        spark_match_encodings(a, a, 0.6, assignment=Assignment.OPTIMAL)
    get_settings.cache_clear()
    result = runner.invoke(
        app, ["link", "match", str(folder / "a.csv"), "--dedupe", "-t", "0.6", "--engine", "spark"]
    )
    assert result.exit_code == 2
    assert "Parquet" in result.output
    result = runner.invoke(
        app,
        ["link", "match", str(folder / "a.parquet"), "-t", "1.5", "--dedupe", "--engine", "spark"],
    )
    assert result.exit_code == 2
    assert "outside [0, 1]" in result.output
