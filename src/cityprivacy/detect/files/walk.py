"""Finding the files to scan and deciding how to read each one.

Paths given by the user are files or directories (walked recursively, symlinks followed).
A directory reached a second time through a symlink (a loop) is reported and not entered
again. Hidden entries (``.git``, ``.venv``) and files with a known non-text extension
(images, archives) found while walking are ignored silently; the same files named on the
command line are reported, because the user asked for them.

The format comes from the extension, checked against the content: a ``.parquet`` file
must start with ``PAR1``, a workbook with a zip or OLE2 signature, and any text format
must not contain NUL bytes in its head. Unknown extensions are sniffed: Parquet magic,
a first line that is a JSON object (JSON lines), otherwise plain text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cityprivacy.config import Settings
from cityprivacy.detect.files.base import HEAD_BYTES, FileFormat, ProblemSink, Reader, check_head
from cityprivacy.detect.files.csv_reader import CsvReader
from cityprivacy.detect.files.excel_reader import OLE2_MAGIC, ExcelReader
from cityprivacy.detect.files.jsonl_reader import JsonLinesReader
from cityprivacy.detect.files.parquet_reader import ParquetReader
from cityprivacy.detect.files.text_reader import TextReader
from cityprivacy.errors import UnreadableFileError

__all__ = ["DiscoveredFile", "detect_format", "discover", "open_reader"]

EXTENSIONS: dict[str, FileFormat] = {
    ".csv": FileFormat.CSV,
    ".tsv": FileFormat.CSV,
    ".tab": FileFormat.CSV,
    ".psv": FileFormat.CSV,
    ".parquet": FileFormat.PARQUET,
    ".pq": FileFormat.PARQUET,
    ".jsonl": FileFormat.JSONL,
    ".ndjson": FileFormat.JSONL,
    ".xlsx": FileFormat.EXCEL,
    ".xlsm": FileFormat.EXCEL,
    ".xls": FileFormat.EXCEL,
    ".txt": FileFormat.TEXT,
    ".text": FileFormat.TEXT,
    ".md": FileFormat.TEXT,
    ".markdown": FileFormat.TEXT,
    ".rst": FileFormat.TEXT,
    ".log": FileFormat.TEXT,
}
_IGNORED = (
    ".png .jpg .jpeg .gif .bmp .ico .webp .tif .tiff .pdf .zip .gz .bz2 .xz .7z .tar "
    ".exe .dll .so .dylib .pyc .whl .mp3 .mp4 .mov .avi .woff .woff2 .ttf .db .sqlite"
)
IGNORED_WHILE_WALKING = frozenset(_IGNORED.split())
_PARQUET_MAGIC = b"PAR1"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class DiscoveredFile:
    """A file to scan and its size in bytes."""

    path: Path
    size: int


def discover(paths: Sequence[Path], sink: ProblemSink) -> Iterator[DiscoveredFile]:
    """Every file under ``paths``, each once, in a stable order; problems go to ``sink``."""
    seen_files: set[tuple[int, int]] = set()
    for path in paths:
        if not os.path.lexists(path):
            sink(UnreadableFileError(path, "no such file or directory"))
            continue
        if path.is_dir():
            yield from _walk(path, sink, seen_files)
        elif path.is_file():
            yield from _once(path, seen_files)
        else:
            sink(
                UnreadableFileError(path, "not a regular file or directory (broken link?), skipped")
            )


def _once(path: Path, seen: set[tuple[int, int]]) -> Iterator[DiscoveredFile]:
    stat = path.stat()
    key = (stat.st_dev, stat.st_ino)
    if key not in seen:
        seen.add(key)
        yield DiscoveredFile(path, stat.st_size)


def _walk(
    root: Path, sink: ProblemSink, seen_files: set[tuple[int, int]]
) -> Iterator[DiscoveredFile]:
    # Directories are keyed by device and inode. One that is its own ancestor was reached
    # through a symlink cycle: reported and not entered. One reached twice through
    # different links (not a cycle) is walked once, silently.
    entered: set[tuple[int, int]] = set()
    stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [(root, frozenset())]
    while stack:
        directory, ancestors = stack.pop()
        try:
            stat = directory.stat()
        except OSError as exc:
            sink(UnreadableFileError(directory, f"cannot read directory ({exc.strerror}), skipped"))
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in ancestors:
            sink(
                UnreadableFileError(directory, "directory loop (symlink cycle), not entered again")
            )
            continue
        if key in entered:
            continue
        entered.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            sink(UnreadableFileError(directory, f"cannot list directory ({exc.strerror}), skipped"))
            continue
        subdirs: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=True):
                    subdirs.append(path)
                elif entry.is_file(follow_symlinks=True):
                    if path.suffix.lower() not in IGNORED_WHILE_WALKING:
                        yield from _once(path, seen_files)
                elif entry.is_symlink():
                    sink(UnreadableFileError(path, "broken symbolic link, skipped"))
            except OSError as exc:
                sink(UnreadableFileError(path, f"cannot read ({exc.strerror}), skipped"))
        inner = ancestors | {key}
        stack.extend((d, inner) for d in reversed(subdirs))


def detect_format(path: Path, head: bytes) -> FileFormat:
    """The format of a file from its extension, checked against (or sniffed from) its head."""
    suffix = path.suffix.lower()
    declared = EXTENSIONS.get(suffix)
    if declared is FileFormat.PARQUET:
        if not head.startswith(_PARQUET_MAGIC):
            raise UnreadableFileError(path, "not a Parquet file (no PAR1 signature), skipped")
        return declared
    if declared is FileFormat.EXCEL:
        if not head.startswith((_ZIP_MAGIC, OLE2_MAGIC)):
            raise UnreadableFileError(path, "not an Excel workbook (no zip signature), skipped")
        return declared
    if declared is None and head.startswith(_PARQUET_MAGIC):
        return FileFormat.PARQUET
    check_head(path, head)
    if declared is not None:
        return declared
    if suffix == ".json" or head.lstrip()[:1] == b"{":
        first = head.lstrip().split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return FileFormat.JSONL
        except ValueError:
            pass
    return FileFormat.TEXT


def open_reader(path: Path, sink: ProblemSink, settings: Settings) -> Reader:
    """The reader for ``path``; raises :class:`UnreadableFileError` for unreadable files."""
    try:
        with path.open("rb") as raw:
            head = raw.read(HEAD_BYTES)
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot open ({exc.strerror})") from None
    if not head:
        raise UnreadableFileError(path, "empty file, skipped")
    fmt = detect_format(path, head)
    rows = settings.batch_rows
    if fmt is FileFormat.CSV:
        return CsvReader(path, sink, batch_rows=rows)
    if fmt is FileFormat.PARQUET:
        return ParquetReader(path, sink, batch_rows=rows)
    if fmt is FileFormat.JSONL:
        return JsonLinesReader(path, sink, batch_rows=rows)
    if fmt is FileFormat.EXCEL:
        return ExcelReader(path, sink, batch_rows=rows)
    return TextReader(path, sink)
