"""Vehicle identification numbers: 17 characters (no I, O, Q) with a check digit.

Decision on the check digit: North American VINs must carry it in position 9 (49 CFR
565.15), and a random 17-character string passes only one time in eleven. So:

- a valid check digit is conclusive: 0.9 alone, 1.0 with *VIN* or *vehicle* nearby;
- an invalid check digit is a typo or a VIN from a market that does not use the check
  digit (EU, parts of Asia); it is reported only next to a VIN word, at 0.3 + 0.35 =
  0.65, by a second recognizer (``vin_unchecked``) whose explanation says so. On the
  same span the checked reading outscores it.

Both require letters and digits (real VINs always have a letter in the manufacturer
code), which rules out 17-digit reference numbers.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.checksums import vin_valid
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import LabelGuard

__all__ = ["recognizers", "vin_shape"]

# Led by its first character, the lookarounds after it (the lookaheads, inside a
# lookbehind, still start at the first character), so the engine can skip ahead.
_VIN = (
    r"[A-HJ-NPR-Z0-9](?<![\w-][A-HJ-NPR-Z0-9])"
    r"(?<=(?=[A-HJ-NPR-Z0-9]{0,16}[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z0-9]{0,16}\d)[A-HJ-NPR-Z0-9])"
    r"[A-HJ-NPR-Z0-9]{16}(?![\w-])"
)
_VIN_GATE = r"[A-HJ-NPR-Z0-9]{17}"
_CONTEXT = ("vin", "vin #", "vehicle", "vehicle identification", "chassis", "car",
            "truck", "auto", "registration", "title")  # fmt: skip


def vin_shape(value: str) -> bool:
    """Not one character repeated and at least three distinct characters."""
    return len(set(value)) >= 3


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        PatternRecognizer(
            name="vin",
            entity=EntityType.VIN,
            patterns=[Pattern("vin_check_digit", _VIN, 0.3, gate=_VIN_GATE)],
            context=_CONTEXT,
            validator=vin_valid,
            validated_score=0.9,
            context_boost=0.1,
        ),
        LabelGuard(
            PatternRecognizer(
                name="vin_unchecked",
                entity=EntityType.VIN,
                patterns=[Pattern("vin_no_check_digit", _VIN, 0.3, gate=_VIN_GATE)],
                context=("vin", "vin #", "vehicle identification", "chassis"),
                validator=vin_shape,
                validated_score=0.0,
                requires_context=True,
                context_boost=0.35,
            ),
            (),
        ),
    ]
