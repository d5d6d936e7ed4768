"""Plain text and Markdown, read in bounded chunks.

Chunks end at a line break when one is near the end of the buffer, else at a space, else
at the buffer size (a 50 MB single line is read 1 MiB at a time, never whole). Each chunk
knows its character offset and starting line and column, so findings map back to places
in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cityprivacy.detect.files.base import FileFormat, ProblemSink, TextChunk, Utf8Repair

__all__ = ["CHUNK_CHARS", "TextReader"]

CHUNK_CHARS = 1 << 20
_READ_BYTES = 1 << 20
_LOOK_BACK = 4096


def _cut(buffer: str, size: int) -> int:
    """Where to end a chunk of at most ``size`` characters: a line break, a space, or size."""
    if len(buffer) <= size:
        return len(buffer)
    low = max(0, size - _LOOK_BACK)
    newline = buffer.rfind("\n", low, size)
    if newline != -1:
        return newline + 1
    space = buffer.rfind(" ", low, size)
    if space != -1:
        return space + 1
    return size


class TextReader:
    """Yields :class:`TextChunk` of at most ``chunk_chars`` characters."""

    format = FileFormat.TEXT

    def __init__(self, path: Path, sink: ProblemSink, *, chunk_chars: int = CHUNK_CHARS) -> None:
        self.path = path
        self.sink = sink
        self.chunk_chars = chunk_chars

    def read(self) -> Iterator[TextChunk]:
        decoder = Utf8Repair(self.path, self.sink)
        buffer = ""
        offset, line, column = 0, 1, 1
        with self.path.open("rb") as raw:
            done = 0
            while True:
                block = raw.read(_READ_BYTES)
                done += len(block)
                buffer += decoder.decode(block, final=not block)
                while len(buffer) > self.chunk_chars or (not block and buffer):
                    end = _cut(buffer, self.chunk_chars)
                    text, buffer = buffer[:end], buffer[end:]
                    yield TextChunk(text, offset, line, column, done)
                    offset += len(text)
                    newlines = text.count("\n")
                    line += newlines
                    column = len(text) - text.rfind("\n") if newlines else column + len(text)
                if not block:
                    return
