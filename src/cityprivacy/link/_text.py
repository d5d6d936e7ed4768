"""Folding text to plain lower-case letters: the first step of every normalizer.

Accents are dropped (``Pérez`` → ``perez``) by Unicode decomposition (NFKD) and removal
of the combining marks; the few Latin letters that do not decompose (``ß``, ``æ``, ``ø``,
``ł``, ``đ``, ``œ``, ``ı``, ``þ``) are spelled out the way English-language records
usually write them. Scripts other than Latin are kept as they are.

ASCII values, most of any case file, take compiled loops that fold, split and filter the
words in one pass (:mod:`cityprivacy.link._normalize_kernel`); the Arrow functions here
handle the rest and are the reference the loops are tested against.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "CODE",
    "DIGITS",
    "TEXT",
    "fold_accents",
    "fold_accents_array",
    "fold_ascii_array",
    "name_words_array",
    "string_array",
    "string_buffers",
    "valid_mask",
]

TEXT: Final = 0
"""Mode of :func:`fold_ascii_array`: words of letters and digits, one space between them."""
CODE: Final = 1
"""Mode of :func:`fold_ascii_array`: the letters and digits only."""
DIGITS: Final = 2
"""Mode of :func:`fold_ascii_array`: the digits only (any UTF-8 text)."""

_SPELLED: Final = {
    "ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "œ": "oe", "ı": "i", "þ": "th",
    "ð": "d", "ħ": "h",
}  # fmt: skip


def fold_accents(text: str) -> str:
    """``text`` in lower case without accents (lower case again after NFKD: compatibility
    forms such as mathematical capitals decompose to upper-case letters)."""
    decomposed = unicodedata.normalize("NFKD", text.lower()).lower()
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_SPELLED.get(c, c) for c in plain)


def fold_accents_array(values: pa.Array) -> pa.Array:
    """:func:`fold_accents` over an Arrow string array, vectorized."""
    values = pc.cast(values, pa.string())
    if pc.all(pc.string_is_ascii(values)).as_py() is not False:
        return pc.ascii_lower(values)
    out = pc.utf8_lower(values)
    out = pc.utf8_lower(pc.utf8_normalize(out, form="NFKD"))
    out = pc.replace_substring_regex(out, r"\p{M}+", "")
    for letter, spelled in _SPELLED.items():
        out = pc.replace_substring(out, letter, spelled)
    return out


def string_buffers(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """``(offsets, data)`` of a string array, as numpy views of its buffers (nulls are
    empty or hold bytes the caller ignores)."""
    values = pc.cast(values, pa.string())
    _, offsets_buf, data_buf = values.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int32)[
        values.offset : values.offset + len(values) + 1
    ]
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else _EMPTY
    return offsets, data


def string_array(offsets: np.ndarray, data: np.ndarray, valid: np.ndarray) -> pa.Array:
    """A string array from ``int64`` offsets and bytes; null where not ``valid``."""
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(
        pa.string(),
        len(valid),
        [bitmap, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data)],
    )


def fold_ascii_array(
    values: pa.Array, mode: int, *, drop: np.ndarray | None = None
) -> tuple[pa.Array, np.ndarray]:
    """``(folded, handled)``: the compiled :func:`~cityprivacy.link._normalize_kernel.fold_ascii`
    of ``values``; ``folded`` is null where empty, null in ``values``, not ``handled`` or
    in ``drop``."""
    from cityprivacy.link._normalize_kernel import fold_ascii

    offsets, data = string_buffers(values)
    out_offsets, out, handled = fold_ascii(offsets, data, mode)
    valid = handled & (np.diff(out_offsets) > 0) & valid_mask(values)
    if drop is not None:
        valid &= ~drop
    return string_array(out_offsets, out, valid), handled


def name_words_array(
    values: pa.Array, titles: tuple[str, ...], *, drop: np.ndarray | None = None
) -> tuple[pa.Array, pa.Array, np.ndarray]:
    """``(first, rest, handled)``: the compiled
    :func:`~cityprivacy.link._normalize_kernel.name_words` of ``values`` leaving out the
    words in ``titles``; both null where no word is left or in ``drop``, ``rest`` empty
    where no other word is."""
    from cityprivacy.link._normalize_kernel import name_words

    offsets, data = string_buffers(values)
    title_matrix, title_lengths = _titles(titles)
    first_offsets, rest_offsets, first, rest, handled = name_words(
        offsets, data, title_matrix, title_lengths
    )
    valid = handled & (np.diff(first_offsets) > 0) & valid_mask(values)
    if drop is not None:
        valid &= ~drop
    return (
        string_array(first_offsets, first, valid),
        string_array(rest_offsets, rest, valid),
        handled,
    )


_EMPTY: Final = np.zeros(1, dtype=np.uint8)


def valid_mask(values: pa.Array) -> np.ndarray:
    """Where ``values`` are not null, as a numpy mask."""
    if not values.null_count:
        return np.ones(len(values), dtype=bool)
    return np.asarray(values.is_valid(), dtype=bool)


@cache
def _titles(titles: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    width = max((len(t) for t in titles), default=1)
    matrix = np.zeros((max(len(titles), 1), width), dtype=np.uint8)
    for i, title in enumerate(titles):
        matrix[i, : len(title)] = np.frombuffer(title.encode("ascii"), np.uint8)
    lengths = np.array([len(t) for t in titles] or [0], dtype=np.int64)
    return matrix, lengths
