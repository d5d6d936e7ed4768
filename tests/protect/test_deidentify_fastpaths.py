"""The fast paths of table de-identification give the output of the plain paths, byte for byte.

Three fast paths: a column's distinct values transformed once a batch (instead of cell by
cell), identical notes analyzed once a batch, and a ZIP looked for in an address only when
the address has five digits in a row (instead of always tagging it with usaddress). The
golden digests below were made by the code *before* those fast paths existed (the tree at
commit 23994aa, with the same generated table, key, policies and settings); the output
must not have moved. Made with::

    .venv/bin/python tests/protect/test_deidentify_fastpaths.py   # prints the digests

They depend on the built-in detector too (it classifies the columns and finds values in
the notes): a deliberate change to the detector moves them, and then they are made again
with that command, on a tree whose ``protect/`` has not changed.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.config import Settings
from cityprivacy.datasets.records import CLIENT_COLUMNS, client_records
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.protect.deidentify import Deidentifier
from cityprivacy.protect.deidentify.columns import apply_rule_per_cell, apply_rule_to_column
from cityprivacy.protect.deidentify.summary import Counts
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.operators import places
from cityprivacy.protect.policy import BoundPolicy, Policy, parse_policy, shipped_policy
from cityprivacy.taxonomy import load_taxonomy

KEY = SecretKey(b"fast-paths-golden-key-0123456789")
ROWS = 1_000
BATCH_ROWS = 250  # four batches; the first 200 rows classify the columns

OTHER_POLICY = """\
version: 1
default: replace
columns:
  client_id: {operator: encrypt, alphabet: alphanumeric}
  first_name: {operator: mask, keep_first: 1, keep_last: 0}
  last_name: suppress
  dob: {operator: date_shift, max_days: 30}
  ssn: {operator: encrypt, too_short: suppress}
  cin: {operator: encrypt, alphabet: alphanumeric, too_short: suppress}
  address: {operator: generalize, to: borough}
  borough: {operator: pseudonymize, prefix: BORO, length: 8}
  zip: {operator: generalize, to: zip3}
  phone: {operator: mask, keep_last: 4}
  email: redact
  sex: keep
  race: replace
  primary_language: {operator: generalize, to: year}
"""

GOLDEN = {
    # policy name: SHA-256 of the de-identified CSV, made by the code before the fast paths
    "default": "aac5e830683f0de3e963be563078aa37986d660946e4083f64d58c596c06fcc8",
    "other": "6b9f17dbf2f90d08abb2ece2a762b34af40af240ee5c35aa62f120f7650f3b3d",
}


def _policy(name: str) -> Policy:
    return shipped_policy("default") if name == "default" else parse_policy(OTHER_POLICY)


def _write_table(path: Path) -> None:
    """The generated client table: every column of ``client_records``, with names, ZIPs,
    boroughs and languages repeating, blanks in ``ssn``/``cin``/``notes``, and a few
    addresses that do hold a ZIP code (so the tagger still runs on some)."""
    rows = client_records(ROWS, seed=11)
    for i, row in enumerate(rows):
        if i % 7 == 0:
            row["address"] = f"{row['address']}, {row['borough']}, NY {row['zip']}"
        if i % 50 == 0:
            row["dob"] = "not a date"
    schema = pa.schema([(c, pa.string()) for c in CLIENT_COLUMNS])
    pacsv.write_csv(pa.Table.from_pylist(rows, schema=schema), path)


def deidentified_digest(policy: str, folder: Path) -> str:
    """SHA-256 of the generated table de-identified with ``policy`` on one process."""
    source, output = folder / f"clients_{policy}.csv", folder / f"out_{policy}.csv"
    _write_table(source)
    settings_ = Settings(batch_rows=BATCH_ROWS, sample_rows=200)
    deid = Deidentifier(
        _policy(policy), KEY, settings_, TextAnalyzer(settings=settings_), workers=1
    )
    summary = deid.files(source, output)
    assert summary.rows == ROWS
    assert not summary.all_problems
    return hashlib.sha256(output.read_bytes()).hexdigest()


@pytest.mark.parametrize("policy", sorted(GOLDEN))
def test_output_is_byte_identical_to_before_the_fast_paths(tmp_path: Path, policy: str) -> None:
    assert deidentified_digest(policy, tmp_path) == GOLDEN[policy]


def _counts_in_order(counts: Counts) -> list[tuple[tuple[str | None, str], int]]:
    return list(counts.items())


@pytest.mark.parametrize("policy", ["default", "other"])
@pytest.mark.parametrize("with_subjects", [True, False], ids=["subjects", "no-subject"])
def test_distinct_values_path_equals_the_cell_by_cell_path(
    policy: str, with_subjects: bool
) -> None:
    rows = client_records(300, seed=3)
    bound = BoundPolicy(_policy(policy), load_taxonomy(), KEY)
    subjects = [r["client_id"] or None for r in rows] if with_subjects else None
    checked = 0
    for column in CLIENT_COLUMNS:
        values: list[str | None] = [r[column] for r in rows]
        values[5] = None
        values[9] = "   "
        rule = bound.for_column(column) or bound.for_entity("US_SSN")
        fast: Counts = Counter()
        plain: Counts = Counter()
        got = apply_rule_to_column(rule, pa.array(values, pa.string()), "US_SSN", subjects, fast)
        want = apply_rule_per_cell(rule, values, "US_SSN", subjects, plain)
        assert got.to_pylist() == want.to_pylist(), column
        assert got.type == want.type == pa.string()
        assert _counts_in_order(fast) == _counts_in_order(plain), column
        checked += 1
    assert checked == len(CLIENT_COLUMNS)


def test_a_date_shift_by_subject_still_goes_cell_by_cell() -> None:
    bound = BoundPolicy(parse_policy("version: 1\ndefault: date_shift\n"), load_taxonomy(), KEY)
    rule = bound.for_entity("DATE_TIME")
    column = pa.array(["2024-03-07"] * 4, pa.string())
    counts: Counts = Counter()
    out = apply_rule_to_column(rule, column, "DATE_TIME", ["a", "b", "c", "d"], counts).to_pylist()
    assert len(set(out)) > 1  # each person's own offset, not the first row's for all
    assert counts == Counter({("DATE_TIME", rule.name): 4})


def test_identical_notes_are_protected_each_with_their_own_subject(tmp_path: Path) -> None:
    policy = parse_policy("version: 1\ndefault: replace\nentities:\n  DATE_TIME: date_shift\n")
    settings_ = Settings()
    deid = Deidentifier(policy, KEY, settings_, TextAnalyzer(settings=settings_), workers=1)
    note = "Seen on 2024-03-07 at the Jamaica office."
    counts: Counts = Counter()
    out = deid.protector.protect_cells([note, note, None, note], ["a", "b", None, "a"], counts)
    plain: Counts = Counter()
    one_by_one = [deid.protector.protect_cell(note, s, plain) for s in ("a", "b", "a")]
    assert out == [one_by_one[0], one_by_one[1], None, one_by_one[2]]
    assert out[0] != out[1]
    assert out[0] == out[3]
    assert counts == plain
    assert counts[("DATE_TIME", "date_shift")] == 3


def _zip_by_tagging(text: str) -> str | None:
    """``find_zip`` without the five-digit fast path: what usaddress's tags give."""
    match = places._ZIP_ONLY.fullmatch(text)
    if match is not None:
        return match.group(1)
    tagged = places._address_part.__wrapped__(text, "ZipCode")
    if tagged is None:
        return None
    found = places._ZIP_IN_TAG.fullmatch(tagged.strip())
    return found.group(1) if found is not None else None


@pytest.mark.parametrize(
    "address",
    [
        pytest.param("2281 Morris Ave, Apt. 12C", id="no-zip"),
        pytest.param("2281 Morris Ave, Apt. 12C, Bronx, NY 10457", id="zip"),
        pytest.param("12&#38;345 Main St 6789", id="entity-between-digits"),
        pytest.param("PO Box 12345, New York NY", id="five-digit-box"),
        pytest.param("1 Main St, Brooklyn NY 11201-1234", id="zip4"),
        pytest.param("1 Main St, Brooklyn NY \u0661\u0661\u0662\u0660\u0661", id="arabic-digits"),
    ],
)
def test_five_digit_fast_path_gives_the_tagger_answer(address: str) -> None:
    assert places.find_zip(address) == _zip_by_tagging(address)


def test_generated_addresses_give_the_tagger_answer() -> None:
    rows = client_records(400, seed=5)
    addresses = [r["address"] for r in rows]
    addresses += [f"{r['address']} {r['borough']} NY {r['zip']}" for r in rows[:50]]
    for address in addresses:
        assert places.find_zip(address) == _zip_by_tagging(address), address


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789 ,.#&-;()aAmpNY\n\u0660\u0663")), max_size=40)
)
def test_fast_path_equals_tagging_on_any_text(text: str) -> None:
    assert places.find_zip(text) == _zip_by_tagging(text)


if __name__ == "__main__":  # the command in the module docstring
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(GOLDEN):
            print(f'    "{name}": "{deidentified_digest(name, Path(tmp))}",')
    sys.exit(0)
