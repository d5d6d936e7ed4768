"""ZIP and ZIP+4 codes. Five digits are common in other senses (amounts, counts, IDs), so a
bare five-digit number needs a ZIP label, a state or borough, or a capitalized place name
ending a clause before it ("Romerobury, 34526."), and amounts or counts after it veto it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizers._address_parts import KNOWN_PLACE, STATE

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer
    from cityprivacy.detect.text import Text

__all__ = ["ZipCodeRecognizer", "recognizers"]

# The lookbehind comes after the first digit so the engine can skip ahead to digits.
_ZIP_RE = re.compile(r"\d(?<![\w$.,/#-]\d)\d{4}(?P<plus4>-\d{4})?(?![\w/]|[.,]\d|-\d)")
_STATE_BEFORE = re.compile(rf"(?:\b{STATE}|\b(?:{KNOWN_PLACE}))[ \t]*,?[ \t]*$")
_ZIP_CONTEXT = ("zip", "zipcode", "zip code", "zip+4", "postal", "postal code", "postcode")
_NOT_ZIP_AFTER = re.compile(
    r"[ \t]*(?i:dollars|usd|units|people|residents|households|records|cases|calls)\b"
)
# A capitalized place name before the ZIP ("Lake Aliciafort 35308", "Romerobury, 34526").
_PLACE_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z][\w'’.-]*(?:[ \t-]+[A-Z][\w'’.-]+){0,3},?[ \t]+\Z")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.;!?)]|,[ \t]|\r?\n|\Z)")
_LABEL_WORD = re.compile(
    r"(?i:order|case|invoice|account|acct|ticket|room|unit|suite|apt|box|page|item|policy|claim"
    r"|member|code|pin|model|version|flight|route|bus|highway|id|no|number|ref|reference|file"
    r"|record|batch|lot|serial|part|employee|badge|patient|student|customer|client|docket"
    r"|index|form|step|phase|level|grade|year|sku|total|balance|amount|score)\.?[ \t:#]*"
    r"(?:[A-Z][\w'’.-]*[ \t]+){0,2}\Z"
)
_NYC_PREFIXES = ("100", "101", "102", "103", "104", "110", "111", "112", "113", "114", "116")


class ZipCodeRecognizer:
    """ZIP and ZIP+4 codes; five bare digits need a ZIP label or a state before them."""

    name = "zip_code"
    entities = frozenset({EntityType.ZIP_CODE})

    def analyze(self, text: Text) -> Iterator[Finding]:
        if text.digit_run < 5:
            return  # every ZIP has five digits in a row
        for m in _ZIP_RE.finditer(text.text):
            start, end = m.span()
            words = tuple(w for w in _ZIP_CONTEXT if w in text.before(start, 24))
            if _NOT_ZIP_AFTER.match(text.text, end):
                continue
            after_state = _STATE_BEFORE.search(text.text, max(0, start - 40), start) is not None
            after_place = not after_state and _PLACE_BEFORE.search(
                text.text, max(0, start - 40), start
            )
            if after_place and (
                not _CLAUSE_END.match(text.text, end)
                or _LABEL_WORD.search(text.text, max(0, start - 40), start)
            ):
                after_place = None
            if not words and not after_state and not after_place:
                continue
            score = 0.6 if after_state else 0.55
            if words:
                score += 0.3
            notes: tuple[str, ...] = ("state or borough before",) if after_state else ()
            if m.group().startswith(_NYC_PREFIXES):
                score += 0.05
                notes += ("New York City ZIP range",)
            score = min(1.0, score)
            yield Finding(
                EntityType.ZIP_CODE,
                start,
                end,
                score,
                self.name,
                explanation=Explanation(
                    pattern="zip_plus4" if m["plus4"] else "zip5",
                    base_score=score,
                    context_words=words,
                    context_boost=0.3 if words else 0.0,
                    notes=notes,
                ),
            )


def recognizers(settings: Settings) -> list[Recognizer]:
    """The ZIP code recognizer."""
    return [ZipCodeRecognizer()]
