"""Web addresses: with a scheme, starting with ``www.``, or a bare domain with a common TLD.

A scheme or ``www.`` is conclusive (0.85). A bare domain is weaker (0.5): ``nyc.gov``
in a note is usually an agency site, but ``janesmith.com`` may point at a person. Bare
domains only match a short list of TLDs so that file names (``report.pdf``) and
abbreviations (``e.g.``) never do, and never directly after ``@`` or a word character,
so the domain of an email address is not reported a second time.

Trailing punctuation is left out of the span, so "see https://x.org/a." ends at ``a``.
:mod:`.social_media` uses :data:`URL_TAIL` too, so a profile URL and the plain URL over
it end at the same character and the (higher-scored) profile wins the overlap.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer

__all__ = ["COMMON_TLDS", "URL_TAIL", "recognizers"]

URL_TAIL = r"""(?:[/?#](?:[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}])?)?"""
"""An optional path, query or fragment, not ending in punctuation."""

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"

COMMON_TLDS = (
    "com|org|net|gov|edu|mil|int|nyc|us|io|co|info|biz|app|dev|ai|tv|me|ly|uk|ca|"
    "news|online|site|blog|store|mx|do|pr|in|cn|ru|de|fr|es|it|nl|br|jp"
)

_SCHEME = (
    # Each scheme's first letter comes before the lookbehind: the engine skips to h and f.
    r"(?:h(?<![\w@.-]h)ttps?|f(?<![\w@.-]f)tp)://"
    r"(?:[^\s:@/<>\"']+(?::[^\s@/<>\"']*)?@)?"
    rf"(?:(?:{_LABEL}\.)+[A-Za-z]{{2,24}}|\d{{1,3}}(?:\.\d{{1,3}}){{3}}|localhost)"
    r"(?::\d{1,5})?" + URL_TAIL
)
_WWW = rf"(?<![\w@.-])www\.(?:{_LABEL}\.)+[A-Za-z]{{2,24}}(?::\d{{1,5}})?" + URL_TAIL
_BARE = (
    # ``(?<![\w@.-])(?:{_LABEL}\.)+``, led by the first label's first character.
    rf"[A-Za-z0-9](?<![\w@.-][A-Za-z0-9])(?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.(?:{_LABEL}\.)*"
    rf"(?:{COMMON_TLDS})(?![\w-]|\.[A-Za-z0-9]|@)"
    r"(?::\d{1,5})?" + URL_TAIL
)

# Every bare domain ends in a dot and one of the common top-level domains.
_BARE_GATE = rf"\.(?:{COMMON_TLDS})(?![\w-]|\.[A-Za-z0-9]|@)"


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        PatternRecognizer(
            name="url",
            entity=EntityType.URL,
            patterns=[
                Pattern("url_scheme", _SCHEME, 0.85),
                Pattern("url_www", _WWW, 0.85),
                Pattern("url_bare_domain", _BARE, 0.5, gate=_BARE_GATE),
            ],
            context=["url", "website", "site", "link", "web", "page", "http"],
            context_boost=0.1,
            flags=0,
        )
    ]
