"""Matching two encodings files (or deduplicating one): score, threshold, assign.

1. **Compare**: every pair (dense, :class:`~cityprivacy.link.dice.DiceScorer`), or only
   the candidate pairs of the keyed blocking keys in the files, or of LSH over the
   encodings (:mod:`cityprivacy.link.blocking`). ``auto`` uses the keys when the schema
   had blocking passes and compares everything otherwise.
2. **Threshold**: keep pairs whose Dice similarity is at least ``threshold`` (in [0, 1]).
3. **Assign**: when linking two files, each record is linked at most once: *greedy*
   (the default, as anonlink does) takes pairs from the highest score down, skipping any
   whose record is already linked; *optimal* maximizes the total score of the links
   (Hungarian algorithm, per connected group of candidate pairs; needs SciPy, which is not
   a dependency of cityprivacy: ``pip install scipy``). Deduplication keeps every pair
   above the threshold unless asked for one-to-one.

Files made under different schemas or keys are refused before anything is compared
(:func:`~cityprivacy.link.io.check_compatible`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pyarrow as pa

from cityprivacy.errors import ConfigurationError, InputError
from cityprivacy.link.blocking import candidate_pairs, lsh_keys
from cityprivacy.link.dice import DiceScorer
from cityprivacy.link.io import Encodings

__all__ = [
    "Assignment",
    "BlockingMode",
    "Matches",
    "check_threshold",
    "greedy_one_to_one",
    "greedy_rounds",
    "match_encodings",
    "optimal_one_to_one",
]


class Assignment(StrEnum):
    """How pairs above the threshold become links."""

    GREEDY = "greedy"
    OPTIMAL = "optimal"
    ALL = "all"


class BlockingMode(StrEnum):
    """Which pairs are compared."""

    AUTO = "auto"
    NONE = "none"
    KEYS = "keys"
    LSH = "lsh"


@dataclass
class Matches:
    """Linked pairs (row indices into the files) with their scores, best first."""

    i: np.ndarray
    j: np.ndarray
    scores: np.ndarray
    compared: int
    all_pairs: int
    blocking: BlockingMode
    seconds: float
    compare_seconds: float = 0.0
    """Of ``seconds``, the time spent scoring pairs (the rest: blocking and assignment)."""
    compare_cpu_seconds: float = 0.0
    """CPU time of the process (all its threads) while scoring pairs."""

    def __len__(self) -> int:
        return len(self.i)

    def to_table(self, ids_a: pa.Array, ids_b: pa.Array) -> pa.Table:
        """``id_a``, ``id_b``, ``score`` (rounded to 6 decimals)."""
        return pa.table(
            {
                "id_a": ids_a.take(pa.array(self.i)),
                "id_b": ids_b.take(pa.array(self.j)),
                "score": pa.array(np.round(self.scores, 6), pa.float64()),
            }
        )


def check_threshold(threshold: float) -> float:
    """``threshold`` if it is a number in [0, 1]; :class:`InputError` otherwise."""
    if not isinstance(threshold, int | float) or math.isnan(threshold) or not 0 <= threshold <= 1:
        raise InputError(f"threshold {threshold!r} is outside [0, 1]")
    return float(threshold)


def _rank_order(i: np.ndarray, j: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Pair indices by descending score, ties by ``i`` then ``j``.

    Dense matching yields pairs already in ``(i, j)`` order, and then one stable sort on
    the score is enough (several times faster than a three-key sort on millions of pairs).
    """
    di, dj = np.diff(i), np.diff(j)
    if bool(np.all((di > 0) | ((di == 0) & (dj > 0)))):
        return _descending_stable(scores)
    return np.lexsort((j, i, -scores))


def _descending_stable(scores: np.ndarray) -> np.ndarray:
    """``np.argsort(-scores, kind="stable")``, faster when the scores take few distinct
    values (Dice of encodings of one length takes a few hundred): each score is replaced
    by its rank among the distinct ones, and 16-bit ranks are radix-sorted."""
    distinct = np.unique(scores)
    if len(distinct) > np.iinfo(np.uint16).max:
        return np.argsort(-scores, kind="stable")
    rank = (len(distinct) - 1 - np.searchsorted(distinct, scores)).astype(np.uint16)
    return np.argsort(rank, kind="stable")


def greedy_one_to_one(
    i: np.ndarray, j: np.ndarray, scores: np.ndarray, *, shared: bool = False
) -> np.ndarray:
    """Indices of the pairs kept by greedy one-to-one assignment, best first.

    Pairs are taken by descending score (ties: lower ``i``, then lower ``j``); a pair is
    kept when neither of its records is already linked. With ``shared`` (deduplication),
    ``i`` and ``j`` index the same records.

    The sort is numpy's; the pass over the sorted pairs is compiled
    (:func:`cityprivacy.link._dice_kernel.greedy_pick`): one read of each pair and a flag
    per record, where a vectorized form needs several rounds over all the live pairs.
    :func:`greedy_rounds` is that vectorized form (the one a distributed engine would run).
    """
    from cityprivacy.link._dice_kernel import greedy_pick

    order = _rank_order(i, j, scores)
    offset = 0 if shared else int(i.max(initial=-1)) + 1  # one "used" array for both ends
    size = max(offset, int(j.max(initial=-1)) + 1 + offset, int(i.max(initial=-1)) + 1)
    picked: np.ndarray = greedy_pick(
        order.astype(np.int64, copy=False),
        np.ascontiguousarray(i, dtype=np.int64),
        np.ascontiguousarray(j, dtype=np.int64) + offset,
        size,
    )
    return picked


def greedy_rounds(
    i: np.ndarray, j: np.ndarray, scores: np.ndarray, *, shared: bool = False
) -> np.ndarray:
    """:func:`greedy_one_to_one` vectorized in rounds, with the same result as taking the
    pairs one by one: each round keeps every live pair that comes first among the live
    pairs of both its records (no earlier pair can then claim either record), and drops
    the pairs those records are in."""
    order = _rank_order(i, j, scores)
    offset = 0 if shared else int(i.max(initial=-1)) + 1  # one "used" array for both ends
    left, right = i[order], j[order] + offset
    size = int(max(left.max(initial=-1), right.max(initial=-1))) + 1
    used = np.zeros(size, dtype=bool)
    live = np.arange(len(order))
    kept: list[np.ndarray] = []
    while len(live):
        rank = np.arange(len(live))
        first_left = np.full(size, len(live), dtype=np.int64)
        first_right = np.full(size, len(live), dtype=np.int64)
        np.minimum.at(first_left, left, rank)
        np.minimum.at(first_right, right, rank)
        if shared:
            np.minimum(first_left, first_right, out=first_left)
            first_right = first_left
        winners = (first_left[left] == rank) & (first_right[right] == rank)
        kept.append(live[winners])
        used[left[winners]] = True
        used[right[winners]] = True
        still = ~(used[left] | used[right])
        live, left, right = live[still], left[still], right[still]
    chosen = np.sort(np.concatenate(kept)) if kept else np.zeros(0, dtype=np.int64)
    return order[chosen]


def optimal_one_to_one(i: np.ndarray, j: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Indices of the pairs of a maximum-total-score one-to-one assignment (SciPy)."""
    try:
        # SciPy is optional (not a dependency) and ships no type stubs.
        from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]
        from scipy.sparse import coo_matrix  # type: ignore[import-untyped]
        from scipy.sparse.csgraph import connected_components  # type: ignore[import-untyped]
    except ImportError:
        raise ConfigurationError(
            "optimal assignment needs SciPy (pip install scipy); or use greedy"
        ) from None
    if len(i) == 0:
        return np.zeros(0, dtype=np.int64)
    rows, rows_idx = np.unique(i, return_inverse=True)
    cols, cols_idx = np.unique(j, return_inverse=True)
    n = len(rows) + len(cols)
    graph = coo_matrix((np.ones(len(i)), (rows_idx, cols_idx + len(rows))), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    group = label[rows_idx]
    kept: list[np.ndarray] = []
    for g in np.unique(group):
        members = np.flatnonzero(group == g)
        if len(members) == 1:
            kept.append(members)
            continue
        r, r_loc = np.unique(rows_idx[members], return_inverse=True)
        c, c_loc = np.unique(cols_idx[members], return_inverse=True)
        if len(r) * len(c) > 25_000_000:
            raise InputError(
                f"a group of {len(r)} × {len(c)} linked candidates is too large for optimal "
                "assignment; raise the threshold or use greedy"
            )
        weight = np.zeros((len(r), len(c)))  # a non-edge adds nothing, and is dropped below
        weight[r_loc, c_loc] = scores[members]
        index = np.full((len(r), len(c)), -1, dtype=np.int64)
        index[r_loc, c_loc] = members
        row_pick, col_pick = linear_sum_assignment(weight, maximize=True)
        chosen = index[row_pick, col_pick]
        kept.append(chosen[chosen >= 0])
    out = np.concatenate(kept)
    return out[np.lexsort((j[out], i[out], -scores[out]))]


def _candidates(
    a: Encodings, b: Encodings | None, mode: BlockingMode, lsh: tuple[int, int]
) -> Iterator[tuple[np.ndarray, np.ndarray]] | None:
    if mode is BlockingMode.NONE:
        return None
    if mode in (BlockingMode.KEYS, BlockingMode.AUTO):
        passes = a.blocks.shape[1]
        if passes and (b is None or b.blocks.shape[1] == passes):
            return candidate_pairs(a.blocks, None if b is None else b.blocks)
        if mode is BlockingMode.KEYS:
            raise InputError(
                "--blocking keys: the encodings carry no blocking keys (the schema has no "
                "blocking passes); use --blocking lsh or none"
            )
        return None
    bands, band_bits = lsh
    seed = a.meta.schema_fingerprint.encode("ascii")
    keys_a = lsh_keys(a.words, bands=bands, band_bits=band_bits, seed=seed)
    keys_b = None if b is None else lsh_keys(b.words, bands=bands, band_bits=band_bits, seed=seed)
    return candidate_pairs(keys_a, keys_b)


def _concat(pieces: list[np.ndarray], dtype: type) -> np.ndarray:
    """The pieces in one array, emptying the list (with millions of pairs above a low
    threshold, each of ``i``, ``j``, ``scores`` is let go of as soon as it is joined)."""
    out = np.concatenate(pieces) if pieces else np.zeros(0, dtype)
    pieces.clear()
    return out


def match_encodings(
    a: Encodings,
    b: Encodings | None,
    threshold: float,
    *,
    assignment: Assignment = Assignment.GREEDY,
    blocking: BlockingMode = BlockingMode.AUTO,
    lsh: tuple[int, int] = (24, 20),
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Matches:
    """Link ``a`` to ``b`` (or deduplicate ``a`` when ``b`` is None).

    ``progress(done, total)`` is told how many of the pairs to compare are done.
    """
    threshold = check_threshold(threshold)
    blocking, assignment = BlockingMode(blocking), Assignment(assignment)
    started, cpu_started = time.perf_counter(), time.process_time()
    scorer = DiceScorer(a.words, None if b is None else b.words)
    candidates = _candidates(a, b, blocking, lsh)
    parts_i: list[np.ndarray] = []
    parts_j: list[np.ndarray] = []
    parts_s: list[np.ndarray] = []
    compared = 0
    if candidates is None:
        used = BlockingMode.NONE
        done = 0
        for i, j, s in scorer.dense(threshold, workers=workers):
            parts_i.append(i)
            parts_j.append(j)
            parts_s.append(s)
            done = min(scorer.n_a, done + scorer.rows_per_block)
            if progress is not None:
                progress(done, scorer.n_a)
        compared = scorer.all_pairs
    else:
        used = BlockingMode.LSH if blocking is BlockingMode.LSH else BlockingMode.KEYS
        for i, j in candidates:
            s = scorer.pairs(i, j, workers=workers)
            keep = s >= threshold
            parts_i.append(i[keep])
            parts_j.append(j[keep])
            parts_s.append(s[keep])
            compared += len(i)
            if progress is not None:
                progress(compared, 0)
    compare_seconds = time.perf_counter() - started
    compare_cpu_seconds = time.process_time() - cpu_started
    i, j = _concat(parts_i, np.int64), _concat(parts_j, np.int64)
    s = _concat(parts_s, np.float64)
    if assignment is Assignment.GREEDY:
        kept = greedy_one_to_one(i, j, s, shared=b is None)
    elif assignment is Assignment.OPTIMAL:
        if b is None:
            raise InputError("optimal assignment links two files; deduplicate with greedy or all")
        kept = optimal_one_to_one(i, j, s)
    else:
        kept = np.lexsort((j, i, -s))
    seconds = time.perf_counter() - started
    return Matches(
        i[kept],
        j[kept],
        s[kept],
        compared,
        scorer.all_pairs,
        used,
        seconds,
        compare_seconds,
        compare_cpu_seconds,
    )
