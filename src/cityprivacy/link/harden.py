"""Hardening Bloom-filter encodings against the known attacks on them.

A keyed Bloom-filter encoding cannot be reversed by hashing a dictionary without the key,
but it still leaks: identical values give identical filters, a filter's bits keep the
frequencies of the q-grams behind them, and the number of bits set grows with the length
of the value. Published attacks use exactly that: frequency alignment (Kuzu, Kantarcioglu,
Durham & Malin, PETS 2011), bit-pattern analysis (Niedermeyer, Steinmetzer, Kroll & Schnell,
J. Privacy and Confidentiality 2014; Kroll & Steinmetzer 2015), frequent-pattern
cryptanalysis (Christen, Schnell, Vatsalan & Ranbaduge, PAKDD 2017), pattern mining
(Christen, Vidanage, Ranbaduge & Schnell, PAKDD 2018) and its refinements (Christen,
Ranbaduge, Vatsalan & Schnell, IEEE TKDE 2019). The defences here follow Christen,
Ranbaduge & Schnell, *Linking Sensitive Data* (Springer, 2020), chapter 9:

**Salting** (:func:`salt_values`) mixes a stable value of the record — by default the year
of birth — into the keyed hash of every token of the *salted* fields. The same first name
then sets different bits for people born in different years, so the most frequent
encodings no longer line up with the most frequent names, and the q-gram-to-bit patterns
an attacker learns from one birth year say nothing about another. It defends against
frequency alignment and pattern mining on the salted fields. Its cost: two records of the
same person whose salt differs (a mistyped birth year) lose the salted fields' agreement,
so salt only with a field that is reliably recorded, and salt the fields most exposed to
frequency attacks (names) rather than all of them.

**Balancing** (:func:`balance`; Schnell & Borgs, IEEE ICDM Workshops 2016) appends the
complement of the filter to itself and permutes the resulting bits with a keyed
permutation, so every encoding has exactly half its bits set. The Hamming weight no longer
reveals how long or how q-gram-rich a value is, and bit frequencies are evened out. It is
aimed at Hamming-weight and bit-frequency attacks; it changes the similarity of two
encodings little (Dice on balanced filters is close to the share of agreeing bits) but
doubles their length: give a base length of half the length you want.

**XOR-folding** (:func:`xor_fold`; Schnell, Borgs & Encheva 2016) cuts the filter in halves
and XORs them, so each bit of the result mixes two positions of the filter and single bits
no longer correspond to q-grams. It is aimed at the attacks that assign q-grams to bit
positions. It costs some linkage quality (two bits set by different q-grams can cancel) and
halves the length.

Neither balancing nor XOR-folding stops a frequency attack: equal values still give equal
encodings. Only salting does (the README gives the figures of
:func:`cityprivacy.link.attack.frequency_attack` for each option).

None of these is proof against every attack; the encodings stay personal data, to be
shared only under an agreement, with the key held by the agencies and never by the
linkage unit.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["balance", "balance_permutation", "balance_reference", "salt_values", "xor_fold"]


def salt_values(normalized: pa.Array, part: str) -> pa.Array:
    """The salt of each record: the birth year (``part="year"``, from ``YYYYMMDD``) or
    the whole normalized value; an empty string where it is missing."""
    values = pc.utf8_slice_codeunits(normalized, 0, 4) if part == "year" else normalized
    return values.fill_null("")


def balance_permutation(subkey: bytes, bits: int) -> np.ndarray:
    """The keyed permutation of ``2 * bits`` positions used by :func:`balance`."""
    seed = np.frombuffer(subkey[:32], dtype="<u8")
    return np.random.default_rng(seed.tolist()).permutation(2 * bits)


def balance(words: np.ndarray, permutation: np.ndarray) -> np.ndarray:
    """Each filter followed by its complement, bits permuted: exactly half of them set.

    ``words`` is ``(n, W)`` uint64; the result is ``(n, 2W)``. Output bit ``p`` is bit
    ``permutation[p]`` of the doubled filter. Compiled (a loop over the set bits, straight
    into packed words); :func:`balance_reference` is the same with numpy's bit arrays.
    """
    from cityprivacy.link._encode_kernel import balance_words

    if len(permutation) != 2 * words.shape[1] * 64:
        raise ValueError("the permutation must cover twice the filter's bits")
    inverse = np.empty(len(permutation), dtype=np.int64)
    inverse[permutation] = np.arange(len(permutation))
    out: np.ndarray = balance_words(np.ascontiguousarray(words, dtype=np.uint64), inverse)
    return out


def balance_reference(words: np.ndarray, permutation: np.ndarray) -> np.ndarray:
    """:func:`balance` with ``unpackbits``, ``take`` and ``packbits``, for tests."""
    bits = np.unpackbits(np.ascontiguousarray(words).view(np.uint8), axis=1, bitorder="little")
    width = bits.shape[1]
    doubled = np.empty((len(bits), 2 * width), dtype=np.uint8)
    doubled[:, :width] = bits
    np.subtract(1, bits, out=doubled[:, width:])
    packed = np.packbits(np.take(doubled, permutation, axis=1), axis=1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64, copy=False)


def xor_fold(words: np.ndarray) -> np.ndarray:
    """The two halves of each filter XORed together: ``(n, W)`` → ``(n, W/2)``."""
    half = words.shape[1] // 2
    folded: np.ndarray = np.bitwise_xor(words[:, :half], words[:, half:])
    return folded
