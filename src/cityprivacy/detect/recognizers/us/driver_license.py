"""Driver's license and non-driver ID numbers: New York's formats first, a few others after.

The New York DMV's client ID is nine digits, printed on the card in groups of three
(``123 456 789``); older documents carry a letter and seven or eighteen digits. None
of these is distinctive alone, so every pattern needs a license word (*driver*,
*license*, *DL*, *DMV*, *non-driver ID*): NY shapes start at 0.3 and reach 0.65.

Formats of neighbouring and common states (New Jersey: letter + 14 digits, Florida:
letter + 12, Illinois: letter + 11, Pennsylvania: 8 digits, and the letter + 8, 9 or 12,
two letters + 6 or 7, and 7-digit shapes other states issue) start lower (0.2, 0.55
with context), so where a NY shape and another overlap the NY reading wins.
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

_LETTER_START = r"(?<![\w-])"

_PATTERNS = (
    Pattern("ny_nine_digits", DIGITS_START + r"\d{9}" + DIGITS_END, 0.3),
    Pattern("ny_grouped", DIGITS_START + r"\d{3} \d{3} \d{3}" + DIGITS_END, 0.3),
    Pattern("ny_letter_7", _LETTER_START + r"[A-Z]\d{7}" + DIGITS_END, 0.3),
    Pattern("ny_letter_18", _LETTER_START + r"[A-Z]\d{18}" + DIGITS_END, 0.3),
    Pattern(
        "nj_letter_14",
        _LETTER_START + r"[A-Z]\d{4}[ -]?\d{5}[ -]?\d{5}" + DIGITS_END,
        0.2,
    ),
    Pattern(
        "fl_letter_12", _LETTER_START + r"[A-Z]\d{3}-?\d{3}-?\d{2}-?\d{3}-?\d" + DIGITS_END, 0.2
    ),
    Pattern("il_letter_11", _LETTER_START + r"[A-Z]\d{3}-?\d{4}-?\d{4}" + DIGITS_END, 0.2),
    Pattern("pa_eight_digits", DIGITS_START + r"\d{2} ?\d{3} ?\d{3}" + DIGITS_END, 0.2),
    # Other states' shapes (a letter and 8, 9 or 12 digits; two letters and 6 or 7 digits;
    # 7 digits): too generic alone, reported only next to a license word.
    Pattern(
        "state_letters_digits",
        _LETTER_START + r"(?:[A-Z](?:\d{8,9}|\d{12})|[A-Z]{2}\d{6,7})" + DIGITS_END,
        0.2,
    ),
    Pattern("state_seven_digits", DIGITS_START + r"\d{7}" + DIGITS_END, 0.2),
)

CONTEXT = (
    "driver", "drivers", "driver's", "driver license", "driver's license", "drivers license",
    "license", "licence", "lic", "lic #", "dl", "dl #", "dl#", "dmv", "non-driver",
    "non-driver id", "nondriver", "client id", "id card", "learner permit", "permit",
)  # fmt: skip


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="us_driver_license",
                entity=EntityType.US_DRIVER_LICENSE,
                patterns=_PATTERNS,
                context=CONTEXT,
                requires_context=True,
                context_boost=0.35,
            ),
            competing_labels(CONTEXT),
        )
    ]
