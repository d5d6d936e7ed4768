"""The keyed pseudorandom function behind every token seed and blocking key.

A Bloom-filter encoding is only as secret as the function that maps a token to its bit
positions: with an unkeyed hash anyone could encode a dictionary of names and compare.
Here each token (with its salt) goes through a keyed PRF under a subkey of the shared
secret, giving a 128-bit secret seed (:mod:`cityprivacy.link._tokens` draws the bit
positions from it); blocking keys go through the same PRF under their own subkey.

Three constructions, chosen by the schema's ``encoding.hash``:

- ``aes-256`` (default): AES-256 used as a PRF on one 16-byte block per input (a PRP is a
  secure PRF on distinct inputs far below 2⁶⁴ of them). Inputs are packed into blocks
  with numpy and encrypted in one call, so a million tokens take milliseconds. An input
  longer than 15 bytes is first compressed with BLAKE2b (unkeyed, 120 bits).
- ``hmac-sha256``: HMAC-SHA-256, one call per distinct input (the classic construction
  of Schnell et al.'s cryptographic long-term keys).
- ``blake2b``: BLAKE2b in its keyed (MAC) mode, one call per distinct input.

All three are keyed with a 32-byte HKDF subkey; none can be computed without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import Final, Literal

import numpy as np
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

__all__ = ["PRF_KINDS", "KeyedPRF", "PrfKind"]

PrfKind = Literal["aes-256", "hmac-sha256", "blake2b"]
PRF_KINDS: Final = ("aes-256", "hmac-sha256", "blake2b")
_SHORT: Final = 15


class KeyedPRF:
    """``(n, 16)``-byte inputs or byte strings → ``(n, 2)`` uint64 secret values."""

    def __init__(self, subkey: bytes, kind: PrfKind = "aes-256") -> None:
        if len(subkey) != 32:
            raise ValueError("a PRF subkey is 32 bytes")
        self.kind = kind
        self._key = subkey
        self._aes = Cipher(algorithms.AES(subkey), modes.ECB()) if kind == "aes-256" else None
        self._blake = hashlib.blake2b(key=subkey, digest_size=16) if kind == "blake2b" else None
        self._hmac = hmac.new(subkey, digestmod="sha256") if kind == "hmac-sha256" else None

    @property
    def vectorized(self) -> bool:
        """True for AES, which processes any number of blocks in one call."""
        return self._aes is not None

    def blocks(self, blocks: np.ndarray) -> np.ndarray:
        """The PRF of each row of a ``(n, 16)`` uint8 matrix (distinct rows, distinct outputs)."""
        blocks = np.ascontiguousarray(blocks, dtype=np.uint8)
        if self._aes is None:
            return self.strings([row.tobytes() for row in blocks])
        out = self._encrypt(blocks)
        return np.frombuffer(out, dtype="<u8").astype(np.uint64).reshape(-1, 2)

    def raw(self, blocks: np.ndarray) -> np.ndarray:
        """AES only: the ``(n, 16)`` uint8 encryption of each row (a PRF in counter mode)."""
        if self._aes is None:
            raise ValueError("raw output needs the aes-256 PRF")
        data = self._encrypt(np.ascontiguousarray(blocks, dtype=np.uint8))
        return np.frombuffer(data, dtype=np.uint8).reshape(-1, 16)

    def encrypt_into(self, blocks: np.ndarray, out: np.ndarray) -> None:
        """AES only: the encryption of the whole blocks of ``blocks`` (C-contiguous, read in
        place) written into ``out`` (C-contiguous, at least 15 bytes longer), one call for
        all of them, so that callers reuse their buffers. A fresh encryptor per call, as
        :meth:`raw`: safe from several threads."""
        if self._aes is None:
            raise ValueError("encrypting blocks needs the aes-256 PRF")
        self._aes.encryptor().update_into(blocks.view(np.uint8).data, out.view(np.uint8).data)

    def _encrypt(self, blocks: np.ndarray) -> bytes:
        """AES-ECB of a C-contiguous uint8 array of whole blocks, read in place. A fresh
        encryptor per call (microseconds): one encryptor cannot serve two threads at once."""
        assert self._aes is not None
        return self._aes.encryptor().update(blocks.reshape(-1).data)

    def strings(self, values: Sequence[bytes]) -> np.ndarray:
        """The PRF of each byte string (any length)."""
        if self._aes is not None:
            return self.blocks(pack_blocks(values))
        out = np.empty((len(values), 2), dtype=np.uint64)
        for i, value in enumerate(values):
            out[i] = np.frombuffer(self._digest(value), dtype="<u8")
        return out

    def _digest(self, value: bytes) -> bytes:
        if self._blake is not None:
            h = self._blake.copy()
        else:
            assert self._hmac is not None
            h = self._hmac.copy()  # type: ignore[assignment]
        h.update(value)
        return h.digest()[:16]


def pack_blocks(values: Sequence[bytes]) -> np.ndarray:
    """One 16-byte block per value, injectively: ``len | value | zeros`` for up to 15
    bytes, ``0xFF | BLAKE2b-120(value)`` for longer ones."""
    out = np.zeros((len(values), 16), dtype=np.uint8)
    for i, value in enumerate(values):
        if len(value) <= _SHORT:
            out[i, 0] = len(value)
            out[i, 1 : 1 + len(value)] = np.frombuffer(value, dtype=np.uint8)
        else:
            out[i, 0] = 0xFF
            out[i, 1:] = np.frombuffer(hashlib.blake2b(value, digest_size=15).digest(), np.uint8)
    return out
