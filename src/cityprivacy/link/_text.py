"""Folding text to plain lower-case letters: the first step of every normalizer.

Accents are dropped (``Pérez`` → ``perez``) by Unicode decomposition (NFKD) and removal
of the combining marks; the few Latin letters that do not decompose (``ß``, ``æ``, ``ø``,
``ł``, ``đ``, ``œ``, ``ı``, ``þ``) are spelled out the way English-language records
usually write them. Scripts other than Latin are kept as they are.
"""

from __future__ import annotations

import unicodedata
from typing import Final

import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["fold_accents", "fold_accents_array"]

_SPELLED: Final = {
    "ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "œ": "oe", "ı": "i", "þ": "th",
    "ð": "d", "ħ": "h",
}  # fmt: skip


def fold_accents(text: str) -> str:
    """``text`` in lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_SPELLED.get(c, c) for c in plain)


def fold_accents_array(values: pa.Array) -> pa.Array:
    """:func:`fold_accents` over an Arrow string array, vectorized."""
    values = pc.cast(values, pa.string())
    if pc.all(pc.string_is_ascii(values)).as_py() is not False:
        return pc.ascii_lower(values)
    out = pc.utf8_lower(values)
    out = pc.utf8_normalize(out, form="NFKD")
    out = pc.replace_substring_regex(out, r"\p{M}+", "")
    for letter, spelled in _SPELLED.items():
        out = pc.replace_substring(out, letter, spelled)
    return out
