"""Deterministic resolution of overlapping findings.

Rule: among findings that overlap, the longer span wins; at equal length the higher
score; then the entity type's name (alphabetical), then the recognizer's name, so the
result never depends on the order recognizers ran in. A span keeps exactly one type.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable

from cityprivacy.detect.finding import Finding

__all__ = ["resolve_overlaps"]


def _rank(f: Finding) -> tuple[int, float, str, str, int]:
    return (-(f.end - f.start), -f.score, str(f.entity_type), f.recognizer, f.start)


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep a non-overlapping subset, chosen by the rule above, sorted by position."""
    # Accepted spans never overlap, so sorted by start they are sorted by end too, and a
    # candidate only needs checking against its two neighbours: O(n log n) overall.
    starts: list[int] = []
    spans: dict[int, Finding] = {}
    for candidate in sorted(findings, key=_rank):
        i = bisect_right(starts, candidate.start)
        if i > 0 and spans[starts[i - 1]].end > candidate.start:
            continue
        if i < len(starts) and starts[i] < candidate.end:
            continue
        insort(starts, candidate.start)
        spans[candidate.start] = candidate
    return [spans[s] for s in starts]
