"""Commands load only when they run, and every registered command loads."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from cityprivacy.cli import COMMANDS, app


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sorted(sys.modules)))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_importing_the_cli_loads_no_command_module() -> None:
    loaded = _modules_after("import cityprivacy.cli")
    assert not {m for m in loaded if m.endswith("_cmd")}
    assert "sqlalchemy" not in loaded


def test_a_scan_does_not_load_the_office_or_the_anonymizer() -> None:
    loaded = _modules_after(
        "from typer.testing import CliRunner\n"
        "from cityprivacy.cli import app\n"
        "CliRunner().invoke(app, ['scan', '--help'])"
    )
    assert "cityprivacy.cli.scan_cmd" in loaded
    assert "sqlalchemy" not in loaded
    assert "cityprivacy.protect.anonymize" not in loaded


def test_every_registered_command_loads_and_shows_help() -> None:
    runner = CliRunner()
    for name in COMMANDS:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "--install-completion" not in result.output


def test_the_root_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["scna"])
    assert result.exit_code == 2
