"""The one check every keyed operator makes before it binds its key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cityprivacy.errors import KeyMaterialError

if TYPE_CHECKING:
    from cityprivacy.protect.keys import SecretKey

__all__ = ["require_key"]


def require_key(operator: str, key: SecretKey | None) -> SecretKey:
    """``key``, or a :class:`KeyMaterialError` naming ``operator`` when there is none."""
    if key is None:
        raise KeyMaterialError(
            f"the {operator} operator needs a secret key: give --key-file FILE or set "
            "CITYPRIVACY_KEY_FILE or CITYPRIVACY_KEY"
        )
    return key
