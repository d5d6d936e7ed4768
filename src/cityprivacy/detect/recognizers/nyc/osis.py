"""NYC Department of Education student IDs (OSIS numbers): nine digits, labelled.

Nine digits are an SSN, a passport, a license number or an invoice, so an OSIS number
is reported only next to *OSIS* or *student ID* (0.2 + 0.45). A hard-negative label
nearer than the student word drops the candidate.
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

_OSIS = DIGITS_START + r"\d{9}" + DIGITS_END
_GROUPED = DIGITS_START + r"\d{3}-\d{3}-\d{3}" + DIGITS_END


_CONTEXT = (
    "osis",
    "osis #",
    "osis number",
    "student id",
    "student id #",
    "student number",
    "student no",
    "doe id",
    "nycdoe id",
)


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="nyc_osis",
                entity=EntityType.NYC_OSIS,
                patterns=[
                    Pattern("osis_digits", _OSIS, 0.2),
                    Pattern("osis_grouped", _GROUPED, 0.2),
                ],
                context=_CONTEXT,
                requires_context=True,
                context_boost=0.45,
            ),
            competing_labels(_CONTEXT),
        )
    ]
