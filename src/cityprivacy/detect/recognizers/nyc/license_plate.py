"""New York license plates, reported only where the text talks about a vehicle.

Passenger plates since 2001 are three letters and four digits (``KJD-4821``, ``KJD4821``,
``KJD 4821``); older and vanity issues include three letters and three digits and
three digits and three letters; commercial plates are five digits and two letters
(``53917-MC``, ``53917MC``). Each is also a product code or a room number, so every
shape needs a vehicle word (*plate*, *tag*, *vehicle*, *car*, *registration*): 0.3 + 0.35.
In lower case only the passenger shape right after *plate* or *tag* counts.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import LabelGuard

__all__ = ["recognizers"]

_B = r"(?<![\w-])"
_E = r"(?![\w-])"

_PATTERNS = (
    Pattern("ny_passenger", _B + r"[A-Z]{3}(?P<s1>[- ]?)\d{4}" + _E, 0.3),
    Pattern("ny_commercial", _B + r"\d{5}[- ]?[A-Z]{2}" + _E, 0.3),
    Pattern("ny_legacy_letters_first", _B + r"[A-Z]{3}[- ]?\d{3}" + _E, 0.25),
    Pattern("ny_legacy_digits_first", _B + r"\d{3}[- ]?[A-Z]{3}" + _E, 0.25),
    # Typed in lower case ("plate xbu6357"): only right after the word "plate" or "tag".
    Pattern(
        "ny_passenger_lower_labelled",
        r"\b(?i:plates?|tag)(?:[ \t]*(?:#|(?i:no|number)\.?))?[ \t]*:?[ \t]*"
        r"([a-z]{3}[- ]?\d{4})" + _E,
        0.3,
        group=1,
    ),
)


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="license_plate",
                entity=EntityType.LICENSE_PLATE,
                patterns=_PATTERNS,
                context=[
                    "plate",
                    "plates",
                    "plate #",
                    "plate number",
                    "license plate",
                    "tag",
                    "tags",
                    "vehicle",
                    "car",
                    "auto",
                    "truck",
                    "suv",
                    "van",
                    "registration",
                    "registered",
                    "reg",
                    "parked",
                    "towed",
                ],
                requires_context=True,
                context_boost=0.35,
            ),
            (
                "flight",
                "room",
                "gate",
                "unit",
                "apt",
                "suite",
                "model",
                "sku",
                "item",
                "part",
                "order",
                "invoice",
                "course",
                "class",
            ),
        )
    ]
