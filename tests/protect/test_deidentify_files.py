"""De-identifying files and folders: targets, consistency, atomicity, parallelism, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.errors import InputError, KeyMaterialError, UnsupportedFormatError
from cityprivacy.protect.deidentify import Deidentifier, key_for_policy
from cityprivacy.protect.deidentify.tables import BatchTransformer
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.policy import parse_policy
from cityprivacy.protect.table_io import read_table, write_table

KEY = SecretKey(b"files-tests-key-0123456789abcdef")
OTHER_KEY = SecretKey(b"files-tests-key-9876543210fedcba")
POLICY = parse_policy(
    "version: 1\ndefault: replace\nentities:\n  US_SSN: pseudonymize\n  EMAIL_ADDRESS: redact\n"
)
SSNS = ["123-45-6789", "234-56-7890", "345-67-8901"]


def _deid(
    settings: Settings, analyzer: TextAnalyzer, key: SecretKey = KEY, workers: int = 1
) -> Deidentifier:
    return Deidentifier(POLICY, key, settings, analyzer, workers=workers)


def _tree(root: Path) -> Path:
    (root / "sub").mkdir(parents=True)
    write_table(pa.table({"ssn": SSNS, "city": ["a", "b", "c"]}), root / "clients.csv")
    (root / "sub" / "note.txt").write_text(
        f"SSN {SSNS[0]} called from bo@example.org.\n", encoding="utf-8"
    )
    write_table(pa.table({"id": ["1"], "ssn": [SSNS[1]]}), root / "sub" / "more.jsonl")
    return root


def _token(text: str) -> str:
    start = text.index("US_SSN_")
    return text[start : start + len("US_SSN_") + 12]


def test_a_folder_is_mirrored_file_by_file(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    source = _tree(tmp_path / "in")
    summary = _deid(settings, analyzer).files(source, tmp_path / "out")
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*"))
    assert written == ["clients.csv", "sub", "sub/more.jsonl", "sub/note.txt"]
    assert summary.files_written == 3
    assert summary.all_problems == []
    assert summary.rows == 4
    note = (tmp_path / "out" / "sub" / "note.txt").read_text(encoding="utf-8")
    assert SSNS[0] not in note
    assert "@" not in note
    assert note.startswith("SSN US_SSN_")
    assert note.endswith(" called from .\n")


def test_pseudonyms_agree_across_files_and_runs_with_the_same_key(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    source = _tree(tmp_path / "in")
    _deid(settings, analyzer).files(source, tmp_path / "run1")
    _deid(settings, analyzer).files(source, tmp_path / "run2")
    _deid(settings, analyzer, OTHER_KEY).files(source, tmp_path / "other")
    table = read_table(tmp_path / "run1" / "clients.csv").column("ssn").to_pylist()
    note = (tmp_path / "run1" / "sub" / "note.txt").read_text(encoding="utf-8")
    assert _token(note) == table[0]  # the same SSN in a text file and in a table
    for name in ("clients.csv", "sub/note.txt", "sub/more.jsonl"):
        run1 = (tmp_path / "run1" / name).read_bytes()
        assert run1 == (tmp_path / "run2" / name).read_bytes()  # no state between runs
        assert run1 != (tmp_path / "other" / name).read_bytes()  # another key, other tokens


def test_parallel_output_equals_single_process_output(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    n = 260  # six batches of 50 rows
    table = pa.table(
        {
            "ssn": [f"{100 + i % 800:03d}-45-{1000 + i:04d}" for i in range(n)],
            "notes": [f"Asked about SSN {200 + i % 700:03d}-12-{3000 + i:04d} and the rent due "
                      f"this month, write to p{i}@example.org" for i in range(n)],
            "code": [str(i % 7) for i in range(n)],
        }
    )  # fmt: skip
    write_table(table, tmp_path / "in.parquet")
    one = _deid(settings, analyzer, workers=1).files(tmp_path / "in.parquet", tmp_path / "1.csv")
    two = _deid(settings, analyzer, workers=2).files(tmp_path / "in.parquet", tmp_path / "2.csv")
    assert two.workers == 2
    assert (tmp_path / "1.csv").read_bytes() == (tmp_path / "2.csv").read_bytes()
    assert one.counts == two.counts
    assert one.counts[("US_SSN", "pseudonymize")] == 2 * n


def test_a_failure_midway_leaves_no_partial_file_and_keeps_the_old_one(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = 200
    write_table(pa.table({"ssn": [SSNS[0]] * rows}), tmp_path / "in.csv")
    (tmp_path / "out.csv").write_text("earlier good output\n", encoding="utf-8")
    calls = {"n": 0}
    transform = BatchTransformer.transform

    def failing(self: BatchTransformer, batch: pa.RecordBatch, plan: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return transform(self, batch, plan)  # type: ignore[arg-type]

    monkeypatch.setattr(BatchTransformer, "transform", failing)
    summary = _deid(settings, analyzer).files(tmp_path / "in.csv", tmp_path / "out.csv")
    (file,) = summary.files
    assert not file.written
    assert [p.reason for p in file.problems] == ["read or write failed (No space left on device)"]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "earlier good output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_an_unexpected_error_propagates_without_leaving_a_partial_file(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_table(pa.table({"ssn": SSNS * 40}), tmp_path / "in.csv")

    def broken(self: BatchTransformer, batch: pa.RecordBatch, plan: object) -> object:
        raise RuntimeError("bug")

    monkeypatch.setattr(BatchTransformer, "transform", broken)
    with pytest.raises(RuntimeError):
        _deid(settings, analyzer).files(tmp_path / "in.csv", tmp_path / "out.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_no_key_or_a_short_key_fails_before_anything_is_written(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("CITYPRIVACY_KEY", "CITYPRIVACY_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(KeyMaterialError, match="no key"):
        key_for_policy(POLICY, Settings(), key_file=None)
    short = tmp_path / "short.key"
    short.write_bytes(b"too short\n")
    with pytest.raises(KeyMaterialError, match="9 bytes; at least 32"):
        key_for_policy(POLICY, settings, key_file=short)
    with pytest.raises(KeyMaterialError, match="needs a secret key"):
        Deidentifier(POLICY, None, settings, analyzer)
    assert not (tmp_path / "out").exists()


def test_a_policy_without_keyed_rules_needs_no_key(settings: Settings) -> None:
    policy = parse_policy("version: 1\ndefault: redact\n")
    assert key_for_policy(policy, settings) is None


def _one_table(path: Path) -> None:
    write_table(pa.table({"a": ["1"]}), path)


@pytest.mark.parametrize(
    ("source", "output", "error", "message"),
    [
        pytest.param("absent.csv", "out.csv", InputError, "no such file", id="missing-in"),
        pytest.param("tree", "tree/sub/out", InputError, "may not be inside", id="out-inside-in"),
        pytest.param("tree", "file.txt", InputError, "OUT must be a directory",
                     id="folder-into-file"),
        pytest.param("table.csv", "out.md", UnsupportedFormatError, "cannot be written as '.md'",
                     id="table-as-text"),
        pytest.param("table.csv", "no/such/out.csv", InputError, "does not exist",
                     id="no-output-folder"),
    ],
)  # fmt: skip
def test_bad_targets_are_refused_before_anything_is_written(
    tmp_path: Path,
    settings: Settings,
    analyzer: TextAnalyzer,
    source: str,
    output: str,
    error: type[Exception],
    message: str,
) -> None:
    _tree(tmp_path / "tree")
    _one_table(tmp_path / "table.csv")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(error, match=message):
        _deid(settings, analyzer).files(tmp_path / source, tmp_path / output)
    assert sorted(tmp_path.rglob("*")) == before


def test_the_output_may_not_be_the_input(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    write_table(pa.table({"ssn": SSNS}), tmp_path / "in.csv")
    with pytest.raises(InputError, match="may not be the input"):
        _deid(settings, analyzer).files(tmp_path / "in.csv", tmp_path / "in.csv")


def test_ragged_rows_are_reported_by_line_and_the_rest_written(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    (tmp_path / "in.csv").write_text(
        f"ssn,city\n{SSNS[0]},a\n{SSNS[1]},b,EXTRA\n{SSNS[2]},c\n", encoding="utf-8"
    )
    summary = _deid(settings, analyzer).files(tmp_path / "in.csv", tmp_path / "out.csv")
    (file,) = summary.files
    assert file.written
    assert file.rows == 2
    assert [(p.line, p.reason.split(":")[0]) for p in file.problems] == [(3, "ragged row")]
    assert "EXTRA" not in json.dumps(summary.to_dict())
    assert read_table(tmp_path / "out.csv").column("city").to_pylist() == ["a", "c"]


def test_invalid_utf8_is_reported_and_replaced(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    (tmp_path / "in.csv").write_bytes(b"ssn,city\n123-45-6789,Bogot\xe1\n")
    (tmp_path / "note.txt").write_bytes(b"caf\xe9 and SSN 123-45-6789\n")
    deid = _deid(settings, analyzer)
    table = deid.files(tmp_path / "in.csv", tmp_path / "out.csv").files[0]
    text = deid.files(tmp_path / "note.txt", tmp_path / "out.txt").files[0]
    assert table.written
    assert text.written
    assert "invalid UTF-8 in column 'city', data row 1" in table.problems[0].reason
    assert table.problems[0].line == 2
    assert "invalid UTF-8" in text.problems[0].reason
    assert text.problems[0].line == 1
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert out.startswith("caf\ufffd and SSN US_SSN_")


def test_empty_and_binary_files_are_reported_and_not_written(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "empty.csv").write_bytes(b"")
    (source / "blob.txt").write_bytes(b"\x00\x01binary")
    (source / "ok.txt").write_text("fine\n", encoding="utf-8")
    summary = _deid(settings, analyzer).files(source, tmp_path / "out")
    reasons = {p.path.name: p.reason for p in summary.all_problems}
    assert reasons == {
        "empty.csv": "empty file, skipped",
        "blob.txt": "binary file (NUL bytes), skipped",
    }
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ok.txt"]


def test_the_summary_holds_no_value_from_the_data(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer
) -> None:
    source = _tree(tmp_path / "in")
    summary = _deid(settings, analyzer).files(source, tmp_path / "out")
    dumped = json.dumps(summary.to_dict())
    for value in [*SSNS, "bo@example.org", "example.org"]:
        assert value not in dumped
    assert summary.to_dict()["key_fingerprint"] == KEY.fingerprint
    assert KEY.derive("pseudonym").hex() not in dumped
    clients = next(f for f in summary.to_dict()["files"] if f["input"].endswith("clients.csv"))
    assert clients["untouched_columns"] == ["city"]
    assert {"entity_type": "US_SSN", "operator": "pseudonymize", "count": 3} in clients["counts"]


def test_tables_stream_the_reader_is_never_far_ahead_of_the_writer(
    tmp_path: Path, settings: Settings, analyzer: TextAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cityprivacy.detect.files.csv_reader import CsvReader
    from cityprivacy.protect.deidentify import writers

    write_table(pa.table({"ssn": SSNS * 400}), tmp_path / "in.csv")  # 24 batches of 50
    pulled: list[int] = []
    ahead: list[int] = []
    read = CsvReader.read

    def counting(self: CsvReader) -> object:
        for batch in read(self):
            pulled.append(1)
            yield batch

    real_open = writers.open_table_writer

    def spying(*args: object, **kwargs: object) -> object:
        writer = real_open(*args, **kwargs)  # type: ignore[arg-type]
        write = writer.write

        def record(table: str | None, batch: pa.RecordBatch) -> None:
            ahead.append(len(pulled))
            write(table, batch)

        writer.write = record  # type: ignore[method-assign]
        return writer

    monkeypatch.setattr(CsvReader, "read", counting)
    monkeypatch.setattr("cityprivacy.protect.deidentify.engine.open_table_writer", spying)
    _deid(settings, analyzer).files(tmp_path / "in.csv", tmp_path / "out.csv")
    assert len(ahead) == 24
    # The sample (200 rows = 4 batches) is read before the first write; after that, one
    # batch in, one batch out.
    assert max(n - i for i, n in enumerate(ahead)) <= 5
