"""Equivalence classes of one lattice node, computed on items and rolled up from below.

An item's class at a node is its tuple of generalized codes, packed into one integer
(mixed radix over the number of labels at each chosen level) and numbered with
:func:`numpy.bincount` when that key space is small, :func:`numpy.unique` otherwise.

Generalizing further only merges classes, so a node's classes can be computed from the
classes of any node below it instead of from the items (ARX keeps "snapshots" for the
same reason): each class of the lower node is one tuple of codes, mapped up a level or
more per column. The grouper keeps the last few nodes it grouped and rolls up from the
one below the requested node with the fewest classes; the search walks paths upward, so
there usually is one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cityprivacy.protect.anonymize.encoding import EncodedTable
from cityprivacy.protect.risk.classes import combine_codes

__all__ = ["Classes", "Grouper"]

IntArray = npt.NDArray[np.int64]
_DENSE_LIMIT = 1 << 16
_KEEP = 16


@dataclass(frozen=True, slots=True, eq=False)
class Classes:
    """The classes of a node: ``of_item[i]`` is item ``i``'s class, ``sizes[c]`` its records.

    ``codes[d][c]`` is class ``c``'s code in column ``d`` at the node's level.
    """

    levels: tuple[int, ...]
    of_item: IntArray
    sizes: IntArray
    codes: tuple[IntArray, ...]

    @property
    def count(self) -> int:
        return int(self.sizes.size)


class Grouper:
    """Computes :class:`Classes` for nodes of one encoded table."""

    def __init__(self, encoded: EncodedTable) -> None:
        self.encoded = encoded
        self._up: dict[tuple[int, int, int], IntArray] = {}
        self._item_codes: dict[tuple[int, int], IntArray] = {}
        self._recent: OrderedDict[tuple[int, ...], Classes] = OrderedDict()

    def group(self, levels: Sequence[int]) -> Classes:
        """The classes of the node with these levels."""
        target = tuple(int(x) for x in levels)
        cached = self._recent.get(target)
        if cached is not None:
            self._recent.move_to_end(target)
            return cached
        base = self._base_for(target)
        result = self._from_items(target) if base is None else self._roll_up(base, target)
        self._recent[target] = result
        if len(self._recent) > _KEEP:
            self._recent.popitem(last=False)
        return result

    def _base_for(self, target: tuple[int, ...]) -> Classes | None:
        """The remembered node below ``target`` with the fewest classes."""
        if not self._recent:
            return None
        remembered = list(self._recent.values())
        levels = np.array([c.levels for c in remembered], dtype=np.int64)
        below = np.flatnonzero(np.all(levels <= np.asarray(target), axis=1))
        if below.size == 0:
            return None
        counts = [remembered[i].count for i in below]
        return remembered[int(below[int(np.argmin(counts))])]

    def _from_items(self, target: tuple[int, ...]) -> Classes:
        encoded = self.encoded
        codes = [self._codes(d, level) for d, level in enumerate(target)]
        of_item, count, reps = self._number(codes, target, encoded.items)
        sizes = np.bincount(of_item, weights=encoded.counts, minlength=count).astype(np.int64)
        return Classes(target, of_item, sizes, reps)

    def _roll_up(self, base: Classes, target: tuple[int, ...]) -> Classes:
        codes = [
            self._lift(d, low, high)[base.codes[d]] if low != high else base.codes[d]
            for d, (low, high) in enumerate(zip(base.levels, target, strict=True))
        ]
        of_class, count, reps = self._number(codes, target, base.count)
        sizes = np.bincount(of_class, weights=base.sizes, minlength=count).astype(np.int64)
        return Classes(target, of_class[base.of_item], sizes, reps)

    def _number(
        self, codes: Sequence[IntArray], target: tuple[int, ...], size: int
    ) -> tuple[IntArray, int, tuple[IntArray, ...]]:
        """Number the distinct code tuples: each position's number, how many, their codes."""
        dims = self.encoded.dimensions
        radices = [dims[d].radix(level) for d, level in enumerate(target)]
        key, radix = combine_codes(list(zip(codes, radices, strict=True)), size)
        if radix <= max(_DENSE_LIMIT, 2 * size):
            present = np.zeros(radix, dtype=np.bool_)
            present[key] = True
            number = np.cumsum(present, dtype=np.int64) - 1
            keys = np.flatnonzero(present)
            of_position = number[key]
        else:
            keys, inverse = np.unique(key, return_inverse=True)
            of_position = inverse.astype(np.int64, copy=False).reshape(-1)
        if radix == int(np.prod(radices, dtype=np.float64)):
            reps = _decode(keys.astype(np.int64, copy=False), radices)
        else:  # the key was renumbered on the way: take each class's codes from a member
            reps = _representatives(codes, of_position, int(keys.size))
        return of_position, int(keys.size), reps

    def _codes(self, dim: int, level: int) -> IntArray:
        """Each item's code in column ``dim`` at ``level`` (cached)."""
        key = (dim, level)
        codes = self._item_codes.get(key)
        if codes is None:
            codes = self.encoded.dimensions[dim].codes(level)
            self._item_codes[key] = codes
        return codes

    def _lift(self, dim: int, low: int, high: int) -> IntArray:
        """Codes at level ``high`` of the codes at level ``low`` of one column."""
        key = (dim, low, high)
        lifted = self._up.get(key)
        if lifted is None:
            maps = self.encoded.dimensions[dim].maps
            lifted = np.zeros(int(maps[low].max()) + 1, dtype=np.int64)
            lifted[maps[low]] = maps[high]
            self._up[key] = lifted
        return lifted


def _decode(keys: IntArray, radices: Sequence[int]) -> tuple[IntArray, ...]:
    """The codes packed into mixed-radix ``keys`` (the last column fastest)."""
    out: list[IntArray] = []
    rest = keys
    for radix in reversed(radices):
        rest, code = np.divmod(rest, max(radix, 1))
        out.append(code)
    return tuple(reversed(out))


def _representatives(
    codes: Sequence[IntArray], number: IntArray, count: int
) -> tuple[IntArray, ...]:
    """Each numbered tuple's codes (any position with that number will do)."""
    out = []
    for column in codes:
        rep = np.zeros(count, dtype=np.int64)
        rep[number] = column
        out.append(rep)
    return tuple(out)
