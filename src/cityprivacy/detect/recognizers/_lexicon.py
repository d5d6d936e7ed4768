"""Shared plumbing of the lexicon recognizers: reading the shipped word lists, and turning a
list of phrases into one fast regular expression.

The lists live under ``cityprivacy/detect/lexicons/`` as plain (or gzipped) UTF-8 text, one
entry per line, ``#`` starting a comment line. They are read on first use and cached by the
recognizer modules, so importing the package stays cheap.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["LEXICON_DIR", "phrase_regex", "read_lexicon"]

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"


def read_lexicon(relative: str) -> list[str]:
    """The entries of one lexicon file, in file order, comments and blank lines dropped."""
    path = LEXICON_DIR / relative
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            raw = fh.read()
    else:
        raw = path.read_text(encoding="utf-8")
    return [s for line in raw.splitlines() if (s := line.strip()) and not s.startswith("#")]


_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie) -> str:
    """Regex source for a character trie; ``""`` keys mark the end of a phrase.

    Alternatives are factored by common prefix, and an end marker becomes an optional
    suffix group, so the (greedy) engine prefers the longest phrase and backtracks
    to shorter ones when a boundary check after the match fails.
    """
    branches = [re.escape(c) + _trie_pattern(node[c]) for c in sorted(node) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


def phrase_regex(phrases: Iterable[str]) -> str:
    """One regex source matching any of ``phrases`` exactly (case as given), longest first."""
    root: _Trie = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(root)
