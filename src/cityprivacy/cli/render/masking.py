"""Masking matched values for display: ``123-45-6789`` → ``***-**-6789``.

Values longer than :data:`KEEP_AFTER` characters keep their last :data:`KEEP` characters
(enough to tell two records apart, not enough to use); every other letter or digit becomes
``*`` and separators stay, so the shape of the value is still visible. Shorter values are
masked entirely.
"""

from __future__ import annotations

__all__ = ["KEEP", "KEEP_AFTER", "mask_value"]

KEEP = 4
KEEP_AFTER = 6


def mask_value(value: str) -> str:
    """The value with letters and digits masked, except the last four of long values."""
    keep = KEEP if len(value) > KEEP_AFTER else 0
    cut = len(value) - keep
    head = "".join("*" if c.isalnum() else c for c in value[:cut])
    return head + value[cut:]
