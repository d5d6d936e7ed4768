"""Paths given to ``read_linkage_file`` that are not encodings files."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityprivacy.errors import InputError
from cityprivacy.link.io import read_linkage_file


def test_a_directory_is_named_as_such(tmp_path: Path) -> None:
    """A Spark-encoded directory given to the local engine gets a hint, not "no such file"."""
    (tmp_path / "enc").mkdir()
    with pytest.raises(InputError, match=r"a directory.*--engine spark"):
        read_linkage_file(tmp_path / "enc")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_linkage_file(tmp_path / "missing.parquet")
