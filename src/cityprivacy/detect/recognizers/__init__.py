"""The built-in recognizers, registered as a plugin like any third-party package.

Each module below this package (grouped by jurisdiction: ``generic``, ``us``, ``nyc``,
plus ``names``, ``status`` and others) defines ``recognizers(settings) -> list[Recognizer]``.
This module's :func:`cityprivacy_recognizers` hook collects them; ``pyproject.toml``
registers this module under the ``cityprivacy`` entry point group.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

from cityprivacy.plugins import hookimpl

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer

__all__ = ["builtin_modules", "cityprivacy_recognizers"]


def builtin_modules() -> list[str]:
    """Names of the modules that provide built-in recognizers, sorted."""
    names = []
    for info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        if not info.ispkg and not info.name.rsplit(".", 1)[-1].startswith("_"):
            names.append(info.name)
    return sorted(names)


@hookimpl
def cityprivacy_recognizers(settings: Settings) -> list[Recognizer]:
    found: list[Recognizer] = []
    for name in builtin_modules():
        module = importlib.import_module(name)
        factory = getattr(module, "recognizers", None)
        if callable(factory):
            found.extend(factory(settings))
    return found
