"""Generalization: replace a value with a coarser one that fewer records share uniquely.

``to`` picks the coarsening:

==============  ==============================================  ====================
``to``          input                                            output
==============  ==============================================  ====================
``interval``    a number (``34``, ``1,250``, ``$34.50``)         ``30-39`` (``width``)
``age_band``    an age in years                                  ``25-34``, ``85+``
``month``       a date (see :mod:`.dates`)                       ``2024-03``
``year``        a date                                           ``2024``
``zip3``        a ZIP code or an address                         ``100**``
``zip``         an address (or a ZIP+4)                          ``10027``
``borough``     a ZIP code or an NYC address                     ``Brooklyn``
==============  ==============================================  ====================

A value that cannot be read for its target (a word where a number was expected, an
address without a ZIP code) is *suppressed* to ``*`` rather than passed through in clear:
a policy that asked for generalization never leaks the detail it meant to hide. A ZIP
outside the city generalizes to ``Outside NYC`` under ``to: borough``.

What it does not do: a coarse value can still single a person out in combination with
other columns (a rare age band in a small ZIP3). Check the result's re-identification
risk (k-anonymity) before release.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal

from pydantic import Field, field_validator, model_validator

from cityprivacy.protect.operators.base import Operator, SpecBase
from cityprivacy.protect.operators.dates import parse_date
from cityprivacy.protect.operators.places import borough_of, find_zip

if TYPE_CHECKING:
    from cityprivacy.protect.keys import SecretKey

__all__ = ["DEFAULT_AGE_BANDS", "SUPPRESSED", "Generalize"]

DEFAULT_AGE_BANDS: Final = (0, 18, 25, 35, 45, 55, 65, 75, 85)
SUPPRESSED: Final = "*"
"""What a value that cannot be generalized becomes."""

Target = Literal["interval", "month", "year", "zip3", "age_band", "zip", "borough"]


class Generalize(SpecBase):
    """Map a value to a coarser one; ``to`` says which (see the module docstring)."""

    operator: Literal["generalize"] = "generalize"
    to: Target
    width: int = Field(default=10, ge=1, le=1_000_000_000)
    bands: tuple[int, ...] = Field(default=DEFAULT_AGE_BANDS, min_length=1, max_length=100)

    @field_validator("bands")
    @classmethod
    def _bands_increase(cls, bands: tuple[int, ...]) -> tuple[int, ...]:
        if bands[0] < 0:
            raise ValueError("bands must start at 0 or above")
        if any(low >= high for low, high in itertools.pairwise(bands)):
            raise ValueError("bands must be strictly increasing lower bounds")
        return bands

    @model_validator(mode="after")
    def _parameters_fit_target(self) -> Generalize:
        if "width" in self.model_fields_set and self.to != "interval":
            raise ValueError(f"width applies only to 'to: interval', not 'to: {self.to}'")
        if "bands" in self.model_fields_set and self.to != "age_band":
            raise ValueError(f"bands applies only to 'to: age_band', not 'to: {self.to}'")
        return self

    def build(self, key: SecretKey | None = None) -> Operator:
        rules: dict[str, Callable[[str], str | None]] = {
            "interval": lambda value: _interval(value, self.width),
            "age_band": lambda value: _age_band(value, self.bands),
            "month": _month,
            "year": _year,
            "zip3": _zip3,
            "zip": find_zip,
            "borough": borough_of,
        }
        return _GeneralizeOperator(rules[self.to])


class _GeneralizeOperator:
    __slots__ = ("_rule",)

    name = "generalize"
    uses_subject = False

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        self._rule = rule

    def apply(
        self, value: str, *, entity: str | None = None, subject: str | None = None
    ) -> str | None:
        result = self._rule(value)
        return SUPPRESSED if result is None else result


def _number(value: str) -> float | None:
    text = value.strip().removeprefix("$").replace(",", "").replace("_", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _interval(value: str, width: int) -> str | None:
    number = _number(value)
    if number is None:
        return None
    low = math.floor(number / width) * width
    high = low + width - 1
    if width == 1:
        return str(low)
    return f"{low}-{high}" if low >= 0 else f"{low} to {high}"


def _age_band(value: str, bands: tuple[int, ...]) -> str | None:
    age = _number(value)
    if age is None or age < 0:
        return None
    index = bisect.bisect_right(bands, math.floor(age)) - 1
    if index < 0:
        return f"<{bands[0]}"
    if index == len(bands) - 1:
        return f"{bands[-1]}+"
    return f"{bands[index]}-{bands[index + 1] - 1}"


def _month(value: str) -> str | None:
    parsed = parse_date(value)
    return None if parsed is None else f"{parsed.date.year:04d}-{parsed.date.month:02d}"


def _year(value: str) -> str | None:
    parsed = parse_date(value)
    return None if parsed is None else f"{parsed.date.year:04d}"


def _zip3(value: str) -> str | None:
    zip_code = find_zip(value)
    return None if zip_code is None else f"{zip_code[:3]}**"
