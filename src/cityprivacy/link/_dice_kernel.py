"""Compiled Dice kernels (numba): popcount of ANDed ``uint64`` words, threshold inside.

Why compiled: numpy needs three passes over memory per word (AND, popcount, add) and a
temporary per step; a compiled loop lets LLVM use the CPU's popcount instruction
(vectorized where the CPU has it, e.g. AVX-512 ``vpopcntq``), checks the threshold where
the count is made, and emits only the pairs at or above it, so nothing of size
``n_a × n_b`` is ever materialized.

Scores are computed exactly as the numpy definition does, ``2.0 * inter / (|a| + |b|)`` in
float64 (0.0 for two empty encodings), and compared with ``>=``, so ties at the threshold
fall the same way.

Dense comparison works by blocks of rows of ``A`` in two passes, both ``prange``: the
first (:func:`dense_counts`) computes each pair's intersection count into a bounded buffer,
marks the pairs at or above the threshold in a bitmap and counts them per row; the second
(:func:`dense_fill`) visits only the marked pairs (trailing-zero counts over the bitmap)
and writes them at the row's offset (from the cumulative counts), reading the counts back
without recomputing popcounts. :func:`pair_scores` scores given pairs (blocking).

Compiled on first use and cached on disk where a cache directory is writable
(:mod:`cityprivacy.link._jit`). Kernels release the GIL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
from llvmlite import ir  # type: ignore[import-untyped]  # numba's LLVM binding ships no stubs
from numba import prange, types
from numba.extending import intrinsic

from cityprivacy.link._jit import kernel

_MARGIN = 1.0 - 2.0**-40
_TILE = 512  # columns of B per step: 4 rows × 512 counts in L1, 512 × W words in L2
_GROUP = 4  # rows of A per pass over B (dense_counts spells out the four)

__all__ = ["dense_counts", "dense_fill", "greedy_pick", "pair_scores", "row_popcounts"]


@intrinsic
def _popcount(typingctx: Any, word: Any) -> Any:
    """LLVM's ``ctpop`` on one unsigned 64-bit word (numba has no popcount of its own)."""
    if word != types.uint64:
        return None

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        return builder.ctpop(args[0])

    return types.uint64(types.uint64), codegen


@intrinsic
def _trailing_zeros(typingctx: Any, word: Any) -> Any:
    """LLVM's ``cttz`` on one unsigned 64-bit word that is not 0."""
    if word != types.uint64:
        return None

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        return builder.cttz(args[0], ir.Constant(ir.IntType(1), 1))

    return types.uint64(types.uint64), codegen


# numba resolves these globals to the intrinsics when compiling; the casts type the calls.
_popcount64 = cast("Callable[[Any], int]", _popcount)
_ctz64 = cast("Callable[[Any], int]", _trailing_zeros)


@kernel()
def _inter(a: np.ndarray, i: int, b: np.ndarray, j: int) -> int:
    acc = np.uint64(0)
    for w in range(a.shape[1]):
        acc += _popcount64(a[i, w] & b[j, w])
    return int(acc)


@kernel()
def _score(inter: int, total: int) -> float:
    return 2.0 * inter / total if total > 0 else 0.0


@kernel()
def _passes(inter: int, total: int, threshold: float) -> bool:
    """``_score(inter, total) >= threshold``, the division done only for pairs near or
    above it: when ``2·inter < threshold·total·(1 − 2⁻⁴⁰)`` the rounded quotient is below
    the threshold too (rounding moves it by far less than that margin)."""
    if 2.0 * inter < threshold * total * _MARGIN:
        return False
    return _score(inter, total) >= threshold


@kernel(parallel=True)
def row_popcounts(words: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Set bits of each row of an ``(n, W)`` uint64 matrix, as int64."""
    out = np.empty(words.shape[0], dtype=np.int64)
    for i in prange(words.shape[0]):
        acc = np.uint64(0)
        for w in range(words.shape[1]):
            acc += _popcount64(words[i, w])
        out[i] = acc
    return out


@kernel(parallel=True)
def dense_counts(
    a: np.ndarray,
    b_t: np.ndarray,
    pop_a: np.ndarray,
    pop_b: np.ndarray,
    start: int,
    dedupe: bool,
    threshold: float,
    inter: np.ndarray,
    hits: np.ndarray,
    counts: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """Pass 1 for rows ``start … start + len(counts)`` of ``a``: intersection counts into
    ``inter[r, j]``, which pairs score ``>= threshold`` as bits of ``hits[r]`` (bit ``j % 64``
    of word ``j // 64``, zero on entry) and how many per row. With ``dedupe`` only ``j > i``
    is compared.

    ``b_t`` is ``b`` word-major (``(W, n_b)``). Rows of ``a`` go by groups of four, the
    columns of ``b`` by tiles of :data:`_TILE`: for each word, one pass over that word of
    the tile's rows adds popcounts into the four rows' counts. The inner loop runs over
    contiguous memory with no reduction (LLVM makes it vector popcounts of several pairs
    at once), each word of ``b`` loaded once for four rows, the counts staying in L1.
    """
    n_b, rows = b_t.shape[1], counts.shape[0]
    for g in prange((rows + _GROUP - 1) // _GROUP):
        r0 = g * _GROUP
        size = min(_GROUP, rows - r0)
        # The group's first row decides where comparing starts; later rows skip j <= i.
        j0 = start + r0 + 1 if dedupe else 0
        last = [start + r0 + min(k, size - 1) for k in range(_GROUP)]
        acc = np.empty((_GROUP, _TILE), dtype=np.uint64)  # stays in the L1 cache
        found = np.zeros(_GROUP, dtype=np.int64)
        for t0 in range(j0, n_b, _TILE):
            width = min(_TILE, n_b - t0)
            acc[:, :width] = 0
            for w in range(b_t.shape[0]):
                column = b_t[w, t0 : t0 + width]
                w0, w1, w2, w3 = a[last[0], w], a[last[1], w], a[last[2], w], a[last[3], w]
                for j in range(width):
                    c = column[j]
                    acc[0, j] += _popcount64(w0 & c)
                    acc[1, j] += _popcount64(w1 & c)
                    acc[2, j] += _popcount64(w2 & c)
                    acc[3, j] += _popcount64(w3 & c)
            for k in range(size):
                i = start + r0 + k
                own = pop_a[i]
                for j in range(max(i + 1 - t0, 0) if dedupe else 0, width):
                    inter[r0 + k, t0 + j] = acc[k, j]
                    if _passes(acc[k, j], own + pop_b[t0 + j], threshold):
                        found[k] += 1
                        col = t0 + j
                        hits[r0 + k, col >> 6] |= np.uint64(1) << np.uint64(col & 63)
        for k in range(size):
            counts[r0 + k] = found[k]


@kernel(parallel=True)
def dense_fill(
    pop_a: np.ndarray,
    pop_b: np.ndarray,
    start: int,
    inter: np.ndarray,
    hits: np.ndarray,
    offsets: np.ndarray,
    out_i: np.ndarray,
    out_j: np.ndarray,
    out_s: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """Pass 2: the pairs pass 1 marked in ``hits``, row ``r``'s from ``offsets[r]``, in
    ``j`` order, visiting only the marked ones (one trailing-zero count per pair)."""
    for r in prange(offsets.shape[0] - 1):
        i = start + r
        k = offsets[r]
        for w in range(hits.shape[1]):
            word = hits[r, w]
            while word:
                j = w * 64 + _ctz64(word)
                word &= word - np.uint64(1)
                out_i[k] = i
                out_j[k] = j
                out_s[k] = _score(int(inter[r, j]), pop_a[i] + pop_b[j])
                k += 1


@kernel(parallel=True)
def pair_scores(
    a: np.ndarray,
    b: np.ndarray,
    pop_a: np.ndarray,
    pop_b: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
    out: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """Dice of the pairs ``(i[k], j[k])`` into ``out[k]``."""
    for k in prange(i.shape[0]):
        x, y = i[k], j[k]
        out[k] = _score(_inter(a, x, b, y), pop_a[x] + pop_b[y])


@kernel()
def greedy_pick(
    order: np.ndarray, left: np.ndarray, right: np.ndarray, size: int
) -> np.ndarray:  # pragma: no cover - compiled
    """Greedy one-to-one over pairs taken in ``order``: pair ``p`` (records ``left[p]`` and
    ``right[p]``, one numbering for both) is kept when neither record is linked yet.
    Returns the kept pair indices, in ``order``."""
    used = np.zeros(size, dtype=np.bool_)
    kept = np.empty(order.shape[0], dtype=np.int64)
    found = 0
    for k in range(order.shape[0]):
        p = order[k]
        x, y = left[p], right[p]
        if not used[x] and not used[y]:
            used[x] = True
            used[y] = True
            kept[found] = p
            found += 1
    return kept[:found].copy()
