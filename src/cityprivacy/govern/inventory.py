"""The inventory: systems, their datasets, and the fields with their taxonomy types.

Datasets and fields carry their organization's id (copied from the system) so the one
scope clause of :mod:`.scope` applies to them as to every other record.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from cityprivacy.errors import InputError
from cityprivacy.govern.context import Context
from cityprivacy.govern.roles import require_office_writer
from cityprivacy.govern.scope import get_visible, organization_by_code, scoped
from cityprivacy.store.enums import CollectionBasis
from cityprivacy.store.models import DataField, Dataset, RetentionSchedule, System

__all__ = ["Inventory"]


def _name(value: str, field: str = "name") -> str:
    clean = " ".join(value.split())
    if not clean:
        raise InputError(f"{field}: must not be empty")
    return clean


class Inventory:
    """Create and list systems, datasets and fields."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def create_system(
        self,
        organization_code: str,
        name: str,
        description: str = "",
        owner_code: str | None = None,
    ) -> System:
        """A system; ``owner_code`` when the organization only maintains it for the owner."""
        ctx = self._ctx
        organization = organization_by_code(ctx.session, ctx.actor, organization_code)
        require_office_writer(ctx.actor, organization.id, "change the inventory")
        owner_id = None
        if owner_code is not None:
            owner_id = organization_by_code(ctx.session, ctx.actor, owner_code).id
        system = System(
            organization_id=organization.id,
            name=_name(name),
            description=description,
            owner_organization_id=owner_id,
        )
        ctx.session.add(system)
        ctx.flush("system")
        ctx.audit("system.create", "system", system.id, organization.id, {"owner_id": owner_id})
        return system

    def _schedule(self, schedule_id: int | None) -> int | None:
        if schedule_id is None:
            return None
        ctx = self._ctx
        return get_visible(
            ctx.session, ctx.actor, RetentionSchedule, schedule_id, label="retention schedule"
        ).id

    def create_dataset(
        self,
        system_id: int,
        name: str,
        *,
        purpose: str = "",
        mission_justification: str = "",
        retention_schedule_id: int | None = None,
    ) -> Dataset:
        ctx = self._ctx
        system = get_visible(ctx.session, ctx.actor, System, system_id, label="system")
        require_office_writer(ctx.actor, system.organization_id, "change the inventory")
        dataset = Dataset(
            organization_id=system.organization_id,
            system_id=system.id,
            name=_name(name),
            purpose=purpose,
            mission_justification=mission_justification,
            retention_schedule_id=self._schedule(retention_schedule_id),
        )
        ctx.session.add(dataset)
        ctx.flush("dataset")
        ctx.audit(
            "dataset.create",
            "dataset",
            dataset.id,
            dataset.organization_id,
            {"system_id": system.id, "retention_schedule_id": dataset.retention_schedule_id},
        )
        return dataset

    def create_field(
        self,
        dataset_id: int,
        name: str,
        *,
        categories: Sequence[str],
        collection_basis: CollectionBasis,
        purpose: str = "",
        mission_justification: str = "",
        retention_schedule_id: int | None = None,
    ) -> DataField:
        ctx = self._ctx
        dataset = get_visible(ctx.session, ctx.actor, Dataset, dataset_id, label="dataset")
        require_office_writer(ctx.actor, dataset.organization_id, "change the inventory")
        field = DataField(
            organization_id=dataset.organization_id,
            dataset_id=dataset.id,
            name=_name(name),
            types=ctx.taxonomy_types(categories),
            taxonomy_version=ctx.taxonomy_version,
            collection_basis=collection_basis,
            purpose=purpose,
            mission_justification=mission_justification,
            retention_schedule_id=self._schedule(retention_schedule_id),
        )
        ctx.session.add(field)
        ctx.flush("field")
        ctx.audit(
            "field.create",
            "field",
            field.id,
            field.organization_id,
            {
                "dataset_id": dataset.id,
                "types": field.types,
                "taxonomy_version": field.taxonomy_version,
                "collection_basis": collection_basis.value,
            },
        )
        return field

    def systems(self) -> Sequence[System]:
        ctx = self._ctx
        stmt = scoped(select(System), ctx.actor, System.organization_id).order_by(System.id)
        return ctx.session.scalars(stmt).all()

    def datasets(self, system_id: int | None = None) -> Sequence[Dataset]:
        ctx = self._ctx
        stmt = scoped(select(Dataset), ctx.actor, Dataset.organization_id)
        if system_id is not None:
            stmt = stmt.where(Dataset.system_id == system_id)
        return ctx.session.scalars(stmt.order_by(Dataset.id)).all()

    def fields(self, dataset_id: int | None = None) -> Sequence[DataField]:
        ctx = self._ctx
        stmt = scoped(select(DataField), ctx.actor, DataField.organization_id)
        if dataset_id is not None:
            stmt = stmt.where(DataField.dataset_id == dataset_id)
        return ctx.session.scalars(stmt.order_by(DataField.id)).all()
