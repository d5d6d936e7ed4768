"""Labels next to a number, and the guard that trusts the nearest one.

City notes are full of numbers that have the shape of an identifier but are labelled as
something else: "order #123-45-6789", "tracking 2125550147", "invoice 40021873". A
plain negative-context rule ("drop the match if *invoice* is within 48 characters")
also drops the SSN in "SSN 123-45-6789; invoice attached". The rule here is the one a
reader applies: **the label nearest to the number says what it is**. A hard-negative
word closer to the number than any of the recognizer's own context words drops the
finding; one farther away does not.

Also home to regex fragments that keep digit patterns from matching inside longer
numbers, prices and decimals, so every recognizer bounds its numbers the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.recognizer import PatternRecognizer
from cityprivacy.detect.text import Text

__all__ = [
    "DIGITS_END",
    "DIGITS_START",
    "HARD_NEGATIVES",
    "IDENTIFIER_LABELS",
    "LabelGuard",
    "competing_labels",
    "nearest_word",
]

DIGITS_START = r"(?<![\w$€£.,/+-])"
"""Not preceded by a word character, currency sign, sign, or a decimal/date separator."""

DIGITS_END = r"(?![\w]|[.,/-]\d)"
"""Not followed by a word character, nor by a separator that continues the number."""

HARD_NEGATIVES: tuple[str, ...] = (
    "order",
    "order #",
    "order no",
    "invoice",
    "inv",
    "inv #",
    "tracking",
    "confirmation",
    "conf",
    "conf #",
    "ref",
    "ref #",
    "reference",
    "po",
    "po #",
    "purchase order",
    "receipt",
    "transaction",
    "txn",
    "ticket",
    "version",
    "ver",
    "sku",
    "item",
    "item #",
    "model",
    "part",
    "part #",
    "serial",
    "shipment",
    "claim",
)
"""Words that label a number as a business reference rather than a person's identifier."""


IDENTIFIER_LABELS: tuple[str, ...] = (
    "ssn", "social security", "itin", "passport", "driver", "license", "licence", "dl",
    "dmv", "account", "acct", "routing", "aba", "card", "iban", "imei", "vin", "plate",
    "mrn", "medical record", "chart", "patient id", "case", "case number", "docket",
    "index no", "osis", "student id", "cin", "medicaid", "client id", "bbl", "block",
    "lot", "phone", "tel", "cell", "fax", "zip",
)  # fmt: skip
"""Labels of the identifiers this package recognizes; see :func:`competing_labels`."""


def competing_labels(own: Sequence[str]) -> tuple[str, ...]:
    """Hard negatives plus the labels of *other* identifiers, for context-only recognizers.

    A nine-digit number after "MRN" is a medical record number even when "case number"
    appears a few words later: a label that belongs to another identifier and sits
    nearer than any of the recognizer's own words means the number is that other one.
    """
    mine = {w.lower() for w in own}
    others = [w for w in IDENTIFIER_LABELS if w not in mine and not any(w in m for m in mine)]
    return (*HARD_NEGATIVES, *others)


_CLAUSE_BREAK = re.compile(r"[;\n]|[,.](?:\s|$)")


def _is_word_at(haystack: str, i: int, word: str) -> bool:
    j = i + len(word)
    left_ok = i == 0 or not haystack[i - 1].isalnum()
    right_ok = j >= len(haystack) or not haystack[j].isalnum()
    return left_ok and right_ok


def nearest_word(
    text: Text,
    start: int,
    end: int,
    words: Sequence[str],
    window: int,
    *,
    before_only: bool = False,
) -> int | None:
    """Characters between the span and the nearest whole-word occurrence of ``words``.

    Looks ``window`` characters before (and, unless ``before_only``, after) the span;
    ``None`` when none is there.
    """
    before = text.before(start, window)
    after = "" if before_only else text.after(end, window)
    # A label starts the field it names: after a clause break ("license no. 864920831,
    # plate no. ...") a word labels the next value, not this one.
    cut = _CLAUSE_BREAK.search(after)
    if cut is not None:
        after = after[: cut.start()]
    best: int | None = None
    for word in words:
        i = before.rfind(word)
        while i != -1:
            if _is_word_at(before, i, word):
                distance = len(before) - (i + len(word))
                best = distance if best is None else min(best, distance)
                break
            i = before.rfind(word, 0, i + len(word) - 1)
        j = after.find(word)
        while j != -1:
            if _is_word_at(after, j, word):
                best = j if best is None else min(best, j)
                break
            j = after.find(word, j + 1)
    return best


class LabelGuard:
    """Wraps a pattern recognizer and drops findings whose nearest label is a hard negative.

    The wrapped recognizer keeps its own scoring; the guard only removes findings, so
    ``explanation`` still tells why a kept finding scored as it did. With
    ``before_only`` only labels in front of the span count, for values (addresses,
    coordinates) that are routinely followed by unrelated numbers and words.

    For a recognizer that ``requires_context``, the guard first checks that at least
    one context word occurs anywhere in the text; most notes mention no passport or
    docket at all, and a substring test is far cheaper than the patterns.
    """

    def __init__(
        self,
        inner: PatternRecognizer,
        negative: Sequence[str] = HARD_NEGATIVES,
        *,
        window: int = 32,
        before_only: bool = False,
    ) -> None:
        self.inner = inner
        self.negative = tuple(w.lower() for w in negative)
        self.window = window
        self.before_only = before_only

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def entities(self) -> frozenset[EntityType]:
        return self.inner.entities

    def __repr__(self) -> str:
        return f"LabelGuard({self.inner!r})"

    def analyze(self, text: Text) -> Iterator[Finding]:
        if self.inner.requires_context:
            low = text.lower
            for word in self.inner.context:
                if word in low:
                    break
            else:
                return  # no context word anywhere: nothing can be reported, skip the regexes
        for finding in self.inner.analyze(text):
            if not self.negatively_labelled(text, finding.start, finding.end):
                yield finding

    def negatively_labelled(self, text: Text, start: int, end: int) -> bool:
        """Whether a hard-negative word is nearer the span than any positive context word."""
        negative = nearest_word(
            text, start, end, self.negative, self.window, before_only=self.before_only
        )
        if negative is None:
            return False
        positive = nearest_word(
            text, start, end, self.inner.context, self.window, before_only=self.before_only
        )
        return positive is None or negative < positive
