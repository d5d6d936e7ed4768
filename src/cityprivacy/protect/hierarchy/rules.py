"""Hierarchies built from rules: numeric intervals, date levels, prefixes, masking from the right.

A rule says how to label a value at each level; :meth:`Rule.materialize` applies it to
the distinct values of the data and returns a :class:`Hierarchy`. Every rule ends with
the level ``*``. Each rule is a frozen pydantic model, validated when the YAML file is
read, so a bad parameter is reported with its line before any data is touched:

* ``intervals``: ``widths: [5, 10, 20]`` (39 → 35-39 → 30-39 → 20-39 → ``*``; every
  width a multiple of the one before, so that each level merges whole intervals of the
  level below), or ``cuts: [[18, 30, 45, 65], [45]]`` (each level's cut points a subset
  of the level before). Integer data gets ``30-39`` labels, other numbers ``[2.5, 5)``.
* ``dates``: ``levels: [month, year]`` (day → ``2024-03`` → ``2024`` → ``*``); also
  ``quarter`` (``2024-Q1``) and ``decade`` (``2020s``). ISO 8601 input, or ``format``.
* ``prefix``: ``keep: [4, 3]`` (ZIP 10027 → ``1002*`` → ``100**`` → ``*``).
* ``mask``: masks ``step`` more characters from the right at each level (generic codes:
  ``AB123`` → ``AB12*`` → ``AB1**`` → …), at most ``levels`` levels.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable
from datetime import datetime
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cityprivacy.errors import HierarchyError
from cityprivacy.protect.hierarchy.model import Hierarchy

__all__ = ["TOP", "DateRule", "IntervalRule", "MaskRule", "PrefixRule", "Rule"]

TOP = "*"
DateLevel = Literal["month", "quarter", "year", "decade"]
_DATE_ORDER: tuple[DateLevel, ...] = ("month", "quarter", "year", "decade")
_DEFAULT_DATE_LEVELS: list[DateLevel] = ["month", "year"]


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def materialize(self, column: str, values: Iterable[str], source: str) -> Hierarchy:
        """The hierarchy of ``column`` over the distinct ``values`` (at least one), sorted."""
        distinct = sorted(set(values))
        labels = self._labels(column, distinct)
        rows = tuple((value, *labels[value]) for value in distinct)
        return Hierarchy(column, rows, source=source)

    def _labels(self, column: str, distinct: list[str]) -> dict[str, tuple[str, ...]]:
        """Each value's labels at levels 1 and up (``*`` last)."""
        return {value: (*self.labels(column, value), TOP) for value in distinct}

    def labels(self, column: str, value: str) -> tuple[str, ...]:
        """The labels of one value at the levels between the original and ``*``."""
        raise NotImplementedError  # pragma: no cover - every rule overrides this or _labels


def _number(column: str, value: str) -> float:
    try:
        number = float(value.strip())
    except ValueError:
        raise HierarchyError(column, value, "is not a number") from None
    if not math.isfinite(number):
        raise HierarchyError(column, value, "is not a finite number")
    return number


def _show(number: float) -> str:
    return str(int(number)) if number.is_integer() else f"{number:.15g}"


def _interval(low: float, high: float, integer: bool) -> str:
    if integer:
        return f"{_show(low)}-{_show(high - 1)}"
    return f"[{_show(low)}, {_show(high)})"


class IntervalRule(_Rule):
    """Numbers into intervals: fixed ``widths`` from ``start``, or explicit ``cuts``."""

    type: Literal["intervals"]
    widths: list[Annotated[float, Field(gt=0)]] | None = Field(None, min_length=1)
    start: float = 0.0
    cuts: list[list[float]] | None = Field(None, min_length=1)

    @field_validator("widths")
    @classmethod
    def _nested_widths(cls, widths: list[float] | None) -> list[float] | None:
        for index in range(1, len(widths or ())):
            assert widths is not None
            ratio = widths[index] / widths[index - 1]
            if ratio < 1 or abs(ratio - round(ratio)) > 1e-9:
                raise ValueError(
                    f"width {_show(widths[index])} is not a multiple of the width before "
                    f"it ({_show(widths[index - 1])}): each level must merge whole "
                    "intervals of the level below"
                )
        return widths

    @field_validator("cuts")
    @classmethod
    def _nested_cuts(cls, cuts: list[list[float]] | None) -> list[list[float]] | None:
        for index, level in enumerate(cuts or ()):
            if not level or any(b <= a for a, b in pairwise(level)):
                raise ValueError(f"cut points of level {index + 1} must be increasing")
            if index and not set(level) <= set((cuts or [])[index - 1]):
                raise ValueError(
                    f"cut points of level {index + 1} must be a subset of those of level "
                    f"{index}: each level must merge whole intervals of the level below"
                )
        return cuts

    @model_validator(mode="after")
    def _one_kind(self) -> IntervalRule:
        if (self.widths is None) == (self.cuts is None):
            raise ValueError("give either widths or cuts")
        return self

    def _labels(self, column: str, distinct: list[str]) -> dict[str, tuple[str, ...]]:
        numbers = {value: _number(column, value) for value in distinct}
        params = [
            self.start,
            *(self.widths or ()),
            *(c for level in self.cuts or () for c in level),
        ]
        integer = all(x.is_integer() for x in (*numbers.values(), *params))
        return {v: (*self._intervals(numbers[v], integer), TOP) for v in distinct}

    def _intervals(self, number: float, integer: bool) -> tuple[str, ...]:
        if self.widths is not None:
            out = []
            for width in self.widths:
                low = self.start + math.floor((number - self.start) / width) * width
                out.append(_interval(low, low + width, integer))
            return tuple(out)
        return tuple(_cut_label(number, level, integer) for level in self.cuts or ())


def _cut_label(number: float, cuts: list[float], integer: bool) -> str:
    index = bisect_right(cuts, number)
    if index == 0:
        return f"<{_show(cuts[0])}"
    if index == len(cuts):
        return f">={_show(cuts[-1])}"
    return _interval(cuts[index - 1], cuts[index], integer)


class DateRule(_Rule):
    """Dates into months, quarters, years or decades (``levels``, finest first)."""

    type: Literal["dates"]
    levels: list[DateLevel] = Field(
        default_factory=lambda: _DEFAULT_DATE_LEVELS.copy(), min_length=1
    )
    format: str | None = None

    @field_validator("levels")
    @classmethod
    def _coarser_each_time(cls, levels: list[DateLevel]) -> list[DateLevel]:
        ranks = [_DATE_ORDER.index(level) for level in levels]
        if any(b <= a for a, b in pairwise(ranks)):
            raise ValueError("levels must go from finer to coarser: month, quarter, year, decade")
        return levels

    def labels(self, column: str, value: str) -> tuple[str, ...]:
        text = value.strip()
        try:
            when = (
                datetime.strptime(text, self.format)
                if self.format
                else datetime.fromisoformat(text)
            )
        except ValueError:
            raise HierarchyError(column, value, "is not a date") from None
        labels = {
            "month": f"{when.year:04d}-{when.month:02d}",
            "quarter": f"{when.year:04d}-Q{(when.month - 1) // 3 + 1}",
            "year": f"{when.year:04d}",
            "decade": f"{when.year // 10 * 10:04d}s",
        }
        return tuple(labels[level] for level in self.levels)


class PrefixRule(_Rule):
    """Keep the first ``keep[i]`` characters at level ``i + 1`` (ZIP codes: ``[4, 3]``)."""

    type: Literal["prefix"]
    keep: list[Annotated[int, Field(ge=0)]] = Field(default_factory=lambda: [4, 3], min_length=1)
    char: str = Field("*", min_length=1, max_length=1)

    @field_validator("keep")
    @classmethod
    def _shorter_each_time(cls, keep: list[int]) -> list[int]:
        if any(b >= a for a, b in pairwise(keep)):
            raise ValueError("keep must decrease from level to level")
        return keep

    def labels(self, column: str, value: str) -> tuple[str, ...]:
        return tuple(value[:n] + self.char * (len(value) - n) for n in self.keep)


class MaskRule(_Rule):
    """Mask ``step`` more characters from the right at each level, at most ``levels`` levels."""

    type: Literal["mask"]
    step: int = Field(1, ge=1)
    levels: int | None = Field(None, ge=1)
    char: str = Field("*", min_length=1, max_length=1)

    def _labels(self, column: str, distinct: list[str]) -> dict[str, tuple[str, ...]]:
        # As many levels as the longest value needs to be all masked but one step; then *.
        longest = max((len(v) for v in distinct), default=0)
        count = max(math.ceil(longest / self.step) - 1, 0)
        if self.levels is not None:
            count = min(count, self.levels)
        steps = range(1, count + 1)
        return {v: (*(self._mask(v, i * self.step) for i in steps), TOP) for v in distinct}

    def _mask(self, value: str, masked: int) -> str:
        masked = min(masked, len(value))
        return value[: len(value) - masked] + self.char * masked


Rule = Annotated[IntervalRule | DateRule | PrefixRule | MaskRule, Field(discriminator="type")]
