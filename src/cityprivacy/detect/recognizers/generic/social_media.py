"""Social-media accounts: profile URLs of the big platforms, and ``@handles`` with context.

Account information is identifying under the city's law, so a profile URL scores 0.9,
above the plain URL recognizer (0.85). Its span ends where the URL's does (both use
:data:`~.url.URL_TAIL`), so at equal length the higher score wins the overlap.
Platform paths that are not profiles (``/help``, ``/watch``, ``/sharer``) are rejected.

A bare ``@name`` is an email fragment, a mention in a code comment, or a handle: it
scores 0.3 and is reported only next to a platform word (Instagram, IG, TikTok ...).
"""

from __future__ import annotations

import re

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import LabelGuard
from cityprivacy.detect.recognizers.generic.url import URL_TAIL

__all__ = ["profile_is_account", "recognizers"]

_PLATFORM_PATHS = (
    r"(?:facebook\.com/(?:profile\.php\?id=)?|fb\.com/|instagram\.com/|"
    r"(?:x|twitter)\.com/|tiktok\.com/@|linkedin\.com/(?:in|company)/|"
    r"youtube\.com/(?:@|c/|channel/|user/)|threads\.(?:net|com)/@|"
    r"reddit\.com/(?:u|user)/|snapchat\.com/add/)"
)
_PROFILE = (
    r"(?<![\w@.-])(?:https?://)?(?:(?:www|m|mobile|[a-z]{2})\.)?"
    + _PLATFORM_PATHS
    + r"[A-Za-z0-9_.%-]{2,100}"
    + URL_TAIL
)
_HANDLE = r"(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@]|\.\w)"

_NOT_ACCOUNTS = frozenset(
    {
        "about", "ads", "explore", "groups", "hashtag", "help", "home", "i", "intent",
        "legal", "login", "marketplace", "messages", "notifications", "pages", "policies",
        "privacy", "reel", "reels", "search", "settings", "share", "sharer", "sharer.php",
        "signup", "status", "terms", "watch", "events",
    }
)  # fmt: skip

_ACCOUNT = re.compile(_PLATFORM_PATHS + r"([A-Za-z0-9_.%-]+)", re.IGNORECASE)


def profile_is_account(value: str) -> bool:
    """Whether the path after the platform names an account, not a site page."""
    match = _ACCOUNT.search(value)
    return match is not None and match.group(1).lower() not in _NOT_ACCOUNTS


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        PatternRecognizer(
            name="social_media_profile",
            entity=EntityType.SOCIAL_MEDIA,
            # Every platform path holds ".com/" or ".net/".
            patterns=[Pattern("profile_url", _PROFILE, 0.9, gate=r"\.(?:com|net)/")],
            validator=profile_is_account,
            validated_score=0.0,
            flags=re.IGNORECASE,
        ),
        LabelGuard(
            PatternRecognizer(
                name="social_media_handle",
                entity=EntityType.SOCIAL_MEDIA,
                patterns=[Pattern("at_handle", _HANDLE, 0.3)],
                context=[
                    "twitter",
                    "x",
                    "instagram",
                    "insta",
                    "ig",
                    "tiktok",
                    "snapchat",
                    "snap",
                    "threads",
                    "facebook",
                    "fb",
                    "youtube",
                    "reddit",
                    "linkedin",
                    "handle",
                    "username",
                    "user name",
                    "follow",
                    "followed",
                    "dm",
                    "dms",
                    "social media",
                    "account",
                    "posted",
                    "tweeted",
                ],
                requires_context=True,
            ),
            (),
        ),
    ]
