"""What of the shared secret goes to the executors: the schema's subkeys, nothing more.

:class:`BloomEncoder` needs ``key.derive(purpose)`` for ``link/<field>`` (each field),
``link/blocking`` and ``link/balance``, and the key's fingerprint. :class:`SubkeyBundle`
derives exactly those on the driver and is what the encoding function closes over, so the
secret itself never leaves the driver; an executor that leaks its task learns the linkage
subkeys of one schema, not the secret the agencies use for other purposes (pseudonyms,
other agreements). It never prints its values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cityprivacy.errors import KeyMaterialError
from cityprivacy.link.encode import LinkageKey
from cityprivacy.link.schema import LinkSchema

__all__ = ["SubkeyBundle"]


def _purposes(schema: LinkSchema) -> list[str]:
    return [*(f"link/{f.name}" for f in schema.fields), "link/blocking", "link/balance"]


@dataclass(frozen=True)
class SubkeyBundle:
    """The HKDF subkeys one schema's encoder uses, and the key's fingerprint."""

    fingerprint: str
    _subkeys: dict[str, bytes] = field(repr=False)

    @classmethod
    def for_schema(cls, key: LinkageKey, schema: LinkSchema) -> SubkeyBundle:
        return cls(key.fingerprint, {p: key.derive(p) for p in _purposes(schema)})

    def derive(self, purpose: str, length: int = 32) -> bytes:
        subkey = self._subkeys.get(purpose)
        if subkey is None or length != len(subkey):
            raise KeyMaterialError(f"no {length}-byte subkey {purpose!r} was sent to the executors")
        return subkey

    def __repr__(self) -> str:
        return f"SubkeyBundle(fingerprint={self.fingerprint}, subkeys={len(self._subkeys)})"

    __str__ = __repr__
