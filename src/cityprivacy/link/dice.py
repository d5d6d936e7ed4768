"""Dice similarity of packed bit arrays, vectorized with numpy's popcount.

The Dice coefficient of two encodings ``a`` and ``b`` is ``2·|a ∧ b| / (|a| + |b|)``:
the share of set bits they have in common. Encodings are ``(n, W)`` arrays of ``uint64``
words; ``|a ∧ b|`` is ``np.bitwise_count(a & b)`` summed over the words.

:meth:`DiceScorer.dense` compares every row of ``A`` with every row of ``B`` in tiles of a few
rows of ``A`` against all of ``B``, one word at a time: each step is three passes over a
small ``tile × len(B)`` array (AND, popcount, add) that stays in cache, and tiles run on
a thread pool (numpy releases the GIL inside its loops). Memory stays at a few tiles,
whatever the sizes. :meth:`DiceScorer.pairs` scores given candidate pairs (from blocking), in
chunks. :func:`dice_reference` is the one-pair-at-a-time definition, for tests.

Two empty encodings have similarity 0.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np

__all__ = ["DiceScorer", "dice_reference", "popcounts"]

_TILE_ROWS = 16
_PAIR_CHUNK = 1 << 18


def popcounts(words: np.ndarray) -> np.ndarray:
    """Set bits of each row."""
    return np.asarray(np.bitwise_count(words).sum(axis=1, dtype=np.int64))


def dice_reference(a: np.ndarray, b: np.ndarray) -> float:
    """The Dice coefficient of two 1-D word arrays, the slow and obvious way."""
    ones_a = sum(bin(int(w)).count("1") for w in a)
    ones_b = sum(bin(int(w)).count("1") for w in b)
    both = sum(bin(int(x) & int(y)).count("1") for x, y in zip(a, b, strict=True))
    return 2.0 * both / (ones_a + ones_b) if ones_a + ones_b else 0.0


def _scores(inter: np.ndarray, pa_: np.ndarray, pb: np.ndarray) -> np.ndarray:
    total = pa_ + pb
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.where(total > 0, 2.0 * inter / np.maximum(total, 1), 0.0)
    return np.asarray(scores, dtype=np.float64)


def _tile(a_t: np.ndarray, b_t: np.ndarray, start: int, stop: int, col0: int) -> np.ndarray:
    """``(stop - start, n_b - col0)`` uint16 intersection counts, one word at a time.

    Popcounts of up to three words are summed in uint8 (at most 192) before being added
    to the uint16 total, so every add is between arrays of one type.
    """
    rows, cols = stop - start, b_t.shape[1] - col0
    acc = np.zeros((rows, cols), dtype=np.uint16)
    tmp = np.empty((rows, cols), dtype=np.uint64)
    cnt = np.empty((rows, cols), dtype=np.uint8)
    part = np.empty((rows, cols), dtype=np.uint8)
    words = a_t.shape[0]
    for w0 in range(0, words, 3):
        for w in range(w0, min(words, w0 + 3)):
            np.bitwise_and(a_t[w, start:stop, None], b_t[w, None, col0:], out=tmp)
            if w == w0:
                np.bitwise_count(tmp, out=part)
            else:
                np.bitwise_count(tmp, out=cnt)
                np.add(part, cnt, out=part)
        np.add(acc, part, out=acc, casting="unsafe")
    return acc


class DiceScorer:
    """Dice similarities between the rows of ``a`` and ``b`` (or within ``a`` when ``b``
    is None); keeps the word-major copies and popcounts the kernels use."""

    def __init__(self, a: np.ndarray, b: np.ndarray | None = None) -> None:
        self.dedupe = b is None
        other = a if b is None else b
        if a.shape[1] != other.shape[1]:
            raise ValueError("encodings of different lengths cannot be compared")
        self.n_a, self.n_b = len(a), len(other)
        self._a_t = np.ascontiguousarray(a.T)
        self._b_t = self._a_t if b is None else np.ascontiguousarray(other.T)
        self._pop_a = popcounts(a)
        self._pop_b = self._pop_a if b is None else popcounts(other)

    @property
    def all_pairs(self) -> int:
        """How many pairs a dense comparison scores."""
        return self.n_a * (self.n_a - 1) // 2 if self.dedupe else self.n_a * self.n_b

    def dense(
        self, threshold: float, *, workers: int | None = None
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Every pair ``(i, j, score)`` with Dice ``score >= threshold`` (``i < j`` when
        deduplicating), as one triple of arrays per tile of rows."""
        if self.n_a == 0 or self.n_b == 0:
            return
        starts = range(0, self.n_a, _TILE_ROWS)
        workers = workers or os.cpu_count() or 1
        if workers == 1:
            yield from (self._dense_tile(s, threshold) for s in starts)
            return
        with ThreadPoolExecutor(workers) as pool:
            yield from pool.map(lambda s: self._dense_tile(s, threshold), starts)

    def _dense_tile(
        self, start: int, threshold: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        stop = min(self.n_a, start + _TILE_ROWS)
        col0 = start + 1 if self.dedupe else 0
        if col0 >= self.n_b:
            return _empty()
        inter = _tile(self._a_t, self._b_t, start, stop, col0)
        pop_a, pop_b = self._pop_a[start:stop], self._pop_b[col0:]
        # A necessary condition per column (with the tile's smallest popcount), checked on
        # the integer counts; the exact scores are computed for the few that pass.
        bound = np.floor(threshold * (pop_a.min() + pop_b) / 2.0 - 1e-6)
        i, j = np.nonzero(inter >= np.clip(bound, 0, 65535).astype(np.uint16)[None, :])
        scores = _scores(inter[i, j], pop_a[i], pop_b[j])
        keep = scores >= threshold
        if self.dedupe:
            keep &= j + col0 > i + start
        return i[keep] + start, j[keep] + col0, scores[keep]

    def pairs(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Dice of the pairs ``(i[k], j[k])``, in chunks, gathering one word at a time."""
        out = np.empty(len(i), dtype=np.float64)
        for lo in range(0, len(i), _PAIR_CHUNK):
            ii, jj = i[lo : lo + _PAIR_CHUNK], j[lo : lo + _PAIR_CHUNK]
            inter = np.zeros(len(ii), dtype=np.int64)
            for w in range(self._a_t.shape[0]):
                inter += np.bitwise_count(self._a_t[w][ii] & self._b_t[w][jj])
            out[lo : lo + len(ii)] = _scores(inter, self._pop_a[ii], self._pop_b[jj])
        return out


def _empty() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64)
