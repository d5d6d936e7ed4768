"""Latitude/longitude pairs: decimal degrees and degrees-minutes-seconds, range-checked.

A location fixes where a person lives or was. Decimal pairs ("40.7128, -74.0060") with
at least three decimals each are how devices and maps print positions (0.6, and 0.95
with a word like *GPS* or *coordinates*); pairs with one or two decimals are too much
like prices or rates and need such a word. Degrees-minutes-seconds with hemisphere
letters (``40°42'46"N 74°0'22"W``) are unambiguous (0.85). Latitudes beyond ±90,
longitudes beyond ±180 and minutes or seconds of 60 or more are rejected.
"""

from __future__ import annotations

import re

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import LabelGuard

__all__ = ["coordinates_valid", "recognizers"]

# ``(?<![\w.,$€£/-])[-+]?\d{1,2}\.\d``, led by its first character (the lookbehind
# after it) so the engine can skip ahead to signs and digits.
_START_LAT = r"[-+\d](?<![\w.,$€£/-].)(?:(?<=[-+])\d|(?<=\d))\d?\.\d"
_LON = r"[-+]?\d{1,3}\.\d"
_DECIMAL_PRECISE = (
    _START_LAT + r"{3,10}°?(?:\s?[NS])?,\s{0,2}" + _LON + r"{3,10}°?(?:\s?[EW])?(?![\w]|[.,]\d)"
)
_DECIMAL_SHORT = (
    _START_LAT + r"{1,2}°?(?:\s?[NS])?,\s{0,2}" + _LON + r"{1,2}°?(?:\s?[EW])?(?![\w]|[.,]\d)"
)
_DMS_PART = r"\d{1,3}°\s?\d{1,2}['′]\s?(?:\d{1,2}(?:\.\d{1,4})?(?:\"|″|'')\s?)?"
_DMS = r"(?<![\w°])" + _DMS_PART + r"[NS],?\s{0,2}" + _DMS_PART + r"[EW](?![\w])"

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SIGNED = re.compile(r"([-+]?)(\d+(?:\.\d+)?)")


def coordinates_valid(value: str) -> bool:
    """Latitude within ±90, longitude within ±180, minutes and seconds below 60."""
    if "°" in value and ("'" in value or "′" in value):
        halves = re.split(r"(?<=[NSns]),?\s*", value, maxsplit=1)
        if len(halves) != 2:
            return False
        limits = (90.0, 180.0)
        for half, limit in zip(halves, limits, strict=True):
            parts = [float(p) for p in _NUMBER.findall(half)]
            if parts[0] > limit or any(p >= 60 for p in parts[1:]):
                return False
            if parts[0] == limit and any(p > 0 for p in parts[1:]):
                return False
        return True
    values = [float(sign + num) for sign, num in _SIGNED.findall(value)]
    if len(values) != 2:
        return False
    lat, lon = values
    return abs(lat) <= 90 and abs(lon) <= 180 and not (lat == 0 and lon == 0)


def recognizers(settings: Settings) -> list[Recognizer]:
    context = ["gps", "coordinates", "coords", "lat", "latitude", "lon", "long", "lng",
               "longitude", "location", "located", "position", "geo", "geolocation",
               "pinged", "ping", "map"]  # fmt: skip
    return [
        LabelGuard(
            PatternRecognizer(
                name="gps_coordinates",
                entity=EntityType.GPS_COORDINATES,
                patterns=[
                    Pattern("decimal_degrees", _DECIMAL_PRECISE, 0.6),
                    Pattern("dms", _DMS, 0.85),
                    Pattern("decimal_degrees_short", _DECIMAL_SHORT, 0.2),
                ],
                context=context,
                validator=coordinates_valid,
                validated_score=0.0,
                context_boost=0.35,
            ),
            ("price", "rate", "rates", "usd", "eur", "total", "amount", "version"),
            before_only=True,
        )
    ]
