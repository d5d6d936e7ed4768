"""Encoding: deterministic per key, different across keys, hardened as the schema says,
problems reported by line with the rest encoded, and the secret never in the output."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from cityprivacy.errors import InputError, UnreadableFileError
from cityprivacy.link import (
    BlockingMode,
    check_compatible,
    encode_file,
    encode_table,
    load_schema,
    match_encodings,
    parse_schema,
    read_linkage_file,
    write_linkage_file,
)
from cityprivacy.link.dice import DiceScorer, popcounts
from cityprivacy.link.synthetic import COLUMNS, linkage_sample
from cityprivacy.protect.keys import SecretKey

KEY = SecretKey(b"k" * 32)
OTHER = SecretKey(b"o" * 32)


@pytest.fixture(scope="module")
def sample() -> tuple[pa.Table, pa.Table, list[tuple[str, str]]]:
    s = linkage_sample(300, seed=3)
    return s.a, s.b, s.truth


def _schema(hardening: str = "{}", length: int = 512) -> str:
    return f"""
name: test
id_column: client_id
encoding: {{length: {length}}}
hardening: {hardening}
fields:
  - {{name: first_name, kind: given_name, bits: 60}}
  - {{name: last_name, kind: surname, bits: 60}}
  - {{name: dob, kind: date, bits: 60}}
"""


def test_encoding_is_deterministic_for_a_key(sample: tuple[pa.Table, pa.Table, list]) -> None:
    schema = load_schema("city")
    first, _ = encode_table(sample[0], schema, KEY)
    again, _ = encode_table(sample[0], schema, SecretKey(b"k" * 32))
    assert np.array_equal(first.words, again.words)
    assert np.array_equal(first.blocks, again.blocks)
    assert first.ids.to_pylist() == sample[0].column("client_id").to_pylist()


def test_encodings_differ_across_keys(sample: tuple[pa.Table, pa.Table, list]) -> None:
    schema = load_schema("city")
    mine, _ = encode_table(sample[0], schema, KEY)
    theirs, _ = encode_table(sample[0], schema, OTHER)
    assert not np.array_equal(mine.words, theirs.words)
    assert not np.intersect1d(mine.blocks[mine.blocks != 0], theirs.blocks[theirs.blocks != 0]).size
    # The same record under two keys is no closer than two random records.
    same = DiceScorer(mine.words, theirs.words).pairs(np.arange(300), np.arange(300))
    assert same.max() < 0.6


def test_encodings_under_two_keys_do_not_match(sample: tuple[pa.Table, pa.Table, list]) -> None:
    schema = load_schema("city")
    a, _ = encode_table(sample[0], schema, KEY)
    b_same, _ = encode_table(sample[1], schema, KEY)
    b_other, _ = encode_table(sample[1], schema, OTHER)
    with pytest.raises(InputError, match="different keys"):
        check_compatible(a.meta, b_other.meta, "a", "b")
    assert len(match_encodings(a, b_same, 0.62, blocking=BlockingMode.NONE)) > 100
    b_other.meta = a.meta  # forge the metadata: the bits themselves still do not match
    assert len(match_encodings(a, b_other, 0.62, blocking=BlockingMode.NONE)) == 0


def test_balanced_encodings_have_exactly_half_their_bits_set(sample: tuple) -> None:
    encodings, _ = encode_table(sample[0], parse_schema(_schema("{balance: true}", 256)), KEY)
    assert encodings.words.shape[1] * 64 == 512
    assert set(popcounts(encodings.words).tolist()) == {256}


def test_xor_folding_halves_the_length(sample: tuple) -> None:
    plain, _ = encode_table(sample[0], parse_schema(_schema("{}", 1024)), KEY)
    folded, _ = encode_table(sample[0], parse_schema(_schema("{xor_fold: true}", 1024)), KEY)
    assert folded.words.shape[1] * 2 == plain.words.shape[1]
    half = plain.words.shape[1] // 2
    assert np.array_equal(folded.words, plain.words[:, :half] ^ plain.words[:, half:])


def test_salting_separates_the_same_name_born_in_different_years() -> None:
    text = _schema("{salt: {field: dob, part: year}}").replace(
        "{name: first_name, kind: given_name, bits: 60}",
        "{name: first_name, kind: given_name, bits: 60, salted: true}",
    )
    table = pa.table(
        {
            "client_id": ["1", "2", "3"],
            "first_name": ["Maria", "Maria", "Maria"],
            "last_name": ["", "", ""],
            "dob": ["1980-01-02", "1980-05-06", "1990-01-02"],
        }
    )
    encodings, _ = encode_table(table, parse_schema(text), KEY)
    unsalted, _ = encode_table(table, parse_schema(_schema()), KEY)
    scorer, plain = DiceScorer(encodings.words), DiceScorer(unsalted.words)
    same_year = scorer.pairs(np.array([0]), np.array([1]))[0]
    other_year = scorer.pairs(np.array([0]), np.array([2]))[0]
    assert other_year < same_year
    assert plain.pairs(np.array([0]), np.array([2]))[0] > other_year


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def test_malformed_rows_are_reported_by_line_and_the_rest_encoded(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    header = list(COLUMNS)
    good = ["c1", "Ana", "Diaz", "1980-01-02", "F", "", "1 Main St", "10001", ""]
    lines = [
        header,
        good,
        ["c2", "Ben", "Ode"],  # line 3: ragged
        ["", "Cy", "Lee", "1970-02-03", "M", "", "", "", ""],  # line 4: no id
        ["c4", "Dee", "Kay", "1985-02-30", "F", "", "", "", ""],  # line 5: not a date
        ["c5", "", "", "", "", "", "", "", ""],  # line 6: nothing to encode
        ["c6", "Eve", "Ng", "3/4/1990", "F", "", "", "", ""],
    ]
    _write_csv(path, lines)
    encodings, problems = encode_file(path, load_schema("city"), KEY)
    assert encodings.ids.to_pylist() == ["c1", "c4", "c6"]
    found = {(p.line, p.field) for p in problems}
    assert {(3, None), (4, None), (5, "dob"), (6, None)} <= found
    described = " ".join(p.describe() for p in problems)
    assert "ragged" in described
    assert "1985" not in described
    assert "Dee" not in described


def test_empty_and_header_only_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="empty"):
        encode_file(empty, load_schema("city"), KEY)
    header = tmp_path / "header.csv"
    header.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="no rows"):
        encode_file(header, load_schema("city"), KEY)


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    _write_csv(path, [["client_id", "first_name"], ["c1", "Ana"]])
    with pytest.raises(InputError, match="'last_name'"):
        encode_file(path, load_schema("city"), KEY)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_encodings_files_round_trip(sample: tuple, tmp_path: Path, suffix: str) -> None:
    encodings, _ = encode_table(sample[0], load_schema("city"), KEY)
    path = tmp_path / f"a{suffix}"
    write_linkage_file(encodings, path)
    back = read_linkage_file(path)
    assert back.meta == encodings.meta
    assert np.array_equal(back.words, encodings.words)  # type: ignore[union-attr]
    assert np.array_equal(back.blocks, encodings.blocks)  # type: ignore[union-attr]
    assert back.ids.to_pylist() == encodings.ids.to_pylist()  # type: ignore[union-attr]


def test_the_secret_is_not_in_the_encodings_file(sample: tuple, tmp_path: Path) -> None:
    secret = b"correct horse battery staple, 32+ bytes of secret!"
    encodings, _ = encode_table(sample[0], load_schema("city"), SecretKey(secret))
    for suffix in (".parquet", ".csv"):
        path = tmp_path / f"a{suffix}"
        write_linkage_file(encodings, path)
        data = path.read_bytes()
        assert secret not in data
        assert secret.hex().encode() not in data
    assert secret.decode() not in repr(encodings.meta)


def test_files_that_are_not_encodings_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("id,encoding\n1,AAAA\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a cityprivacy encodings file"):
        read_linkage_file(path)
