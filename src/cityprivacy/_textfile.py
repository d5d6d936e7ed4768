"""Reading a small UTF-8 text file (taxonomy, policy, manifest, hierarchy), or saying why not.

Every file the user hands to a loader can be missing, a folder, unreadable, not UTF-8 or
absurdly large; each loader raises its own error class (TaxonomyError for a taxonomy,
PolicyError for a policy, a manifest or a hierarchy), but the reasons read the same
everywhere, after the file's path as every other error of those classes::

    policy.yaml: cannot read the policy: not found
    policy.yaml: cannot read the policy: not a file
    policy.yaml: cannot read the policy: permission denied
    policy.yaml: cannot read the policy: not UTF-8 at byte 17
    policy.yaml: cannot read the policy: larger than 16777216 bytes

The type and size are checked before the file is opened, and at most one byte past the
limit is read, so a mistaken path to a multi-gigabyte export (or a FIFO) fails fast. It is
a top-level module because every layer, the taxonomy included, reads such files.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from cityprivacy.errors import TaxonomyError

__all__ = ["DEFAULT_MAX_BYTES", "read_text_file"]

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""Larger than any hand-written configuration file; a hierarchy of every US ZIP code is ~2 MB."""

_REASONS = {
    errno.ENOENT: "not found",
    errno.ENOTDIR: "not found",
    errno.EISDIR: "not a file",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def read_text_file(
    path: Path | str,
    *,
    label: str,
    error: type[TaxonomyError],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str:
    """The UTF-8 text of the regular file at ``path``, at most ``max_bytes`` long.

    Any problem raises ``error(f"cannot read the {label}: {reason}", source=str(path))``;
    the reason names the problem (never the file's content). A byte-order mark is kept:
    the YAML and CSV parsers skip it.
    """
    source = str(path)

    def fail(reason: str) -> TaxonomyError:
        return error(f"cannot read the {label}: {reason}", source=source)

    try:
        info = os.stat(path)  # before opening: opening a FIFO would wait for a writer
        if not stat.S_ISREG(info.st_mode):
            raise fail("not a file")
        if info.st_size > max_bytes:
            raise fail(f"larger than {max_bytes} bytes")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        reason = _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
        raise fail(reason) from None
    if len(data) > max_bytes:  # grew since the stat, or a file that misreports its size
        raise fail(f"larger than {max_bytes} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 at byte {exc.start}") from None
