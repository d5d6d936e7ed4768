"""Dice over packed bits agrees with the one-pair-at-a-time definition."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cityprivacy.link.dice import DiceScorer, dice_reference

WORDS = st.integers(min_value=1, max_value=4)


@st.composite
def bit_matrices(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    words = draw(WORDS)
    elements = st.integers(min_value=0, max_value=2**64 - 1)
    sparse = st.sampled_from([0, 1, 2**63, 2**64 - 1, 0x5555_5555_5555_5555])
    a = draw(arrays(np.uint64, (draw(st.integers(1, 40)), words), elements=elements | sparse))
    b = draw(arrays(np.uint64, (draw(st.integers(1, 40)), words), elements=elements | sparse))
    return a, b


@settings(max_examples=60, deadline=None)
@given(bit_matrices(), st.floats(min_value=0.0, max_value=1.0))
def test_dense_matches_the_reference(mats: tuple[np.ndarray, np.ndarray], threshold: float) -> None:
    a, b = mats
    found = {}
    for i, j, s in DiceScorer(a, b).dense(threshold, workers=2):
        found.update(
            {(x, y): z for x, y, z in zip(i.tolist(), j.tolist(), s.tolist(), strict=True)}
        )
    expected = {
        (x, y): dice_reference(a[x], b[y])
        for x in range(len(a))
        for y in range(len(b))
        if dice_reference(a[x], b[y]) >= threshold
    }
    assert found.keys() == expected.keys()
    assert all(abs(found[k] - expected[k]) < 1e-12 for k in found)


@settings(max_examples=60, deadline=None)
@given(bit_matrices())
def test_pairs_match_the_reference(mats: tuple[np.ndarray, np.ndarray]) -> None:
    a, b = mats
    i = np.repeat(np.arange(len(a)), len(b))
    j = np.tile(np.arange(len(b)), len(a))
    scores = DiceScorer(a, b).pairs(i, j)
    expected = [dice_reference(a[x], b[y]) for x, y in zip(i, j, strict=True)]
    assert np.allclose(scores, expected, rtol=0, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(bit_matrices(), st.floats(min_value=0.0, max_value=1.0))
def test_dedupe_scores_each_unordered_pair_once(
    mats: tuple[np.ndarray, np.ndarray], threshold: float
) -> None:
    a, _ = mats
    pairs = [
        (x, y)
        for i, j, _ in DiceScorer(a).dense(threshold, workers=1)
        for x, y in zip(i.tolist(), j.tolist(), strict=True)
    ]
    expected = [
        (x, y)
        for x in range(len(a))
        for y in range(x + 1, len(a))
        if dice_reference(a[x], a[y]) >= threshold
    ]
    assert sorted(pairs) == expected


def test_identical_and_disjoint_and_empty() -> None:
    ones = np.array([[0b1011, 0]], dtype=np.uint64)
    other = np.array([[0b0100, 1]], dtype=np.uint64)
    empty = np.zeros((1, 2), dtype=np.uint64)
    scorer = DiceScorer(np.concatenate([ones, other, empty]))
    scores = scorer.pairs(np.array([0, 0, 2]), np.array([0, 1, 2]))
    assert scores.tolist() == [1.0, 0.0, 0.0]
    assert dice_reference(ones[0], other[0]) == 0.0
