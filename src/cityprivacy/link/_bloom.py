"""Building the Bloom-filter bits of one field, one distinct (salt, value) at a time.

For a column of a batch: the distinct (salt, value) pairs are found from Arrow's
dictionary encodings of the values and the salts (one integer per pair); each token of
each distinct pair sets ``k`` bits drawn from its keyed PRF output, where ``k`` is the
schema's ``bits_per_token``, or ``ceil(bits / number of tokens)`` so that a field sets
about ``bits`` bits whatever the length of its value. The filters of the distinct pairs are
set straight into packed uint64 words and ORed into the rows.

With AES (the default) one compiled pass over the values' bytes builds every token's
counter blocks (:func:`cityprivacy.link._encode_kernel.token_aes_blocks`), one AES call
encrypts them all and a compiled loop sets the bits. The numpy path (tokens and blocks
from :mod:`cityprivacy.link._tokens`) serves the ``exact`` scheme and the HMAC and BLAKE2b
PRFs, which draw positions from one seed per distinct (salt, token). Both give the bits of
the numpy encoder they replaced, byte for byte (tests compare them).
"""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pyarrow as pa

from cityprivacy.link._tokens import (
    aes_position_stream,
    char_matrix,
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

_SLICE = 16384


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
    by_value = values.dictionary_encode()
    value_index = np.asarray(by_value.indices.fill_null(-1), dtype=np.int64)
    n_values = len(by_value.dictionary)
    if salts is None:
        salt_names: list[str] = [""]
        key = value_index
    else:  # each distinct (salt, value) pair once: salt index × values + value index
        by_salt = salts.dictionary_encode()
        salt_names = by_salt.dictionary.to_pylist()
        salt_index = np.asarray(by_salt.indices.fill_null(-1), dtype=np.int64)
        both = (value_index >= 0) & (salt_index >= 0)
        key = np.where(both, salt_index * n_values + value_index, -1)
    present = key >= 0
    distinct, row_of = np.unique(key[present], return_inverse=True)
    rows = np.full(len(key), len(distinct), dtype=np.int64)  # missing: the empty last row
    rows[present] = row_of
    distinct_values = by_value.dictionary.take(pa.array(distinct % max(n_values, 1)))
    distinct_salts = salt_parts(salt_names)[distinct // max(n_values, 1)]
    table = np.zeros((len(distinct) + 1, words.shape[1]), dtype=np.uint64)
    for start in range(0, len(distinct), _SLICE):
        stop = min(len(distinct), start + _SLICE)
        _value_words(
            table[start:stop],
            spec,
            distinct_values.slice(start, stop - start),
            distinct_salts[start:stop],
            prf,
            length,
        )
    _kernel().or_gather(words, table, rows)


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
    if prf.vectorized and scheme is not TokenScheme.EXACT:  # AES: all in one compiled pass
        matrix, lengths = char_matrix(values)
        blocks, rows, k_occ, first = _kernel().token_aes_blocks(
            matrix, lengths, salt_bytes, scheme_tag(scheme, q),
            q if scheme is TokenScheme.QGRAMS else 0,
            spec.bits or 0, -1 if spec.bits_per_token is None else spec.bits_per_token,
        )  # fmt: skip
        raw = prf.raw(blocks).view("<u2").reshape(-1)
        _kernel().set_bits(table, rows, k_occ, first, raw, length, 16)
        return
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
