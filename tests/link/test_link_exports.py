"""The public surface of :mod:`cityprivacy.link`: sorted, importable, nothing private."""

from __future__ import annotations

import cityprivacy.link as link


def test_exports_are_sorted_and_exist() -> None:
    assert link.__all__ == sorted(link.__all__)
    for name in link.__all__:
        assert getattr(link, name) is not None
        assert not name.startswith("_")
