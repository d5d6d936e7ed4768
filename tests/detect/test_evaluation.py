"""The benchmark's scoring rules: exact and overlap matching, label maps, character recall."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from cityprivacy.detect.evaluation import Counts, Evaluation, Scorer, Span, f1

NRP = {"NRP": ("NATIONALITY", "RELIGION", "RACE_ETHNICITY")}


def _score(
    gold: list[Span],
    pred: list[Span],
    label_map: Mapping[str, tuple[str, ...]] | None = None,
    **kw: list[Span],
) -> Evaluation:
    scorer = Scorer(label_map)
    scorer.add(gold, pred, **kw)
    return scorer.result


@pytest.mark.parametrize(
    ("gold", "pred", "exact_tp", "overlap_tp"),
    [
        pytest.param(Span(0, 5, "PERSON"), Span(0, 5, "PERSON"), 1, 1, id="identical"),
        pytest.param(Span(4, 10, "PERSON"), Span(0, 10, "PERSON"), 0, 1, id="wider-prediction"),
        pytest.param(Span(0, 10, "PERSON"), Span(2, 5, "PERSON"), 0, 1, id="narrower-prediction"),
        pytest.param(
            Span(0, 5, "PERSON"), Span(5, 9, "PERSON"), 0, 0, id="touching-not-overlapping"
        ),
        pytest.param(Span(0, 5, "PERSON"), Span(0, 5, "LOCATION"), 0, 0, id="same-span-wrong-type"),
    ],
)
def test_matching_rules(gold: Span, pred: Span, exact_tp: int, overlap_tp: int) -> None:
    result = _score([gold], [pred])
    assert result.exact[gold.label].gold_found == exact_tp
    assert result.overlap[gold.label].gold_found == overlap_tp
    assert result.micro_overlap.pred_correct == overlap_tp
    assert result.micro_overlap.pred_spurious == 1 - overlap_tp


@pytest.mark.parametrize(
    ("pred_label", "gold_label", "matched"),
    [
        pytest.param("NRP", "RELIGION", True, id="nrp-matches-religion"),
        pytest.param("NRP", "RACE_ETHNICITY", True, id="nrp-matches-race"),
        pytest.param("NRP", "LANGUAGE", False, id="nrp-not-language"),
        pytest.param("RELIGION", "RELIGION", True, id="unmapped-matches-itself"),
        pytest.param("RELIGION", "NATIONALITY", False, id="unmapped-not-other"),
    ],
)
def test_label_map(pred_label: str, gold_label: str, matched: bool) -> None:
    result = _score([Span(0, 4, gold_label)], [Span(0, 4, pred_label)], NRP)
    assert result.micro_exact.gold_found == int(matched)


def test_ambiguous_spurious_prediction_is_charged_to_its_own_label() -> None:
    result = _score([], [Span(0, 4, "NRP")], NRP)
    assert result.overlap["NRP"].pred_spurious == 1


def test_one_long_prediction_finds_two_gold_spans() -> None:
    gold = [Span(0, 5, "DATE_TIME"), Span(9, 14, "DATE_TIME")]
    result = _score(gold, [Span(0, 14, "DATE_TIME")])
    assert result.overlap["DATE_TIME"].recall == 1.0
    assert result.overlap["DATE_TIME"].precision == 1.0
    assert result.exact["DATE_TIME"].recall == 0.0


def test_precision_recall_f1_and_micro() -> None:
    scorer = Scorer()
    scorer.add([Span(0, 3, "A"), Span(5, 8, "B")], [Span(0, 3, "A"), Span(10, 12, "B")])
    scorer.add([Span(0, 3, "A")], [])
    a, b, micro = scorer.result.exact["A"], scorer.result.exact["B"], scorer.result.micro_exact
    assert (a.precision, a.recall) == (1.0, 0.5)
    assert (b.precision, b.recall) == (0.0, 0.0)
    assert (micro.pred_correct, micro.pred_spurious, micro.gold_found, micro.gold_missed) == (
        1,
        1,
        1,
        2,
    )
    assert micro.f1 == pytest.approx(f1(0.5, 1 / 3))


def test_character_recall_ignores_types_and_precision_counts_over_redaction() -> None:
    result = _score([Span(0, 10, "PERSON")], [Span(5, 15, "ORGANIZATION")])
    assert result.char_recall == 0.5
    assert result.char_precision == 0.5
    assert result.micro_overlap.gold_found == 0


def test_ignored_spans_drop_predictions_that_touch_no_gold() -> None:
    gold = [Span(20, 25, "PERSON")]
    pred = [Span(0, 3, "ORGANIZATION"), Span(20, 25, "PERSON")]
    result = _score(gold, pred, ignored=[Span(0, 3, "neutral")])
    assert result.micro_overlap.pred_spurious == 0
    assert result.char_precision == 1.0
    unignored = _score(gold, pred)
    assert unignored.micro_overlap.pred_spurious == 1


def test_hard_negatives_flagged_by_any_prediction() -> None:
    negs = [Span(0, 11, "neg_order"), Span(20, 30, "neg_version")]
    result = _score([], [Span(0, 11, "US_SSN")], negatives=negs)
    assert result.negatives == {"neg_order": 1, "neg_version": 1}
    assert result.negatives_flagged == {"neg_order": 1}


def test_empty_counts_are_zero_not_errors() -> None:
    empty = Counts()
    assert (empty.precision, empty.recall, empty.f1, empty.support) == (0.0, 0.0, 0.0, 0)


def test_to_dict_is_json_ready() -> None:
    result = _score(
        [Span(0, 4, "PERSON")], [Span(0, 4, "PERSON")], negatives=[Span(5, 8, "neg_card")]
    )
    data = result.to_dict()
    assert data["micro"] == {
        "exact": {"support": 1, "predicted": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0},
        "overlap": {"support": 1, "predicted": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0},
    }
    assert data["hard_negatives"] == {"neg_card": {"count": 1, "flagged": 0}}
