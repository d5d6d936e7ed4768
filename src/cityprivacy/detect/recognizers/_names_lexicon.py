"""The name lexicon behind the PERSON recognizer: who is a known first name or surname.

Sources (read once, on first use): the US Census 1990 first names and the 2000 surnames
(public domain, built by ``scripts/build_name_lexicons.py``; line number = frequency rank),
a hand-curated list of given names common in the city's communities that the 1990 list
lacks (``given_names_world.txt``), and a stoplist of capitalized words that are names in the
Census tables but far more often ordinary words (``not_names.txt``: May, Will, Street).

Keys are lower-case, without apostrophes or accents (``O'Brien`` → ``obrien``,
``José`` → ``jose``), the way the Census tables spell them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from cityprivacy.detect.recognizers._lexicon import read_lexicon

__all__ = ["NameLexicon", "name_key", "name_lexicon"]

_WORLD_RANK = 2500
"""Rank given to curated given names: as common as a mid-list Census first name."""


_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"}
)


def name_key(token: str) -> str:
    """The lookup key of a token: lower-case, no apostrophes, no accents, no final period."""
    key = token.lower().replace("'", "").replace("’", "").rstrip(".")
    if not key.isascii():
        key = key.translate(_UNDECOMPOSABLE)
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return key


class NameLexicon:
    """Ranked first names and surnames, and the stoplist of capitalized non-names."""

    __slots__ = ("first", "stop", "surname")

    def __init__(self, first: dict[str, int], surname: dict[str, int], stop: frozenset[str]):
        self.first = first
        self.surname = surname
        self.stop = stop

    @classmethod
    def load(cls) -> NameLexicon:
        first = {n: i for i, n in enumerate(read_lexicon("names/first_names.txt.gz"), 1)}
        for name in read_lexicon("names/given_names_world.txt"):
            first.setdefault(name, _WORLD_RANK)
        surname = {n: i for i, n in enumerate(read_lexicon("names/surnames.txt.gz"), 1)}
        stop = frozenset(read_lexicon("names/not_names.txt"))
        return cls(first, surname, stop)

    def first_rank(self, key: str) -> int:
        """Frequency rank as a first name (0: not one). Hyphenated: every part must be one."""
        rank = self.first.get(key, 0)
        if not rank and "-" in key:
            ranks = [self.first.get(part, 0) for part in key.split("-")]
            rank = 0 if 0 in ranks else max(ranks)
        return rank

    def surname_rank(self, key: str) -> int:
        """Frequency rank as a surname (0: not one). Hyphenated: the best part counts."""
        rank = self.surname.get(key, 0)
        if not rank and "-" in key:
            ranks = [r for part in key.split("-") if (r := self.surname.get(part, 0))]
            rank = min(ranks, default=0)
        return rank

    def is_common_name_or_word(self, phrase: str) -> bool:
        """A popular first name or surname, or a stopword: ambiguous as a place name."""
        key = name_key(phrase)
        return (
            key in self.stop
            or 0 < self.first.get(key, 0) <= 3000
            or 0 < self.surname.get(key, 0) <= 5000
        )


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    """The process-wide name lexicon, loaded on first use (~60 ms, ~12 MB)."""
    return NameLexicon.load()
