"""US passport numbers: nine digits (older books) or a letter and eight digits (since 2021).

Neither shape means anything without the word *passport* next to it, so both need
context: nine digits start at 0.2, letter-plus-eight at 0.3, and a passport word adds
0.4. A hard-negative label nearer than the passport word drops the candidate.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import (
    DIGITS_END,
    DIGITS_START,
    LabelGuard,
    competing_labels,
)

__all__ = ["recognizers"]

_DIGITS = DIGITS_START + r"\d{9}" + DIGITS_END
_LETTER = r"(?<![\w-])[A-Z]\d{8}" + DIGITS_END


_CONTEXT = (
    "passport",
    "passport no",
    "passport number",
    "passport #",
    "travel document",
    "passport card",
)


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="us_passport",
                entity=EntityType.US_PASSPORT,
                patterns=[
                    Pattern("passport_letter_digits", _LETTER, 0.3),
                    Pattern("passport_digits", _DIGITS, 0.2),
                ],
                context=_CONTEXT,
                requires_context=True,
                context_boost=0.4,
            ),
            competing_labels(_CONTEXT),
        )
    ]
