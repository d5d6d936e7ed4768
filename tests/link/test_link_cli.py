"""``cityprivacy link``: encode, match, evaluate and block through the command line."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityprivacy.cli import app
from cityprivacy.config import get_settings
from cityprivacy.link.synthetic import COLUMNS, linkage_sample

runner = CliRunner()
SECRET = "9f1c2e7a5b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6"


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CITYPRIVACY_KEY", raising=False)
    monkeypatch.delenv("CITYPRIVACY_KEY_FILE", raising=False)
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def agencies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two agencies' client files, the truth, and two key files."""
    folder = tmp_path_factory.mktemp("agencies")
    sample = linkage_sample(200, seed=11)
    for name, table in (("a.csv", sample.a), ("b.csv", sample.b)):
        with (folder / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(zip(*(table.column(c).to_pylist() for c in COLUMNS), strict=True))
    with (folder / "truth.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([("id_a", "id_b"), *sample.truth])
    (folder / "shared.key").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "other.key").write_text("0" * 64 + "\n", encoding="utf-8")
    return folder


def _encode(folder: Path, name: str, out: Path, key: str = "shared.key", *extra: str) -> None:
    result = runner.invoke(
        app,
        ["link", "encode", str(folder / name), str(out), "--schema", "city",
         "--key-file", str(folder / key), *extra],
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_encode_match_evaluate_block(
    agencies: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    a, b, matches = tmp_path / "a.parquet", tmp_path / "b.csv", tmp_path / "matches.csv"
    encoded = runner.invoke(
        app,
        ["link", "encode", str(agencies / "a.csv"), str(a), "--schema", "city",
         "--key-file", str(agencies / "shared.key"), "--json"],
    )  # fmt: skip
    assert encoded.exit_code == 0, encoded.output
    summary = json.loads(encoded.stdout)
    assert summary["records"] == 200
    assert summary["bits"] == 1024
    assert summary["method"] == "bloom"
    _encode(agencies, "b.csv", b)
    matched = runner.invoke(
        app, ["link", "match", str(a), str(b), "-t", "0.5", "-o", str(matches), "--json"]
    )
    assert matched.exit_code == 0, matched.output
    assert json.loads(matched.stdout)["matches"] > 0
    evaluated = runner.invoke(
        app, ["link", "evaluate", str(matches), "--truth", str(agencies / "truth.csv"), "--json"]
    )
    assert evaluated.exit_code == 0, evaluated.output
    quality = json.loads(evaluated.stdout)
    assert quality["true_pairs"] == 100
    assert quality["best_f1"] > 0.9
    blocked = runner.invoke(
        app, ["link", "block", str(a), str(b), "--truth", str(agencies / "truth.csv"), "--json"]
    )
    assert blocked.exit_code == 0, blocked.output
    stats = json.loads(blocked.stdout)
    assert stats["reduction_ratio"] > 0.9
    assert stats["pairs_completeness"] > 0.8
    human = runner.invoke(
        app, ["link", "evaluate", str(matches), "--truth", str(agencies / "truth.csv")]
    )
    assert "best threshold" in human.stdout
    # The secret never shows: not in any output, file or log record.
    outputs = [
        encoded.output,
        matched.output,
        evaluated.output,
        blocked.output,
        human.output,
        caplog.text,
    ]
    files = [p.read_bytes() for p in (a, b, matches)]
    assert not any(SECRET in text for text in outputs)
    assert not any(SECRET.encode() in data for data in files)


def test_match_refuses_encodings_under_another_key_or_schema(
    agencies: Path, tmp_path: Path
) -> None:
    a, b_other, b_febrl = (
        tmp_path / "a.parquet",
        tmp_path / "b_other.parquet",
        tmp_path / "f.parquet",
    )
    _encode(agencies, "a.csv", a)
    _encode(agencies, "b.csv", b_other, "other.key")
    result = runner.invoke(app, ["link", "match", str(a), str(b_other), "-t", "0.6"])
    assert result.exit_code == 2
    assert "different keys" in result.stderr
    schema = tmp_path / "other.yaml"
    schema.write_text(
        "name: other\nid_column: client_id\nfields:\n"
        "  - {name: first_name, kind: given_name, bits: 80}\n"
        "  - {name: last_name, kind: surname, bits: 80}\n  - {name: dob, kind: date, bits: 80}\n",
        encoding="utf-8",
    )
    _encode(agencies, "b.csv", b_febrl, "shared.key", "--schema", str(schema))
    result = runner.invoke(app, ["link", "match", str(a), str(b_febrl), "-t", "0.6"])
    assert result.exit_code == 2
    assert "different linkage schemas" in result.stderr


@pytest.mark.parametrize("threshold", ["1.5", "-0.1", "nan"])
def test_thresholds_outside_zero_one_exit_2(agencies: Path, tmp_path: Path, threshold: str) -> None:
    a = tmp_path / "a.parquet"
    _encode(agencies, "a.csv", a)
    result = runner.invoke(app, ["link", "match", str(a), "--dedupe", "-t", threshold])
    assert result.exit_code == 2
    assert "outside [0, 1]" in result.stderr


def test_missing_and_short_keys_are_clear_errors_without_the_key(
    agencies: Path, tmp_path: Path
) -> None:
    missing = runner.invoke(
        app, ["link", "encode", str(agencies / "a.csv"), str(tmp_path / "a.parquet"), "-s", "city"]
    )
    assert missing.exit_code == 2
    assert "no key" in missing.stderr
    short = tmp_path / "short.key"
    short.write_text("hunter2-not-long-enough", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "link",
            "encode",
            str(agencies / "a.csv"),
            str(tmp_path / "a.parquet"),
            "-s",
            "city",
            "--key-file",
            str(short),
        ],
    )
    assert result.exit_code == 2
    assert "at least 32" in result.stderr
    assert "hunter2" not in result.output
    assert not (tmp_path / "a.parquet").exists()


def test_malformed_rows_are_reported_and_the_rest_written(agencies: Path, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    lines = (agencies / "a.csv").read_text(encoding="utf-8").splitlines()
    lines.insert(3, "x1,too,few")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "a.parquet"
    result = runner.invoke(
        app,
        [
            "link",
            "encode",
            str(source),
            str(out),
            "-s",
            "city",
            "--key-file",
            str(agencies / "shared.key"),
        ],
    )
    assert result.exit_code == 2
    assert "line 4" in result.stderr
    assert "ragged" in result.stderr
    assert "200 records" in result.stdout
    assert out.exists()


def test_empty_input_and_bad_usage(agencies: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "link",
            "encode",
            str(empty),
            str(tmp_path / "e.parquet"),
            "-s",
            "city",
            "--key-file",
            str(agencies / "shared.key"),
        ],
    )
    assert result.exit_code == 2
    assert "empty" in result.stderr
    a = tmp_path / "a.parquet"
    _encode(agencies, "a.csv", a)
    both = runner.invoke(app, ["link", "match", str(a), str(a), "--dedupe", "-t", "0.5"])
    assert both.exit_code == 2
    assert "one file with --dedupe" in both.stderr
    unknown = runner.invoke(app, ["link", "encode", str(agencies / "a.csv"), str(a), "-s", "nope"])
    assert unknown.exit_code == 2
    assert "cannot read the linkage schema" in unknown.stderr


def test_dedupe_prints_pairs_without_output_file(agencies: Path, tmp_path: Path) -> None:
    a = tmp_path / "a.parquet"
    _encode(agencies, "a.csv", a)
    result = runner.invoke(app, ["link", "match", str(a), "--dedupe", "-t", "0.99"])
    assert result.exit_code == 0
    assert "pairs compared" in result.stdout


def test_splink_method_without_the_extra_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from cityprivacy.errors import ConfigurationError
    from cityprivacy.link.splink_method import require_splink

    monkeypatch.setitem(sys.modules, "splink", None)
    with pytest.raises(ConfigurationError, match=r"pip install 'cityprivacy\[splink\]'"):
        require_splink()
