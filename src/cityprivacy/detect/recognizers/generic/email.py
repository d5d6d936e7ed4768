"""Email addresses: a local part, ``@``, and a dotted domain ending in an alphabetic TLD.

The shape alone is conclusive, so there is no context requirement. The validator
rejects the look-alikes the pattern lets through: consecutive dots and dots at the
edges of the local part (not valid RFC 5321), which show up in log lines and paths.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer

__all__ = ["EMAIL_PATTERN", "email_shape_valid", "recognizers"]

EMAIL_PATTERN = (
    r"(?<![\w.%+-])"
    r"[A-Za-z0-9_%+-][A-Za-z0-9._%+-]{0,63}"
    r"@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,24}"
    r"(?![\w@-]|\.[A-Za-z0-9])"
)


def email_shape_valid(value: str) -> bool:
    """No empty dot-separated atom in the local part."""
    local = value.rsplit("@", 1)[0]
    return ".." not in local and not local.endswith(".")


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        PatternRecognizer(
            name="email_address",
            entity=EntityType.EMAIL_ADDRESS,
            patterns=[Pattern("email", EMAIL_PATTERN, 0.95)],
            context=["email", "e-mail", "mail"],
            validator=email_shape_valid,
            validated_score=0.0,
            context_boost=0.05,
        )
    ]
