"""A uniform sample of rows from a stream of record batches, in bounded memory.

Vitter/Li "Algorithm L": after the reservoir is full, it jumps straight to the next row to
keep (a geometric skip), so a table of any length costs time in proportion to the rows
*kept*, and the batches are touched with one ``take`` each. Seeded, so two scans of the
same file classify it the same way.
"""

from __future__ import annotations

import math
import random

import pyarrow as pa

__all__ = ["RowReservoir"]

_TINY = 1e-300


class RowReservoir:
    """Keeps a uniform random sample of at most ``size`` rows (as dicts of strings)."""

    def __init__(self, size: int, *, seed: int = 0) -> None:
        self.size = size
        self.rows: list[dict[str, str | None]] = []
        self.seen = 0
        self._rng = random.Random(seed)
        self._w = self._draw()
        self._next = size + self._skip()

    def _draw(self) -> float:
        return math.exp(math.log(max(self._rng.random(), _TINY)) / self.size)

    def _skip(self) -> int:
        if self._w >= 1.0:
            return 0
        return math.floor(math.log(max(self._rng.random(), _TINY)) / math.log(1 - self._w))

    @property
    def sampled(self) -> bool:
        """True when rows were dropped: the reservoir is a sample, not the whole table."""
        return self.seen > self.size

    def offer(self, batch: pa.RecordBatch, max_chars: int) -> None:
        """Consider every row of ``batch``; cells longer than ``max_chars`` are cut."""
        n = batch.num_rows
        picks: list[tuple[int | None, int]] = []  # (slot to replace or None to append, row)
        fill = min(n, self.size - len(self.rows))
        picks.extend((None, i) for i in range(fill))
        while self._next < self.seen + n:
            picks.append((self._rng.randrange(self.size), self._next - self.seen))
            self._w *= self._draw()
            self._next += self._skip() + 1
        self.seen += n
        if not picks:
            return
        taken = batch.take(pa.array([row for _, row in picks], pa.int64())).to_pylist()
        for (slot, _), row in zip(picks, taken, strict=True):
            cut = {k: v[:max_chars] if isinstance(v, str) else v for k, v in row.items()}
            if slot is None:
                self.rows.append(cut)
            else:
                self.rows[slot] = cut

    def shuffled(self) -> list[dict[str, str | None]]:
        """The kept rows in random order (so any prefix is itself a uniform sample)."""
        rows = list(self.rows)
        random.Random(self.seen).shuffle(rows)
        return rows
