"""New York Medicaid client identification numbers (CIN): two letters, five digits, a letter.

``AB12345C`` is distinctive but not unique to Medicaid (part numbers, course codes
have the shape), so a bare match scores 0.35 and a word like *CIN*, *Medicaid* or
*client ID* lifts it to 0.75. No public check digit exists, so none is applied.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import LabelGuard

__all__ = ["recognizers"]

_CIN = r"(?<![\w-])[A-Z]{2}\d{5}[A-Z](?![\w-])"


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="ny_medicaid_cin",
                entity=EntityType.NY_MEDICAID_CIN,
                patterns=[Pattern("cin", _CIN, 0.35)],
                context=[
                    "cin",
                    "cin #",
                    "medicaid",
                    "medicaid id",
                    "medicaid number",
                    "client id",
                    "client identification",
                    "client identification number",
                    "benefit card",
                    "hra",
                    "emedny",
                ],
                context_boost=0.4,
            )
        )
    ]
