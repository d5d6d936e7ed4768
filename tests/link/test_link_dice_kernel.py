"""The compiled Dice kernel gives exactly what the numpy path gives: same pairs, same
order, bit-identical scores, including pairs that score exactly the threshold."""

from __future__ import annotations

import numba
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cityprivacy.link import dice
from cityprivacy.link.dice import DiceScorer
from cityprivacy.link.match import _descending_stable, greedy_one_to_one, greedy_rounds


@st.composite
def bit_matrices(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    words = draw(st.sampled_from([1, 2, 3, 16]))
    elements = st.integers(min_value=0, max_value=2**64 - 1)
    sparse = st.sampled_from([0, 1, 2**63, 2**64 - 1, 0x5555_5555_5555_5555])
    a = draw(arrays(np.uint64, (draw(st.integers(0, 30)), words), elements=elements | sparse))
    b = draw(arrays(np.uint64, (draw(st.integers(0, 30)), words), elements=elements | sparse))
    return a, b


def _dense(scorer: DiceScorer, threshold: float, workers: int) -> tuple[np.ndarray, ...]:
    parts = list(scorer.dense(threshold, workers=workers))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64)
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(3))


def _assert_same(got: tuple[np.ndarray, ...], want: tuple[np.ndarray, ...]) -> None:
    assert np.array_equal(got[0], want[0])
    assert np.array_equal(got[1], want[1])
    assert got[2].tobytes() == want[2].tobytes()  # bit-identical floats


def _thresholds(a: np.ndarray, b: np.ndarray, draw: st.DataObject) -> list[float]:
    """A random threshold, 0, 1, and the exact score of one pair (a tie at the threshold)."""
    chosen = [draw.draw(st.floats(0.0, 1.0)), 0.0, 1.0]
    if len(a) and len(b):
        i, j = draw.draw(st.integers(0, len(a) - 1)), draw.draw(st.integers(0, len(b) - 1))
        chosen.append(
            float(DiceScorer(a, b, compiled=False).pairs(np.array([i]), np.array([j]))[0])
        )
    return chosen


@settings(max_examples=60, deadline=None)
@given(bit_matrices(), st.data(), st.sampled_from([1, 2]))
def test_dense_kernel_equals_numpy(
    mats: tuple[np.ndarray, np.ndarray], data: st.DataObject, workers: int
) -> None:
    a, b = mats
    if a.shape[1] != b.shape[1]:
        b = np.zeros((len(b), a.shape[1]), dtype=np.uint64) | b[:, :1]
    for threshold in _thresholds(a, b, data):
        want = _dense(DiceScorer(a, b, compiled=False), threshold, 1)
        _assert_same(_dense(DiceScorer(a, b), threshold, workers), want)


@settings(max_examples=40, deadline=None)
@given(bit_matrices(), st.data())
def test_dedupe_kernel_equals_numpy(
    mats: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    a, _ = mats
    for threshold in _thresholds(a, a, data):
        want = _dense(DiceScorer(a, compiled=False), threshold, 1)
        _assert_same(_dense(DiceScorer(a), threshold, 2), want)


@settings(max_examples=40, deadline=None)
@given(bit_matrices(), st.data())
def test_pair_kernel_equals_numpy(mats: tuple[np.ndarray, np.ndarray], data: st.DataObject) -> None:
    a, b = mats
    if not len(a) or not len(b) or a.shape[1] != b.shape[1]:
        return
    n = data.draw(st.integers(0, 200))
    i = np.array(data.draw(st.lists(st.integers(0, len(a) - 1), min_size=n, max_size=n)), np.int64)
    j = np.array(data.draw(st.lists(st.integers(0, len(b) - 1), min_size=n, max_size=n)), np.int64)
    want = DiceScorer(a, b, compiled=False).pairs(i, j)
    assert DiceScorer(a, b).pairs(i, j).tobytes() == want.tobytes()


def test_many_blocks_give_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    a = rng.integers(0, 2**64, (300, 4), dtype=np.uint64)
    b = a ^ (rng.random((300, 4)) < 0.05).astype(np.uint64)  # near-copies: many pairs pass
    want = _dense(DiceScorer(a, b, compiled=False), 0.5, 1)
    monkeypatch.setattr(dice, "_BLOCK_PAIRS", 1000)  # 3 rows per block
    scorer = DiceScorer(a, b)
    assert scorer.rows_per_block == 3
    assert len(list(scorer.dense(0.5))) == 100
    _assert_same(_dense(scorer, 0.5, 2), want)
    dedupe_want = _dense(DiceScorer(a, compiled=False), 0.5, 1)
    _assert_same(_dense(DiceScorer(a), 0.5, 2), dedupe_want)


def test_popcounts_agree() -> None:
    rng = np.random.default_rng(3)
    words = rng.integers(0, 2**64, (50, 16), dtype=np.uint64)
    words[0] = 0
    words[1] = 2**64 - 1
    from cityprivacy.link._dice_kernel import row_popcounts

    assert np.array_equal(row_popcounts(words), dice.popcounts(words))
    assert row_popcounts(words)[:2].tolist() == [0, 1024]


@pytest.mark.parametrize(
    ("i", "j"),
    [pytest.param([0, 3], [0, 0], id="row-of-a-too-large"), pytest.param([0], [-1], id="negative")],
)
def test_pair_indices_out_of_range_are_refused(i: list[int], j: list[int]) -> None:
    a = np.ones((3, 2), dtype=np.uint64)
    with pytest.raises(IndexError):
        DiceScorer(a, a).pairs(np.array(i), np.array(j))


def test_workers_setting_is_restored() -> None:
    before = numba.get_num_threads()
    a = np.arange(40, dtype=np.uint64).reshape(20, 2)
    list(DiceScorer(a).dense(0.1, workers=1))
    DiceScorer(a, a).pairs(np.arange(20), np.arange(20), workers=1)
    assert numba.get_num_threads() == before


@pytest.mark.parametrize(
    "distinct",
    [pytest.param(7, id="few-scores-radix"), pytest.param(70_000, id="many-scores-argsort")],
)
def test_rank_order_is_a_stable_descending_sort(distinct: int) -> None:
    rng = np.random.default_rng(distinct)
    scores = rng.integers(0, distinct, 200_000) / distinct
    assert np.array_equal(_descending_stable(scores), np.argsort(-scores, kind="stable"))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 12), st.sampled_from([0.5, 0.6, 0.7, 0.9])),
        max_size=80,
    ),
    st.booleans(),
)
def test_compiled_greedy_equals_the_rounds(
    triples: list[tuple[int, int, float]], shared: bool
) -> None:
    unique = sorted({(i, j): s for i, j, s in triples if not shared or i < j}.items())
    i = np.array([k[0] for k, _ in unique], dtype=np.int64)
    j = np.array([k[1] for k, _ in unique], dtype=np.int64)
    s = np.array([v for _, v in unique], dtype=np.float64)
    assert np.array_equal(
        greedy_one_to_one(i, j, s, shared=shared), greedy_rounds(i, j, s, shared=shared)
    )
