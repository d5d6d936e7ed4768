"""Necessary conditions of a regular expression, to skip scans that cannot match.

Most notes hold no nine-digit run, no ``@`` and no ``://``, yet a pattern recognizer
would scan every one of them with each of its patterns. :func:`requirements` reads a
compiled pattern (with the parser of :mod:`re` itself) and returns what *every* match
must contain: the longest run of consecutive digits and the characters it cannot do
without. :meth:`Needs.possible` checks them against a :class:`~cityprivacy.detect.text.Text`
in a few string operations; when they fail, the scan is skipped with no change in results.

The analysis is conservative: anything it does not understand (back-references,
optional parts, case-insensitive letters) simply requires nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cityprivacy.detect.text import Text

__all__ = ["Needs", "requirements"]

# The parser of ``re`` is private (``re._parser`` since Python 3.11). Should a future Python
# move it, nothing breaks: every pattern then requires nothing and no scan is skipped.
try:
    from re import _constants as C  # type: ignore[attr-defined]  # noqa: N812
    from re import _parser as P  # type: ignore[attr-defined]  # noqa: N812

    _REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
    _ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
    _PARSER_AVAILABLE = True
except (ImportError, AttributeError):  # pragma: no cover - depends on the Python version
    _PARSER_AVAILABLE = False

_DIGITS = range(ord("0"), ord("9") + 1)


@dataclass(frozen=True, slots=True)
class Needs:
    """What every match contains: ``digit_run`` consecutive digits and each of ``chars``."""

    digit_run: int = 0
    chars: frozenset[str] = frozenset()

    def possible(self, text: Text) -> bool:
        """False only when no match can exist in ``text``."""
        if self.digit_run > text.digit_run:
            return False
        s = text.text
        for c in self.chars:  # noqa: SIM110 - a plain loop: runs for every pattern of every text
            if c not in s:
                return False
        return True


def requirements(pattern: re.Pattern[str]) -> Needs:
    """The :class:`Needs` of a compiled pattern (nothing, for a pattern it cannot read)."""
    if not _PARSER_AVAILABLE:  # pragma: no cover - depends on the Python version
        return Needs()
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
        run, chars = _needs(list(parsed), bool(pattern.flags & re.IGNORECASE))
    except Exception:  # pragma: no cover - a parse tree shape this reader does not know
        return Needs()
    return Needs(run, frozenset(chars))


def _only_digits(items: Any) -> bool:
    """Whether a character class (``[0-9]``, ``\\d``, ``[1-6]``) matches digits only;
    a ``\\d`` match is a Unicode digit, as :attr:`Text.digit_run` counts them."""
    for op, av in items:
        if op is C.LITERAL and av in _DIGITS:
            continue
        if op is C.RANGE and av[0] in _DIGITS and av[1] in _DIGITS:
            continue
        if op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            continue
        return False  # NEGATE, letters, other categories
    return True


def _needs(seq: list[Any], icase: bool) -> tuple[int, set[str]]:
    """(longest digit run, required characters) of a parsed sequence, all items required."""
    best, run = 0, 0
    chars: set[str] = set()
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: neither adds to nor breaks a run of digits
        if (op is C.LITERAL and av in _DIGITS) or (op is C.IN and _only_digits(av)):
            run += 1
            best = max(best, run)
            continue
        if op in _REPEATS:
            low, high, sub = av
            if low and len(sub) == 1 and sub[0][0] is C.IN and _only_digits(sub[0][1]):
                run += low
                best = max(best, run)
                if high != low:
                    run = 0  # a variable count: later digits are not known to touch these
                continue
            if low:
                b, c = _needs(list(sub), icase)
                best, chars = max(best, b), chars | c
        elif op is C.LITERAL:
            ch = chr(av)
            if not icase or ch.lower() == ch.upper():
                chars.add(ch)  # a cased letter under IGNORECASE may appear in either case
        elif op is C.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            b, c = _needs(list(sub), icase or bool(add_flags & re.IGNORECASE))
            best, chars = max(best, b), chars | c
        elif op is C.BRANCH:
            branches = [_needs(list(s), icase) for s in av[1]]
            best = max(best, min(b for b, _ in branches))
            chars |= set.intersection(*(c for _, c in branches))
        run = 0
    return best, chars
