"""Encodings files on Spark: the local ``.parquet`` files, and directories Spark writes.

A file written by ``cityprivacy link encode`` keeps its :class:`LinkageMeta` in the Parquet
footer; Spark cannot write footer metadata, so a directory written here holds the part
files and ``_cityprivacy-link.json`` beside them (Spark skips files whose names start with
``_``). :func:`read_spark_encodings` reads either. Blocking keys are unsigned 64-bit in a
local file (Spark reads them as ``decimal(20,0)``) and signed 64-bit with the same bits in
a directory; both come out as signed ``bigint``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pyarrow.parquet as pq

from cityprivacy.errors import InputError, UnreadableFileError
from cityprivacy.link.io import LinkageMeta

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

__all__ = ["META_FILE", "SparkEncodings", "read_spark_encodings", "write_spark_encodings"]

META_FILE: Final = "_cityprivacy-link.json"
_META_KEY: Final = b"cityprivacy.link"


@dataclass(frozen=True)
class SparkEncodings:
    """Encodings as a Spark DataFrame (``id``, ``encoding``, ``block_0``...) and their meta."""

    meta: LinkageMeta
    df: DataFrame


def _meta(path: Path) -> LinkageMeta:
    if path.is_dir():
        sidecar = path / META_FILE
        if not sidecar.is_file():
            raise InputError(f"{path}: no {META_FILE}; not an encodings directory")
        return LinkageMeta.from_json(sidecar.read_text(encoding="utf-8"), str(path))
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() not in (".parquet", ".pq"):
        raise InputError(f"{path}: Spark reads Parquet encodings (.parquet, or a directory)")
    try:
        metadata = pq.read_schema(path).metadata or {}
    except (OSError, ValueError):
        raise UnreadableFileError(path, "not a Parquet file") from None
    raw = metadata.get(_META_KEY)
    if raw is None:
        raise InputError(f"{path}: not a cityprivacy encodings file (no linkage metadata)")
    return LinkageMeta.from_json(raw.decode("utf-8"), str(path))


def _signed(column: Column, type_name: str) -> Column:
    """An unsigned 64-bit key read as ``decimal(20,0)`` to the signed ``bigint`` of its bits."""
    from pyspark.sql import functions as sf

    if type_name == "bigint":
        return column
    top, span = sf.lit(Decimal(2**63)), sf.lit(Decimal(2**64))
    wrapped = sf.when(column >= top, column - span).otherwise(column)
    return wrapped.cast("bigint")


def read_spark_encodings(spark: SparkSession, path: Path) -> SparkEncodings:
    """Read an encodings file or directory (``bloom`` or ``clear`` method) into Spark."""
    path = Path(path)
    meta = _meta(path)
    df = spark.read.parquet(str(path))
    if meta.method != "bloom":
        return SparkEncodings(meta, df)
    types = dict(df.dtypes)
    if "id" not in types or "encoding" not in types:
        raise InputError(f"{path}: no id or encoding column")
    from pyspark.sql import functions as sf

    columns = [sf.col("id").cast("string").alias("id"), sf.col("encoding").cast("binary")]
    for p in range(len(meta.blocking)):
        name = f"block_{p}"
        if name in types:
            columns.append(_signed(sf.col(name), types[name]).alias(name))
        else:
            columns.append(sf.lit(None).cast("bigint").alias(name))
    return SparkEncodings(meta, df.select(*columns))


def write_spark_encodings(encodings: SparkEncodings, path: Path) -> None:
    """Write the part files and the metadata file to the directory ``path``."""
    path = Path(path)
    if path.exists():
        raise InputError(f"{path}: already exists; Spark writes a new directory")
    encodings.df.write.parquet(str(path))
    (path / META_FILE).write_text(encodings.meta.to_json(), encoding="utf-8")
