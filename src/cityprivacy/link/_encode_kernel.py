"""Compiled loops of the encoder (numba): setting Bloom-filter bits, gathering filters into
rows, balancing.

Why compiled: each of these is a loop over a few hundred bits per record whose numpy form
needs an intermediate array of one byte per bit (``bool`` matrices, ``unpackbits`` /
``packbits``) or one Python-level call per group of tokens. Here the bits go straight into
the packed ``uint64`` words (bit ``p`` is bit ``p % 64`` of word ``p // 64``, the layout of
``np.packbits(..., bitorder="little")`` viewed as little-endian words), so the result is
the same words the numpy form produced.

Compiled on first use and cached on disk where a cache directory is writable
(:mod:`cityprivacy.link._jit`). The loops release the GIL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import numpy as np
from numba.cpython.unsafe.numbers import trailing_zeros as _tz

from cityprivacy.link._jit import kernel

__all__ = [
    "aes_block_count",
    "balance_words",
    "copy_rows",
    "distinct_pairs",
    "fill_aes_blocks",
    "or_rows",
    "set_aes_bits",
    "set_bits",
    "short_string_blocks",
    "soundex_codes",
]

_ONE = np.uint64(1)
# numba's count-trailing-zeros intrinsic (compiled code only), typed as what it computes.
trailing_zeros = cast("Callable[[np.uint64], int]", _tz)
_PAD = 95  # "_"


@kernel()
def set_bits(
    table: np.ndarray,
    rows: np.ndarray,
    counts: np.ndarray,
    first: np.ndarray,
    values: np.ndarray,
    scale: int,
    shift: int,
) -> None:  # pragma: no cover - compiled
    """Token ``t`` sets, in row ``rows[t]`` of ``table`` (``(n, W)`` uint64), the bits
    ``(v * scale) >> shift`` of the values ``v`` in ``values[first[t] : first[t] +
    counts[t]]`` (raw 16-bit PRF output with ``scale`` the filter length and ``shift``
    16, or positions already with ``1`` and ``0``)."""
    for t in range(rows.shape[0]):
        row, lo = rows[t], first[t]
        for p in range(lo, lo + counts[t]):
            bit = (np.int64(values[p]) * scale) >> shift
            table[row, bit >> 6] |= _ONE << np.uint64(bit & 63)


@kernel()
def _value_tokens(
    raw_size: int, q: int, bits: int, bits_per_token: int, max_bytes: int
) -> tuple[int, int, int]:  # pragma: no cover - compiled
    """``(size, count, k)`` of a value of ``raw_size`` bytes: the bytes its tokens are
    taken from (cut at ``max_bytes``, plus the two pads of q-grams with ``q > 1``), its
    number of tokens (``q == 0``: one per byte; a value shorter than one q-gram is one
    token) and the positions each token sets (``bits_per_token``, or ``ceil(bits /
    count)`` when that is negative)."""
    size = min(raw_size, max_bytes)
    if q > 1 and size > 0:
        size += 2
    count = size if q == 0 else max(size - q + 1, 0)
    if count == 0 and size > 0:
        count = 1
    k = 0
    if count:
        k = bits_per_token if bits_per_token >= 0 else (bits + count - 1) // count
    return size, count, k


@kernel()
def _code_word(data: np.ndarray, start: int, size: int, t: int, q: int) -> np.uint64:
    """Bytes 8-13 of the counter block of token ``t`` of the value whose bytes start at
    ``data[start]``, as the low 48 bits of a little-endian word: its code in 6 big-endian
    bytes, a positional character ``(t + 1) << 8 | byte`` (``q == 0``) or a q-gram (``q``
    at most 4) of the value padded with ``_`` when ``q > 1`` (``size`` counts the pads;
    bytes past them read as 0), its bytes read as a big-endian integer."""
    if q == 0:  # code (t + 1) << 8 | byte: bytes 12 and 13
        return (np.uint64(t + 1) << np.uint64(32)) | (np.uint64(data[start + t]) << np.uint64(40))
    padded = q > 1
    word = np.uint64(0)
    for i in range(q):  # byte i of the q-gram is byte 14 - q + i of the block
        c = t + i
        byte = np.uint64(0)
        if padded and (c == 0 or c == size - 1):
            byte = np.uint64(_PAD)
        elif c < size:
            byte = np.uint64(data[start + c - 1 if padded else start + c])
        word |= byte << np.uint64(8 * (6 - q + i))
    return word


@kernel()
def aes_block_count(
    offsets: np.ndarray, pick: np.ndarray, q: int, bits: int, bits_per_token: int, max_bytes: int
) -> int:  # pragma: no cover - compiled
    """How many AES counter blocks the tokens of the strings ``pick`` (indices into an
    Arrow string array's ``offsets``) need: ``ceil(k / 8)`` per token."""
    total = 0
    for d in range(pick.shape[0]):
        v = pick[d]
        _, count, k = _value_tokens(offsets[v + 1] - offsets[v], q, bits, bits_per_token, max_bytes)
        total += count * ((k + 7) // 8)
    return total


@kernel()
def fill_aes_blocks(
    out: np.ndarray,
    offsets: np.ndarray,
    data: np.ndarray,
    pick: np.ndarray,
    salt_of: np.ndarray,
    salts: np.ndarray,
    tag: int,
    q: int,
    bits: int,
    bits_per_token: int,
    max_bytes: int,
) -> None:  # pragma: no cover - compiled
    """Write into ``out`` (uint64, two little-endian words per block) the AES counter
    blocks of every token of the strings ``pick`` (indices into an Arrow string array's
    ``offsets``/``data``), string ``d`` salted with the 7 bytes ``salts[salt_of[d]]``:
    ``ceil(k / 8)`` blocks ``tag | salt | code (6) | counter (2)`` per token, token after
    token, in one pass over the bytes (the blocks :func:`cityprivacy.link._tokens.token_blocks`
    and :func:`~cityprivacy.link._tokens.aes_position_stream` build with numpy)."""
    b = 0
    for d in range(pick.shape[0]):
        v = pick[d]
        start = offsets[v]
        size, count, k = _value_tokens(offsets[v + 1] - start, q, bits, bits_per_token, max_bytes)
        if count == 0:
            continue
        per_token = (k + 7) // 8
        head = np.uint64(tag)  # bytes 0-7: tag | salt, as a little-endian word
        s = salt_of[d]
        for i in range(7):
            head |= np.uint64(salts[s, i]) << np.uint64(8 * (i + 1))
        for t in range(count):
            # bytes 8-15: code (6, big-endian) | counter (2, big-endian), little-endian
            tail = _code_word(data, start, size, t, q)
            for c in range(per_token):
                out[2 * b] = head
                out[2 * b + 1] = (
                    tail
                    | (np.uint64(c & 0xFF) << np.uint64(56))
                    | (np.uint64(c >> 8) << np.uint64(48))
                )
                b += 1


@kernel()
def set_aes_bits(
    table: np.ndarray,
    offsets: np.ndarray,
    pick: np.ndarray,
    q: int,
    bits: int,
    bits_per_token: int,
    max_bytes: int,
    raw: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """Row ``d`` of ``table`` (``(n, W)`` uint64) gets the bits of string ``pick[d]``: each
    of its tokens sets the ``k`` bits ``(v * length) >> 16`` of the first ``k`` 16-bit
    values ``v`` of its encrypted blocks (``raw``, in the order of :func:`fill_aes_blocks`)."""
    length = table.shape[1] * 64
    p = 0
    for d in range(pick.shape[0]):
        v = pick[d]
        _, count, k = _value_tokens(offsets[v + 1] - offsets[v], q, bits, bits_per_token, max_bytes)
        per_token = 8 * ((k + 7) // 8)
        for _t in range(count):
            for j in range(p, p + k):
                bit = (np.int64(raw[j]) * length) >> 16
                table[d, bit >> 6] |= _ONE << np.uint64(bit & 63)
            p += per_token


@kernel()
def distinct_pairs(
    first: np.ndarray, second: np.ndarray, n_first: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """The distinct ``(first, second)`` pairs of two index columns, in order of first
    appearance: ``(rows, firsts, seconds)``, ``rows[r]`` being the pair of row ``r`` (-1
    where either index is negative, a null). An open-addressing hash table on
    ``second * n_first + first``."""
    n = first.shape[0]
    size = 16
    while size < 2 * n:
        size *= 2
    slots = np.full(size, -1, dtype=np.int64)  # pair number in each slot
    keys = np.empty(n, dtype=np.int64)
    rows = np.empty(n, dtype=np.int64)
    firsts = np.empty(n, dtype=np.int64)
    seconds = np.empty(n, dtype=np.int64)
    found = 0
    for r in range(n):
        if first[r] < 0 or second[r] < 0:
            rows[r] = -1
            continue
        key = second[r] * n_first + first[r]
        h = np.int64((np.uint64(key) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(20))
        h &= size - 1
        while slots[h] >= 0 and keys[slots[h]] != key:
            h = (h + 1) & (size - 1)
        if slots[h] < 0:
            slots[h] = found
            keys[found] = key
            firsts[found] = first[r]
            seconds[found] = second[r]
            found += 1
        rows[r] = slots[h]
    return rows, firsts[:found].copy(), seconds[:found].copy()


@kernel()
def soundex_codes(
    matrix: np.ndarray, lengths: np.ndarray, codes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """American Soundex of each row of bytes: ``(out, has_letter)``, ``out`` 4 ASCII bytes
    per row. ``codes`` maps a byte to its digit (0 vowels, 1-6 consonants, 7 h and w,
    8 not a letter); a digit counts after the first letter when it differs from the code
    of the last vowel or consonant before it (h and w do not separate)."""
    n = lengths.shape[0]
    out = np.full((n, 4), 48, dtype=np.uint8)
    has_letter = np.zeros(n, dtype=np.bool_)
    for v in range(n):
        size = lengths[v]
        start = -1
        for c in range(size):
            if codes[matrix[v, c]] < 8:
                start = c
                break
        if start < 0:
            continue
        has_letter[v] = True
        first = matrix[v, start]
        out[v, 0] = first - 32 if 97 <= first <= 122 else first
        previous = 9
        found = 0
        for c in range(size):
            code = codes[matrix[v, c]]
            if found < 3 and c > start and 1 <= code <= 6 and code != previous:
                out[v, 1 + found] = code + 48
                found += 1
            if code <= 6:
                previous = code
    return out, has_letter


@kernel()
def copy_rows(
    matrix: np.ndarray, data: np.ndarray, offsets: np.ndarray, lengths: np.ndarray
) -> None:  # pragma: no cover - compiled
    """Row ``r`` of ``matrix`` gets the first ``lengths[r]`` bytes of ``data`` from
    ``offsets[r]`` (an Arrow string array's buffers)."""
    for r in range(lengths.shape[0]):
        start = offsets[r]
        for c in range(lengths[r]):
            matrix[r, c] = data[start + c]


@kernel()
def or_rows(words: np.ndarray, table: np.ndarray, index: np.ndarray) -> None:  # pragma: no cover
    """``words[r] |= table[index[r]]`` for every row ``r`` whose ``index`` is not negative."""
    for r in range(words.shape[0]):
        src = index[r]
        if src < 0:
            continue
        for w in range(words.shape[1]):
            words[r, w] |= table[src, w]


@kernel()
def balance_words(words: np.ndarray, inverse: np.ndarray) -> np.ndarray:  # pragma: no cover
    """Each ``bits``-bit filter followed by its complement, then permuted: output bit
    ``inverse[q]`` holds doubled bit ``q`` (``inverse`` is the inverse permutation).

    Starts from the output of the all-zero filter (every complement bit set) and, for each
    set input bit (found by counting trailing zeros), flips both of its output bits.
    """
    n, width = words.shape
    bits = width * 64
    base = np.zeros(2 * width, dtype=np.uint64)
    for q in range(bits, 2 * bits):
        base[inverse[q] >> 6] |= _ONE << np.uint64(inverse[q] & 63)
    on_word, on_shift = inverse[:bits] >> 6, (inverse[:bits] & 63).astype(np.uint64)
    off_word, off_shift = inverse[bits:] >> 6, (inverse[bits:] & 63).astype(np.uint64)
    out = np.empty((n, 2 * width), dtype=np.uint64)
    for r in range(n):
        out[r, :] = base
        for w in range(width):
            x = words[r, w]
            while x:  # each set bit, lowest first
                q = w * 64 + trailing_zeros(x)
                out[r, on_word[q]] ^= _ONE << on_shift[q]
                out[r, off_word[q]] ^= _ONE << off_shift[q]
                x &= x - _ONE
    return out


@kernel()
def short_string_blocks(
    offsets: np.ndarray, data: np.ndarray, valid: np.ndarray, tag: int
) -> np.ndarray:  # pragma: no cover - compiled
    """``tag | len | bytes | zeros`` for each string of at most 14 bytes (an Arrow string
    array's buffers; not ``valid`` rows are empty), as
    :func:`cityprivacy.link._tokens.string_blocks` builds them."""
    n = offsets.shape[0] - 1
    out = np.zeros((n, 16), dtype=np.uint8)
    for r in range(n):
        out[r, 0] = tag
        if not valid[r]:
            continue
        start = offsets[r]
        size = offsets[r + 1] - start
        out[r, 1] = size
        for c in range(size):
            out[r, 2 + c] = data[start + c]
    return out
