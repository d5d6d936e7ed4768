"""IMEI device identifiers: 15 digits whose last is the Luhn check digit of the first 14.

Written the way phones display it (``35-209900-176148-1``: reporting body, TAC,
serial, check digit) the format is distinctive, so a Luhn-valid IMEI in that layout
scores 0.9. Fifteen bare digits pass Luhn one time in ten by chance, so a bare number
scores 0.45 once validated and needs a word like *IMEI*, *device* or *handset* to be
reported. Fifteen-digit American Express numbers also pass Luhn: the card recognizer
scores them higher, so the card wins the overlap.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.checksums import imei_valid
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import DIGITS_END, DIGITS_START, LabelGuard

__all__ = ["recognizers"]

_CONTEXT = ("imei", "device", "handset", "phone", "cell", "mobile", "sim", "imei number")
_SEPARATED = DIGITS_START + r"\d{2}(?P<sep>[ -])\d{6}(?P=sep)\d{6}(?P=sep)\d" + DIGITS_END
_BARE = DIGITS_START + r"\d{15}" + DIGITS_END


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        PatternRecognizer(
            name="imei",
            entity=EntityType.IMEI,
            patterns=[Pattern("imei_separated", _SEPARATED, 0.5)],
            context=_CONTEXT,
            validator=imei_valid,
            validated_score=0.9,
            context_boost=0.1,
        ),
        LabelGuard(
            PatternRecognizer(
                name="imei_digits",
                entity=EntityType.IMEI,
                patterns=[Pattern("imei_digits", _BARE, 0.3)],
                context=_CONTEXT,
                validator=imei_valid,
                validated_score=0.45,
                context_boost=0.35,
            )
        ),
    ]
