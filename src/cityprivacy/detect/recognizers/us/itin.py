"""US individual taxpayer identification numbers (ITINs).

An ITIN looks like an SSN with area 9xx, and the IRS issues only some groups: 50-65,
70-88, 90-92 and 94-99. Written ``9dd-dd-dddd`` with a valid group it is specific (0.7,
and 1.0 with *ITIN* or *taxpayer* nearby); nine bare digits need that word. Because
the SSN recognizer rejects area 9xx, the two never report the same span.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.checksums import itin_valid
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import DIGITS_END, DIGITS_START, LabelGuard

__all__ = ["recognizers"]

_CONTEXT = ("itin", "taxpayer", "tax id", "tax identification", "individual taxpayer",
            "tin", "irs")  # fmt: skip
_SEPARATED = DIGITS_START + r"9\d{2}(?P<sep>[- ])\d{2}(?P=sep)\d{4}" + DIGITS_END
_BARE = DIGITS_START + r"9\d{8}" + DIGITS_END


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="us_itin",
                entity=EntityType.US_ITIN,
                patterns=[Pattern("itin_separated", _SEPARATED, 0.4)],
                context=_CONTEXT,
                validator=itin_valid,
                validated_score=0.7,
                context_boost=0.3,
            )
        ),
        LabelGuard(
            PatternRecognizer(
                name="us_itin_digits",
                entity=EntityType.US_ITIN,
                patterns=[Pattern("itin_digits", _BARE, 0.3)],
                context=_CONTEXT,
                validator=itin_valid,
                validated_score=0.4,
                context_boost=0.35,
                requires_context=True,
            )
        ),
    ]
