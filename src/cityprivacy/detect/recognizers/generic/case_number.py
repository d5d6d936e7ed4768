"""Case, docket and index numbers of city agencies and courts, labelled as such.

Kept conservative on purpose: numbers of these shapes are everywhere, so a match needs
an explicit label (*case number*, *case #*, *docket*, *index no.*) and starts at 0.2.
Shapes: court index numbers (``123456/2024``), prefixed dockets (``CR-004512-23``,
``ACS-2024-00817``), year-serial numbers (``2024-001873``) and six to twelve plain
digits. A hard-negative label nearer than the case word drops the candidate.
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

_START = r"(?<![\w$.,/-])"
_INDEX = DIGITS_START + r"\d{3,6}/(?:19|20)\d{2}" + DIGITS_END
_PREFIXED = (
    _START + r"[A-Z]{1,5}-?(?=\d)(?:\d{2,4}-)?\d{3,8}(?:-\d{2,4})?(?:[A-Z]{1,3})?"
    r"(?![\w-])"
)
_YEAR_SERIAL = DIGITS_START + r"(?:19|20)\d{2}-\d{4,8}" + DIGITS_END
_DIGITS = DIGITS_START + r"\d{6,12}" + DIGITS_END


_CONTEXT = (
    "case number",
    "case no",
    "case #",
    "case id",
    "case:",
    "docket",
    "docket no",
    "docket #",
    "docket number",
    "index no",
    "index number",
    "index #",
    "complaint number",
    "complaint #",
    "incident number",
    "incident #",
)


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="case_number",
                entity=EntityType.CASE_NUMBER,
                patterns=[
                    Pattern("index_number", _INDEX, 0.2),
                    Pattern("prefixed_docket", _PREFIXED, 0.2),
                    Pattern("year_serial", _YEAR_SERIAL, 0.2),
                    Pattern("case_digits", _DIGITS, 0.2),
                ],
                context=_CONTEXT,
                requires_context=True,
                context_boost=0.4,
            ),
            competing_labels(_CONTEXT),
        )
    ]
