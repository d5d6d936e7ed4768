"""The taxonomy as typed, frozen data: one :class:`IdentifyingType` per kind of information.

The list of types is versioned data that the Chief Privacy Officer edits, so the models
validate everything a YAML file can get wrong (unknown fields, bad dates, bad enum
values) and :class:`Taxonomy` precomputes the entity → type crosswalk the detector asks
for on every finding. This module knows nothing about the detector: entity names are
checked only for their shape here; the CLI and the tests check them against
``cityprivacy.detect.entities.EntityType`` (taxonomy sits below detect in the layers).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cityprivacy.errors import UnknownEntityError

__all__ = ["Classification", "IdentifyingType", "Status", "Taxonomy", "find_conflicts"]

Status = Literal[
    "statutory", "cpo_designated", "cpo_designated_likely", "unconfirmed", "city_practice"
]
Classification = Literal["public", "sensitive", "private", "confidential"]

Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
EntityName = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$", max_length=64)]
FideslangKey = Annotated[str, StringConstraints(pattern=r"^[a-z_]+(\.[a-z_]+)*$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_FAR_FUTURE = date.max


class IdentifyingType(BaseModel):
    """One type of identifying information, with its legal source and crosswalks."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Key
    name: NonEmpty
    description: NonEmpty
    legal_source: NonEmpty
    status: Status
    effective_from: date
    retired_on: date | None = None
    retired_reason: str = ""
    breach_private_information: bool
    classification: Classification
    detected_by: tuple[EntityName, ...] = ()
    presidio: tuple[EntityName, ...] = ()
    fideslang: tuple[FideslangKey, ...] = ()

    @field_validator("retired_on")
    @classmethod
    def _retired_after_effective(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("effective_from")
        if value is not None and isinstance(start, date) and value <= start:
            raise ValueError(f"retired_on ({value}) must be after effective_from ({start})")
        return value

    @field_validator("detected_by", "presidio", "fideslang")
    @classmethod
    def _no_repeats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        repeated = sorted({v for v in value if value.count(v) > 1})
        if repeated:
            raise ValueError(f"listed more than once: {', '.join(repeated)}")
        return value

    def is_active(self, on: date) -> bool:
        """Whether the type applies on ``on``: effective, and not yet retired."""
        return self.effective_from <= on and (self.retired_on is None or on < self.retired_on)

    def overlaps(self, other: IdentifyingType) -> bool:
        """Whether the two types are ever in force on the same day."""
        end = self.retired_on or _FAR_FUTURE
        other_end = other.retired_on or _FAR_FUTURE
        return self.effective_from < other_end and other.effective_from < end


def find_conflicts(types: Iterable[IdentifyingType]) -> list[tuple[str, str, str]]:
    """Entities claimed by two types in force on the same day, as ``(entity, first, second)``.

    A finding must map to exactly one type, so two claims may only follow each other in
    time (one retired before the other takes effect). ``second`` is the later entry.
    """
    claims: dict[str, list[IdentifyingType]] = {}
    conflicts: list[tuple[str, str, str]] = []
    for t in types:
        for entity in t.detected_by:
            for earlier in claims.get(entity, []):
                if earlier.overlaps(t):
                    conflicts.append((entity, earlier.key, t.key))
            claims.setdefault(entity, []).append(t)
    return conflicts


class Taxonomy(BaseModel):
    """A versioned set of identifying-information types, keyed by ``key``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: NonEmpty
    types: dict[str, IdentifyingType] = Field(default_factory=dict)
    _by_entity: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Taxonomy:
        for name, t in self.types.items():
            if name != t.key:
                raise ValueError(f"type stored under {name!r} has key {t.key!r}")
        for entity, first, second in find_conflicts(self.types.values()):
            raise ValueError(f"entity {entity} is claimed by both {first!r} and {second!r}")
        return self

    def model_post_init(self, context: object, /) -> None:
        """Precompute the entity → key map for today, so ``category_for`` is a dict lookup.

        The map is kept as a plain dict (a ``MappingProxyType`` cannot be pickled, and a
        taxonomy travels to worker processes inside an analyzer); :attr:`by_entity` hands
        out a read-only view of it.
        """
        today = date.today()
        self._by_entity = {
            e: t.key for t in self.types.values() if t.is_active(today) for e in t.detected_by
        }

    @property
    def by_entity(self) -> Mapping[str, str]:
        """Entity name → key of the type in force today that claims it (read-only)."""
        return MappingProxyType(self._by_entity)

    def get(self, key: str) -> IdentifyingType:
        """The type named ``key``; an unknown key raises with the closest matches."""
        try:
            return self.types[key]
        except KeyError:
            close = difflib.get_close_matches(key, list(self.types), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownEntityError(f"unknown taxonomy type {key!r}{hint}") from None

    def active(self, on: date | None = None) -> list[IdentifyingType]:
        """The types in force on ``on`` (default: today), in file order."""
        day = on or date.today()
        return [t for t in self.types.values() if t.is_active(day)]

    def category_for(self, entity: str, on: date | None = None) -> str:
        """Key of the type whose ``detected_by`` includes ``entity``; ``""`` if none.

        ``entity`` may be an ``EntityType`` (a ``str``). Without ``on`` this is one dict
        lookup; with ``on`` it answers for that day.
        """
        if on is None:
            return self._by_entity.get(str(entity), "")
        name = str(entity)
        for t in self.types.values():
            if name in t.detected_by and t.is_active(on):
                return t.key
        return ""
