"""A person's height and weight ("5'10\"", "5 ft 10 in", "178 cm", "180 lbs", "Wt: 82 kg").

A number with a unit is only a measurement; it is a person's height or weight when a
person or a height/weight word is near ("suspect: male, 5'10\", 180 lbs"), so bare
matches start below the reporting threshold and context lifts them. Objects near the
number ("a 50 lb bag of rice") veto the match. Values outside human ranges are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer
    from cityprivacy.detect.text import Text

__all__ = ["HeightWeightRecognizer", "recognizers"]

_FEET = r"(?:'|’|ft\.?|feet|foot)"
_INCHES = r"(?:\"|”|''|’’|in\.?(?![a-z])|inch(?:es)?)"
_MEASURE_RE = re.compile(
    r"(?<![\w.'’])(?:"
    rf"(?P<ft>[3-7])[ \t]*{_FEET}(?:[ \t]*(?P<inch>1[01]|0?\d)(?:\.\d)?[ \t]*{_INCHES}?)?"
    r"|(?P<cm>\d{2,3}(?:\.\d)?)[ \t]*(?:cm|centimet(?:er|re)s?)"
    r"|(?P<m>[12][.,]\d{1,2})[ \t]*(?:m|meters?|metres?)"
    r"|(?P<lb>\d{2,3}(?:\.\d)?)[ \t]*(?:lbs?\.?|pounds?)"
    r"|(?P<kg>\d{2,3}(?:\.\d)?)[ \t]*(?:kgs?|kilos?|kilograms?)"
    r")(?![\w'’\"”])",
    re.IGNORECASE,
)
_LABELED_RE = re.compile(
    r"\b(?:(?P<hl>ht|height)|(?P<wl>wt|weight))\b[ \t]*[:=]?[ \t]*"
    r"(?P<num>\d{2,3}(?:\.\d)?)(?![\w.'’\"”]|[ \t]*(?:cm|lbs?|kg|pounds|%))",
    re.IGNORECASE,
)
_CONTEXT = (
    "height", "tall", "ht", "stands", "weight", "weighs", "weighed", "wt", "he", "she",
    "they", "his", "her", "him", "client", "patient", "suspect", "male", "female", "man",
    "woman", "boy", "girl", "child", "person", "individual", "resident", "build", "bmi",
    "described", "description", "missing", "subject", "perp", "complainant",
)  # fmt: skip
_OBJECTS = (
    "bag", "bags", "box", "boxes", "package", "parcel", "luggage", "suitcase", "rice",
    "flour", "sugar", "food", "cargo", "load", "crate", "shipment", "dumbbell", "weights",
    "fish", "turkey", "meat", "tv", "screen", "monitor", "pipe", "board", "wide", "long",
    "deep", "fence", "ceiling", "wall", "door", "truck", "dog", "cat", "away", "apart",
    "distance", "high", "radius",
)  # fmt: skip


def _human(m: re.Match[str]) -> bool:
    if m["ft"]:
        return True
    if m["cm"]:
        return 100 <= float(m["cm"]) <= 230
    if m["m"]:
        return 1.0 <= float(m["m"].replace(",", ".")) <= 2.3
    if m["lb"]:
        return 50 <= float(m["lb"]) <= 700
    return 20 <= float(m["kg"]) <= 320


class HeightWeightRecognizer:
    """Heights and weights of people, with unit or after a Ht/Wt label."""

    name = "height_weight"
    entities = frozenset({EntityType.HEIGHT_WEIGHT})

    def analyze(self, text: Text) -> Iterator[Finding]:
        for m in _MEASURE_RE.finditer(text.text):
            if not _human(m):
                continue
            start, end = m.span()
            end -= text.text[end - 1] == "."  # "lbs." at the end of a sentence
            if text.context_has(start, end, _OBJECTS, window=24):
                continue
            base = 0.45 if m["ft"] and m["inch"] else 0.3
            words = text.context_words(start, end, _CONTEXT)
            score = min(1.0, base + 0.4) if words else base
            kind = next(k for k in ("ft", "cm", "m", "lb", "kg") if m[k])
            yield self._finding(start, end, score, f"measure_{kind}", base, words)
        # "ht", "height", "wt" and "weight" all hold "ht" or "wt" (no letter of them has
        # a non-ASCII case variant): most texts have neither and skip the scan.
        low = text.lower
        labeled = _LABELED_RE.finditer(text.text) if "ht" in low or "wt" in low else ()
        for m in labeled:
            value = float(m["num"])
            plausible = 48 <= value <= 230 if m["hl"] else 20 <= value <= 700
            if plausible:
                start, end = m.span("num")
                yield self._finding(start, end, 0.7, "labeled", 0.7, ())

    def _finding(
        self, start: int, end: int, score: float, pattern: str, base: float, words: tuple[str, ...]
    ) -> Finding:
        explanation = Explanation(
            pattern=pattern,
            base_score=base,
            context_words=words,
            context_boost=0.4 if words else 0.0,
        )
        return Finding(
            EntityType.HEIGHT_WEIGHT, start, end, score, self.name, explanation=explanation
        )


def recognizers(settings: Settings) -> list[Recognizer]:
    """The height and weight recognizer."""
    return [HeightWeightRecognizer()]
