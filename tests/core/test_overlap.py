"""Overlap resolution is deterministic: longer wins, then higher score, one type per span."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.overlap import resolve_overlaps


def f(entity: EntityType, start: int, end: int, score: float, rec: str = "r") -> Finding:
    return Finding(entity, start, end, score, rec)


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        pytest.param(
            [f(EntityType.ZIP_CODE, 20, 25, 0.9), f(EntityType.STREET_ADDRESS, 0, 25, 0.7)],
            [(EntityType.STREET_ADDRESS, 0, 25)],
            id="longer-wins-over-higher-score",
        ),
        pytest.param(
            [f(EntityType.DATE_TIME, 4, 14, 0.6), f(EntityType.DATE_OF_BIRTH, 4, 14, 0.9)],
            [(EntityType.DATE_OF_BIRTH, 4, 14)],
            id="same-span-higher-score-wins",
        ),
        pytest.param(
            [f(EntityType.US_SSN, 0, 11, 0.8), f(EntityType.US_ITIN, 0, 11, 0.8)],
            [(EntityType.US_ITIN, 0, 11)],
            id="full-tie-broken-by-type-name",
        ),
        pytest.param(
            [f(EntityType.PERSON, 0, 5, 0.9), f(EntityType.LOCATION, 10, 15, 0.9)],
            [(EntityType.PERSON, 0, 5), (EntityType.LOCATION, 10, 15)],
            id="disjoint-both-kept",
        ),
        pytest.param(
            [f(EntityType.PERSON, 0, 5, 0.9), f(EntityType.LOCATION, 5, 9, 0.9)],
            [(EntityType.PERSON, 0, 5), (EntityType.LOCATION, 5, 9)],
            id="touching-spans-do-not-overlap",
        ),
        pytest.param(
            [
                f(EntityType.PERSON, 0, 10, 0.9),
                f(EntityType.ORGANIZATION, 5, 20, 0.9),
                f(EntityType.LOCATION, 15, 25, 0.9),
            ],
            [(EntityType.ORGANIZATION, 5, 20)],
            id="chain-middle-longest-removes-both-neighbours",
        ),
        pytest.param([], [], id="empty"),
    ],
)
def test_resolution_rule(
    findings: list[Finding], expected: list[tuple[EntityType, int, int]]
) -> None:
    got = [(x.entity_type, x.start, x.end) for x in resolve_overlaps(findings)]
    assert got == expected


def test_result_does_not_depend_on_input_order() -> None:
    items = [
        f(EntityType.PERSON, 0, 10, 0.7, "a"),
        f(EntityType.ORGANIZATION, 3, 10, 0.9, "b"),
        f(EntityType.LOCATION, 8, 14, 0.8, "c"),
        f(EntityType.URL, 14, 30, 0.5, "d"),
        f(EntityType.EMAIL_ADDRESS, 12, 30, 0.95, "e"),
    ]
    results = {tuple(resolve_overlaps(list(p))) for p in itertools.permutations(items)}
    assert len(results) == 1


spans = st.lists(
    st.tuples(
        st.integers(0, 200), st.integers(1, 40), st.floats(0, 1), st.sampled_from(list(EntityType))
    ),
    max_size=60,
)


@given(spans)
def test_kept_findings_never_overlap_and_dropped_ones_lost_to_a_better_one(
    raw: list[tuple[int, int, float, EntityType]],
) -> None:
    items = [f(e, s, s + n, sc) for s, n, sc, e in raw]
    kept = resolve_overlaps(items)
    for a, b in itertools.pairwise(kept):
        assert a.end <= b.start
    for item in items:
        if item in kept:
            continue
        beaters = [k for k in kept if k.overlaps(item)]
        assert beaters, "a finding may only be dropped because of an overlapping winner"
        assert any((len(k), k.score) >= (len(item), item.score) for k in beaters)
