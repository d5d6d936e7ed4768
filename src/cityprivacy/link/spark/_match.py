"""``link match --engine spark`` for encodings: block, score, assign, on a Spark cluster.

The steps are those of :func:`~cityprivacy.link.match.match_encodings` with the keyed
blocking keys (or LSH keys over the encodings, computed per Arrow batch by
:func:`~cityprivacy.link.blocking.lsh_keys`), and give the same pairs with the same
scores: candidate pairs and Dice scores by block (:mod:`._score`), then greedy one-to-one
by rounds (:mod:`._greedy`), or every pair above the threshold. Only the result — at most
one pair per record when linking — is collected to the driver.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from cityprivacy.errors import InputError
from cityprivacy.link.blocking import lsh_keys
from cityprivacy.link.match import Assignment, BlockingMode, check_threshold
from cityprivacy.link.spark._files import SparkEncodings
from cityprivacy.link.spark._greedy import greedy_rounds_spark
from cityprivacy.link.spark._score import score_blocks, words_of

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["SparkMatches", "spark_match_encodings"]


@dataclass
class SparkMatches:
    """Linked pairs as ``id_a, id_b, score`` (best first, scores rounded to 6 decimals, as
    :meth:`~cityprivacy.link.match.Matches.to_table`), and what it took."""

    table: pa.Table
    compared: int
    all_pairs: int
    blocking: BlockingMode
    seconds: float
    rounds: int = 0
    compare_seconds: float = 0.0
    """Of ``seconds``, the time until the candidate pairs were scored."""

    def __len__(self) -> int:
        return int(self.table.num_rows)


def _with_lsh(df: DataFrame, nbytes: int, lsh: tuple[int, int], seed: bytes) -> DataFrame:
    bands, band_bits = lsh
    blocks = "".join(f", block_{b} bigint" for b in range(bands))

    def keys(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            words = words_of(batch.column("encoding"), nbytes)
            found = lsh_keys(words, bands=bands, band_bits=band_bits, seed=seed).view(np.int64)
            columns = [batch.column("id"), batch.column("encoding")]
            columns += [pa.array(found[:, b], pa.int64()) for b in range(bands)]
            names = ["id", "encoding", *(f"block_{b}" for b in range(bands))]
            yield pa.RecordBatch.from_arrays(columns, names=names)

    out: DataFrame = df.select("id", "encoding").mapInArrow(
        keys, f"id string, encoding binary{blocks}"
    )
    return out


def _prepared(
    records: SparkEncodings, blocking: BlockingMode, lsh: tuple[int, int]
) -> tuple[DataFrame, int]:
    """Records with their positions and the keys to block on, and the number of passes."""
    from pyspark.sql import functions as sf

    nbytes = records.meta.bits // 8
    df, passes = records.df, len(records.meta.blocking)
    if blocking is BlockingMode.LSH:
        seed = records.meta.schema_fingerprint.encode("ascii")
        df, passes = _with_lsh(df, nbytes, lsh, seed), lsh[0]
    positioned = df.withColumn("pos", sf.monotonically_increasing_id()).persist()
    return positioned, passes


def _check(a: SparkEncodings, blocking: BlockingMode, assignment: Assignment) -> None:
    if blocking is BlockingMode.NONE:
        raise InputError(
            "--engine spark compares the pairs of blocking keys or LSH: use --blocking keys "
            "or lsh (or the local engine for --blocking none)"
        )
    if blocking in (BlockingMode.KEYS, BlockingMode.AUTO) and not a.meta.blocking:
        raise InputError(
            "the encodings carry no blocking keys (the schema has no blocking passes); "
            "use --blocking lsh"
        )
    if assignment is Assignment.OPTIMAL:
        raise InputError("--engine spark assigns greedily (or keeps all pairs); not optimal")


def spark_match_encodings(
    a: SparkEncodings,
    b: SparkEncodings | None,
    threshold: float,
    *,
    assignment: Assignment = Assignment.GREEDY,
    blocking: BlockingMode = BlockingMode.AUTO,
    lsh: tuple[int, int] = (24, 20),
) -> SparkMatches:
    """Link ``a`` to ``b`` (or deduplicate ``a``) on Spark; the result of
    :func:`~cityprivacy.link.match.match_encodings` with the same options."""
    from pyspark.sql import functions as sf

    threshold = check_threshold(threshold)
    blocking, assignment = BlockingMode(blocking), Assignment(assignment)
    _check(a, blocking, assignment)
    started = time.perf_counter()
    pos_a, passes = _prepared(a, blocking, lsh)
    pos_b = pos_a if b is None else _prepared(b, blocking, lsh)[0]
    nbytes = a.meta.bits // 8
    scored = score_blocks(
        pos_a, None if b is None else pos_b, passes, nbytes, threshold
    ).localCheckpoint()
    compared = int(scored.agg(sf.sum("compared")).first()[0] or 0)  # type: ignore[index]
    compare_seconds = time.perf_counter() - started
    pairs = scored.where("i >= 0").select("i", "j", "score")
    rounds = 0
    if assignment is Assignment.GREEDY:
        pairs, rounds = greedy_rounds_spark(pairs, shared=b is None)
    ids_a = pos_a.select(sf.col("pos").alias("i"), sf.col("id").alias("id_a"))
    ids_b = pos_b.select(sf.col("pos").alias("j"), sf.col("id").alias("id_b"))
    ordered = (pairs.join(ids_a, "i").join(ids_b, "j").orderBy(sf.desc("score"), "i", "j")).select(
        "id_a", "id_b", "score"
    )
    result = ordered.toArrow()
    table = pa.table(
        {
            "id_a": result.column("id_a").cast(pa.string()),
            "id_b": result.column("id_b").cast(pa.string()),
            "score": pa.array(np.round(np.asarray(result.column("score")), 6), pa.float64()),
        }
    )
    n_a = pos_a.count()
    all_pairs = n_a * (n_a - 1) // 2 if b is None else n_a * pos_b.count()
    pos_a.unpersist()
    if b is not None:
        pos_b.unpersist()
    return SparkMatches(
        table,
        compared,
        all_pairs,
        BlockingMode.LSH if blocking is BlockingMode.LSH else BlockingMode.KEYS,
        time.perf_counter() - started,
        rounds,
        compare_seconds,
    )
