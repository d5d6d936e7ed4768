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

import numpy as np

from cityprivacy.link._jit import kernel

__all__ = [
    "balance_words",
    "copy_rows",
    "or_gather",
    "set_bits",
    "short_string_blocks",
    "soundex_codes",
    "token_aes_blocks",
]

_ONE = np.uint64(1)
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
def _token_code(matrix: np.ndarray, v: int, size: int, t: int, q: int) -> int:
    """Token ``t`` of value ``v``: a positional character (``q == 0``) or a q-gram of the
    value padded with ``_`` when ``q > 1`` (bytes past the padded value read as 0)."""
    if q == 0:
        return ((t + 1) << 8) | int(matrix[v, t])
    padded = q > 1
    code = 0
    for c in range(t, t + q):
        byte = 0
        if padded and (c == 0 or c == size - 1):
            byte = _PAD
        elif c < size:
            byte = int(matrix[v, c - 1 if padded else c])
        code = (code << 8) | byte
    return code


@kernel()
def token_aes_blocks(
    matrix: np.ndarray,
    lengths: np.ndarray,
    salts: np.ndarray,
    tag: int,
    q: int,
    bits: int,
    bits_per_token: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """The AES counter blocks of every token of every value, in one pass over the bytes:
    ``(blocks, rows, counts, first)`` as :func:`cityprivacy.link._tokens.token_codes`,
    :func:`~cityprivacy.link._tokens.token_blocks` and
    :func:`~cityprivacy.link._tokens.aes_position_stream` build them with numpy.

    ``matrix``/``lengths`` are the values' bytes (:func:`~cityprivacy.link._tokens.char_matrix`),
    ``salts`` their 7-byte salt parts; ``q`` is 0 for positional tokens. A token wants
    ``bits_per_token`` positions, or ``ceil(bits / tokens of its value)`` when that is
    negative; it gets ``ceil(k / 8)`` blocks ``tag | salt | code (6) | counter (2)``.
    """
    n = lengths.shape[0]
    sizes = np.zeros(n, dtype=np.int64)  # bytes the tokens are taken from (padded)
    ntok = np.zeros(n, dtype=np.int64)
    tokens = 0
    nblocks = 0
    for v in range(n):
        size = lengths[v]
        if q > 1 and size > 0:
            size += 2
        sizes[v] = size
        count = size if q == 0 else max(size - q + 1, 0)
        if count == 0 and size > 0:
            count = 1  # shorter than one q-gram: the whole (padded) value
        ntok[v] = count
        if count:
            k = bits_per_token if bits_per_token >= 0 else (bits + count - 1) // count
            tokens += count
            nblocks += count * ((k + 7) // 8)
    words = np.empty((nblocks, 2), dtype=np.uint64)  # each block as two little-endian words
    rows = np.empty(tokens, dtype=np.int64)
    counts = np.empty(tokens, dtype=np.int64)
    first = np.empty(tokens, dtype=np.int64)
    t_out = 0
    b_out = 0
    for v in range(n):
        count = ntok[v]
        if count == 0:
            continue
        k = bits_per_token if bits_per_token >= 0 else (bits + count - 1) // count
        per_token = (k + 7) // 8
        head = np.uint64(tag)  # bytes 0-7: tag | salt, as a little-endian word
        for s in range(7):
            head |= np.uint64(salts[v, s]) << np.uint64(8 * (s + 1))
        for t in range(count):
            code = _token_code(matrix, v, sizes[v], t, q)
            rows[t_out] = v
            counts[t_out] = k
            first[t_out] = b_out * 8
            t_out += 1
            for c in range(per_token):
                words[b_out, 0] = head
                words[b_out, 1] = _swap_bytes(np.uint64((code << 16) | c))
                b_out += 1
    return words.view(np.uint8), rows, counts, first


@kernel()
def _swap_bytes(word: np.uint64) -> np.uint64:  # pragma: no cover - compiled
    """The bytes of a 64-bit word in reverse order (LLVM makes it one ``bswap``)."""
    out = np.uint64(0)
    for _ in range(8):
        out = (out << np.uint64(8)) | (word & np.uint64(0xFF))
        word >>= np.uint64(8)
    return out


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
def or_gather(words: np.ndarray, table: np.ndarray, index: np.ndarray) -> None:  # pragma: no cover
    """``words[r] |= table[index[r]]`` for every row ``r``."""
    for r in range(words.shape[0]):
        src = index[r]
        for w in range(words.shape[1]):
            words[r, w] |= table[src, w]


@kernel()
def balance_words(words: np.ndarray, inverse: np.ndarray) -> np.ndarray:  # pragma: no cover
    """Each ``bits``-bit filter followed by its complement, then permuted: output bit
    ``inverse[q]`` holds doubled bit ``q`` (``inverse`` is the inverse permutation).

    Starts from the output of the all-zero filter (every complement bit set) and, for each
    input bit, flips both of its output bits when it is set, without a branch.
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
        for q in range(bits):
            bit = (words[r, q >> 6] >> np.uint64(q & 63)) & _ONE
            out[r, on_word[q]] ^= bit << on_shift[q]
            out[r, off_word[q]] ^= bit << off_shift[q]
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
