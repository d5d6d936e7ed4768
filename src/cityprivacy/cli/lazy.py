"""Commands that are imported only when they run.

The command line spans the whole package: detection (regex tables, lexicons), protection
(numpy, pyarrow), linkage, and the office (SQLAlchemy, Alembic, FastAPI). Importing all
of that to run one command cost about two seconds of start-up; a :class:`LazyGroup` keeps
only a table of names and imports a command's module when that command is asked for
(``cityprivacy --help`` still imports them all, to show each one's summary).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, cast

import typer
import typer.main
from typer import _click as click  # the Click that Typer vendors and types its API with
from typer.core import TyperGroup

__all__ = ["LazyCommand", "LazyGroup"]


@dataclass(frozen=True, slots=True)
class LazyCommand:
    """Where a command lives: ``module:attribute``, a Typer sub-app or a command function.

    ``extend`` names functions (``module:function``) called with the sub-app before it is
    built, for groups whose commands come from several modules.
    """

    target: str
    extend: tuple[str, ...] = ()

    def load(self, name: str) -> click.Command:
        obj = _resolve(self.target)
        command: click.Command
        if isinstance(obj, typer.Typer):
            for hook in self.extend:
                register = cast(Callable[[typer.Typer], None], _resolve(hook))
                register(obj)
            command = typer.main.get_group(obj)  # a group even with one command
        else:
            single = typer.Typer(pretty_exceptions_enable=False, rich_markup_mode="rich")
            single.command(name)(cast(Callable[..., object], obj))
            command = typer.main.get_command(single)
        command.name = name
        # A sub-app built on its own gets the shell-completion options; the root has them.
        command.params = [p for p in command.params if p.name not in _COMPLETION_OPTIONS]
        return command


_COMPLETION_OPTIONS = frozenset({"install_completion", "show_completion"})


def _resolve(path: str) -> object:
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)


class LazyGroup(TyperGroup):
    """A Typer group whose commands come from :attr:`lazy_commands`, loaded on first use."""

    lazy_commands: ClassVar[dict[str, LazyCommand]] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is not None:
            return found
        lazy = self.lazy_commands.get(cmd_name)
        if lazy is None:
            return None
        command = lazy.load(cmd_name)
        self.add_command(command, cmd_name)
        return command
