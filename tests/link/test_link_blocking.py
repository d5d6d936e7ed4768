"""Blocking: soundex, keyed keys without clear values, candidate pairs and their statistics."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.link.blocking import (
    blocking_keys,
    blocking_stats,
    candidate_pairs,
    clear_blocking_keys,
    lsh_keys,
    soundex,
)
from cityprivacy.link.prf import KeyedPRF
from cityprivacy.link.schema import parse_blocking_pass


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("robert", "R163"), ("rupert", "R163"), ("rubin", "R150"), ("ashcraft", "A261"),
        ("ashcroft", "A261"), ("tymczak", "T522"), ("pfister", "P236"), ("honeyman", "H555"),
        ("lee", "L000"), ("gutierrez", "G362"), ("jackson", "J250"), ("washington", "W252"),
        ("a", "A000"), ("", ""),
    ],
)  # fmt: skip
def test_soundex(name: str, code: str) -> None:
    assert soundex(name) == code


def _keys(pairs: list[tuple[int, ...]]) -> np.ndarray:
    return np.array(pairs, dtype=np.uint64)


def test_statistics_on_a_known_set() -> None:
    # Pass 0 blocks {a0, a1} with {b0}; pass 1 blocks {a1} with {b0, b1} and {a2} with {b2}.
    keys_a = _keys([(5, 0), (5, 7), (6, 8)])
    keys_b = _keys([(5, 7), (0, 7), (9, 8)])
    pairs = sorted(
        (x, y)
        for i, j in candidate_pairs(keys_a, keys_b)
        for x, y in zip(i.tolist(), j.tolist(), strict=True)
    )
    assert pairs == [(0, 0), (1, 0), (1, 1), (2, 2)]  # (1, 0) agrees twice, counted once
    truth = (np.array([0, 1, 2, 2]), np.array([0, 1, 2, 1]))
    stats = blocking_stats(keys_a, keys_b, truth)
    assert stats.candidate_pairs == 4
    assert stats.total_pairs == 9
    assert stats.reduction_ratio == pytest.approx(5 / 9)
    assert stats.pairs_completeness == pytest.approx(3 / 4)


def test_deduplication_pairs_are_unordered_and_distinct() -> None:
    keys = _keys([(1, 3), (1, 3), (1, 0), (2, 3)])
    pairs = sorted(
        (x, y)
        for i, j in candidate_pairs(keys)
        for x, y in zip(i.tolist(), j.tolist(), strict=True)
    )
    assert pairs == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3)]
    assert blocking_stats(keys).total_pairs == 6


def test_candidate_pairs_come_in_bounded_chunks() -> None:
    keys = np.ones((300, 1), dtype=np.uint64)
    chunks = [len(i) for i, _ in candidate_pairs(keys, keys, chunk=1000)]
    assert max(chunks) <= 1000
    assert sum(chunks) == 300 * 300


def test_keyed_keys_hide_clear_values_and_depend_on_the_key() -> None:
    values = {
        "last_name": pa.array(["smith", "smyth", "jones", None]),
        "dob": pa.array(["19800102", "19800305", "19800102", "19900101"]),
    }
    passes = [parse_blocking_pass("soundex(last_name) + year(dob)")]
    clear = clear_blocking_keys(passes, values)[0].to_pylist()
    assert clear == ["S530\x1f1980", "S530\x1f1980", "J520\x1f1980", None]
    keys = blocking_keys(passes, values, KeyedPRF(b"1" * 32))[:, 0]
    assert keys[0] == keys[1] != keys[2]
    assert keys[3] == 0
    other = blocking_keys(passes, values, KeyedPRF(b"2" * 32))[:, 0]
    assert not set(keys[:3].tolist()) & set(other[:3].tolist())


def test_lsh_keys_agree_for_identical_encodings_and_bands_differ() -> None:
    rng = np.random.default_rng(1)
    words = rng.integers(0, 2**63, size=(5, 4), dtype=np.uint64)
    words[1] = words[0]
    keys = lsh_keys(words, bands=6, band_bits=12, seed=b"schema")
    assert np.array_equal(keys[0], keys[1])
    assert len(set(keys[0].tolist())) == 6  # the band number is part of the key
    assert np.array_equal(keys, lsh_keys(words, bands=6, band_bits=12, seed=b"schema"))


def _soundex_reference(name: str) -> str:
    codes = {
        c: str(d)
        for d, group in enumerate(("aeiouy", "bfpv", "cgjkqsxz", "dt", "l", "mn", "r"))
        for c in group
    }
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return ""
    out, last = letters[0].upper(), codes.get(letters[0], "")
    for c in letters[1:]:
        if c in "hw":
            continue
        code = codes[c]
        if code != "0" and code != last:
            out += code
        last = code
    return (out + "000")[:4]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=14))
def test_vectorized_soundex_matches_the_definition(name: str) -> None:
    assert soundex(name) == _soundex_reference(name)
