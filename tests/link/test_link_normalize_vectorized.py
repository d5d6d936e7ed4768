"""The compiled normalizers change nothing: pinned digests of normalized values and of whole
encodings, and the batch normalizer equals the per-value reference on random input."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.link import encode_table, load_schema
from cityprivacy.link._dates import normalize_dates, normalize_dates_reference
from cityprivacy.link._tokens import string_blocks
from cityprivacy.link.normalize import (
    FieldKind,
    NormalizeOptions,
    _is_missing_arrow,
    is_missing,
    normalize_column,
    normalize_value,
)
from cityprivacy.link.records import normalize_batch
from cityprivacy.link.schema import LinkSchema
from cityprivacy.link.synthetic import linkage_sample
from cityprivacy.protect.keys import SecretKey

FEBRL = Path(__file__).resolve().parents[1] / "data" / "febrl"
KEY = SecretKey(b"cityprivacy-test-normalize-pinned-0123456789")

# SHA-256 of (normalized values, encodings) per table, produced by these same two functions
# (_normalized_digest, _encodings_digest) with the code as it was before the compiled
# normalizers (commit 266d34b: Arrow string functions, the regex date fast path). A change
# to any normalized value, encoding bit, blocking key, id or problem report changes them.
PINNED = {
    "synthetic_a": (
        "26cd397c6342af0cd2e3d509f17e2a940924ea126ec68b40fcf196ccbe0f215e",
        "0cda2ab3f1841d794cfa21a4fb7d0c0db5b2dfa4a7812dd897759217809ca5cc",
    ),
    "synthetic_b": (
        "5b1d6e06e9c215a8c82076bf92cd525c4551b38035188e4100ecc14cf081060d",
        "c3852af31e474f90cbf0470d77a4f71c9555f44cd370ff057c28e003a849a810",
    ),
    "febrl1": (
        "13285a3da9e37de1c04e83ac3f4e35d48b38e2aab65bf857635df4994719f329",
        "cfd3579b613f880e5b0675f3987bc017dad3e77488a721a48b61eba61e5fed7e",
    ),
    "febrl4a": (
        "01e46402417f6e65206dcba44778f156398ceb081d2b56997e46e0d8ffcdbf1c",
        "e9b316e092c3e4385acb969f98447f3993c7caa464c939fdb2555cae1579be35",
    ),
    "febrl4b": (
        "829ff629c6d63c15d3c614bca657374d1796a6e012a729d846099f01f9bbd858",
        "2e05470eacf2620dd0a68d13c9032178a42037b2577eadba71c121f41049192b",
    ),
}


def _febrl(name: str) -> pa.Table:
    with (FEBRL / name).open(newline="", encoding="utf-8") as handle:
        rows = [[v.strip() for v in row] for row in csv.reader(handle, skipinitialspace=True)]
    return pa.table(
        {c: pa.array([row[k] for row in rows[1:]], pa.string()) for k, c in enumerate(rows[0])}
    )


def _table(label: str) -> tuple[LinkSchema, pa.Table]:
    if label.startswith("synthetic"):
        sample = linkage_sample(3000, seed=11)
        return load_schema("city"), sample.a if label.endswith("a") else sample.b
    return load_schema("febrl"), _febrl(
        {"febrl1": "dataset1.csv", "febrl4a": "dataset4a.csv", "febrl4b": "dataset4b.csv"}[label]
    )


def _normalized_digest(schema: LinkSchema, table: pa.Table) -> str:
    batch = normalize_batch(schema, table)
    digest = hashlib.sha256()
    for name in sorted(batch.values):
        for value in batch.values[name].to_pylist():
            digest.update(b"\x00" if value is None else value.encode() + b"\x01")
        digest.update(b"\x02")
    digest.update(batch.keep.tobytes())
    digest.update("\n".join(p.describe() for p in batch.problems).encode())
    return digest.hexdigest()


def _encodings_digest(schema: LinkSchema, table: pa.Table) -> str:
    encodings, problems = encode_table(table, schema, KEY)
    digest = hashlib.sha256()
    digest.update("\n".join(encodings.ids.to_pylist()).encode())
    digest.update(np.ascontiguousarray(encodings.words).tobytes())
    digest.update(np.ascontiguousarray(encodings.blocks).tobytes())
    digest.update("\n".join(p.describe() for p in problems).encode())
    return digest.hexdigest()


@pytest.mark.parametrize("label", sorted(PINNED))
def test_normalized_values_and_encodings_are_unchanged(label: str) -> None:
    schema, table = _table(label)
    assert (_normalized_digest(schema, table), _encodings_digest(schema, table)) == PINNED[label]


# Text that reaches every branch: ASCII letters, digits and punctuation (apostrophes,
# hyphens, periods), the whitespace Arrow trims, accented and non-Latin letters, letters
# that lower-case to ASCII (Kelvin sign), titles, nicknames and missing markers as words.
_PIECES = st.sampled_from(
    ["Mr", "dr.", "JR", "iii", "Bill", "bob", "O'", "’", "`", "-", " ", "  ", ".", "/", "unknown",
     "N/A", "fnu", "De la", "Pérez", "ß", "Ł", "\u212a", "\u00a0", "\t", "\x0b", "\x1c", "1985",
     "07", "#4B", "Straße", "Иван", "李", "e\u0301"]
)  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=12),
    st.lists(_PIECES | st.text(max_size=3), max_size=5).map("".join),
)
_COLUMNS = st.lists(st.none() | _TEXT, max_size=24)
_KINDS = [k for k in FieldKind if k not in (FieldKind.ADDRESS, FieldKind.PHONE)]


@settings(max_examples=60, deadline=None)
@given(values=_COLUMNS, nicknames=st.booleans())
@pytest.mark.parametrize("kind", _KINDS, ids=[k.value for k in _KINDS])
def test_batch_normalizer_equals_per_value_reference(
    kind: FieldKind, values: list[str | None], nicknames: bool
) -> None:
    options = NormalizeOptions(nicknames=nicknames)
    got = normalize_column(kind, pa.array(values, pa.string()), options).to_pylist()
    assert got == [normalize_value(kind, v, options) for v in values]


@settings(max_examples=150, deadline=None)
@given(values=_COLUMNS)
def test_missing_markers_equal_arrow_reference(values: list[str | None]) -> None:
    array = pa.array(values, pa.string())
    assert is_missing(array).to_pylist() == _is_missing_arrow(array).to_pylist()


_SPACE = st.sampled_from(["", " ", "  ", "\t", "\x0b", "\u00a0", "\n"])
_NUMBER = st.integers(0, 99999).map(str) | st.integers(0, 99).map(lambda n: f"{n:02d}")
_DATE = st.one_of(
    st.tuples(_SPACE, _NUMBER, st.sampled_from(["", "-", "/", ".", " ", "--"]), _NUMBER,
              st.sampled_from(["", "-", "/", ".", " "]), _NUMBER, _SPACE).map("".join),
    st.tuples(st.integers(1, 31), st.sampled_from(["Mar", "march", "SEPT", "foo"]),
              st.integers(0, 2300)).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
    st.text(alphabet="0123456789-/. T:\u0663", max_size=12),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.none() | _DATE, max_size=24), day_first=st.booleans())
def test_compiled_dates_equal_regex_reference(values: list[str | None], day_first: bool) -> None:
    array = pa.array(values, pa.string())
    got = normalize_dates(array, day_first=day_first).to_pylist()
    assert got == normalize_dates_reference(array, day_first=day_first).to_pylist()
    options = NormalizeOptions(day_first=day_first)
    column = normalize_column(FieldKind.DATE, array, options).to_pylist()
    assert column == [normalize_value(FieldKind.DATE, v, options) for v in values]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("19850307", "19850307", id="compact"),
        pytest.param(" 1985-03-07 ", "19850307", id="iso-padded"),
        pytest.param("1985-0307", "19850307", id="one-dash"),
        pytest.param("3/7/1985", "19850307", id="month-first"),
        pytest.param("25.03.1985", "19850325", id="day-first-by-value"),
        pytest.param("13/13/1985", None, id="neither"),
        pytest.param("19850230", None, id="not-a-day"),
        pytest.param("7 March 1985", "19850307", id="named-fallback"),
    ],
)
def test_date_forms(raw: str, expected: str | None) -> None:
    assert normalize_dates(pa.array([raw, None])).to_pylist() == [expected, None]


def test_short_string_blocks_match_the_general_path() -> None:
    short = pa.array(["a", None, "abcdefghijklmn", ""], pa.string())
    long = pa.array(["a", None, "abcdefghijklmn", "", "abcdefghijklmno"], pa.string())
    assert np.array_equal(string_blocks(short, 3), string_blocks(long, 3)[:4])
    assert string_blocks(short, 3)[2, 1] == 14


_MIXED = pa.array(
    ["x", None, "Bill O'Brien", "unknown", "1985-03-07", " 3/7/85", "Jr", "", "Pérez", "12 Main"],
    pa.string(),
)


@pytest.mark.parametrize(
    "values",
    [
        pytest.param(pa.array([], pa.string()), id="empty"),
        pytest.param(pa.array([None, None], pa.string()), id="all-null"),
        pytest.param(_MIXED.slice(2, 6), id="slice"),
        pytest.param(_MIXED.slice(1), id="slice-from-null"),
    ],
)
@pytest.mark.parametrize("kind", list(FieldKind), ids=[k.value for k in FieldKind])
def test_edge_arrays_equal_reference(values: pa.Array, kind: FieldKind) -> None:
    got = normalize_column(kind, values).to_pylist()
    assert got == [normalize_value(kind, v) for v in values.to_pylist()]


@pytest.mark.parametrize("kind", _KINDS, ids=[k.value for k in _KINDS])
def test_compatibility_capitals_fold_alike_alone_and_in_a_mixed_column(kind: FieldKind) -> None:
    """Found by Hypothesis: a mathematical capital decomposes (NFKD) to an upper-case letter,
    which must be folded to lower case whatever else the column holds."""
    options = NormalizeOptions()
    for values in (["\x80", "\U0001d5d4"], ["\U0001d5d4"], ["Ortiz", "\U0001d5d4rt\u00edz"]):
        got = normalize_column(kind, pa.array(values, pa.string()), options).to_pylist()
        assert got == [normalize_value(kind, v, options) for v in values]
