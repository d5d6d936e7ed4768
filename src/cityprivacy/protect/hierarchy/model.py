"""The generalization hierarchy of one column: one row per original value, one column per level.

Level 0 holds the original values, each exactly once; every further level coarsens the
one before it (``39 → 35-39 → 30-39 → *``). A level must be a *function* of the level
below it: two values that share a label at level ``i`` share it at every level above.
That is what makes full-domain generalization well defined and lets the anonymizer
merge classes level by level (and it is ARX's rule for its hierarchies too).

Validation names lines of the hierarchy's file, never its values: hierarchies hold
quasi-identifier values, and the house rule keeps those out of messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cityprivacy.errors import HierarchyError, PolicyError

__all__ = ["Hierarchy", "check_rows"]


@dataclass(frozen=True, slots=True, eq=False)
class Hierarchy:
    """A materialized hierarchy of ``column``: ``rows[i][level]`` generalizes value ``rows[i][0]``.

    Built by :func:`~cityprivacy.protect.hierarchy.read_arx_csv`, by the YAML rules, or
    directly; construction validates it (:func:`check_rows`). An empty original value
    (``""``) stands for missing values.
    """

    column: str
    rows: tuple[tuple[str, ...], ...]
    source: str = "<memory>"
    lines: tuple[int, ...] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        check_rows(self.rows, self.source, self.lines)

    @property
    def height(self) -> int:
        """Number of levels, level 0 (the original values) included."""
        return len(self.rows[0])

    @property
    def values(self) -> tuple[str, ...]:
        """The original values (level 0), in the order of the rows."""
        return tuple(row[0] for row in self.rows)

    def level(self, level: int) -> tuple[str, ...]:
        """The label of every row at ``level``."""
        return tuple(row[level] for row in self.rows)

    def materialize(self, values: Iterable[str]) -> Hierarchy:
        """This hierarchy, after checking that it covers every one of ``values``.

        Raises :class:`~cityprivacy.errors.HierarchyError` (value masked) for the first
        value without a row.
        """
        known = set(self.values)
        for value in values:
            if value not in known:
                raise HierarchyError(self.column, value)
        return self


def check_rows(
    rows: Sequence[Sequence[str]], source: str, lines: Sequence[int] | None = None
) -> None:
    """Raise :class:`~cityprivacy.errors.PolicyError` unless ``rows`` form a valid hierarchy.

    ``lines[i]`` is the file line of ``rows[i]`` (default: ``i + 1``). Checked: at least
    one row; the same number of levels in every row; no empty label above level 0 (an
    empty original value is how a hierarchy lists missing values); each original value
    once; each level a function of the level below it.
    """

    def line(index: int) -> int:
        return lines[index] if lines is not None else index + 1

    if not rows:
        raise PolicyError("the hierarchy has no rows", source=source)
    height = len(rows[0])
    first_row: dict[str, int] = {}
    # For each level i >= 1: label at level i-1 -> (label at level i, row that set it).
    parents: list[dict[str, tuple[str, int]]] = [{} for _ in range(height)]
    for index, row in enumerate(rows):
        if len(row) != height:
            raise PolicyError(
                f"this row has {len(row)} levels, the first row has {height}: every row "
                "needs one label per level",
                source=source,
                line=line(index),
            )
        for level, label in enumerate(row[1:], start=1):
            if label == "":
                raise PolicyError(f"empty label at level {level}", source=source, line=line(index))
        if row[0] in first_row:
            raise PolicyError(
                f"this original value was already given on line {line(first_row[row[0]])}: "
                "each value needs exactly one row",
                source=source,
                line=line(index),
            )
        first_row[row[0]] = index
        for level in range(1, height):
            seen = parents[level].setdefault(row[level - 1], (row[level], index))
            if seen[0] != row[level]:
                raise PolicyError(
                    f"level {level} differs from line {line(seen[1])}, whose level "
                    f"{level - 1} is the same: a level must be a function of the level "
                    "below it",
                    source=source,
                    line=line(index),
                )
