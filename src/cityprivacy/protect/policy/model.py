"""A de-identification policy: which operator protects which kind of information.

A policy is versioned data that a privacy officer writes and reviews, not code. It maps
five kinds of selectors to operator specs (see :mod:`cityprivacy.protect.operators`):

* ``columns``: a table column by name; the rule applies to the whole cell;
* ``entities``: a detector entity type (``US_SSN``, as ``cityprivacy entities`` lists);
* ``categories``: a taxonomy type key (``ssn``, as ``cityprivacy taxonomy list`` lists);
* ``classifications``: a Citywide Data Classification level (``confidential``...);
* ``default``: everything identified that no other rule covers.

The most specific selector wins (see :mod:`.resolution`). ``free_text_columns`` names
columns to run through the detector cell by cell whatever their classification, and
``subject_column`` names the column that says whose row it is (all of one person's dates
shift together). Everything is checked when the file is loaded (:mod:`.loader`), so a bad
policy fails before any data is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cityprivacy.detect.entities import EntityType
from cityprivacy.protect.operators import OperatorSpec

__all__ = ["CLASSIFICATIONS", "Classification", "KeyedRule", "Policy"]

Classification = Literal["public", "sensitive", "private", "confidential"]
CLASSIFICATIONS: tuple[Classification, ...] = ("public", "sensitive", "private", "confidential")


class KeyedRule(BaseModel):
    """A rule whose operator needs the secret key: where it is, and which operator."""

    model_config = ConfigDict(frozen=True)

    where: str
    operator: str


class Policy(BaseModel):
    """A validated policy; build one with :func:`~cityprivacy.protect.policy.load_policy`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(min_length=1)
    description: str = ""
    default: OperatorSpec
    subject_column: str | None = None
    key_file: Path | None = None
    columns: dict[str, OperatorSpec] = Field(default_factory=dict)
    free_text_columns: tuple[str, ...] = ()
    entities: dict[EntityType, OperatorSpec] = Field(default_factory=dict)
    categories: dict[str, OperatorSpec] = Field(default_factory=dict)
    classifications: dict[Classification, OperatorSpec] = Field(default_factory=dict)
    source: str = "<memory>"

    def rules(self) -> list[tuple[str, OperatorSpec]]:
        """Every rule as ``(where, spec)``, in resolution order (most specific first)."""
        found: list[tuple[str, OperatorSpec]] = []
        found.extend((f"columns.{k}", s) for k, s in self.columns.items())
        found.extend((f"entities.{k}", s) for k, s in self.entities.items())
        found.extend((f"categories.{k}", s) for k, s in self.categories.items())
        found.extend((f"classifications.{k}", s) for k, s in self.classifications.items())
        found.append(("default", self.default))
        return found

    def keyed_rules(self) -> list[KeyedRule]:
        """The rules whose operator needs the secret key (pseudonyms, FPE, date shifts)."""
        return [
            KeyedRule(where=where, operator=spec.operator)
            for where, spec in self.rules()
            if spec.needs_key
        ]

    @property
    def needs_key(self) -> bool:
        """Whether any rule needs the secret key."""
        return any(spec.needs_key for _, spec in self.rules())
