"""Evaluation against hand-made truth: precision, recall, F1 and the best threshold."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityprivacy.errors import InputError
from cityprivacy.link.evaluate import evaluate_pairs, read_pairs, truth_from_pattern

TRUTH = [("a1", "b1"), ("a2", "b2"), ("a3", "b3"), ("a4", "b4")]


def test_precision_recall_f1_of_all_pairs() -> None:
    pairs = [("a1", "b1"), ("a2", "b2"), ("a3", "b9"), ("a5", "b5")]
    result = evaluate_pairs(pairs, None, TRUTH)
    assert (result.true_positives, result.predicted, result.true_pairs) == (2, 4, 4)
    assert result.precision == 0.5
    assert result.recall == 0.5
    assert result.f1 == 0.5
    assert result.best_threshold is None


def test_best_threshold_maximizes_f1() -> None:
    pairs = [("a1", "b1"), ("a2", "b2"), ("a3", "b9"), ("a3", "b3"), ("a5", "b5")]
    scores = [0.95, 0.9, 0.85, 0.7, 0.6]
    result = evaluate_pairs(pairs, scores, TRUTH)
    # cut at 0.9: P 1, R 0.5, F1 0.667; at 0.85: 2/3, 0.5, 0.571; at 0.7: 0.75, 0.75, 0.75
    assert result.best_threshold == 0.7
    assert result.best_f1 == pytest.approx(0.75)
    assert result.best_precision == pytest.approx(0.75)
    assert result.best_recall == pytest.approx(0.75)


def test_tied_scores_are_cut_together() -> None:
    pairs = [("a1", "b1"), ("a9", "b9"), ("a2", "b2")]
    result = evaluate_pairs(pairs, [0.9, 0.9, 0.8], TRUTH[:1])
    assert result.best_threshold == 0.9
    assert result.best_precision == 0.5


def test_unordered_pairs_for_deduplication() -> None:
    result = evaluate_pairs([("b", "a")], [1.0], [("a", "b")], unordered=True)
    assert result.f1 == 1.0
    assert evaluate_pairs([("b", "a")], [1.0], [("a", "b")]).f1 == 0.0


def test_truth_from_febrl_ids() -> None:
    ids_a = ["rec-1-org", "rec-2-org", "rec-3-org"]
    ids_b = ["rec-2-dup-0", "rec-1-dup-0", "rec-7-dup-0"]
    assert sorted(truth_from_pattern(ids_a, ids_b, r"rec-(\d+)")) == [
        ("rec-1-org", "rec-1-dup-0"),
        ("rec-2-org", "rec-2-dup-0"),
    ]
    one_file = ["rec-1-org", "rec-1-dup-0", "rec-1-dup-1", "rec-2-org"]
    assert len(truth_from_pattern(one_file, None, r"rec-(\d+)")) == 3
    with pytest.raises(InputError, match="regular expression"):
        truth_from_pattern(ids_a, ids_b, "rec-(")


def test_read_pairs_from_csv(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("id_a,id_b,score\n007,b1,0.9\na2,b2,0.8\n", encoding="utf-8")
    pairs, scores = read_pairs(path)
    assert pairs == [("007", "b1"), ("a2", "b2")]  # ids stay strings, zeros kept
    assert scores is not None
    assert scores.tolist() == [0.9, 0.8]
    truth = tmp_path / "t.csv"
    truth.write_text("left,right\n007,b1\n", encoding="utf-8")
    assert read_pairs(truth) == ([("007", "b1")], None)
    with pytest.raises(InputError, match="no such file"):
        read_pairs(tmp_path / "nope.csv")
