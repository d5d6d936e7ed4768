"""Hardening primitives: balancing, XOR-folding, salt values."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from cityprivacy.link.dice import popcounts
from cityprivacy.link.harden import balance, balance_permutation, salt_values, xor_fold


def test_balance_sets_exactly_half_the_bits_and_keeps_the_information() -> None:
    rng = np.random.default_rng(4)
    words = rng.integers(0, 2**64 - 1, size=(50, 2), dtype=np.uint64, endpoint=True)
    permutation = balance_permutation(b"b" * 32, 128)
    balanced = balance(words, permutation)
    assert balanced.shape == (50, 4)
    assert set(popcounts(balanced).tolist()) == {128}
    # Undo the permutation: the first half is the filter, the second its complement.
    bits = np.unpackbits(balanced.view(np.uint8), axis=1, bitorder="little")
    original = np.empty_like(bits)
    original[:, permutation] = bits
    expected = np.unpackbits(words.view(np.uint8), axis=1, bitorder="little")
    assert np.array_equal(original[:, :128], expected)
    assert np.array_equal(original[:, 128:], 1 - expected)


def test_the_permutation_depends_on_the_key() -> None:
    assert np.array_equal(balance_permutation(b"a" * 32, 64), balance_permutation(b"a" * 32, 64))
    assert not np.array_equal(
        balance_permutation(b"a" * 32, 64), balance_permutation(b"c" * 32, 64)
    )


def test_xor_fold() -> None:
    words = np.array([[0b1100, 0b1010]], dtype=np.uint64)
    assert xor_fold(words).tolist() == [[0b0110]]


def test_salt_values_are_birth_years_or_empty() -> None:
    salts = salt_values(pa.array(["19800102", None, "20011231"]), "year").to_pylist()
    assert salts == ["1980", "", "2001"]
    assert salt_values(pa.array(["nsw", None]), "value").to_pylist() == ["nsw", ""]
