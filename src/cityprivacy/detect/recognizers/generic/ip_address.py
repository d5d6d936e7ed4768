"""IPv4 and IPv6 addresses, validated by the standard library's :mod:`ipaddress`.

The regexes only find candidates (four dotted numbers; colon-separated hex groups,
compressed ``::`` forms and IPv4-mapped tails included); ``ipaddress`` decides, so
``256.1.1.1``, ``01.2.3.4`` and ``1:2:3`` are rejected, as are clock times and MAC
addresses, which are not valid IPv6.

A dotted quad is also how software versions and section numbers are written
("version 1.2.3.4", "§ 10.2.1.4"): a version-like label nearer than any network word
drops the candidate. The unspecified addresses (``0.0.0.0``, ``::``) identify nobody
and are rejected.
"""

from __future__ import annotations

import ipaddress

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import LabelGuard

__all__ = ["ip_valid", "recognizers"]

# The lookbehind comes after the first digit so the engine can skip ahead to digits.
_IPV4 = r"\d(?<![\w.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?![\w]|\.\d)"
_HEX = r"[0-9A-Fa-f]{1,4}"
_IPV6 = (
    r"(?<![\w:.])"
    rf"(?=[0-9A-Fa-f:]*::|(?:{_HEX}:){{7}}{_HEX}|(?:{_HEX}:){{6}}\d)"
    r"(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?"
    r"(?:%[0-9A-Za-z]{1,16})?"
    r"(?![\w:]|\.\d)"
)

_VERSION_LABELS = (
    "version", "ver", "v", "release", "build", "firmware", "section", "sec", "§",
    "chapter", "rule", "app", "update", "patch",
)  # fmt: skip


def ip_valid(value: str) -> bool:
    """A syntactically valid address other than the unspecified one."""
    try:
        address = ipaddress.ip_address(value.split("%", 1)[0])
    except ValueError:
        return False
    return not address.is_unspecified


def recognizers(settings: Settings) -> list[Recognizer]:
    inner = PatternRecognizer(
        name="ip_address",
        entity=EntityType.IP_ADDRESS,
        patterns=[
            Pattern("ipv4", _IPV4, 0.75, gate=r"\.\d{1,3}\.\d{1,3}\."),
            # Every IPv6 address has two colons with at most four hex digits between.
            Pattern("ipv6", _IPV6, 0.85, gate=r":[0-9A-Fa-f]{0,4}:"),
        ],
        context=[
            "ip",
            "ip address",
            "ipv4",
            "ipv6",
            "address",
            "host",
            "server",
            "logged",
            "login",
            "network",
            "connected",
            "from",
        ],
        validator=ip_valid,
        validated_score=0.0,
        context_boost=0.15,
    )
    return [LabelGuard(inner, _VERSION_LABELS, before_only=True)]
