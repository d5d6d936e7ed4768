"""Compiled loops of the normalizers (numba), over the bytes of an Arrow string array.

Why compiled: the Arrow form of a normalizer is a chain of a dozen string functions
(lower, regex replace, trim...), each a pass over the column that allocates a new array;
on plain ASCII text, the common case, one loop over the bytes gives the same result at a
fraction of the cost. Each loop here handles the ASCII values only and says which values
it handled; the others (accented and non-Latin text) go through the Arrow form, which
stays the definition (:mod:`cityprivacy.link.normalize` keeps it as the reference, and a
property test checks both agree).

Strings are read from an Arrow string array's buffers (``offsets``, ``data``) and written
into new ones, so that the results become Arrow arrays without a Python-level copy.
"""

from __future__ import annotations

import numpy as np

from cityprivacy.link._jit import kernel
from cityprivacy.link._text import DIGITS, TEXT

__all__ = ["ascii_missing", "date_parts", "fold_ascii", "name_words"]


@kernel()
def _lower(byte: int) -> int:  # pragma: no cover - compiled
    return byte + 32 if 65 <= byte <= 90 else byte


@kernel()
def fold_ascii(
    offsets: np.ndarray, data: np.ndarray, mode: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """``(out_offsets, out_data, handled)``: each ASCII value lower-cased with its runs of
    other characters than ``[a-z0-9]`` made one space (``TEXT``, trimmed) or dropped
    (``CODE``); for ``DIGITS`` its digits, of any value. Values not handled (non-ASCII
    ones in ``TEXT`` and ``CODE``) are left empty."""
    n = offsets.shape[0] - 1
    out = np.empty(max(offsets[n] - offsets[0], 1), dtype=np.uint8)
    out_offsets = np.zeros(n + 1, dtype=np.int64)
    handled = np.ones(n, dtype=np.bool_)
    w = 0
    for r in range(n):
        start, end = offsets[r], offsets[r + 1]
        if mode != DIGITS:
            for p in range(start, end):
                if data[p] >= 128:
                    handled[r] = False
                    break
        if handled[r]:
            gap = False
            row_start = w
            for p in range(start, end):
                byte = _lower(data[p])
                digit = 48 <= byte <= 57
                keep = digit if mode == DIGITS else (digit or 97 <= byte <= 122)
                if keep:
                    if gap and mode == TEXT and w > row_start:
                        out[w] = 32
                        w += 1
                    gap = False
                    out[w] = byte
                    w += 1
                else:
                    gap = True
        out_offsets[r + 1] = w
    return out_offsets, out[:w], handled


@kernel()
def name_words(
    offsets: np.ndarray, data: np.ndarray, titles: np.ndarray, title_lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover
    """The words of each ASCII name, lower-cased, joined without spaces:
    ``(first_offsets, rest_offsets, first_data, rest_data, handled)``, the first word and
    the others apart (a nickname is looked up on the first).

    A word is a run of letters; apostrophes (``'`` and backquote) are dropped, so
    ``O'Brien`` is one word; any other character separates words; words that are titles
    or generational suffixes (rows of ``titles``) are left out. Non-ASCII values are not
    handled (left empty)."""
    n = offsets.shape[0] - 1
    size = max(offsets[n] - offsets[0], 1)
    first = np.empty(size, dtype=np.uint8)
    rest = np.empty(size, dtype=np.uint8)
    word = np.empty(size, dtype=np.uint8)
    first_offsets = np.zeros(n + 1, dtype=np.int64)
    rest_offsets = np.zeros(n + 1, dtype=np.int64)
    handled = np.ones(n, dtype=np.bool_)
    wf = 0
    wr = 0
    for r in range(n):
        start, end = offsets[r], offsets[r + 1]
        for p in range(start, end):
            if data[p] >= 128:
                handled[r] = False
                break
        if handled[r]:
            have_first = False
            length = 0
            for p in range(start, end + 1):
                byte = _lower(data[p]) if p < end else 32
                if 97 <= byte <= 122:
                    word[length] = byte
                    length += 1
                    continue
                if byte == 39 or byte == 96:  # ' and `: dropped, the word goes on
                    continue
                if length == 0:
                    continue
                is_title = False
                for t in range(titles.shape[0]):
                    if title_lengths[t] == length:
                        same = True
                        for c in range(length):
                            if titles[t, c] != word[c]:
                                same = False
                                break
                        if same:
                            is_title = True
                            break
                if not is_title:
                    if have_first:
                        rest[wr : wr + length] = word[:length]
                        wr += length
                    else:
                        first[wf : wf + length] = word[:length]
                        wf += length
                        have_first = True
                length = 0
        first_offsets[r + 1] = wf
        rest_offsets[r + 1] = wr
    return first_offsets, rest_offsets, first[:wf], rest[:wr], handled


@kernel()
def _is_space(byte: int) -> bool:  # pragma: no cover - compiled
    """RE2's ``\\s``: tab, newline, form feed, carriage return, space."""
    return byte == 32 or byte == 9 or byte == 10 or byte == 12 or byte == 13


@kernel()
def _digits(data: np.ndarray, lo: int, hi: int) -> int:  # pragma: no cover - compiled
    """The number written by ``data[lo:hi]``, or -1 unless all of it are ASCII digits."""
    value = 0
    for p in range(lo, hi):
        if not 48 <= data[p] <= 57:
            return -1
        value = value * 10 + data[p] - 48
    return value


@kernel()
def _is_date_separator(byte: int) -> bool:  # pragma: no cover - compiled
    return byte == 47 or byte == 46 or byte == 45  # / . -


@kernel()
def date_parts(
    offsets: np.ndarray, data: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """``(form, parts)`` of each value, read as the two vectorized date forms of
    :func:`cityprivacy.link._dates.normalize_dates` read them: ``form`` 1 for
    ``^\\s*YYYY-?MM-?DD\\s*$`` (``parts`` y, m, d), 2 for
    ``^\\s*A[/.-]B[/.-]YYYY\\s*$`` with one or two digits in ``A`` and ``B`` (``parts``
    a, b, y), 0 for neither (``parts`` zero)."""
    n = offsets.shape[0] - 1
    form = np.zeros(n, dtype=np.int8)
    parts = np.zeros((n, 3), dtype=np.int64)
    for r in range(n):
        lo, hi = offsets[r], offsets[r + 1]
        while lo < hi and _is_space(data[lo]):
            lo += 1
        while hi > lo and _is_space(data[hi - 1]):
            hi -= 1
        size = hi - lo
        if 8 <= size <= 10:
            dash4 = size >= 9 and data[lo + 4] == 45
            if (
                size == 8
                or (size == 9 and (dash4 or data[lo + 6] == 45))
                or (size == 10 and dash4 and data[lo + 7] == 45)
            ):
                m_at = lo + 5 if dash4 else lo + 4
                d_at = hi - 2
                y = _digits(data, lo, lo + 4)
                m = _digits(data, m_at, m_at + 2)
                d = _digits(data, d_at, hi)
                if y >= 0 and m >= 0 and d >= 0:
                    form[r] = 1
                    parts[r, 0], parts[r, 1], parts[r, 2] = y, m, d
                    continue
        # A[/.-]B[/.-]YYYY
        if size < 8:
            continue
        p = lo
        while p < hi and p - lo < 3 and 48 <= data[p] <= 57:
            p += 1
        a_len = p - lo
        if not 1 <= a_len <= 2 or p >= hi or not _is_date_separator(data[p]):
            continue
        b_lo = p + 1
        p = b_lo
        while p < hi and p - b_lo < 3 and 48 <= data[p] <= 57:
            p += 1
        b_len = p - b_lo
        if not 1 <= b_len <= 2 or p >= hi or not _is_date_separator(data[p]):
            continue
        if hi - (p + 1) != 4:
            continue
        y = _digits(data, p + 1, hi)
        if y < 0:
            continue
        form[r] = 2
        parts[r, 0] = _digits(data, lo, lo + a_len)
        parts[r, 1] = _digits(data, b_lo, b_lo + b_len)
        parts[r, 2] = y
    return form, parts


@kernel()
def _is_unicode_space(byte: int) -> bool:  # pragma: no cover - compiled
    """An ASCII character Arrow's ``utf8_trim_whitespace`` trims (and ``str.isspace``)."""
    return 9 <= byte <= 13 or 28 <= byte <= 32


@kernel()
def ascii_missing(
    offsets: np.ndarray, data: np.ndarray, markers: np.ndarray, marker_lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """``(missing, handled)``: whether each ASCII value, trimmed and lower-cased, is blank
    or one of the ``markers`` (rows of bytes, lower case); non-ASCII values are not
    handled (``missing`` False)."""
    n = offsets.shape[0] - 1
    missing = np.zeros(n, dtype=np.bool_)
    handled = np.ones(n, dtype=np.bool_)
    for r in range(n):
        lo, hi = offsets[r], offsets[r + 1]
        for p in range(lo, hi):
            if data[p] >= 128:
                handled[r] = False
                break
        if not handled[r]:
            continue
        while lo < hi and _is_unicode_space(data[lo]):
            lo += 1
        while hi > lo and _is_unicode_space(data[hi - 1]):
            hi -= 1
        size = hi - lo
        if size == 0:
            missing[r] = True
            continue
        for m in range(markers.shape[0]):
            if marker_lengths[m] != size:
                continue
            same = True
            for c in range(size):
                if _lower(data[lo + c]) != markers[m, c]:
                    same = False
                    break
            if same:
                missing[r] = True
                break
    return missing, handled
