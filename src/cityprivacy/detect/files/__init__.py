"""Reading files for the scanner: discovery, format detection and one streaming reader per format.

Readers never load a file whole: tables come out as Arrow record batches of strings
(:class:`TableBatch`), text as bounded chunks (:class:`TextChunk`). Problems that do not
stop the read (a ragged row, invalid UTF-8) are reported through a callback as
:class:`~cityprivacy.errors.UnreadableFileError`; problems that do raise it.
"""

from cityprivacy.detect.files.base import (
    FileFormat,
    ProblemSink,
    Reader,
    TableBatch,
    TextChunk,
)
from cityprivacy.detect.files.walk import DiscoveredFile, detect_format, discover, open_reader

__all__ = [
    "DiscoveredFile",
    "FileFormat",
    "ProblemSink",
    "Reader",
    "TableBatch",
    "TextChunk",
    "detect_format",
    "discover",
    "open_reader",
]
