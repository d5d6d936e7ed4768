"""The labeled corpus can be trusted: deterministic, labels exact, every type, hard negatives."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from random import Random

import pytest

from cityprivacy.datasets import DEFAULT_LEXICON, LabeledText, generate_corpus, iter_corpus
from cityprivacy.datasets import _values as values
from cityprivacy.datasets._slots import SLOTS
from cityprivacy.datasets._templates import FORM_FIELDS, TEMPLATES
from cityprivacy.datasets.corpus import _Builder
from cityprivacy.detect.entities import EntityType


@pytest.fixture(scope="module")
def corpus() -> list[LabeledText]:
    return generate_corpus(500, seed=7)


def test_same_seed_same_corpus() -> None:
    assert generate_corpus(40, seed=3) == generate_corpus(40, seed=3)


def test_other_seed_other_corpus() -> None:
    assert [t.text for t in generate_corpus(40, 3)] != [t.text for t in generate_corpus(40, 4)]


def test_a_short_corpus_is_the_prefix_of_a_long_one() -> None:
    assert generate_corpus(30, 9) == generate_corpus(60, 9)[:30]
    assert list(iter_corpus(5, 9, start=30)) == generate_corpus(35, 9)[30:]


def test_labels_are_non_empty_in_range_and_do_not_overlap(corpus: list[LabeledText]) -> None:
    for doc in corpus:
        spans = sorted(doc.spans, key=lambda s: s.start)
        for span in spans:
            piece = doc.text[span.start : span.end]
            assert 0 <= span.start < span.end <= len(doc.text)
            assert piece.strip() == piece, (doc.id, span)
        for a, b in pairwise(spans):
            assert a.end <= b.start, (doc.id, a, b)


@pytest.mark.parametrize("slot", sorted(SLOTS))
def test_each_label_covers_exactly_what_the_slot_inserted(slot: str) -> None:
    for k in range(25):
        expected = SLOTS[slot](Random(k), DEFAULT_LEXICON)
        builder = _Builder()
        builder.add("before ")
        builder.fill("{" + slot + "}", Random(k), DEFAULT_LEXICON)
        builder.add(" after")
        doc = builder.build("t", "note", "")
        labeled = [(text, e) for text, e in expected if e is not None]
        got = [(doc.text[s.start : s.end], s.entity_type) for s in doc.spans]
        assert got == labeled
        assert (
            doc.text == "before " + re.sub(r"[<>]", "", "".join(t for t, _ in expected)) + " after"
        )


def test_every_entity_type_appears_in_500_texts(corpus: list[LabeledText]) -> None:
    seen = {s.entity_type for doc in corpus for s in doc.spans}
    assert set(EntityType) - seen == set()


def test_all_styles_and_both_case_variants_appear(corpus: list[LabeledText]) -> None:
    assert {d.style for d in corpus} == {"note", "email", "form", "chat", "record"}
    assert any(d.text.isupper() for d in corpus if d.style in ("note", "record"))
    assert any(d.text == d.text.lower() and d.spans for d in corpus if d.style == "chat")


def test_there_are_at_least_60_distinct_sentence_templates() -> None:
    sentences = {t for group in TEMPLATES.values() for t in group}
    assert len(sentences) >= 60
    assert len({label for label, _ in FORM_FIELDS}) >= 40


def test_hard_negatives_are_present_and_unlabeled(corpus: list[LabeledText]) -> None:
    kinds = Counter(n.kind for doc in corpus for n in doc.negatives)
    assert set(kinds) >= {"neg_order", "neg_tracking", "neg_version", "neg_card", "neg_amount"}
    for doc in corpus:
        for neg in doc.negatives:
            assert not any(s.start < neg.end and neg.start < s.end for s in doc.spans)


@pytest.mark.parametrize(
    ("kind", "shape"),
    [
        pytest.param("neg_order", r"\d{3}-\d{2}-\d{4}$", id="order-number-shaped-like-ssn"),
        pytest.param("neg_tracking", r"\d{3}-\d{3}-\d{4}$", id="tracking-shaped-like-phone"),
        pytest.param("neg_version", r"\d+\.\d+\.\d+\.\d+\)?$", id="version-shaped-like-ip"),
        pytest.param("neg_card", r"\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}$", id="card-shaped"),
    ],
)
def test_hard_negatives_look_like_the_real_thing(
    corpus: list[LabeledText], kind: str, shape: str
) -> None:
    texts = [d.text[n.start : n.end] for d in corpus for n in d.negatives if n.kind == kind]
    assert texts
    for text in texts:
        assert re.search(shape, text), text
        if kind == "neg_card":
            assert not values.luhn_ok(text)


def test_surname_traps_are_labeled_as_what_they_are(corpus: list[LabeledText]) -> None:
    labeled = {(d.text[s.start : s.end], s.entity_type) for d in corpus for s in d.spans}
    assert any(t == "Black Friday" and e is EntityType.DATE_TIME for t, e in labeled)
    assert any(
        "Johnson" in t or "Goldberg" in t for t, e in labeled if e is EntityType.ORGANIZATION
    )
    assert any(
        "Jackson" in t or "Lincoln" in t for t, e in labeled if e is EntityType.STREET_ADDRESS
    )


def test_birth_dates_and_other_dates_are_told_apart(corpus: list[LabeledText]) -> None:
    before = {EntityType.DATE_OF_BIRTH: Counter[str](), EntityType.DATE_TIME: Counter[str]()}
    for doc in corpus:
        for s in doc.spans:
            if s.entity_type in before:
                before[s.entity_type][doc.text[max(0, s.start - 12) : s.start].lower()] += 1
    assert all("dob" in k or "birth" in k for k in before[EntityType.DATE_OF_BIRTH])
    assert not any("dob" in k or "birth" in k for k in before[EntityType.DATE_TIME])


def test_neutral_agency_names_are_recorded_and_unlabeled(corpus: list[LabeledText]) -> None:
    names = Counter(d.text[i.start : i.end] for d in corpus for i in d.ignored)
    assert {"DOC", "NYPD"} <= {n.upper() for n in names}
    assert all("<" not in d.text for d in corpus)


def test_json_round_trip(corpus: list[LabeledText]) -> None:
    for doc in corpus[:50]:
        assert LabeledText.from_dict(doc.to_dict()) == doc
