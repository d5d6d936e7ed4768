"""Blocking: which pairs of records are compared at all, without revealing clear values.

Comparing every record of one agency with every record of another is quadratic: a million
by a million is 10¹² comparisons. Blocking compares only records that agree on a
*blocking key* in at least one *pass* (``soundex(last_name) + year(dob)`` in one pass,
``initial(first_name) + month_day(dob)`` in another, so that a typo in one field does not
keep a pair apart).

**Keyed blocking keys.** The agencies compute the keys from the clear values when they
encode, then replace each key by an HMAC-SHA-256 under a subkey of the shared secret
(``link/blocking``), cut to 64 bits. The linkage unit sees only which records share a key,
never the soundex code or the year. It does see how many records share each key, a
frequency signal: use coarse keys, and treat the encodings file as personal data.

**Locality-sensitive hashing** (:func:`lsh_keys`) needs nothing but the encodings: each of
``bands`` keys is a sample of ``band_bits`` bit positions of the encoding (Hamming LSH,
bit sampling, as in Karapiperis & Verykios 2015). Two encodings that agree on most bits
very likely agree on all the sampled bits of some band. The positions come from the schema
fingerprint, not the secret: they sample bits that are already encoded.

Statistics (:class:`BlockingStats`): candidate pairs, the *reduction ratio* (share of all
pairs not compared) and, when the true matches are known, the *pairs completeness* (share
of true matches that are candidates, the recall ceiling blocking imposes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.link._tokens import char_matrix, string_blocks
from cityprivacy.link.prf import KeyedPRF
from cityprivacy.link.schema import BlockingKey, BlockingPass

__all__ = [
    "BlockingStats",
    "blocking_keys",
    "blocking_stats",
    "candidate_pairs",
    "clear_blocking_keys",
    "lsh_keys",
    "soundex",
]

_SHORT_KEY = 14
"""Keys of up to this many bytes fit in one PRF block (:func:`string_blocks`)."""
_SOUNDEX_CODES = np.full(256, 8, dtype=np.uint8)  # 8: not a letter, dropped
for _digit, _letters in enumerate(("aeiouy", "bfpv", "cgjkqsxz", "dt", "l", "mn", "r")):
    _SOUNDEX_CODES[np.frombuffer(_letters.encode(), np.uint8)] = _digit
_SOUNDEX_CODES[np.frombuffer(b"hw", np.uint8)] = 7  # 7: h and w, which do not separate


def soundex(name: str) -> str:
    """American Soundex of a normalized name (``robert`` → ``R163``); ``""`` if no letter."""
    return str(soundex_array(pa.array([name], pa.string()))[0].as_py() or "")


def soundex_array(values: pa.Array) -> pa.Array:
    """:func:`soundex` of each (lower-case, ASCII) name, compiled; null if no letter.

    One loop over each name's bytes (:func:`cityprivacy.link._encode_kernel.soundex_codes`);
    :func:`soundex_reference` is the same with numpy array operations.
    """
    from cityprivacy.link._encode_kernel import soundex_codes

    matrix, lengths = char_matrix(values)
    out, has_letter = soundex_codes(matrix, lengths, _SOUNDEX_CODES)
    strings = pa.array(out.view("S4").reshape(-1), pa.binary(4)).cast(pa.string())
    return pc.if_else(pa.array(has_letter), strings, None)


def soundex_reference(values: pa.Array) -> pa.Array:
    """:func:`soundex_array` with numpy array operations (the reference, for tests).

    Works on the byte matrix of the names without reordering it: a letter counts when
    its code is a consonant's and differs from the code of the previous letter (h and w
    are skipped over, vowels separate), the first letter stands for itself.
    """
    matrix, lengths = char_matrix(values)
    n, width = matrix.shape
    codes = _SOUNDEX_CODES[matrix]
    codes[np.arange(width)[None, :] >= lengths[:, None]] = 8
    letters = codes < 8
    has_letter = letters.any(axis=1)
    start = np.argmax(letters, axis=1)
    rows = np.arange(n)
    first = matrix[rows, start]
    separates = codes <= 6  # vowels and consonants; h, w and non-letters do not
    index = np.where(separates, np.arange(width)[None, :], -1)
    last = np.maximum.accumulate(index, axis=1)
    previous = np.full((n, width), -1, dtype=np.int64)
    previous[:, 1:] = last[:, :-1]
    previous_code = np.where(previous >= 0, codes[rows[:, None], np.maximum(previous, 0)], 9)
    digit = (codes >= 1) & (codes <= 6) & (codes != previous_code)
    digit &= np.arange(width)[None, :] > start[:, None]
    count = np.cumsum(digit, axis=1)
    out = np.full((n, 4), ord("0"), dtype=np.uint8)
    out[:, 0] = np.where((first >= 97) & (first <= 122), first - 32, first)
    for d in (1, 2, 3):
        at = digit & (count == d)
        found = at.any(axis=1)
        out[found, d] = codes[rows[found], np.argmax(at[found], axis=1)] + ord("0")
    strings = pa.array(out.view("S4").reshape(-1), pa.binary(4)).cast(pa.string())
    return pc.if_else(pa.array(has_letter), strings, None)


def _key_part(key: BlockingKey, values: pa.Array) -> pa.Array:
    func = key.function
    if func == "soundex":
        encoded = values.dictionary_encode()
        return soundex_array(encoded.dictionary).take(encoded.indices)
    if func == "initial":
        return pc.utf8_slice_codeunits(values, 0, 1)
    if func.startswith("first"):
        return pc.utf8_slice_codeunits(values, 0, int(func[5:]))
    if func.startswith("last"):
        return pc.utf8_slice_codeunits(values, -int(func[4:]), 2**31 - 1)
    if func == "year":
        return pc.utf8_slice_codeunits(values, 0, 4)
    if func == "month_day":
        return pc.utf8_slice_codeunits(values, 4, 8)
    return values


def clear_blocking_keys(
    passes: Sequence[BlockingPass], values: dict[str, pa.Array]
) -> list[pa.Array]:
    """Each pass's blocking key in clear (parts joined by U+001F; null if a part is
    missing). Only the clear-values method (Splink) keeps these; encodings hash them."""
    keys: list[pa.Array] = []
    parts_seen: dict[BlockingKey, pa.Array] = {}
    for blocking in passes:
        for k in blocking.keys:
            if k not in parts_seen:  # soundex(last_name) in three passes is computed once
                parts_seen[k] = _key_part(k, values[k.field])
        parts = [parts_seen[k] for k in blocking.keys]
        joined = pc.binary_join_element_wise(*parts, "\x1f") if len(parts) > 1 else parts[0]
        keys.append(pc.if_else(pc.equal(joined, ""), None, joined))
    return keys


def blocking_keys(
    passes: Sequence[BlockingPass], values: dict[str, pa.Array], prf: KeyedPRF
) -> np.ndarray:
    """``(n, passes)`` uint64 keyed blocking keys (0 where a part of the key is missing)."""
    n = len(next(iter(values.values()))) if values else 0
    out = np.zeros((n, len(passes)), dtype=np.uint64)
    for p, joined in enumerate(clear_blocking_keys(passes, values)):
        if (pc.max(pc.binary_length(joined)).as_py() or 0) <= _SHORT_KEY:
            # Short keys need no hash of their own: one AES block per row costs less than
            # finding the distinct keys first.
            valid = np.asarray(pc.is_valid(joined), dtype=bool)
            out[valid, p] = prf.blocks(string_blocks(joined, tag=p))[valid, 0] | np.uint64(1)
            continue
        encoded = joined.dictionary_encode()
        table = prf.blocks(string_blocks(encoded.dictionary, tag=p))[:, 0] | np.uint64(1)
        valid = np.asarray(encoded.indices.is_valid(), dtype=bool)
        idx = np.asarray(encoded.indices.fill_null(0), dtype=np.int64)
        if len(table):
            out[valid, p] = table[idx[valid]]
    return out


def lsh_keys(words: np.ndarray, *, bands: int, band_bits: int, seed: bytes) -> np.ndarray:
    """``(n, bands)`` Hamming-LSH keys: each band packs ``band_bits`` sampled bits."""
    if not 1 <= band_bits <= 56:
        raise ValueError("band_bits must be between 1 and 56")
    total = words.shape[1] * 64
    rng = np.random.default_rng(np.frombuffer(hashlib.sha256(seed).digest(), "<u8").tolist())
    out = np.empty((words.shape[0], bands), dtype=np.uint64)
    for band in range(bands):
        pos = np.sort(rng.choice(total, size=band_bits, replace=False))
        bits = (words[:, pos // 64] >> (pos % 64).astype(np.uint64)) & np.uint64(1)
        packed = (bits << np.arange(band_bits, dtype=np.uint64)).sum(axis=1, dtype=np.uint64)
        out[:, band] = packed | (np.uint64(band + 1) << np.uint64(56))
    return out


def candidate_pairs(
    keys_a: np.ndarray, keys_b: np.ndarray | None = None, *, chunk: int = 4_000_000
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs ``(i, j)`` of records sharing a key in some pass, each pair once, in chunks.

    With ``keys_b`` None (deduplication), pairs within ``keys_a`` with ``i < j``. A pair
    that agrees in several passes is produced by the first only.
    """
    dedupe = keys_b is None
    other = keys_a if keys_b is None else keys_b
    for p in range(keys_a.shape[1]):
        for i, j in _pass_pairs(keys_a[:, p], other[:, p], chunk):
            keep = i < j if dedupe else np.ones(len(i), dtype=bool)
            for q in range(p):
                keep &= ~((keys_a[i, q] == other[j, q]) & (keys_a[i, q] != 0))
            if keep.any():
                yield i[keep], j[keep]


def _pass_pairs(
    ka: np.ndarray, kb: np.ndarray, chunk: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    rows_a, rows_b = np.flatnonzero(ka), np.flatnonzero(kb)
    sa, sb = (
        rows_a[np.argsort(ka[rows_a], kind="stable")],
        rows_b[np.argsort(kb[rows_b], kind="stable")],
    )
    ua, start_a, count_a = np.unique(ka[sa], return_index=True, return_counts=True)
    ub, start_b, count_b = np.unique(kb[sb], return_index=True, return_counts=True)
    _, xa, xb = np.intersect1d(ua, ub, assume_unique=True, return_indices=True)
    start_a, count_a, start_b, count_b = start_a[xa], count_a[xa], start_b[xb], count_b[xb]
    sizes = count_a.astype(np.int64) * count_b
    ends = np.cumsum(sizes)
    total = int(ends[-1]) if len(ends) else 0
    for lo in range(0, total, chunk):
        index = np.arange(lo, min(total, lo + chunk), dtype=np.int64)
        block = np.searchsorted(ends, index, side="right")
        within = index - (ends[block] - sizes[block])
        left = start_a[block] + within // count_b[block]
        right = start_b[block] + within % count_b[block]
        yield sa[left], sb[right]


@dataclass(frozen=True, slots=True)
class BlockingStats:
    """How much blocking saves, and (with the truth) how many true matches it keeps."""

    passes: int
    records_a: int
    records_b: int | None
    candidate_pairs: int
    total_pairs: int
    true_pairs: int | None = None
    true_pairs_kept: int | None = None

    @property
    def reduction_ratio(self) -> float:
        """Share of all possible pairs that blocking leaves out."""
        return 1.0 - self.candidate_pairs / self.total_pairs if self.total_pairs else 0.0

    @property
    def pairs_completeness(self) -> float | None:
        """Share of the true matches that are candidate pairs (None without the truth)."""
        if self.true_pairs is None or self.true_pairs_kept is None:
            return None
        return self.true_pairs_kept / self.true_pairs if self.true_pairs else 1.0

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "passes": self.passes,
            "records_a": self.records_a,
            "records_b": self.records_b,
            "candidate_pairs": self.candidate_pairs,
            "total_pairs": self.total_pairs,
            "reduction_ratio": self.reduction_ratio,
            "true_pairs": self.true_pairs,
            "pairs_completeness": self.pairs_completeness,
        }


def blocking_stats(
    keys_a: np.ndarray,
    keys_b: np.ndarray | None = None,
    truth: tuple[np.ndarray, np.ndarray] | None = None,
) -> BlockingStats:
    """Count the candidate pairs of ``keys_a`` × ``keys_b`` (or within ``keys_a``)."""
    candidates = sum(len(i) for i, _ in candidate_pairs(keys_a, keys_b))
    n_a = len(keys_a)
    total = n_a * (n_a - 1) // 2 if keys_b is None else n_a * len(keys_b)
    kept = None
    if truth is not None:
        ti, tj = truth
        other = keys_a if keys_b is None else keys_b
        agree = (keys_a[ti] == other[tj]) & (keys_a[ti] != 0)
        kept = int(agree.any(axis=1).sum()) if agree.size else 0
    return BlockingStats(
        passes=keys_a.shape[1],
        records_a=n_a,
        records_b=None if keys_b is None else len(keys_b),
        candidate_pairs=candidates,
        total_pairs=total,
        true_pairs=None if truth is None else len(truth[0]),
        true_pairs_kept=kept,
    )
