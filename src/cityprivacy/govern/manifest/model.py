"""What a manifest describes: an agency's systems, datasets, fields and planned disclosures.

A manifest is policy as code: the agency keeps it next to its code and data, and
``cityprivacy check`` holds it to the office's rules in CI. The models validate the
*shape* (fields, enum values, dates); whether the content obeys the rules is the business
of :mod:`.checks`, so a missing purpose is a violation to report, not a malformed file.

Spellings follow the office records: ``collection_basis``, ``recipient_type`` and
``basis`` take the values of :class:`~cityprivacy.govern.CollectionBasis`,
:class:`~cityprivacy.govern.RecipientType` and :class:`~cityprivacy.govern.Basis`;
``types`` are taxonomy keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from yaml.nodes import Node

from cityprivacy.store.enums import (
    AgreementException,
    AgreementStatus,
    AppliesTo,
    Basis,
    CollectionBasis,
    DisclosureKind,
    RecipientType,
)
from cityprivacy.taxonomy._yaml import line_of

__all__ = [
    "AgreementSpec",
    "DatasetSpec",
    "DesignationSpec",
    "DisclosureSpec",
    "ExceptionSpec",
    "FieldSpec",
    "Loc",
    "Manifest",
    "ManifestSpec",
    "RetentionSpec",
    "SystemSpec",
]

Loc = tuple[str | int, ...]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RetentionSpec(_Spec):
    """The records schedule item that says how long the data are kept."""

    schedule_item: Name
    period_months: int | None = Field(default=None, ge=0)
    trigger_event: str = ""
    disposal_method: str = ""


class FieldSpec(_Spec):
    """A field: its taxonomy types, why it may be collected, and how long it is kept.

    ``purpose``, ``mission_justification`` and ``retention`` fall back to the dataset's.
    ``basis_reference`` names the approval, law or consent form a non-routine basis rests on.
    """

    name: Name
    types: list[Key] = Field(default_factory=list)
    collection_basis: CollectionBasis | None = None
    basis_reference: str = ""
    purpose: str = ""
    mission_justification: str = ""
    retention: RetentionSpec | None = None


class DatasetSpec(_Spec):
    name: Name
    purpose: str = ""
    mission_justification: str = ""
    retention: RetentionSpec | None = None
    fields: list[FieldSpec] = Field(default_factory=list)


class SystemSpec(_Spec):
    name: Name
    description: str = ""
    datasets: list[DatasetSpec] = Field(default_factory=list)


class DesignationSpec(_Spec):
    """A routine (or "never routine") designation the manifest relies on."""

    ref: Name
    applies_to: AppliesTo = AppliesTo.DISCLOSURE
    types: list[Key] = Field(min_length=1)
    recipient_type: RecipientType | None = None
    purpose: str = ""
    agreement_required: bool = False
    never_routine: bool = False
    effective_from: date
    review_on: date | None = None


class AgreementSpec(_Spec):
    """A data sharing agreement, referred to by ``ref`` from planned disclosures."""

    ref: Name
    title: str = ""
    recipient: Name
    recipient_type: RecipientType
    types: list[Key] = Field(min_length=1)
    status: AgreementStatus = AgreementStatus.ACTIVE
    purposes: str = ""
    permitted_uses: str = ""
    future_use_clause: str = ""
    effective_from: date | None = None
    review_on: date | None = None
    expires_on: date | None = None


class ExceptionSpec(_Spec):
    """Why a non-routine disclosure to a third party goes without an agreement."""

    kind: AgreementException
    reason: str = ""


class DisclosureSpec(_Spec):
    """A planned disclosure. ``agreement``: a manifest ``ref``, or an office agreement id."""

    name: Name
    kind: DisclosureKind = DisclosureKind.PROPOSAL
    recipient: Name
    recipient_type: RecipientType
    recipient_tags: list[Key] = Field(default_factory=list)
    types: list[Key] = Field(min_length=1)
    basis: Basis
    purpose: str = ""
    mission_justification: str = ""
    record_count: int | None = Field(default=None, ge=0)
    dataset: str | None = None
    agreement: int | Name | None = None
    agreement_exception: ExceptionSpec | None = None
    anonymized: bool = False
    aggregated: bool = False


class ManifestSpec(_Spec):
    """The whole file."""

    version: Literal[1]
    agency: Key
    description: str = ""
    systems: list[SystemSpec] = Field(default_factory=list)
    designations: list[DesignationSpec] = Field(default_factory=list)
    agreements: list[AgreementSpec] = Field(default_factory=list)
    disclosures: list[DisclosureSpec] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Manifest:
    """A validated manifest and where each of its parts is written (for line numbers)."""

    spec: ManifestSpec
    source: str
    root: Node

    def line(self, loc: Loc) -> int:
        """1-based line of the part at ``loc`` (e.g. ``("disclosures", 2, "types", 0)``)."""
        return line_of(self.root, loc)

    def counts(self) -> dict[str, int]:
        """How many systems, datasets, fields and planned disclosures it describes."""
        return {
            "systems": len(self.spec.systems),
            "datasets": sum(1 for _ in self.datasets()),
            "fields": sum(1 for _ in self.fields()),
            "disclosures": len(self.spec.disclosures),
        }

    def fields(self) -> Iterator[tuple[Loc, DatasetSpec, FieldSpec]]:
        """Every field with its location and dataset."""
        for i, system in enumerate(self.spec.systems):
            for j, dataset in enumerate(system.datasets):
                for k, field in enumerate(dataset.fields):
                    yield ("systems", i, "datasets", j, "fields", k), dataset, field

    def datasets(self) -> Iterator[tuple[Loc, DatasetSpec]]:
        for i, system in enumerate(self.spec.systems):
            for j, dataset in enumerate(system.datasets):
                yield ("systems", i, "datasets", j), dataset
