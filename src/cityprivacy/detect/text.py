"""A text being analyzed, with the lower-cased copy and context look-ups shared by recognizers.

Built once per analyzed text so that twenty recognizers do not lower-case it twenty times.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property, lru_cache

__all__ = ["Text"]

_WORD_BOUNDARY = re.compile(r"\w")
_DIGIT_RUNS = re.compile(r"\d+")
_ALNUM_RUN = re.compile(r"[^\W_]+")
"""A maximal run of ``str.isalnum()`` characters (``\\w`` is exactly those or ``_``)."""


@lru_cache(maxsize=256)
def _word_plan(
    words: tuple[str, ...],
) -> tuple[dict[str, tuple[int, ...]], tuple[tuple[int, str], ...]]:
    """A context word list split once: alphanumeric words (word → positions in the list),
    found as whole words by one set look-up each, and the rest (phrases, ``c/o``)."""
    plain: dict[str, tuple[int, ...]] = {}
    other = []
    for i, word in enumerate(words):
        if word.isalnum():
            plain[word] = (*plain.get(word, ()), i)
        else:
            other.append((i, word))
    return plain, tuple(other)


def _has_whole_word(around: str, word: str) -> bool:
    i = around.find(word)
    while i != -1:
        left_ok = i == 0 or not around[i - 1].isalnum()
        j = i + len(word)
        right_ok = j >= len(around) or not around[j].isalnum()
        if left_ok and right_ok:
            return True
        i = around.find(word, i + 1)
    return False


class Text:
    """The text under analysis plus helpers to look at what surrounds a span."""

    __slots__ = ("__dict__", "text", "window")

    def __init__(self, text: str, *, window: int = 48) -> None:
        self.text = text
        self.window = window

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def digit_run(self) -> int:
        """Length of the longest run of consecutive digits (``\\d``): a pattern that needs
        nine digits in a row is not run on a text without them (see :mod:`.prefilter`)."""
        return max(map(len, _DIGIT_RUNS.findall(self.text)), default=0)

    @cached_property
    def _scans(self) -> dict[re.Pattern[str], list[re.Match[str]]]:
        return {}

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Every match of ``pattern`` in the text, scanned once per text: several recognizers
        share a regex (nine digits: SSN, ITIN, passport, OSIS, ABA, NY license)."""
        found = self._scans.get(pattern)
        if found is None:
            found = self._scans[pattern] = list(pattern.finditer(self.text))
        return found

    def before(self, start: int, window: int | None = None) -> str:
        """Lower-cased text in the window before ``start``."""
        w = self.window if window is None else window
        return self.lower[max(0, start - w) : start]

    def after(self, end: int, window: int | None = None) -> str:
        """Lower-cased text in the window after ``end``."""
        w = self.window if window is None else window
        return self.lower[end : end + w]

    def context_words(
        self, start: int, end: int, words: Sequence[str], window: int | None = None
    ) -> tuple[str, ...]:
        """The context words (lower-case) present near the span, as whole words."""
        around = self.before(start, window) + " \x00 " + self.after(end, window)
        listed = tuple(words)
        plain, other = _word_plan(listed)
        # An alphanumeric word is whole exactly when it is a maximal alphanumeric run, so the
        # window's runs are split once instead of searching for each of ~60 words.
        hits = [i for run in set(_ALNUM_RUN.findall(around)) for i in plain.get(run, ())]
        hits.extend(i for i, word in other if _has_whole_word(around, word))
        return tuple(listed[i] for i in sorted(hits))

    def context_has(
        self, start: int, end: int, words: Sequence[str], window: int | None = None
    ) -> bool:
        return bool(self.context_words(start, end, words, window))
