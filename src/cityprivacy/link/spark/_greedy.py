"""Greedy one-to-one assignment on Spark, by rounds of window functions.

Pairs are ordered by descending score, then lower ``i``, then lower ``j`` (``i`` and ``j``
are the records' positions: for one file, their rows). In each round, every live pair
that comes first among the live pairs of *both* its records is kept — a window per
record end (``row_number() over (partition by record order by score desc, i, j)``) — and
every pair of a record so linked is dropped. No earlier pair can claim a record of a kept
pair (it would come first for that record), so each round keeps exactly pairs that
taking the pairs one by one would keep: the result is that of
:func:`~cityprivacy.link.match.greedy_one_to_one` (and of its vectorized form
:func:`~cityprivacy.link.match.greedy_rounds`), pair for pair. With tied scores it is too,
because ties are broken the same way, by position; when records are read from several
files, positions follow Spark's reading order, so ties are broken by that order.

A chain of rounds is as long as the longest chain of pairs each beaten by the next
(usually a handful); each round's live pairs are checkpointed so that the plan does not
grow with the rounds.
"""

from __future__ import annotations

from functools import reduce
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["greedy_rounds_spark"]


def greedy_rounds_spark(pairs: DataFrame, *, shared: bool = False) -> tuple[DataFrame, int]:
    """The pairs ``(i, j, score)`` greedy one-to-one keeps, and how many rounds it took.

    With ``shared`` (deduplication) ``i`` and ``j`` are positions in the same records.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    other_side = 0 if shared else 1
    order = Window.partitionBy("side", "r").orderBy(sf.desc("score"), "i", "j")
    live = pairs.select("i", "j", "score").localCheckpoint()
    kept: list[DataFrame] = []
    rounds = 0
    while not live.isEmpty():
        rounds += 1
        ends = live.select(sf.lit(0).alias("side"), sf.col("i").alias("r"), "i", "j", "score")
        ends = ends.unionByName(
            live.select(sf.lit(other_side).alias("side"), sf.col("j").alias("r"), "i", "j", "score")
        )
        firsts = ends.withColumn("rank", sf.row_number().over(order)).where("rank = 1")
        winners = (
            firsts.groupBy("i", "j", "score").count().where("count = 2").drop("count")
        ).localCheckpoint()
        kept.append(winners)
        linked_a, linked_b = winners.select("i"), winners.select("j")
        if shared:
            both = linked_a.unionByName(linked_b.withColumnRenamed("j", "i"))
            linked_a, linked_b = both, both.withColumnRenamed("i", "j")
        live = (
            live.join(linked_a, "i", "left_anti").join(linked_b, "j", "left_anti").localCheckpoint()
        )
    if not kept:
        return pairs.select("i", "j", "score").limit(0), 0
    return reduce(lambda x, y: x.unionByName(y), kept), rounds
