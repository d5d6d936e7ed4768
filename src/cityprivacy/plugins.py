"""The plugin registry: how recognizers get into the analyzer.

cityprivacy uses pluggy with setuptools entry points in the ``cityprivacy`` group. The
built-in recognizers are *not* special: ``pyproject.toml`` registers the module
``cityprivacy.detect.recognizers`` under that group, exactly as a third-party package
registers its own module. A plugin module implements any of the hooks in
:class:`HookSpecs`::

    # my_agency_plugin.py
    from cityprivacy.plugins import hookimpl

    @hookimpl
    def cityprivacy_recognizers(settings):
        return [MyCaseNumberRecognizer()]

    # its pyproject.toml
    [project.entry-points.cityprivacy]
    my_agency = "my_agency_plugin"
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

from cityprivacy.errors import PluginError

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer

__all__ = ["HookSpecs", "collect_recognizers", "hookimpl", "hookspec", "plugin_manager"]

PROJECT = "cityprivacy"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class HookSpecs:
    """The hooks a plugin may implement."""

    @hookspec
    def cityprivacy_recognizers(self, settings: Settings) -> list[Recognizer]:  # type: ignore[empty-body]
        """Return recognizers to add to the analyzer."""


def plugin_manager(extra: list[object] | None = None) -> pluggy.PluginManager:
    """A plugin manager with every installed plugin loaded (and ``extra`` modules)."""
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(HookSpecs)
    try:
        manager.load_setuptools_entrypoints(PROJECT)
    except Exception as exc:  # a broken third-party plugin must say who it is
        raise PluginError(f"could not load a cityprivacy plugin: {exc}") from exc
    for plugin in extra or []:
        manager.register(plugin)
    return manager


def collect_recognizers(settings: Settings, extra: list[object] | None = None) -> list[Recognizer]:
    """All recognizers every registered plugin provides, in a stable order."""
    from cityprivacy.detect.recognizer import Recognizer

    manager = plugin_manager(extra)
    if not any(name == "builtin_recognizers" for name, _ in manager.list_name_plugin()):
        raise PluginError(
            "the built-in recognizers are not registered: install cityprivacy "
            "(pip install -e .) so its entry points exist"
        )
    found: list[Any] = []
    for batch in manager.hook.cityprivacy_recognizers(settings=settings):
        found.extend(batch)
    for item in found:
        if not isinstance(item, Recognizer):
            raise PluginError(f"plugin returned {type(item).__name__}, not a Recognizer")
    return sorted(found, key=lambda r: r.name)
