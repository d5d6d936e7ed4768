"""US bank account numbers: eight to seventeen digits next to an account word.

Account numbers have no check digit and no common format, so the digits alone score
0.2 and need a word such as *account*, *checking* or *bank* (0.55). Because numbers
near those words are often something else (an order, a confirmation, a routing
number), a hard-negative label nearer than the account word drops the candidate, and
the ABA routing recognizer outscores this one on a checksum-valid routing number.
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

_DIGITS = DIGITS_START + r"\d{8,17}" + DIGITS_END
_GROUPED = DIGITS_START + r"\d{3,6}-\d{3,8}(?:-\d{1,6})?" + DIGITS_END


_CONTEXT = (
    "account",
    "acct",
    "acct #",
    "account #",
    "account no",
    "account number",
    "bank",
    "checking",
    "savings",
    "deposit",
    "direct deposit",
    "a/c",
    "iban",
)


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="us_bank_number",
                entity=EntityType.US_BANK_NUMBER,
                patterns=[
                    Pattern("bank_account_digits", _DIGITS, 0.2),
                    Pattern("bank_account_grouped", _GROUPED, 0.15),
                ],
                context=_CONTEXT,
                requires_context=True,
                context_boost=0.35,
            ),
            (*competing_labels(_CONTEXT), "member", "policy"),
        )
    ]
