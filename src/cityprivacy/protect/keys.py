"""The secret key behind pseudonyms, format-preserving encryption and date shifts.

One secret per deployment (or per agreement), from a key file or the ``CITYPRIVACY_KEY``
environment variable, never from code and never with a default. Each use gets its own
subkey derived with HKDF-SHA-256 under a purpose label (``"pseudonym"``, ``"ff3"``,
``"date-shift"``...), so that knowing one subkey tells nothing about the others and the
same secret can safely drive every operator.

A :class:`SecretKey` never shows its bytes: ``repr`` and ``str`` print a fingerprint (the
first 8 hex digits of a SHA-256 of a derived check value), which is enough to tell two keys
apart in a summary or an audit record without revealing either.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path
from typing import Final

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from cityprivacy.config import Settings
from cityprivacy.errors import KeyMaterialError

__all__ = ["KEY_ENV_VAR", "KEY_FILE_ENV_VAR", "MIN_KEY_BYTES", "SecretKey", "load_key"]

MIN_KEY_BYTES: Final = 32
"""256 bits: the HMAC-SHA-256 key size; shorter secrets are refused."""

KEY_ENV_VAR: Final = "CITYPRIVACY_KEY"
KEY_FILE_ENV_VAR: Final = "CITYPRIVACY_KEY_FILE"

_SALT: Final = b"cityprivacy/v1"


class SecretKey:
    """A secret of at least :data:`MIN_KEY_BYTES` bytes, and the subkeys derived from it."""

    __slots__ = ("_secret", "_subkeys", "source")

    def __init__(self, secret: bytes, *, source: str = "memory") -> None:
        if len(secret) < MIN_KEY_BYTES:
            raise KeyMaterialError(
                f"the key from {source} is {len(secret)} bytes; at least {MIN_KEY_BYTES} "
                'are needed (make one with: python -c "import secrets; '
                'print(secrets.token_hex(32))" > cityprivacy.key)'
            )
        self._secret = bytes(secret)
        self._subkeys: dict[tuple[str, int], bytes] = {}
        self.source = source

    def derive(self, purpose: str, length: int = 32) -> bytes:
        """The subkey for ``purpose`` (HKDF-SHA-256, cached): the same for the same secret."""
        cache_key = (purpose, length)
        subkey = self._subkeys.get(cache_key)
        if subkey is None:
            hkdf = HKDF(
                algorithm=hashes.SHA256(),
                length=length,
                salt=_SALT,
                info=purpose.encode("utf-8"),
            )
            subkey = hkdf.derive(self._secret)
            self._subkeys[cache_key] = subkey
        return subkey

    @property
    def fingerprint(self) -> str:
        """8 hex digits that identify the key without revealing it."""
        return hashlib.sha256(self.derive("fingerprint")).hexdigest()[:8]

    def __repr__(self) -> str:
        return f"SecretKey(fingerprint={self.fingerprint}, source={self.source!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretKey):
            return NotImplemented
        # The whole check value, not the 32-bit fingerprint, so that no two keys compare
        # equal by chance.
        return hmac.compare_digest(self.derive("fingerprint"), other.derive("fingerprint"))

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    @classmethod
    def from_file(cls, path: Path) -> SecretKey:
        """Read a key file: its bytes, with one trailing newline (if any) removed."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise KeyMaterialError(f"cannot read key file {path}: {exc.strerror}") from None
        if data.endswith(b"\r\n"):
            data = data[:-2]
        elif data.endswith(b"\n"):
            data = data[:-1]
        return cls(data, source=f"key file {path}")


def load_key(
    settings: Settings | None = None,
    *,
    key_file: Path | None = None,
    env: dict[str, str] | None = None,
) -> SecretKey:
    """The key from, in order: ``key_file``, ``settings.key_file``, ``settings.key``, then
    the ``CITYPRIVACY_KEY_FILE`` and ``CITYPRIVACY_KEY`` variables of ``env`` (default: the
    process environment).

    Raises :class:`~cityprivacy.errors.KeyMaterialError` when there is none or it is short.
    """
    if key_file is not None:
        return SecretKey.from_file(key_file)
    if settings is not None and settings.key_file is not None:
        return SecretKey.from_file(settings.key_file)
    if settings is not None and settings.key is not None:
        return SecretKey(settings.key.get_secret_value().encode("utf-8"), source=KEY_ENV_VAR)
    environ = os.environ if env is None else env
    key_file_name = environ.get(KEY_FILE_ENV_VAR)
    if key_file_name:
        return SecretKey.from_file(Path(key_file_name))
    value = environ.get(KEY_ENV_VAR)
    if value:
        return SecretKey(value.encode("utf-8"), source=KEY_ENV_VAR)
    raise KeyMaterialError(
        "no key: give --key-file FILE, or set CITYPRIVACY_KEY_FILE or CITYPRIVACY_KEY "
        f"(at least {MIN_KEY_BYTES} bytes; there is no default key)"
    )
