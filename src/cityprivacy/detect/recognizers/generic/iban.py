"""International bank account numbers: country code, check digits, country-specific length.

A regex alone cannot know where a space-grouped IBAN ends ("GB29 NWBK 6016 1331 9268 19
ABCD" is followed by a word of the same alphabet), so this recognizer reads candidates
itself: it finds ``CCdd`` at a word start, looks up the length registered for country
``CC``, collects exactly that many letters and digits (single spaces between groups
allowed), and checks ISO 7064 mod-97. A pass is certain (1.0); a failure is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cityprivacy.config import Settings
from cityprivacy.detect.checksums import IBAN_LENGTHS, iban_valid
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizer import Recognizer
from cityprivacy.detect.text import Text

__all__ = ["IbanRecognizer", "recognizers"]

_START = re.compile(r"(?<![\w])([A-Z]{2})\d{2}(?= ?[A-Z0-9])")
_CONTEXT = ("iban", "bank", "account", "transfer", "wire")
_SCORE = 1.0


class IbanRecognizer:
    """Finds mod-97-valid IBANs, compact or in groups of four."""

    name = "iban_code"
    entities = frozenset({EntityType.IBAN_CODE})

    def __repr__(self) -> str:
        return "IbanRecognizer()"

    def analyze(self, text: Text) -> Iterator[Finding]:
        s = text.text
        for match in _START.finditer(s):
            length = IBAN_LENGTHS.get(match.group(1))
            if length is None:
                continue
            end = _read_alnum(s, match.start(), length)
            if end is None or not iban_valid(s[match.start() : end]):
                continue
            words = text.context_words(match.start(), end, _CONTEXT)
            explanation = Explanation(
                pattern="iban",
                base_score=_SCORE,
                context_words=words,
                validator="iban_valid",
                validated=True,
            )
            yield Finding(
                EntityType.IBAN_CODE, match.start(), end, _SCORE, self.name,
                explanation=explanation,
            )  # fmt: skip


def _read_alnum(s: str, start: int, count: int) -> int | None:
    """End offset after ``count`` ASCII letters/digits from ``start``; single spaces
    between them are skipped. ``None`` if the run is shorter or continues as a word."""
    i, n, seen = start, len(s), 0
    while seen < count:
        if i < n and s[i] == " " and seen > 0 and i + 1 < n and s[i + 1] != " ":
            i += 1
        if i >= n or not (s[i].isascii() and s[i].isalnum()) or s[i].islower():
            return None
        seen += 1
        i += 1
    if i < n and s[i].isalnum():
        return None
    return i


def recognizers(settings: Settings) -> list[Recognizer]:
    return [IbanRecognizer()]
