"""US Social Security numbers, with impossible numbers rejected.

The SSA never issues area 000, 666 or 900-999, group 00 or serial 0000, so such
numbers are dropped (900-999 belongs to ITINs, see :mod:`.itin`). What remains:

- ``ddd-dd-dddd`` / ``ddd dd dddd`` (one separator throughout) is the shape an SSN is
  written in: 0.65 alone, 1.0 next to *SSN* or *social security*.
- Numbers famous as examples (123-45-6789, the 078-05-1120 wallet card) are
  structurally valid and still typed into real forms, so they are not rejected; the
  validator gives no verdict and they keep the base 0.4, i.e. they need context.
- Nine bare digits are any reference number: 0.4 once validated, reported only with an
  SSN word nearby (0.75).

A hard-negative label (order, invoice, tracking, ...) nearer than the SSN word drops
the candidate, so "order 123-45-6789" is never an SSN while "SSN 123-45-6789, see
invoice" still is.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.checksums import ssn_is_placeholder, ssn_valid
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import DIGITS_END, DIGITS_START, LabelGuard

__all__ = ["CONTEXT", "recognizers", "ssn_verdict"]

CONTEXT = ("ssn", "ssns", "ss#", "ss #", "ssn#", "social security", "social security number",
           "social security no", "soc sec", "ss no", "ss number", "taxpayer")  # fmt: skip

_SEPARATED = DIGITS_START + r"\d{3}(?P<sep>[- ])\d{2}(?P=sep)\d{4}" + DIGITS_END
_BARE = DIGITS_START + r"\d{9}" + DIGITS_END


def ssn_verdict(value: str) -> bool | None:
    """False for impossible numbers, None for famous examples, True otherwise."""
    if not ssn_valid(value):
        return False
    if ssn_is_placeholder(value):
        return None
    return True


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="us_ssn",
                entity=EntityType.US_SSN,
                patterns=[Pattern("ssn_separated", _SEPARATED, 0.4)],
                context=CONTEXT,
                validator=ssn_verdict,
                validated_score=0.65,
                context_boost=0.35,
            )
        ),
        LabelGuard(
            PatternRecognizer(
                name="us_ssn_digits",
                entity=EntityType.US_SSN,
                patterns=[Pattern("ssn_digits", _BARE, 0.3)],
                context=CONTEXT,
                validator=ssn_verdict,
                validated_score=0.4,
                context_boost=0.35,
                requires_context=True,
            )
        ),
    ]
