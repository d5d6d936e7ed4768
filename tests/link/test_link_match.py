"""Matching: thresholds, one-to-one assignment (greedy and optimal), refusals."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.errors import InputError
from cityprivacy.link import (
    Assignment,
    BlockingMode,
    Encodings,
    LinkageMeta,
    check_compatible,
    match_encodings,
)
from cityprivacy.link.match import check_threshold, greedy_one_to_one, optimal_one_to_one


@st.composite
def scored_pairs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cells = draw(
        st.lists(
            st.tuples(st.integers(0, 6), st.integers(0, 6)), unique=True, min_size=0, max_size=30
        )
    )
    scores = draw(
        st.lists(
            st.sampled_from([0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
            min_size=len(cells),
            max_size=len(cells),
        )
    )
    i = np.array([c[0] for c in cells], dtype=np.int64)
    j = np.array([c[1] for c in cells], dtype=np.int64)
    return i, j, np.array(scores, dtype=np.float64)


@settings(max_examples=150, deadline=None)
@given(scored_pairs())
def test_greedy_is_one_to_one_maximal_and_best_first(
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    i, j, s = pairs
    kept = greedy_one_to_one(i, j, s)
    # one-to-one
    assert len(set(i[kept].tolist())) == len(kept) == len(set(j[kept].tolist()))
    # maximal: every pair left out shares a record with a kept pair scoring at least as much
    used_a, used_b = (
        dict(zip(i[kept].tolist(), s[kept].tolist(), strict=True)),
        dict(zip(j[kept].tolist(), s[kept].tolist(), strict=True)),
    )
    for k in set(range(len(i))) - set(kept.tolist()):
        blockers = [used_a.get(int(i[k]), -1), used_b.get(int(j[k]), -1)]
        assert max(blockers) >= s[k]
    # in descending score order
    assert np.all(np.diff(s[kept]) <= 0)


@settings(max_examples=80, deadline=None)
@given(scored_pairs())
def test_greedy_dedupe_uses_each_record_once(
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    i, j, s = pairs
    keep = i < j
    kept = greedy_one_to_one(i[keep], j[keep], s[keep], shared=True)
    records = i[keep][kept].tolist() + j[keep][kept].tolist()
    assert len(records) == len(set(records))


@settings(max_examples=80, deadline=None)
@given(scored_pairs())
def test_optimal_is_one_to_one_and_at_least_as_good_as_greedy(
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    pytest.importorskip("scipy", reason="optimal assignment needs SciPy (a dev dependency)")
    i, j, s = pairs
    best = optimal_one_to_one(i, j, s)
    assert len(set(i[best].tolist())) == len(best) == len(set(j[best].tolist()))
    assert s[best].sum() >= s[greedy_one_to_one(i, j, s)].sum() - 1e-9
    # brute force on small inputs: the optimum
    if len(i) <= 8:
        top = 0.0
        for r in range(len(i) + 1):
            for combo in itertools.combinations(range(len(i)), r):
                if len({int(i[c]) for c in combo}) == r == len({int(j[c]) for c in combo}):
                    top = max(top, float(s[list(combo)].sum()))
        assert math.isclose(s[best].sum(), top)


def test_optimal_beats_greedy_where_greedy_is_short_sighted() -> None:
    pytest.importorskip("scipy", reason="optimal assignment needs SciPy (a dev dependency)")
    i, j = np.array([0, 0, 1]), np.array([0, 1, 0])
    s = np.array([0.9, 0.8, 0.8])
    assert greedy_one_to_one(i, j, s).tolist() == [0]
    assert sorted(optimal_one_to_one(i, j, s).tolist()) == [1, 2]


@pytest.mark.parametrize("value", [-0.01, 1.01, float("nan"), float("inf")])
def test_thresholds_outside_zero_one_are_refused(value: float) -> None:
    with pytest.raises(InputError, match="outside"):
        check_threshold(value)


def _encodings(rows: list[int], fingerprint: str = "s", key: str = "k") -> Encodings:
    import pyarrow as pa

    meta = LinkageMeta("bloom", "t", fingerprint, key, 64)
    words = np.array([[r] for r in rows], dtype=np.uint64)
    return Encodings(
        meta,
        pa.array([f"r{k}" for k in range(len(rows))]),
        words,
        np.zeros((len(rows), 0), np.uint64),
    )


def test_match_links_each_record_once_best_first() -> None:
    a = _encodings([0b1111, 0b11110000])
    b = _encodings([0b0111, 0b1111, 0b11110000])
    result = match_encodings(a, b, 0.5, blocking=BlockingMode.NONE)
    assert list(zip(result.i.tolist(), result.j.tolist(), strict=True)) == [(0, 1), (1, 2)]
    assert result.scores.tolist() == [1.0, 1.0]
    every = match_encodings(a, b, 0.5, assignment=Assignment.ALL, blocking=BlockingMode.NONE)
    assert len(every) == 3


def test_dedupe_finds_pairs_within_one_file() -> None:
    a = _encodings([0b1111, 0b1111, 0b0111, 0b11110000])
    result = match_encodings(a, None, 0.8, assignment=Assignment.ALL, blocking=BlockingMode.NONE)
    assert sorted(zip(result.i.tolist(), result.j.tolist(), strict=True)) == [
        (0, 1),
        (0, 2),
        (1, 2),
    ]


def test_incompatible_files_are_refused_with_the_reason() -> None:
    a, b = _encodings([1]), _encodings([1], fingerprint="other")
    with pytest.raises(InputError, match="different linkage schemas"):
        check_compatible(a.meta, b.meta, "a.parquet", "b.parquet")
    with pytest.raises(InputError, match="different keys"):
        check_compatible(a.meta, _encodings([1], key="z").meta, "a.parquet", "b.parquet")


def test_keys_blocking_needs_keys() -> None:
    a = _encodings([1])
    with pytest.raises(InputError, match="no blocking keys"):
        match_encodings(a, a, 0.5, blocking=BlockingMode.KEYS)


def _sequential_greedy(i: np.ndarray, j: np.ndarray, s: np.ndarray, shared: bool) -> list[int]:
    used_a: set[int] = set()
    used_b = used_a if shared else set()
    kept = []
    for k in np.lexsort((j, i, -s)).tolist():
        if int(i[k]) in used_a or int(j[k]) in used_b:
            continue
        used_a.add(int(i[k]))
        used_b.add(int(j[k]))
        kept.append(k)
    return kept


@settings(max_examples=150, deadline=None)
@given(scored_pairs(), st.booleans())
def test_vectorized_greedy_equals_the_one_by_one_definition(
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray], shared: bool
) -> None:
    i, j, s = pairs
    if shared:
        keep = i != j
        i, j, s = i[keep], j[keep], s[keep]
    assert greedy_one_to_one(i, j, s, shared=shared).tolist() == _sequential_greedy(i, j, s, shared)
