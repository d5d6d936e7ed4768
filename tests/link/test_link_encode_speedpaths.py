"""The compiled encoding paths give byte-for-byte the encodings of the numpy algorithm
they replaced: field bits, balancing, Soundex, and whole records under a fixed key."""

from __future__ import annotations

import hashlib
import threading

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.link import encode_table, load_schema
from cityprivacy.link._bloom import add_field_bits
from cityprivacy.link._tokens import (
    aes_positions,
    exact_codes,
    positions,
    salt_parts,
    scheme_tag,
    token_blocks,
    token_codes,
)
from cityprivacy.link.blocking import soundex_array, soundex_reference
from cityprivacy.link.encode import BloomEncoder
from cityprivacy.link.harden import balance, balance_permutation, balance_reference
from cityprivacy.link.prf import KeyedPRF
from cityprivacy.link.schema import FieldSpec, TokenScheme
from cityprivacy.link.synthetic import linkage_sample
from cityprivacy.protect.keys import SecretKey


def _reference_field_words(
    spec: FieldSpec, values: pa.Array, salts: pa.Array | None, prf: KeyedPRF, length: int
) -> np.ndarray:
    """The numpy algorithm the compiled path replaced: per distinct (salt, value), a
    boolean bit matrix filled group of ``k`` by group of ``k``, then packed."""
    keyed = values if salts is None else pc.binary_join_element_wise(salts, values, "\x1f")
    encoded = keyed.dictionary_encode()
    distinct = encoded.dictionary
    if salts is not None:
        parts = pc.split_pattern(distinct, "\x1f", max_splits=1)
        d_salts, d_values = pc.list_element(parts, 0), pc.list_element(parts, 1)
    else:
        d_salts, d_values = pa.array([""] * len(distinct), pa.string()), distinct
    scheme, q = spec.token_scheme, spec.q
    codes, valid = token_codes(d_values, scheme, q)
    if scheme is TokenScheme.EXACT:
        codes = exact_codes([v or "" for v in d_values.to_pylist()])[:, None]
    rows, cols = np.nonzero(valid)
    ntok = valid.sum(axis=1)
    if spec.bits_per_token is not None:
        k_row = np.full(len(ntok), spec.bits_per_token, dtype=np.int64)
    else:
        assert spec.bits is not None
        k_row = np.ceil(spec.bits / np.maximum(ntok, 1)).astype(np.int64)
    salt_dict = d_salts.dictionary_encode()
    salt_index = np.asarray(salt_dict.indices, dtype=np.int64)[rows]
    salt_bytes = salt_parts(salt_dict.dictionary.to_pylist())
    blocks = token_blocks(scheme_tag(scheme, q), salt_bytes[salt_index], codes[rows, cols])
    k_occ = k_row[rows]
    if not prf.vectorized:
        unique, inverse = np.unique(blocks.view("S16").reshape(-1), return_inverse=True)
        seeds = prf.blocks(np.frombuffer(unique.tobytes(), np.uint8).reshape(-1, 16))
        seeds = seeds[inverse.reshape(-1)]
    bits = np.zeros(len(ntok) * length, dtype=bool)
    for k in np.flatnonzero(np.bincount(k_occ)).tolist() if len(k_occ) else []:
        sel = k_occ == k
        drawn = (
            aes_positions(prf, blocks[sel], k, length)
            if prf.vectorized
            else positions(seeds[sel], k, length)
        )
        bits[(rows[sel, None] * length + drawn).reshape(-1)] = True
    packed = np.packbits(bits.reshape(len(ntok), length), axis=1, bitorder="little")
    table = np.zeros((len(distinct) + 1, length // 64), dtype=np.uint64)
    table[: len(distinct)] = packed.view("<u8")
    return table[np.asarray(encoded.indices.fill_null(len(distinct)), dtype=np.int64)]


VALUES = st.lists(
    st.none()
    | st.text(alphabet="abcxyz019_ -'é", max_size=8)
    | st.text(alphabet="ab", min_size=90, max_size=110),  # past the 96-byte cut
    min_size=0,
    max_size=25,
)
SPECS = st.builds(
    lambda tokens, q, weight, per_token: FieldSpec(
        name="f",
        kind="text",
        tokens=tokens,
        q=q,
        bits=None if per_token else weight,
        bits_per_token=weight if per_token else None,
    ),
    st.sampled_from(list(TokenScheme)),
    st.integers(1, 4),
    st.integers(1, 40),
    st.booleans(),
)


@settings(max_examples=120, deadline=None)
@given(
    VALUES,
    SPECS,
    st.sampled_from(["aes-256", "hmac-sha256", "blake2b"]),
    st.sampled_from([64, 512]),
    st.booleans(),
    st.data(),
)
def test_field_bits_equal_the_numpy_algorithm(
    values: list[str | None],
    spec: FieldSpec,
    kind: str,
    length: int,
    salted: bool,
    data: st.DataObject,
) -> None:
    prf = KeyedPRF(b"s" * 32, kind)  # type: ignore[arg-type]
    column = pa.array(values, pa.string())
    salts = None
    if salted:
        drawn = data.draw(st.lists(st.sampled_from(["", "1985", "a-much-longer-salt"]),
                                   min_size=len(values), max_size=len(values)))  # fmt: skip
        salts = pa.array(drawn, pa.string())
    words = np.zeros((len(values), length // 64), dtype=np.uint64)
    add_field_bits(words, spec, column, salts, prf)
    assert words.tobytes() == _reference_field_words(spec, column, salts, prf, length).tobytes()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 40), st.sampled_from([1, 8]), st.integers(0, 2**32))
def test_balance_equals_the_numpy_algorithm(rows: int, width: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    words = rng.integers(0, 2**64, (rows, width), dtype=np.uint64)
    if rows:
        words[0] = 0
    permutation = balance_permutation(rng.bytes(32), width * 64)
    assert balance(words, permutation).tobytes() == balance_reference(words, permutation).tobytes()


def test_balance_refuses_a_permutation_of_the_wrong_size() -> None:
    with pytest.raises(ValueError, match="permutation"):
        balance(np.zeros((2, 1), np.uint64), np.arange(64))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.none() | st.text(alphabet="abhwklmnoprstuy- '1", max_size=14), max_size=40))
def test_soundex_equals_the_numpy_algorithm(names: list[str | None]) -> None:
    column = pa.array(names, pa.string())
    assert soundex_array(column).equals(soundex_reference(column))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("robert", "R163"), ("rupert", "R163"), ("ashcraft", "A261"), ("tymczak", "T522"),
     ("pfister", "P236"), ("honeyman", "H555"), ("", None), ("-1", None)],
)  # fmt: skip
def test_soundex_known_codes(name: str, expected: str | None) -> None:
    assert soundex_array(pa.array([name], pa.string()))[0].as_py() == expected


def test_encodings_are_those_of_the_numpy_encoder() -> None:
    """Digests of the ``city`` encodings (hardened) and keyed blocking keys of a fixed
    synthetic sample under a fixed key, as made by the numpy encoder before the compiled
    paths: same key and schema, same bytes, so encodings made before still match."""
    sample = linkage_sample(300, seed=3)
    encodings, _ = encode_table(sample.b, load_schema("city"), SecretKey(b"k" * 32))
    assert hashlib.sha256(encodings.words.tobytes()).hexdigest() == (
        "050ba7665da20260be1266404f9dc5677045661a35467ac80e4a2ebc0cd82c42"
    )
    assert hashlib.sha256(encodings.blocks.tobytes()).hexdigest() == (
        "bc508dce70f1ea3c8d3bf923f117aea762f1951e62ffb65529b4134421505dba"
    )


def test_one_encoder_can_serve_two_threads() -> None:
    table = linkage_sample(3000, seed=11).a
    encoder = BloomEncoder(load_schema("city"), SecretKey(b"t" * 32))
    alone = encoder.encode(table).words
    results: list[np.ndarray] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for _ in range(5):
                results.append(encoder.encode(table).words)
        except BaseException as exc:  # any failure, reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 10
    assert all(np.array_equal(r, alone) for r in results)
