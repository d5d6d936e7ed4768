"""End to end on FEBRL1 (1,000 records, 500 duplicate pairs): encode, deduplicate, evaluate.

Floors, measured with the shipped ``febrl`` schema (balanced, names salted with the birth
year) and a fixed key: best F1 1.000 when each record is linked at most once (greedy), and
0.989 when every pair above the threshold is kept. clkhash + anonlink reach 0.999 on
FEBRL4. The floors (0.99 and 0.97) leave room to retune the schema and still catch a
regression in normalization, encoding or matching, which costs several points.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cityprivacy.link import (
    Assignment,
    BlockingMode,
    encode_file,
    evaluate_pairs,
    load_schema,
    match_encodings,
    truth_from_pattern,
)
from cityprivacy.protect.keys import SecretKey

FEBRL1 = Path(__file__).resolve().parents[1] / "data" / "febrl" / "dataset1.csv"


@pytest.mark.skipif(not FEBRL1.exists(), reason="FEBRL data not found at tests/data/febrl")
@pytest.mark.parametrize(
    ("assignment", "floor"),
    [
        pytest.param(Assignment.GREEDY, 0.99, id="one-to-one"),
        pytest.param(Assignment.ALL, 0.97, id="all-pairs"),
    ],
)
def test_febrl1_deduplication_f1(assignment: Assignment, floor: float) -> None:
    encodings, problems = encode_file(
        FEBRL1, load_schema("febrl"), SecretKey(b"febrl-test-key-" * 3)
    )
    assert len(encodings) == 1000
    assert all(p.field == "date_of_birth" for p in problems)  # a few impossible dates
    result = match_encodings(
        encodings, None, 0.5, assignment=assignment, blocking=BlockingMode.NONE
    )
    ids = encodings.ids.to_pylist()
    pairs = [(ids[i], ids[j]) for i, j in zip(result.i.tolist(), result.j.tolist(), strict=True)]
    truth = truth_from_pattern(ids, None, r"rec-(\d+)-")
    assert len(truth) == 500
    quality = evaluate_pairs(pairs, result.scores, truth, unordered=True)
    assert quality.best_f1 >= floor
