"""ABA routing transit numbers: nine digits, an assigned prefix and the 3-7-1 checksum.

About one random nine-digit number in twenty-five passes both checks, so a bare valid
number scores 0.4 (below the default threshold) and a routing word (*routing*, *ABA*,
*RTN*, *transit*, *bank*) brings it to 0.85. Numbers that fail the checksum or carry
an unassigned prefix are dropped. ``0000-0000-0`` style separators are not used for
routing numbers, so only the compact form is recognized.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.checksums import aba_routing_valid
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import DIGITS_END, DIGITS_START, LabelGuard

__all__ = ["recognizers"]

_DIGITS = DIGITS_START + r"\d{9}" + DIGITS_END


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="aba_routing_number",
                entity=EntityType.ABA_ROUTING_NUMBER,
                patterns=[Pattern("aba_digits", _DIGITS, 0.3)],
                context=[
                    "routing",
                    "routing number",
                    "routing #",
                    "routing no",
                    "aba",
                    "aba #",
                    "rtn",
                    "transit",
                    "bank",
                    "direct deposit",
                    "wire",
                ],
                validator=aba_routing_valid,
                validated_score=0.4,
                context_boost=0.45,
            )
        )
    ]
