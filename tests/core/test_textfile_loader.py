"""The shared text-file reader, and every loader that goes through it.

Each loader raises its own error class, names the file first and says what is wrong in
the same words; no message carries the file's content.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cityprivacy import _textfile as textfile
from cityprivacy._textfile import read_text_file
from cityprivacy.errors import PolicyError, TaxonomyError
from cityprivacy.govern.manifest.loader import load_manifest
from cityprivacy.protect.hierarchy.arx_csv import read_arx_csv
from cityprivacy.protect.hierarchy.rules_file import load_rules
from cityprivacy.protect.policy import load_policy
from cityprivacy.taxonomy import load_taxonomy_file

Loader = Callable[[Path], object]

LOADERS = [
    pytest.param(load_taxonomy_file, TaxonomyError, "taxonomy file", id="taxonomy"),
    pytest.param(load_manifest, PolicyError, "manifest", id="manifest"),
    pytest.param(load_policy, PolicyError, "policy", id="policy"),
    pytest.param(lambda p: read_arx_csv(p, "age"), PolicyError, "hierarchy", id="arx-csv"),
    pytest.param(load_rules, PolicyError, "hierarchy rules", id="hierarchy-rules"),
]


def _problem(loader: Loader, error: type[Exception], path: Path) -> str:
    with pytest.raises(error) as caught:
        loader(path)
    assert type(caught.value) is error  # PolicyError is a TaxonomyError: be exact
    return str(caught.value)


@pytest.mark.parametrize(("loader", "error", "label"), LOADERS)
def test_a_missing_file(loader: Loader, error: type[Exception], label: str, tmp_path: Path) -> None:
    path = tmp_path / "absent.txt"
    assert _problem(loader, error, path) == f"{path}: cannot read the {label}: not found"


@pytest.mark.parametrize(("loader", "error", "label"), LOADERS)
def test_a_folder(loader: Loader, error: type[Exception], label: str, tmp_path: Path) -> None:
    assert _problem(loader, error, tmp_path) == f"{tmp_path}: cannot read the {label}: not a file"


@pytest.mark.parametrize(("loader", "error", "label"), LOADERS)
def test_bytes_that_are_not_utf8_are_located_not_quoted(
    loader: Loader, error: type[Exception], label: str, tmp_path: Path
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("name: Jos\xe9 Ram\xedrez\n".encode("latin-1"))
    message = _problem(loader, error, path)
    assert message == f"{path}: cannot read the {label}: not UTF-8 at byte 9"
    assert "Jos" not in message


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file; POSIX modes only"
)
@pytest.mark.parametrize(("loader", "error", "label"), LOADERS)
def test_a_file_without_read_permission(
    loader: Loader, error: type[Exception], label: str, tmp_path: Path
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("version: '1'\n", encoding="utf-8")
    path.chmod(0)
    try:
        assert (
            _problem(loader, error, path) == f"{path}: cannot read the {label}: permission denied"
        )
    finally:
        path.chmod(0o600)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(PolicyError, match=r"pipe\.yaml: cannot read the policy: not a file"):
        read_text_file(pipe, label="policy", error=PolicyError)


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("x" * 11, encoding="utf-8")
    with pytest.raises(
        TaxonomyError, match=r"big\.yaml: cannot read the taxonomy file: larger than 10 bytes"
    ):
        read_text_file(path, label="taxonomy file", error=TaxonomyError, max_bytes=10)
    assert (
        read_text_file(path, label="taxonomy file", error=TaxonomyError, max_bytes=11) == "x" * 11
    )


def test_text_comes_back_unchanged_byte_order_mark_included(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffâge;*\r\n".encode())
    text = read_text_file(path, label="hierarchy", error=PolicyError)
    assert text == "\ufeffâge;*\r\n"


def test_the_loaders_still_read_good_files(tmp_path: Path) -> None:
    arx = tmp_path / "age.csv"
    arx.write_bytes("\ufeff34;30-39;*\n35;30-39;*\n".encode())
    assert read_arx_csv(arx, "age").values == ("34", "35")
    rules = tmp_path / "rules.yaml"
    rules.write_text("hierarchies:\n  zip: {type: prefix, keep: [3]}\n", encoding="utf-8")
    assert set(load_rules(rules)) == {"zip"}


def test_permission_denied_is_named_even_where_the_test_runs_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("version: '1'\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(textfile, "open", refuse, raising=False)
    with pytest.raises(
        PolicyError, match=r"locked\.yaml: cannot read the manifest: permission denied"
    ):
        read_text_file(path, label="manifest", error=PolicyError)
