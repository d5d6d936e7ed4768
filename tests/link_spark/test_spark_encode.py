"""Encoding on Spark (``mapInArrow``) gives the encodings ``cityprivacy link encode`` writes."""

from __future__ import annotations

import pickle
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.config import get_settings
from cityprivacy.errors import ConfigurationError, InputError, KeyMaterialError
from cityprivacy.link import Encodings, encode_file, load_schema
from cityprivacy.link.spark import (
    META_FILE,
    SubkeyBundle,
    encode_dataframe,
    encode_file_on_spark,
    read_spark_encodings,
    require_pyspark,
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
SECRET = b"6c1f0e9d8b7a69584736251403f2e1d0c9b8a79685746352413021f0e1d2c3b4"
runner = CliRunner()
SMALL_LOCAL = {
    "spark.sql.shuffle.partitions": "2",
    "spark.ui.enabled": "false",
}


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    """One small local session for the tests (reused by the other Spark test modules)."""
    return spark_session("local[1]", SMALL_LOCAL)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 600 records of FEBRL4 A, as a CSV with FEBRL's spaces after commas."""
    folder = tmp_path_factory.mktemp("febrl")
    lines = (FEBRL / "dataset4a.csv").read_text(encoding="utf-8").splitlines()[:601]
    (folder / "a.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "shared.key").write_bytes(SECRET)
    return folder


def _words(table_column: list[bytes]) -> np.ndarray:
    return np.frombuffer(b"".join(table_column), "<u8").reshape(len(table_column), -1)


def _local(sample: Path) -> Encodings:
    encodings, _ = encode_file(sample / "a.csv", load_schema("febrl"), SecretKey(SECRET))
    return encodings


def test_encodings_on_spark_are_byte_identical_to_local_ones(
    spark: SparkSession, sample: Path
) -> None:
    local = _local(sample)
    df = spark.read.csv(str(sample / "a.csv"), header=True, ignoreLeadingWhiteSpace=True)
    out = encode_dataframe(df.repartition(3), load_schema("febrl"), SecretKey(SECRET)).toArrow()
    order = np.argsort(np.array(out.column("id").to_pylist()))
    expected = np.argsort(np.array(local.ids.to_pylist()))
    assert len(order) == len(local) == 600
    words = _words(out.column("encoding").to_pylist())
    assert np.array_equal(words[order], local.words[expected])
    blocks = np.stack(
        [np.asarray(out.column(f"block_{p}").fill_null(0), np.int64) for p in range(9)], axis=1
    ).view(np.uint64)
    assert np.array_equal(blocks[order], local.blocks[expected])


def test_encode_on_spark_writes_a_directory_that_reads_back_as_the_local_file(
    spark: SparkSession, sample: Path, tmp_path: Path
) -> None:
    count = encode_file_on_spark(
        spark, sample / "a.csv", tmp_path / "a", load_schema("febrl"), SecretKey(SECRET)
    )
    assert count == 600
    assert (tmp_path / "a" / META_FILE).is_file()
    back = read_spark_encodings(spark, tmp_path / "a")
    assert back.meta == _local(sample).meta
    table = back.df.toArrow()
    by_id = dict(
        zip(table.column("id").to_pylist(), table.column("encoding").to_pylist(), strict=True)
    )
    local = _local(sample)
    flat = local.words.view(np.uint8).reshape(len(local), -1)
    assert all(by_id[i] == flat[k].tobytes() for k, i in enumerate(local.ids.to_pylist()))
    with pytest.raises(InputError, match="already exists"):
        encode_file_on_spark(
            spark, sample / "a.csv", tmp_path / "a", load_schema("febrl"), SecretKey(SECRET)
        )


def test_the_cli_encodes_on_spark(spark: SparkSession, sample: Path, tmp_path: Path) -> None:
    get_settings.cache_clear()
    result = runner.invoke(
        app,
        ["link", "encode", str(sample / "a.csv"), str(tmp_path / "out"), "--schema", "febrl",
         "--key-file", str(sample / "shared.key"), "--engine", "spark", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '"records": 600' in result.stdout
    assert SECRET.decode() not in result.output
    assert read_spark_encodings(spark, tmp_path / "out").df.count() == 600


def test_executors_get_the_schema_subkeys_not_the_secret() -> None:
    schema = load_schema("febrl")
    key = SecretKey(SECRET)
    bundle = SubkeyBundle.for_schema(key, schema)
    shipped = pickle.dumps(bundle)
    assert SECRET not in shipped
    assert bundle.derive("link/surname") == key.derive("link/surname")
    assert bundle.fingerprint == key.fingerprint
    assert "subkeys=" in repr(bundle)
    assert key.derive("link/surname").hex() not in repr(bundle)
    with pytest.raises(KeyMaterialError, match="pseudonym"):
        bundle.derive("pseudonym")


def test_encoding_on_spark_needs_an_id_column(spark: SparkSession) -> None:
    schema = load_schema("febrl").model_copy(update={"id_column": None})
    df = spark.createDataFrame([("ann",)], "given_name string")
    with pytest.raises(InputError, match="id_column"):
        encode_dataframe(df, schema, SecretKey(SECRET))


def test_without_pyspark_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(ConfigurationError, match=r"cityprivacy\[spark\]"):
        require_pyspark()
