"""Where each input file goes, in which format, checked before anything is written.

* ``IN`` a file, ``OUT`` a file path: one output; a table is written in the format of
  ``OUT``'s extension (``.csv .tsv .parquet .jsonl .xlsx``...), or in its own format when
  ``OUT`` has no extension; a text file stays text.
* ``IN`` a file, ``OUT`` an existing directory: ``OUT/<name of IN>``.
* ``IN`` a directory: every readable file under it goes to the same relative path under
  ``OUT`` (created), in its own format.

Refused up front, with nothing written: a missing ``IN``; ``OUT`` the same file as ``IN``
or inside the ``IN`` directory (the run would read its own output); a directory ``IN``
with an ``OUT`` that is a file; an ``OUT`` whose parent directory does not exist; a table
asked to be written with an extension that is not a table format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cityprivacy.detect.files import FileFormat, detect_format, discover
from cityprivacy.detect.files.base import HEAD_BYTES
from cityprivacy.errors import InputError, UnreadableFileError, UnsupportedFormatError
from cityprivacy.protect.table_io import OUTPUT_FORMATS

__all__ = ["Target", "plan_targets"]


@dataclass(frozen=True, slots=True)
class Target:
    """One input file, its output path, and the output format (``None``: as the input)."""

    input: Path
    output: Path
    format: FileFormat | None = None

    def output_format(self, input_format: FileFormat) -> FileFormat:
        """The format to write, given the format the input was read as."""
        if not input_format.is_table:
            return FileFormat.TEXT
        return self.format or input_format


def plan_targets(
    source: Path, output: Path, on_problem: Callable[[UnreadableFileError], None]
) -> list[Target]:
    """The targets of a run; problems met walking a directory go to ``on_problem``."""
    source, output = Path(source), Path(output)
    if not source.exists():
        raise InputError(f"{source}: no such file or directory")
    if source.is_dir():
        return _directory(source, output, on_problem)
    if output.is_dir():
        output = output / source.name
    _check_distinct(source, output)
    if not output.parent.is_dir():
        raise InputError(f"{output}: the output directory {output.parent} does not exist")
    return [Target(source, output, _requested_format(source, output))]


def _directory(
    source: Path, output: Path, on_problem: Callable[[UnreadableFileError], None]
) -> list[Target]:
    if output.exists() and not output.is_dir():
        raise InputError(f"{output}: IN is a directory, so OUT must be a directory, not a file")
    root, out = source.resolve(), output.resolve()
    if out == root or root in out.parents:
        raise InputError(
            f"{output}: the output directory may not be inside the input directory {source}"
        )
    if not out.parent.is_dir():
        raise InputError(f"{output}: its parent directory {output.parent} does not exist")
    return [
        Target(found.path, output / found.path.relative_to(source))
        for found in discover([source], on_problem)
    ]


def _check_distinct(source: Path, output: Path) -> None:
    if output.exists() and output.resolve() == source.resolve():
        raise InputError(f"{output}: the output may not be the input file itself")


def _requested_format(source: Path, output: Path) -> FileFormat | None:
    """The table format OUT's extension asks for; ``None`` to keep the input's format."""
    suffix = output.suffix.lower()
    if not suffix or suffix == source.suffix.lower():
        return None
    requested = OUTPUT_FORMATS.get(suffix)
    if requested is not None:
        return requested
    try:
        with source.open("rb") as raw:
            head = raw.read(HEAD_BYTES)
        is_table = bool(head) and detect_format(source, head).is_table
    except (OSError, UnreadableFileError):
        return None  # reported when the file is read
    if is_table:
        known = ", ".join(sorted(OUTPUT_FORMATS))
        raise UnsupportedFormatError(
            f"{output}: {source.name} is a table and cannot be written as {suffix!r}; "
            f"use one of {known}, or no extension to keep its format"
        )
    return None
