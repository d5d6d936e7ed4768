"""Candidate pairs and their Dice scores on Spark, block by block.

Each record is given its position (``pos``, increasing in the order Spark reads the
records: for one file, the file's order) and is put once per blocking pass in which it
has a key, as a row ``(pass, key, side, pos, encoding, block_0...)``. Both agencies' rows
are repartitioned by ``(pass, key)``, so every block is whole in one partition, and each
partition is scored by ``mapInArrow`` as ``match_encodings`` scores its candidate pairs,
vectorized over all the blocks of the partition (one Python call per partition, not per
block): the pairs of each pass by :func:`~cityprivacy.link.blocking.candidate_pairs`,
less the pairs whose keys already agree in an earlier pass (so that each pair is scored
once, in its first pass, as there), Dice by
:meth:`~cityprivacy.link.dice.DiceScorer.pairs` (the compiled kernel, one thread: Spark
runs the tasks in parallel), kept at or above the threshold. Each partition also reports
how many pairs it compared, in one tally row (``i = -1``).

A partition is held in one executor's memory: give enough partitions
(``spark.sql.shuffle.partitions``) for the data; coarse keys that put a large share of the
records in one block make one large task, as they make many pairs.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import reduce
from typing import TYPE_CHECKING, Final

import numpy as np
import pyarrow as pa

from cityprivacy.link.blocking import candidate_pairs
from cityprivacy.link.dice import DiceScorer

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["SCORED_SCHEMA", "block_rows", "score_blocks", "words_of"]

SCORED_SCHEMA: Final = "i bigint, j bigint, score double, compared bigint"
_CHUNK_PAIRS: Final = 1 << 20


def words_of(encodings: pa.Array | pa.ChunkedArray, nbytes: int) -> np.ndarray:
    """``(n, nbytes / 8)`` uint64 words of a binary column whose values are ``nbytes`` long."""
    array = encodings.combine_chunks() if isinstance(encodings, pa.ChunkedArray) else encodings
    n = len(array)
    if n == 0:
        return np.zeros((0, nbytes // 8), dtype=np.uint64)
    wide = pa.types.is_large_binary(array.type)
    offsets = np.frombuffer(array.buffers()[1], np.int64 if wide else np.int32)
    offsets = offsets[array.offset : array.offset + n + 1]
    if array.null_count or not bool(np.all(np.diff(offsets) == nbytes)):
        raise ValueError(f"an encoding is not {nbytes * 8} bits long")
    data = np.frombuffer(array.buffers()[2], np.uint8)[offsets[0] : offsets[-1]]
    return data.view("<u8").astype(np.uint64).reshape(n, nbytes // 8)


def block_rows(df: DataFrame, passes: int, side: int) -> DataFrame:
    """``(pass, key, side, pos, encoding, block_0...)``: each record once per pass in which
    it has a key."""
    from pyspark.sql import functions as sf

    blocks = [f"block_{p}" for p in range(passes)]
    parts = [
        df.where(sf.col(f"block_{p}").isNotNull()).select(
            sf.lit(p).alias("pass"),
            sf.col(f"block_{p}").alias("key"),
            sf.lit(side).alias("side"),
            "pos",
            "encoding",
            *blocks,
        )
        for p in range(passes)
    ]
    return reduce(lambda x, y: x.unionByName(y), parts)


def _keys(table: pa.Table, passes: int) -> np.ndarray:
    out = np.zeros((table.num_rows, passes), dtype=np.int64)
    for p in range(passes):
        column = table.column(f"block_{p}").combine_chunks()
        out[:, p] = np.asarray(column.fill_null(0), dtype=np.int64)
    return out


def _score_pass(
    p: int, a: pa.Table, b: pa.Table | None, passes: int, nbytes: int, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The pairs of pass ``p`` among these rows (whole blocks), scored: ``(pos_i, pos_j,
    score)`` at or above ``threshold``, and how many pairs were compared."""
    if b is None:
        a = a.sort_by("pos")  # so that i < j among these rows means pos_i < pos_j
    other = a if b is None else b
    keys_a, keys_b = _keys(a, passes), _keys(other, passes)
    scorer = DiceScorer(
        words_of(a.column("encoding"), nbytes),
        None if b is None else words_of(other.column("encoding"), nbytes),
    )
    pos_a = np.asarray(a.column("pos"), dtype=np.int64)
    pos_b = np.asarray(other.column("pos"), dtype=np.int64)
    found_i, found_j, found_s, compared = [], [], [], 0
    pass_keys = keys_a[:, p : p + 1].view(np.uint64)
    other_keys = None if b is None else keys_b[:, p : p + 1].view(np.uint64)
    for i, j in candidate_pairs(pass_keys, other_keys, chunk=_CHUNK_PAIRS):
        if p:  # a pair whose keys agree in an earlier pass was scored there
            earlier = ((keys_a[i, :p] == keys_b[j, :p]) & (keys_a[i, :p] != 0)).any(axis=1)
            i, j = i[~earlier], j[~earlier]
        compared += len(i)
        scores = scorer.pairs(i, j, workers=1)
        keep = scores >= threshold
        found_i.append(pos_a[i[keep]])
        found_j.append(pos_b[j[keep]])
        found_s.append(scores[keep])
    return (
        np.concatenate(found_i) if found_i else np.zeros(0, np.int64),
        np.concatenate(found_j) if found_j else np.zeros(0, np.int64),
        np.concatenate(found_s) if found_s else np.zeros(0, np.float64),
        compared,
    )


def _score_partition(
    table: pa.Table, dedupe: bool, passes: int, nbytes: int, threshold: float
) -> pa.RecordBatch:
    out_i, out_j, out_s, compared = [np.array([-1])], [np.array([-1])], [np.array([0.0])], []
    pass_of = np.asarray(table.column("pass"), dtype=np.int64)
    side = np.asarray(table.column("side"), dtype=np.int64)
    for p in np.unique(pass_of).tolist():
        a = table.filter(pa.array((pass_of == p) & (side == 0)))
        b = None if dedupe else table.filter(pa.array((pass_of == p) & (side == 1)))
        i, j, s, n = _score_pass(p, a, b, passes, nbytes, threshold)
        out_i.append(i)
        out_j.append(j)
        out_s.append(s)
        compared.append(n)
    i_all, j_all = np.concatenate(out_i), np.concatenate(out_j)
    tally = np.zeros(len(i_all), dtype=np.int64)
    tally[0] = sum(compared)
    return pa.RecordBatch.from_pydict(
        {"i": i_all, "j": j_all, "score": np.concatenate(out_s), "compared": tally}
    )


def score_blocks(
    a: DataFrame, b: DataFrame | None, passes: int, nbytes: int, threshold: float
) -> DataFrame:
    """Scored candidate pairs ``(i, j, score, compared)`` of positioned records: pairs at or
    above ``threshold`` (``compared = 0``) and one tally row per partition (``i = -1``)."""
    rows = block_rows(a, passes, 0)
    if b is not None:
        rows = rows.unionByName(block_rows(b, passes, 1))
    dedupe = b is None

    def score(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        received = list(batches)  # the whole partition: its blocks are whole in it
        if received and sum(batch.num_rows for batch in received):
            table = pa.Table.from_batches(received)
            yield _score_partition(table, dedupe, passes, nbytes, threshold)

    return rows.repartition("pass", "key").mapInArrow(score, SCORED_SCHEMA)
