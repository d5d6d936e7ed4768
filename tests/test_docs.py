"""The README documents every CLI command, entity type and setting: docs cannot drift."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from cityprivacy.cli import app
from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(command: Any, prefix: str = "cityprivacy") -> Iterator[str]:
    if hasattr(command, "list_commands"):  # a group (Typer vendors its own Click)
        ctx = command.context_class(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"{prefix} {name} is listed but does not load"
            yield from _commands(sub, f"{prefix} {name}")
    else:
        yield prefix


COMMANDS = sorted(_commands(typer.main.get_command(app)))


def test_cli_has_the_commands_the_issue_names() -> None:
    for expected in (
        "cityprivacy scan",
        "cityprivacy detect",
        "cityprivacy entities",
        "cityprivacy taxonomy list",
        "cityprivacy taxonomy show",
        "cityprivacy taxonomy validate",
        "cityprivacy taxonomy diff",
    ):
        assert expected in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_cli_command_is_documented(command: str) -> None:
    # Either inline (`cityprivacy scan`) or as a console line ($ cityprivacy scan ...).
    assert re.search(rf"(`|\$ ){re.escape(command)}\b", README), f"README lacks `{command}`"


@pytest.mark.parametrize("entity", [e.value for e in EntityType])
def test_every_entity_type_is_documented(entity: str) -> None:
    assert f"`{entity}`" in README, f"README does not document entity type {entity}"


@pytest.mark.parametrize("setting", sorted(Settings.model_fields))
def test_every_setting_is_documented(setting: str) -> None:
    env = f"CITYPRIVACY_{setting.upper()}"
    assert f"`{env}`" in README, f"README does not document setting {env}"


def test_quickstart_is_two_commands() -> None:
    assert "make demo" in README
    assert "make test" in README
