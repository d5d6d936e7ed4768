"""Building the Bloom-filter bits of one field, one distinct (salt, value) at a time.

For a column of a batch: the distinct (salt, value) pairs are found with Arrow's
dictionary encoding; their tokens (:mod:`cityprivacy.link._tokens`), the distinct
(salt, token) pairs among them and those pairs' secret seeds (one PRF call for all of
them) are computed with numpy; each token then sets ``k`` bits drawn from its seed, where
``k`` is the schema's ``bits_per_token``, or ``ceil(bits / number of tokens)`` so that a
field sets about ``bits`` bits whatever the length of its value. The filters of the
distinct values are packed into uint64 words and gathered back to the rows.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.link._tokens import (
    aes_positions,
    exact_codes,
    positions,
    salt_parts,
    scheme_tag,
    token_blocks,
    token_codes,
)
from cityprivacy.link.prf import KeyedPRF
from cityprivacy.link.schema import FieldSpec, TokenScheme

__all__ = ["field_words"]

_SLICE = 16384


def field_words(
    spec: FieldSpec, values: pa.Array, salts: pa.Array | None, prf: KeyedPRF, length: int
) -> np.ndarray:
    """``(n, length / 64)`` uint64 words holding the bits one field sets in each row."""
    keyed = values if salts is None else pc.binary_join_element_wise(salts, values, "\x1f")
    encoded = keyed.dictionary_encode()
    distinct = encoded.dictionary
    if salts is not None:
        parts = pc.split_pattern(distinct, "\x1f", max_splits=1)
        distinct_salts, distinct_values = pc.list_element(parts, 0), pc.list_element(parts, 1)
    else:
        distinct_salts = pa.array([""] * len(distinct), pa.string())
        distinct_values = distinct
    table = np.zeros((len(distinct) + 1, length // 64), dtype=np.uint64)  # last row: null
    for start in range(0, len(distinct), _SLICE):
        stop = min(len(distinct), start + _SLICE)
        table[start:stop] = _value_words(
            spec,
            distinct_values.slice(start, stop - start),
            distinct_salts.slice(start, stop - start),
            prf,
            length,
        )
    indices = np.asarray(encoded.indices.fill_null(len(distinct)), dtype=np.int64)
    return table[indices]


def _value_words(
    spec: FieldSpec, values: pa.Array, salts: pa.Array, prf: KeyedPRF, length: int
) -> np.ndarray:
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
    salt_dict = salts.dictionary_encode()
    salt_index = np.asarray(salt_dict.indices, dtype=np.int64)[rows]
    salt_bytes = salt_parts(salt_dict.dictionary.to_pylist())
    blocks = token_blocks(scheme_tag(scheme, q), salt_bytes[salt_index], codes[rows, cols])
    k_occ = k_row[rows]
    if prf.vectorized:  # AES: positions straight from the PRF, for every occurrence

        def draw(sel: np.ndarray, k: int) -> np.ndarray:
            return aes_positions(prf, blocks[sel], k, length)
    else:  # HMAC/BLAKE2b: one call per distinct (salt, token), positions from its seed
        unique, inverse = np.unique(blocks.view("S16").reshape(-1), return_inverse=True)
        seeds = prf.blocks(np.frombuffer(unique.tobytes(), np.uint8).reshape(-1, 16))
        seeds = seeds[inverse.reshape(-1)]

        def draw(sel: np.ndarray, k: int) -> np.ndarray:
            return positions(seeds[sel], k, length)

    bits = np.zeros(len(ntok) * length, dtype=bool)
    for k in np.flatnonzero(np.bincount(k_occ)).tolist() if len(k_occ) else []:
        sel = k_occ == k
        bits[(rows[sel, None] * length + draw(sel, k)).reshape(-1)] = True
    packed = np.packbits(bits.reshape(len(ntok), length), axis=1, bitorder="little")
    return packed.view("<u8").astype(np.uint64, copy=False)
