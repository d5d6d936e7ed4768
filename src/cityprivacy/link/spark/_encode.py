"""Encoding a Spark DataFrame: the local encoder, once per Arrow batch (``mapInArrow``).

Every executor builds a :class:`~cityprivacy.link.encode.BloomEncoder` from the schema and
the subkeys (:class:`~cityprivacy.link.spark._keys.SubkeyBundle`) and encodes the record
batches Spark hands it. The encoder is deterministic given the schema and key and treats
each row on its own, so any partitioning gives the encodings ``cityprivacy link encode``
writes, byte for byte (a test checks it).

Columns out: ``id`` (string), ``encoding`` (binary, ``bits / 8`` bytes, the same bytes as
in the encodings file) and ``block_0``... (the keyed blocking keys as signed 64-bit
integers, the same bits as the file's unsigned ones; null where the key could not be
formed). Rows without an id or without any field to encode are left out, as locally; on
Spark they are not reported by line (Spark has no line numbers).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from cityprivacy.errors import InputError, UnsupportedFormatError
from cityprivacy.link.encode import BloomEncoder, LinkageKey
from cityprivacy.link.io import LinkageMeta
from cityprivacy.link.records import check_columns
from cityprivacy.link.schema import LinkSchema
from cityprivacy.link.spark._files import SparkEncodings, write_spark_encodings
from cityprivacy.link.spark._keys import SubkeyBundle

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "encode_dataframe",
    "encode_file_on_spark",
    "encodings_arrow_schema",
    "read_records",
    "to_arrow_batch",
]


def encodings_arrow_schema(passes: int) -> pa.Schema:
    """The Arrow schema of encoded rows with ``passes`` blocking keys."""
    blocks = [pa.field(f"block_{p}", pa.int64()) for p in range(passes)]
    return pa.schema([pa.field("id", pa.string()), pa.field("encoding", pa.binary()), *blocks])


def to_arrow_batch(ids: pa.Array, words: np.ndarray, blocks: np.ndarray) -> pa.RecordBatch:
    """Encoded rows as one Arrow batch of :func:`encodings_arrow_schema`."""
    n, width = words.shape
    flat = np.ascontiguousarray(words, dtype="<u8").view(np.uint8).reshape(-1)
    offsets = np.arange(0, (n + 1) * width * 8, width * 8, dtype=np.int32)
    encoding = pa.BinaryArray.from_buffers(
        pa.binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(flat.tobytes())]
    )
    columns: list[pa.Array] = [ids.cast(pa.string()), encoding]
    for p in range(blocks.shape[1]):
        keys = np.ascontiguousarray(blocks[:, p]).view(np.int64)
        columns.append(pa.array(keys, pa.int64(), mask=keys == 0))
    return pa.RecordBatch.from_arrays(columns, schema=encodings_arrow_schema(blocks.shape[1]))


def encode_dataframe(df: DataFrame, schema: LinkSchema, key: LinkageKey) -> DataFrame:
    """Encode the records of ``df`` (columns as the schema reads them) on the executors.

    Raises :class:`InputError` when a column the schema reads is missing, or when the
    schema has no ``id_column`` (line numbers do not exist on Spark).
    """
    if schema.id_column is None:
        raise InputError(
            f"schema {schema.name!r} has no id_column: records encoded on Spark need an id column"
        )
    check_columns(schema, df.columns, "the DataFrame")
    wanted = [schema.id_column, *dict.fromkeys(f.source_column for f in schema.fields)]
    subkeys = SubkeyBundle.for_schema(key, schema)
    passes = len(schema.blocking)

    def encode_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        encoder = BloomEncoder(schema, subkeys)
        for batch in batches:
            encoded = encoder.encode(batch)
            yield to_arrow_batch(encoded.ids, encoded.words, encoded.blocks)

    from pyspark.sql import functions as sf

    columns = [sf.col(f"`{c}`").cast("string").alias(c) for c in wanted]
    out: DataFrame = df.select(*columns).mapInArrow(encode_batches, _spark_schema(passes))
    return out


def _spark_schema(passes: int) -> str:
    blocks = "".join(f", block_{p} bigint" for p in range(passes))
    return f"id string, encoding binary{blocks}"


def read_records(spark: SparkSession, path: Path) -> DataFrame:
    """Records to encode, read by Spark: CSV (header row; ``.tsv``: tabs), Parquet, or JSON
    lines (``.json``, ``.jsonl``); a directory is read as Parquet."""
    suffix = path.suffix.lower()
    if path.is_dir() or suffix in (".parquet", ".pq"):
        return spark.read.parquet(str(path))
    if suffix in (".csv", ".tsv", ".txt"):
        return spark.read.csv(
            str(path), header=True, sep="\t" if suffix == ".tsv" else ",",
            ignoreLeadingWhiteSpace=True, ignoreTrailingWhiteSpace=True,
        )  # fmt: skip
    if suffix in (".json", ".jsonl", ".ndjson"):
        return spark.read.json(str(path))
    raise UnsupportedFormatError(f"{path}: Spark encodes CSV/TSV, Parquet or JSON lines")


def encode_file_on_spark(
    spark: SparkSession, source: Path, output: Path, schema: LinkSchema, key: LinkageKey
) -> int:
    """Encode ``source`` on Spark into the directory ``output`` (Parquet parts and
    ``_cityprivacy-link.json``); returns the number of records encoded."""
    if not Path(source).exists():
        raise InputError(f"{source}: no such file")
    encoded = encode_dataframe(read_records(spark, Path(source)), schema, key).persist()
    meta = LinkageMeta.for_bloom(schema, key.fingerprint)
    write_spark_encodings(SparkEncodings(meta, encoded), Path(output))
    count = encoded.count()
    encoded.unpersist()
    return count
