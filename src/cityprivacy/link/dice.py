"""Dice similarity of packed bit arrays: a compiled kernel, and the numpy definition.

The Dice coefficient of two encodings ``a`` and ``b`` is ``2·|a ∧ b| / (|a| + |b|)``:
the share of set bits they have in common. Encodings are ``(n, W)`` arrays of ``uint64``
words; ``|a ∧ b|`` is the popcount of ``a & b`` summed over the words.

:class:`DiceScorer` runs the compiled kernels of :mod:`cityprivacy.link._dice_kernel`
(numba, threads over rows, the threshold applied inside, memory bounded by a block of
rows whatever the sizes) by default. ``compiled=False`` runs the numpy path instead: tiles
of 16 rows of ``A`` against all of ``B`` one word at a time with ``np.bitwise_and`` and
``np.bitwise_count`` on a thread pool. Both give the same pairs and bit-identical scores
(the tests check it); the numpy path is the readable reference and needs no compiler.
:func:`dice_reference` is the one-pair-at-a-time definition, for tests.

Two empty encodings have similarity 0.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from types import ModuleType

import numpy as np

__all__ = ["DiceScorer", "dice_reference", "popcounts"]

_TILE_ROWS = 16
_PAIR_CHUNK = 1 << 18
_BLOCK_PAIRS = 1 << 22
"""Pairs per block of the compiled dense pass: bounds its intersection buffer (8 MB)."""


def _kernel() -> ModuleType:
    """The numba kernels, imported (and compiled or loaded from cache) on first use."""
    from cityprivacy.link import _dice_kernel

    return _dice_kernel


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


@contextmanager
def _threads(workers: int | None) -> Iterator[None]:
    """Run the compiled kernels of this thread on ``workers`` threads (numba's setting is
    per calling thread), restoring the previous number afterwards."""
    import numba

    before = numba.get_num_threads()
    most = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]  # set at import
    numba.set_num_threads(max(1, min(workers or before, most)))
    try:
        yield
    finally:
        numba.set_num_threads(before)


class DiceScorer:
    """Dice similarities between the rows of ``a`` and ``b`` (or within ``a`` when ``b``
    is None); keeps the copies and popcounts the kernels use."""

    def __init__(
        self, a: np.ndarray, b: np.ndarray | None = None, *, compiled: bool = True
    ) -> None:
        self.dedupe = b is None
        other = a if b is None else b
        if a.shape[1] != other.shape[1]:
            raise ValueError("encodings of different lengths cannot be compared")
        self.compiled = compiled
        self.n_a, self.n_b = len(a), len(other)
        if compiled:
            self._a = np.ascontiguousarray(a, dtype=np.uint64)
            self._b = self._a if b is None else np.ascontiguousarray(other, dtype=np.uint64)
            self._pop_a = _kernel().row_popcounts(self._a)
            self._pop_b = self._pop_a if b is None else _kernel().row_popcounts(self._b)
            self._b_t = np.ascontiguousarray(self._b.T)  # word-major, for dense comparison
        else:
            self._a = np.ascontiguousarray(a.T)  # word-major: one word of every row at a time
            self._b = self._a if b is None else np.ascontiguousarray(other.T)
            self._pop_a = popcounts(a)
            self._pop_b = self._pop_a if b is None else popcounts(other)
        bits = a.shape[1] * 64
        self._inter_dtype = np.uint16 if bits <= np.iinfo(np.uint16).max else np.uint32

    @property
    def all_pairs(self) -> int:
        """How many pairs a dense comparison scores."""
        return self.n_a * (self.n_a - 1) // 2 if self.dedupe else self.n_a * self.n_b

    @property
    def rows_per_block(self) -> int:
        """Rows of ``a`` behind each triple :meth:`dense` yields (the last may have fewer)."""
        if not self.compiled:
            return _TILE_ROWS
        return max(1, min(self.n_a, _BLOCK_PAIRS // max(self.n_b, 1)))

    def dense(
        self, threshold: float, *, workers: int | None = None
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Every pair ``(i, j, score)`` with Dice ``score >= threshold`` (``i < j`` when
        deduplicating), in ``(i, j)`` order, as one triple of arrays per block of
        :attr:`rows_per_block` rows."""
        if self.n_a == 0 or self.n_b == 0:
            return
        if self.compiled:
            yield from self._dense_compiled(float(threshold), workers)
            return
        starts = range(0, self.n_a, _TILE_ROWS)
        workers = workers or os.cpu_count() or 1
        if workers == 1:
            yield from (self._dense_tile(s, threshold) for s in starts)
            return
        with ThreadPoolExecutor(workers) as pool:
            yield from pool.map(lambda s: self._dense_tile(s, threshold), starts)

    def _dense_compiled(
        self, threshold: float, workers: int | None
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        kernel, rows = _kernel(), self.rows_per_block
        inter = np.empty((rows, self.n_b), dtype=self._inter_dtype)
        hits = np.empty((rows, -(-self.n_b // 64)), dtype=np.uint64)
        for start in range(0, self.n_a, rows):
            stop = min(self.n_a, start + rows)
            counts = np.empty(stop - start, dtype=np.int64)
            hits[:] = 0
            offsets = np.zeros(stop - start + 1, dtype=np.int64)
            with _threads(workers):
                kernel.dense_counts(
                    self._a, self._b_t, self._pop_a, self._pop_b, start, self.dedupe,
                    threshold, inter, hits, counts,
                )  # fmt: skip
                np.cumsum(counts, out=offsets[1:])
                found = int(offsets[-1])
                i = np.empty(found, dtype=np.int64)
                j = np.empty(found, dtype=np.int64)
                s = np.empty(found, dtype=np.float64)
                if found:
                    kernel.dense_fill(
                        self._pop_a, self._pop_b, start, inter, hits, offsets, i, j, s
                    )
            yield i, j, s

    def _dense_tile(
        self, start: int, threshold: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        stop = min(self.n_a, start + _TILE_ROWS)
        col0 = start + 1 if self.dedupe else 0
        if col0 >= self.n_b:
            return _empty()
        inter = _tile(self._a, self._b, start, stop, col0)
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

    def pairs(self, i: np.ndarray, j: np.ndarray, *, workers: int | None = None) -> np.ndarray:
        """Dice of the pairs ``(i[k], j[k])``."""
        out = np.empty(len(i), dtype=np.float64)
        if self.compiled:
            ii = np.ascontiguousarray(i, dtype=np.int64)
            jj = np.ascontiguousarray(j, dtype=np.int64)
            self._check_rows(ii, jj)
            with _threads(workers):
                _kernel().pair_scores(self._a, self._b, self._pop_a, self._pop_b, ii, jj, out)
            return out
        for lo in range(0, len(i), _PAIR_CHUNK):  # numpy: in chunks, one word at a time
            ii, jj = i[lo : lo + _PAIR_CHUNK], j[lo : lo + _PAIR_CHUNK]
            inter = np.zeros(len(ii), dtype=np.int64)
            for w in range(self._a.shape[0]):
                inter += np.bitwise_count(self._a[w][ii] & self._b[w][jj])
            out[lo : lo + len(ii)] = _scores(inter, self._pop_a[ii], self._pop_b[jj])
        return out

    def _check_rows(self, i: np.ndarray, j: np.ndarray) -> None:
        """The compiled kernel does not check bounds: refuse indices outside the files."""
        for index, size in ((i, self.n_a), (j, self.n_b)):
            if len(index) and (int(index.min()) < 0 or int(index.max()) >= size):
                raise IndexError(f"pair index outside 0..{size - 1}")


def _empty() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64)
