"""From normalized values to Bloom-filter bits, vectorized: tokens, keyed seeds, positions.

A value becomes tokens (q-grams, positional characters or the whole value, see
:class:`~cityprivacy.link.schema.TokenScheme`), computed with numpy over a byte matrix of
all the distinct values at once. Each distinct (salt, token) gets a **secret seed**: the
keyed PRF of :mod:`cityprivacy.link.prf` under the field's subkey, applied to a 16-byte
block ``scheme | salt | token | counter`` built with numpy. With AES the positions are
the PRF's output in counter mode (eight 16-bit positions per block); with HMAC or BLAKE2b
they are drawn from the 128-bit output with a SplitMix64 counter sequence. Either way
this is the *random hashing* of Schnell et al., which, unlike the double hashing of the
original Bloom-filter encodings, leaves no arithmetic relation between a token's
positions for an attacker to exploit (Niedermeyer et al. 2014, Kroll & Steinmetzer 2015).

Tokens are taken over the UTF-8 bytes of the normalized value, which are its characters
for the folded Latin text the normalizers produce. Values longer than
:data:`MAX_VALUE_BYTES` are cut there.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.link._text import string_buffers, valid_mask
from cityprivacy.link.prf import KeyedPRF
from cityprivacy.link.schema import TokenScheme

__all__ = [
    "MAX_VALUE_BYTES",
    "aes_position_stream",
    "aes_positions",
    "char_matrix",
    "exact_codes",
    "positions",
    "salt_parts",
    "scheme_tag",
    "string_blocks",
    "token_blocks",
    "token_codes",
]

MAX_VALUE_BYTES: Final = 96
_PAD: Final = ord("_")
_GOLDEN: Final = np.uint64(0x9E3779B97F4A7C15)
_M1: Final = np.uint64(0xBF58476D1CE4E5B9)
_M2: Final = np.uint64(0x94D049BB133111EB)


def char_matrix(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """``(bytes, lengths)``: the UTF-8 bytes of each string, left-aligned in a uint8 matrix.

    Nulls are empty. Copied from the Arrow buffers by a compiled loop.
    """
    values = values.fill_null("") if values.null_count else values
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    values = values.cast(pa.large_string())
    _, offsets_buf, data_buf = values.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int64)[
        values.offset : values.offset + len(values) + 1
    ]
    data = (
        np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    )
    lengths = np.minimum(np.diff(offsets), MAX_VALUE_BYTES)
    width = int(lengths.max()) if len(lengths) else 0
    matrix = np.zeros((len(values), max(width, 1)), dtype=np.uint8)
    if width:
        from cityprivacy.link._encode_kernel import copy_rows

        copy_rows(matrix, data, offsets, lengths)
    return matrix, lengths


def token_codes(values: pa.Array, scheme: TokenScheme, q: int) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, valid)``: one int64 code per token (row per value), and which are real.

    A q-gram's code is its bytes read as a big-endian integer; a positional character's
    is ``position << 8 | byte``. For ``exact`` the code is the value's index among the
    distinct values of ``values`` (the caller hashes the value itself).
    """
    matrix, lengths = char_matrix(values)
    n = len(lengths)
    if scheme is TokenScheme.EXACT:
        return np.arange(n, dtype=np.int64)[:, None], (lengths > 0)[:, None]
    if scheme is TokenScheme.POSITIONAL:
        pos = np.arange(matrix.shape[1], dtype=np.int64)
        codes = ((pos[None, :] + 1) << 8) | matrix.astype(np.int64)
        return codes, pos[None, :] < lengths[:, None]
    if q > 1:  # padded: "_ab_" so first and last letters weigh as much as the rest
        padded = np.zeros((n, matrix.shape[1] + 2), dtype=np.uint8)
        padded[:, 1:-1] = matrix
        rows = np.arange(n)
        padded[rows, 0] = _PAD
        padded[rows, lengths + 1] = _PAD
        matrix, lengths = padded, np.where(lengths > 0, lengths + 2, 0)
    width = max(matrix.shape[1] - q + 1, 1)
    codes = np.zeros((n, width), dtype=np.int64)
    for i in range(q):
        shifted = matrix[:, i : i + width].astype(np.int64)
        codes[:, : shifted.shape[1]] |= shifted << (8 * (q - 1 - i))
    valid = np.arange(width)[None, :] < (lengths - q + 1)[:, None]
    short = (lengths > 0) & (lengths < q)  # shorter than one q-gram: the whole value
    valid[short, 0] = True
    return codes, valid


@lru_cache(maxsize=4096)
def _salt_part(salt: str) -> bytes:
    raw = salt.encode("utf-8")
    if len(raw) <= 6:
        return bytes([len(raw)]) + raw.ljust(6, b"\0")
    return b"\xff" + hashlib.blake2b(raw, digest_size=6).digest()


def salt_parts(salts: list[str]) -> np.ndarray:
    """7 bytes per salt string, injectively: ``len | bytes`` up to 6 bytes, else
    ``0xFF | BLAKE2b-48``."""
    joined = b"".join(_salt_part(salt) for salt in salts)
    return np.frombuffer(joined, dtype=np.uint8).reshape(len(salts), 7)


def exact_codes(values: list[str]) -> np.ndarray:
    """A 48-bit code per whole value: ``len | bytes`` up to 5 bytes, else ``0xFF | BLAKE2b-40``."""
    out = np.empty(len(values), dtype=np.int64)
    for i, value in enumerate(values):
        raw = value.encode("utf-8")
        if len(raw) <= 5:
            out[i] = (len(raw) << 40) | int.from_bytes(raw, "big")
        else:
            digest = hashlib.blake2b(raw, digest_size=5).digest()
            out[i] = (0xFF << 40) | int.from_bytes(digest, "big")
    return out


def token_blocks(tag: int, salts: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """The PRF input of each (salt, token): ``tag | salt (7) | code (6) | counter (2)``,
    counter 0 (:func:`aes_positions` counts up from it)."""
    blocks = np.zeros((len(codes), 16), dtype=np.uint8)
    blocks[:, 0] = tag
    blocks[:, 1:8] = salts
    big_endian = np.ascontiguousarray(codes, dtype=">u8").view(np.uint8).reshape(-1, 8)
    blocks[:, 8:14] = big_endian[:, 2:]
    return blocks


def aes_positions(prf: KeyedPRF, blocks: np.ndarray, k: int, length: int) -> np.ndarray:
    """``(n, k)`` bit positions per token: AES in counter mode over its block.

    Each encrypted block gives eight 16-bit values; ``ceil(k / 8)`` blocks (counter 0, 1...)
    give the ``k`` positions, each mapped onto ``[0, length)`` by a multiply-shift.
    """
    per_token = -(-k // 8)
    expanded = np.repeat(blocks, per_token, axis=0)
    counter = np.tile(np.arange(per_token, dtype=np.uint16), len(blocks))
    expanded[:, 14] = counter >> 8
    expanded[:, 15] = counter & 0xFF
    values = prf.raw(expanded).view("<u2").reshape(len(blocks), per_token * 8)[:, :k]
    return np.asarray((values.astype(np.int64) * length) >> 16)


def aes_position_stream(
    prf: KeyedPRF, blocks: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`aes_positions` for tokens wanting different numbers of positions, in one
    AES call: ``(values, first)``, token ``t``'s ``counts[t]`` positions being the
    16-bit ``values[first[t] : first[t] + counts[t]]``, each mapped onto ``[0, length)``
    as ``(value * length) >> 16`` (the compiled loop that sets the bits does it).

    Token ``t`` gets ``ceil(counts[t] / 8)`` counter blocks (counter 0, 1...), so its
    first ``counts[t]`` values are exactly those :func:`aes_positions` uses.
    """
    per_token = -(-counts.astype(np.int64) // 8)
    block_first = np.zeros(len(per_token), dtype=np.int64)
    np.cumsum(per_token[:-1], out=block_first[1:])
    expanded = np.repeat(blocks, per_token, axis=0)
    counter = np.arange(len(expanded), dtype=np.int64) - np.repeat(block_first, per_token)
    expanded[:, 14] = counter >> 8
    expanded[:, 15] = counter & 0xFF
    return prf.raw(expanded).view("<u2").reshape(-1), block_first * 8


def scheme_tag(scheme: TokenScheme, q: int) -> int:
    """The first byte of a token's PRF input: which scheme (and q) made it."""
    return {TokenScheme.QGRAMS: 0x10 | q, TokenScheme.POSITIONAL: 0x20, TokenScheme.EXACT: 0x30}[
        scheme
    ]


def string_blocks(values: pa.Array, tag: int) -> np.ndarray:
    """One 16-byte PRF input per string, injectively: ``tag | len | bytes | zeros`` for up
    to 14 bytes, ``tag | 0xFF | BLAKE2b-112(value)`` for longer ones. Nulls are empty.

    When all are short (blocking keys), a compiled loop copies them from the Arrow buffers.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    offsets, data = string_buffers(values)
    valid = valid_mask(values)
    sizes = np.diff(offsets)
    if not len(sizes) or int(sizes[valid].max(initial=0)) <= 14:
        from cityprivacy.link._encode_kernel import short_string_blocks

        return short_string_blocks(offsets, data, valid, tag)
    matrix, lengths = char_matrix(values)
    true_lengths = np.asarray(pc.fill_null(pc.binary_length(values), 0), dtype=np.int64)
    out = np.zeros((len(lengths), 16), dtype=np.uint8)
    out[:, 0] = tag
    short = true_lengths <= 14
    width = min(matrix.shape[1], 14)
    out[short, 1] = true_lengths[short]
    out[short, 2 : 2 + width] = matrix[short, :width]
    for i in np.flatnonzero(~short).tolist():
        raw = str(values[i].as_py()).encode("utf-8")
        out[i, 1] = 0xFF
        out[i, 2:] = np.frombuffer(hashlib.blake2b(raw, digest_size=14).digest(), np.uint8)
    return out


def positions(seeds: np.ndarray, k: int, length: int) -> np.ndarray:
    """``(n, k)`` bit positions in ``[0, length)`` drawn from each row's seed."""
    counter = (np.arange(1, k + 1, dtype=np.uint64) * _GOLDEN)[None, :]
    z = (seeds[:, :1] + counter) ^ seeds[:, 1:2]
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    z ^= z >> np.uint64(31)
    # Multiply-shift maps the top 32 bits onto [0, length) without a division.
    return np.asarray(((z >> np.uint64(32)) * np.uint64(length)) >> np.uint64(32), dtype=np.int64)
