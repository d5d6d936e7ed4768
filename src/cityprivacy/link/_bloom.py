"""Building the Bloom-filter bits of one field, one distinct (salt, value) at a time.

For a column of a batch: the distinct (salt, value) pairs are found from Arrow's
dictionary encodings of the values and the salts (a compiled hash of the index pairs when
salted); each token of each distinct pair sets ``k`` bits drawn from its keyed PRF output,
where ``k`` is the schema's ``bits_per_token``, or ``ceil(bits / number of tokens)`` so
that a field sets about ``bits`` bits whatever the length of its value. The filters of the
distinct pairs are set straight into packed uint64 words and ORed into the rows.

With AES (the default), for a few thousand distinct values at a time, one compiled pass
over the dictionary's Arrow buffers writes every token's counter blocks into a buffer the
thread reuses (:func:`cityprivacy.link._encode_kernel.fill_aes_blocks`), one AES-ECB call
encrypts them all into another, and a compiled pass sets the bits
(:func:`~cityprivacy.link._encode_kernel.set_aes_bits`): no Python work per token, no
per-token arrays. The numpy path (tokens and blocks from :mod:`cityprivacy.link._tokens`)
serves the ``exact`` scheme and the HMAC and BLAKE2b PRFs, which draw positions from one
seed per distinct (salt, token). Both give the bits of the numpy encoder they replaced,
byte for byte (tests compare them).
"""

from __future__ import annotations

import threading
from types import ModuleType

import numpy as np
import pyarrow as pa

from cityprivacy.link._text import string_buffers
from cityprivacy.link._tokens import (
    MAX_VALUE_BYTES,
    aes_position_stream,
    exact_codes,
    positions,
    salt_parts,
    scheme_tag,
    token_blocks,
    token_codes,
)
from cityprivacy.link.prf import KeyedPRF
from cityprivacy.link.schema import FieldSpec, TokenScheme

__all__ = ["add_field_bits"]

_SLICE = 4096  # distinct values at a time: their blocks stay in the L2 cache (~1 MB)
_KEEP_BYTES = 8 << 20  # a thread keeps buffers up to this size for its next call


def _kernel() -> ModuleType:
    """The compiled bit-setting loops, imported (compiled or loaded from cache) on first use."""
    from cityprivacy.link import _encode_kernel

    return _encode_kernel


def add_field_bits(
    words: np.ndarray,
    spec: FieldSpec,
    values: pa.Array,
    salts: pa.Array | None,
    prf: KeyedPRF,
) -> None:
    """Set in ``words`` (``(n, W)`` uint64, one row per value) the bits one field sets."""
    length = words.shape[1] * 64
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    by_value = values.dictionary_encode()
    dictionary = by_value.dictionary
    value_index = np.asarray(by_value.indices.fill_null(-1), dtype=np.int64)
    if salts is None:  # the distinct values are those of the dictionary
        rows = value_index
        pick = np.arange(len(dictionary), dtype=np.int64)
        salt_of = np.zeros(len(dictionary), dtype=np.int64)
        salt_bytes = salt_parts([""])
    else:  # each distinct (salt, value) pair once
        if isinstance(salts, pa.ChunkedArray):
            salts = salts.combine_chunks()
        by_salt = salts.dictionary_encode()
        salt_index = np.asarray(by_salt.indices.fill_null(-1), dtype=np.int64)
        rows, pick, salt_of = _kernel().distinct_pairs(value_index, salt_index, len(dictionary))
        salt_bytes = salt_parts(by_salt.dictionary.to_pylist())
    table = np.zeros((len(pick), words.shape[1]), dtype=np.uint64)
    compiled = prf.vectorized and spec.token_scheme is not TokenScheme.EXACT
    offsets, data = string_buffers(dictionary) if compiled else (pick, pick)
    for start in range(0, len(pick), _SLICE):
        stop = min(len(pick), start + _SLICE)
        if compiled:  # AES: tokens, counter blocks and bits in compiled passes
            _aes_words(table[start:stop], spec, offsets, data, pick[start:stop],
                       salt_of[start:stop], salt_bytes, prf)  # fmt: skip
        else:
            _value_words(
                table[start:stop],
                spec,
                dictionary.take(pa.array(pick[start:stop])),
                salt_bytes[salt_of[start:stop]],
                prf,
                length,
            )
    _kernel().or_rows(words, table, rows)


class _Buffers(threading.local):
    """Each thread's counter blocks and their encryption, kept from call to call: fresh
    megabytes would cost a page fault every 4 KiB, more CPU than encrypting them."""

    blocks: np.ndarray = np.zeros(0, dtype=np.uint64)
    encrypted: np.ndarray = np.zeros(16, dtype=np.uint8)

    def get(self, nblocks: int) -> tuple[np.ndarray, np.ndarray]:
        """``(blocks, encrypted)``: room for ``nblocks`` blocks, two uint64 words each, and
        for their encryption (16 bytes more, as ``update_into`` asks)."""
        if len(self.blocks) >= 2 * nblocks:
            return self.blocks, self.encrypted
        blocks = np.empty(2 * nblocks, dtype=np.uint64)
        encrypted = np.empty(16 * nblocks + 16, dtype=np.uint8)
        if 16 * nblocks <= _KEEP_BYTES:
            self.blocks, self.encrypted = blocks, encrypted
        return blocks, encrypted


_BUFFERS = _Buffers()


def _aes_words(
    table: np.ndarray,
    spec: FieldSpec,
    offsets: np.ndarray,
    data: np.ndarray,
    pick: np.ndarray,
    salt_of: np.ndarray,
    salt_bytes: np.ndarray,
    prf: KeyedPRF,
) -> None:
    """Set in row ``r`` of ``table`` the bits of string ``pick[r]`` of the Arrow buffers
    ``offsets``/``data``, salted with ``salt_bytes[salt_of[r]]``: every token's counter
    blocks built by one compiled pass into a reused buffer, encrypted by one AES call,
    and the bits set by another compiled pass."""
    scheme, q = spec.token_scheme, spec.q
    q = q if scheme is TokenScheme.QGRAMS else 0
    bits = spec.bits or 0
    per_token = -1 if spec.bits_per_token is None else spec.bits_per_token
    kernel = _kernel()
    nblocks = kernel.aes_block_count(offsets, pick, q, bits, per_token, MAX_VALUE_BYTES)
    if not nblocks:
        return
    blocks, encrypted = _BUFFERS.get(nblocks)
    kernel.fill_aes_blocks(blocks, offsets, data, pick, salt_of, salt_bytes,
                           scheme_tag(scheme, spec.q), q, bits, per_token,
                           MAX_VALUE_BYTES)  # fmt: skip
    prf.encrypt_into(blocks[: 2 * nblocks], encrypted)
    raw = encrypted[: 16 * nblocks].view("<u2")
    kernel.set_aes_bits(table, offsets, pick, q, bits, per_token, MAX_VALUE_BYTES, raw)


def _value_words(
    table: np.ndarray,
    spec: FieldSpec,
    values: pa.Array,
    salt_bytes: np.ndarray,
    prf: KeyedPRF,
    length: int,
) -> None:
    """Set in row ``r`` of ``table`` the bits of ``values[r]`` salted with the 7-byte
    ``salt_bytes[r]``."""
    scheme, q = spec.token_scheme, spec.q
    codes, valid = token_codes(values, scheme, q)
    if scheme is TokenScheme.EXACT:
        codes = exact_codes([v or "" for v in values.to_pylist()])[:, None]
    rows, cols = np.nonzero(valid)
    ntok = valid.sum(axis=1)
    if spec.bits_per_token is not None:
        k_row = np.full(len(ntok), spec.bits_per_token, dtype=np.int64)
    else:
        assert spec.bits is not None
        k_row = np.ceil(spec.bits / np.maximum(ntok, 1)).astype(np.int64)
    blocks = token_blocks(scheme_tag(scheme, q), salt_bytes[rows], codes[rows, cols])
    k_occ = k_row[rows]
    if prf.vectorized:  # AES: positions straight from the PRF, for every occurrence
        raw, first = aes_position_stream(prf, blocks, k_occ)
        _kernel().set_bits(table, rows, k_occ, first, raw, length, 16)
    else:  # HMAC/BLAKE2b: one call per distinct (salt, token), positions from its seed
        unique, inverse = np.unique(blocks.view("S16").reshape(-1), return_inverse=True)
        seeds = prf.blocks(np.frombuffer(unique.tobytes(), np.uint8).reshape(-1, 16))
        flat, first = _seed_positions(seeds[inverse.reshape(-1)], k_occ, length)
        _kernel().set_bits(table, rows, k_occ, first, flat, 1, 0)


def _seed_positions(
    seeds: np.ndarray, k_occ: np.ndarray, length: int
) -> tuple[np.ndarray, np.ndarray]:
    """Every occurrence's ``k`` positions drawn from its seed, one after the other, and
    where each occurrence's start."""
    first = np.zeros(len(k_occ), dtype=np.int64)
    np.cumsum(k_occ[:-1], out=first[1:])
    flat = np.empty(int(k_occ.sum()), dtype=np.int64)
    for k in np.flatnonzero(np.bincount(k_occ)).tolist() if len(k_occ) else []:
        sel = np.flatnonzero(k_occ == k)
        flat[(first[sel, None] + np.arange(k)).reshape(-1)] = positions(
            seeds[sel], k, length
        ).reshape(-1)
    return flat, first
