"""Payment card numbers: a card network's prefix and length, and a valid Luhn digit.

Grouped numbers (``4-4-4-4``, Amex ``4-6-5``) are how cards are written, and with a
known prefix and a passing Luhn check they are certain (0.95). Thirteen to nineteen
bare digits start at 0.3 and the same validation lifts them to 0.85: a random number
with a Visa prefix passes Luhn one time in ten, so a tracking, order or invoice label
nearer than any card word drops the candidate.

Maestro (12 to 19 digits, broad prefixes) and JCB's older 15-digit numbers pass the same
checks only too easily by chance, so a second recognizer reports them only with a card
word nearby (0.85).
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.checksums import credit_card_valid
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import DIGITS_END, DIGITS_START, LabelGuard

__all__ = ["recognizers"]

_CONTEXT = (
    "card", "credit", "debit", "visa", "mastercard", "amex", "american express",
    "discover", "cc", "card number", "payment", "paid", "charge", "charged",
)  # fmt: skip

_GROUPED = DIGITS_START + r"\d{4}(?P<sep>[ -])\d{4}(?P=sep)\d{4}(?P=sep)\d{1,7}" + DIGITS_END
_AMEX = DIGITS_START + r"3[47]\d{2}(?P<sep>[ -])\d{6}(?P=sep)\d{5}" + DIGITS_END
_DINERS = DIGITS_START + r"3\d{3}(?P<sep>[ -])\d{6}(?P=sep)\d{4}" + DIGITS_END
_BARE = DIGITS_START + r"[2-6]\d{12,18}" + DIGITS_END
# Maestro and old JCB numbers: 12 to 19 digits, bare or in 4-4-4(-...) or 4-6-5 groups.
_ANY_GROUPED = (
    DIGITS_START
    + r"\d{4}(?P<sep>[ -])(?:\d{4}(?P=sep)\d{4}(?:(?P=sep)\d{1,7})?|\d{6}(?P=sep)\d{4,5})"
    + DIGITS_END
)
_ANY_BARE = DIGITS_START + r"[1-6]\d{11,18}" + DIGITS_END


def _weak_card(value: str) -> bool:
    return credit_card_valid(value, weak=True)


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="credit_card",
                entity=EntityType.CREDIT_CARD,
                patterns=[
                    Pattern("card_grouped", _GROUPED, 0.95),
                    Pattern("card_amex_grouped", _AMEX, 0.95),
                    Pattern("card_diners_grouped", _DINERS, 0.95),
                    Pattern("card_digits", _BARE, 0.3),
                ],
                context=_CONTEXT,
                validator=credit_card_valid,
                validated_score=0.85,
                context_boost=0.1,
            )
        ),
        LabelGuard(
            PatternRecognizer(
                name="credit_card_with_context",
                entity=EntityType.CREDIT_CARD,
                # One pattern, so one scan: most texts hold no such number at all.
                patterns=[Pattern("card_any_issuer", f"{_ANY_GROUPED}|{_ANY_BARE}", 0.3)],
                context=_CONTEXT,
                validator=_weak_card,
                validated_score=0.5,
                context_boost=0.35,
                requires_context=True,
            )
        ),
    ]
