"""MAC (hardware) addresses: six hex pairs with ``:`` or ``-``, or Cisco's dotted form.

Six colon- or dash-separated pairs are specific enough to report alone (0.8); the
separator must be the same throughout, so times and ranges never match. Cisco's
``0a1b.2c3d.4e5f`` is three dotted quads of hex, which twelve plain digits also are,
so it scores 0.4 and needs a word such as *MAC* or *Wi-Fi* nearby. All-zero and
broadcast addresses identify no device and are rejected.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer

__all__ = ["mac_valid", "recognizers"]

_PAIRS = (
    r"(?<![\w:-])[0-9A-Fa-f]{2}(?P<sep>[:-])(?:[0-9A-Fa-f]{2}(?P=sep)){4}[0-9A-Fa-f]{2}"
    r"(?![\w]|[:-][0-9A-Fa-f])"
)
_CISCO = r"(?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w]|\.[0-9A-Fa-f])"


def mac_valid(value: str) -> bool:
    """Not all zeros and not the broadcast address."""
    hexdigits = "".join(ch for ch in value.lower() if ch in "0123456789abcdef")
    return hexdigits not in {"0" * 12, "f" * 12}


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        PatternRecognizer(
            name="mac_address",
            entity=EntityType.MAC_ADDRESS,
            patterns=[
                # The gates: two hex digits between separators; a dot and four hex digits.
                Pattern("mac_pairs", _PAIRS, 0.8, gate=r"[:-][0-9A-Fa-f]{2}[:-]"),
                Pattern("mac_cisco", _CISCO, 0.4, gate=r"\.[0-9A-Fa-f]{4}\."),
            ],
            context=[
                "mac",
                "mac address",
                "hardware address",
                "ethernet",
                "wifi",
                "wi-fi",
                "bssid",
                "device",
                "adapter",
                "nic",
                "bluetooth",
            ],
            validator=mac_valid,
            validated_score=0.0,
            context_boost=0.35,
        )
    ]
