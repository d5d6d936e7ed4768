"""Organization codes and division names for responses, without a query per record.

Records carry organization and division ids; responses show codes and names. Both never
change once made (a code builds the scope path; divisions are never renamed), so one
:class:`Names` per app remembers them, filled through the caller's own scoped reads: a
name is looked up only for a record the caller already holds, so the cache shows nothing
the caller could not read. ``parent_code`` and ``owner_code`` name *other* organizations;
:meth:`Lookups.visible_code` resolves those through the caller's scope, per request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from cityprivacy.govern import OfficeUnit

__all__ = ["Lookups", "Names"]


class Names:
    """Codes and division names seen so far (thread-safe; entries are immutable)."""

    def __init__(self) -> None:
        self.codes: dict[int, str] = {}
        self.divisions: dict[int, str] = {}
        self.loaded_divisions: set[int] = set()
        self.lock = threading.Lock()


class Lookups:
    """Names for one request's unit of work."""

    def __init__(self, unit: OfficeUnit, names: Names) -> None:
        self._unit = unit
        self._names = names
        self._visible: dict[int, str] | None = None

    def _scoped_codes(self) -> dict[int, str]:
        if self._visible is None:
            self._visible = {o.id: o.code for o in self._unit.agencies.list()}
            with self._names.lock:
                self._names.codes.update(self._visible)
        return self._visible

    def code(self, organization_id: int | None) -> str | None:
        """The code of the organization of a record the caller holds (None: citywide)."""
        if organization_id is None:
            return None
        code = self._names.codes.get(organization_id)
        return code if code is not None else self._scoped_codes().get(organization_id)

    def visible_code(self, organization_id: int | None) -> str | None:
        """The code of another organization, if the caller may see it."""
        return None if organization_id is None else self._scoped_codes().get(organization_id)

    def load_divisions(self, organization_ids: Iterable[int]) -> None:
        for organization_id in set(organization_ids) - self._names.loaded_divisions:
            code = self.code(organization_id)
            if code is None:
                continue
            found = {d.id: d.name for d in self._unit.agencies.divisions(code)}
            with self._names.lock:
                self._names.divisions.update(found)
                self._names.loaded_divisions.add(organization_id)

    def division(self, organization_id: int, division_id: int | None) -> str | None:
        if division_id is None:
            return None
        name = self._names.divisions.get(division_id)
        if name is None:  # a division made since its organization was loaded
            self._names.loaded_divisions.discard(organization_id)
            self.load_divisions([organization_id])
            name = self._names.divisions.get(division_id)
        return name
