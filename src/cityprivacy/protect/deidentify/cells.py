"""Applying one rule to one value, failing closed.

An operator may refuse a value it cannot handle: a date shift given a cell that is not a
date, format-preserving encryption given a number too short for FF3-1. Stopping a
million-row run for one such cell helps nobody, and passing the value through would leak
it, so the value is **removed** instead and counted under ``"<operator>-failed"`` (for
example ``date_shift-failed``), which the summary shows next to the successes.
"""

from __future__ import annotations

from cityprivacy.errors import CityPrivacyError
from cityprivacy.protect.deidentify.summary import Counts
from cityprivacy.protect.policy import Rule

__all__ = ["FAILED_SUFFIX", "apply_rule"]

FAILED_SUFFIX = "-failed"


def apply_rule(
    rule: Rule,
    value: str,
    entity: str | None,
    subject: str | None,
    counts: Counts,
    occurrences: int = 1,
) -> tuple[str | None, str]:
    """``rule`` applied to ``value`` (``None``: removed) and the operator name it is counted
    under in ``counts``, ``occurrences`` times (a distinct value standing for that many
    cells)."""
    try:
        result = rule.operator.apply(value, entity=entity, subject=subject)
    except (CityPrivacyError, ValueError, OverflowError):
        label = rule.name + FAILED_SUFFIX
        result = None
    else:
        label = rule.name
    counts[(entity, label)] += occurrences
    return result, label
