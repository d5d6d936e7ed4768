"""The public surface is exactly ``__all__``, sorted, and everything in it exists."""

from __future__ import annotations

import cityprivacy
import cityprivacy.detect


def test_all_is_sorted_and_complete() -> None:
    for module in (cityprivacy, cityprivacy.detect):
        assert list(module.__all__) == sorted(module.__all__)
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name} missing"


def test_public_names_do_not_leak_internals() -> None:
    public = {n for n in dir(cityprivacy) if not n.startswith("_")}
    submodules = {
        "cli",
        "config",
        "datasets",
        "detect",
        "errors",
        "plugins",
        "taxonomy",
        "protect",
        "link",
        "govern",
        "store",
        "web",
        "pipeline",
    }
    assert public - set(cityprivacy.__all__) <= submodules
