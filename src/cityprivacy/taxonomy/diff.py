"""What changed between two taxonomy versions, field by field.

The CPO's office reviews a new taxonomy (or an override) before it takes effect, and
agencies need to know which of their inventory tags a new version touches: added types,
retired types, types removed outright (which should not happen to a published type: retire
it instead), and field-level changes of the rest.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from cityprivacy.taxonomy.model import Taxonomy

__all__ = ["FieldChange", "TaxonomyDiff", "TypeChange", "diff_taxonomies"]

# Retiring is reported as such, not as a change of these fields.
_RETIREMENT_FIELDS = frozenset({"retired_on", "retired_reason"})


class FieldChange(BaseModel):
    """One field of one type: its old and new value (JSON-ready)."""

    model_config = ConfigDict(frozen=True)

    field: str
    old: Any
    new: Any


class TypeChange(BaseModel):
    """The changed fields of a type present in both versions."""

    model_config = ConfigDict(frozen=True)

    key: str
    changes: tuple[FieldChange, ...]


class TaxonomyDiff(BaseModel):
    """The difference between an ``old`` and a ``new`` taxonomy."""

    model_config = ConfigDict(frozen=True)

    old_version: str
    new_version: str
    added: tuple[str, ...] = ()
    retired: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[TypeChange, ...] = ()

    @property
    def version_changed(self) -> bool:
        """Whether the version string differs."""
        return self.old_version != self.new_version

    @property
    def is_empty(self) -> bool:
        """No type was added, retired, removed or changed."""
        return not (self.added or self.retired or self.removed or self.changed)

    def summary(self) -> list[str]:
        """Readable lines, one per event; what the CLI prints."""
        lines = [
            f"version: {self.old_version} -> {self.new_version}"
            if self.version_changed
            else f"version: {self.old_version} (unchanged)"
        ]
        lines += [f"+ added    {k}" for k in self.added]
        lines += [f"- retired  {k}" for k in self.retired]
        lines += [
            f"- REMOVED  {k} (published types should be retired, not removed)" for k in self.removed
        ]
        for change in self.changed:
            lines.append(f"~ changed  {change.key}")
            lines += [f"    {c.field}: {c.old!r} -> {c.new!r}" for c in change.changes]
        if self.is_empty:
            lines.append("no type changed")
        return lines


def diff_taxonomies(old: Taxonomy, new: Taxonomy) -> TaxonomyDiff:
    """Added, retired, removed and changed types between ``old`` and ``new``, in file order."""
    added = tuple(k for k in new.types if k not in old.types)
    removed = tuple(k for k in old.types if k not in new.types)
    retired: list[str] = []
    changed: list[TypeChange] = []
    for key, before in old.types.items():
        after = new.types.get(key)
        if after is None:
            continue
        newly_retired = before.retired_on is None and after.retired_on is not None
        if newly_retired:
            retired.append(key)
        a, b = before.model_dump(mode="json"), after.model_dump(mode="json")
        fields = [
            FieldChange(field=f, old=a[f], new=b[f])
            for f in a
            if a[f] != b[f] and not (newly_retired and f in _RETIREMENT_FIELDS)
        ]
        if fields:
            changed.append(TypeChange(key=key, changes=tuple(fields)))
    return TaxonomyDiff(
        old_version=old.version,
        new_version=new.version,
        added=added,
        retired=tuple(retired),
        removed=removed,
        changed=tuple(changed),
    )
