"""``cityprivacy taxonomy`` commands: output, JSON and exit codes."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import cityprivacy


def _taxonomy_app() -> typer.Typer:
    """The taxonomy command group, importable before every sibling CLI module exists.

    ``cityprivacy.cli`` imports all command modules; while a sibling is still being
    written elsewhere, a placeholder module stands in so this group can be tested alone.
    """
    cli_dir = Path(cityprivacy.__file__).parent / "cli"
    for module, command in (("detect_cmd", "detect"), ("scan_cmd", "scan")):
        if not (cli_dir / f"{module}.py").exists():
            placeholder = types.ModuleType(f"cityprivacy.cli.{module}")
            setattr(placeholder, command, lambda: None)
            sys.modules.setdefault(placeholder.__name__, placeholder)
    from cityprivacy.cli import taxonomy_cmd

    root = typer.Typer()
    root.add_typer(taxonomy_cmd.app, name="taxonomy")
    return root


APP = _taxonomy_app()
OVERRIDE = """\
version: "2026.1+cli"
retire:
  - key: web_address
    on: 2020-01-01
    reason: Test retirement.
update:
  - key: device_identifier
    status: cpo_designated
"""


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(APP, ["taxonomy", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def override(tmp_path: Path) -> Path:
    path = tmp_path / "override.yaml"
    path.write_text(OVERRIDE, encoding="utf-8")
    return path


def test_list_json_has_every_active_type() -> None:
    code, out, _ = _run("list", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == "2026.1"
    keys = [t["key"] for t in data["types"]]
    assert keys[0] == "name"
    assert {"ssn", "immigration_status", "gps_location"} <= set(keys)


def test_list_table() -> None:
    code, out, _ = _run("list")
    assert code == 0
    assert "taxonomy 2026.1" in out
    assert "statutory" in out


@pytest.mark.parametrize(
    ("extra", "listed"),
    [pytest.param([], False, id="active-only"), pytest.param(["--all"], True, id="all")],
)
def test_list_with_override_hides_retired_unless_all(
    override: Path, extra: list[str], listed: bool
) -> None:
    code, out, _ = _run("list", "--json", "--override", str(override), *extra)
    assert code == 0
    keys = [t["key"] for t in json.loads(out)["types"]]
    assert ("web_address" in keys) is listed


def test_show_json_has_all_fields() -> None:
    code, out, _ = _run("show", "ssn", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["breach_private_information"] is True
    assert data["detected_by"] == ["US_SSN"]
    assert data["effective_from"] == "2018-06-15"


def test_show_table() -> None:
    code, out, _ = _run("show", "immigration_status")
    assert code == 0
    assert "Charter § 8(g)" in out


def test_show_unknown_key_exits_2_with_a_suggestion() -> None:
    code, _, err = _run("show", "sn")
    assert code == 2
    assert "did you mean ssn" in err


def test_validate_shipped_file() -> None:
    shipped = Path(cityprivacy.__file__).parent / "taxonomy" / "data" / "taxonomy.yaml"
    code, out, _ = _run("validate", str(shipped))
    assert code == 0
    assert out.startswith("ok: 44 types, version 2026.1")
    assert "note:" not in out


def test_validate_override(override: Path) -> None:
    code, out, _ = _run("validate", str(override))
    assert code == 0
    assert "version 2026.1+cli (override)" in out


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        pytest.param(
            'version: "x"\nadd:\n  - key: gait\n    name: Gait\n    description: d\n'
            "    legal_source: s\n    status: unconfirmed\n    effective_from: 2026-01-01\n"
            "    breach_private_information: false\n    classification: private\n"
            "    detected_by: [GAIT_SIGNATURE]\n",
            11,
            "unknown entity type GAIT_SIGNATURE",
            id="unknown-entity-in-override",
        ),
        pytest.param(
            'version: "x"\nretire:\n  - key: nope\n    on: 2026-01-01\n    reason: r\n',
            3,
            "unknown type 'nope'",
            id="retire-unknown",
        ),
        pytest.param('version: "x"\ntypes: [\n', 3, "invalid YAML", id="syntax"),
    ],
)
def test_validate_reports_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = _run("validate", str(path))
    assert code == 2
    assert out == ""
    assert f"{path}:{line}:" in err
    assert fragment in " ".join(err.split())


def test_validate_full_file_notes_uncovered_entities(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(
        'version: "s"\ntypes:\n  - key: ssn\n    name: SSN\n    description: d\n'
        "    legal_source: s\n"
        "    status: cpo_designated\n    effective_from: 2018-06-15\n"
        "    breach_private_information: true\n    classification: confidential\n"
        "    detected_by: [US_SSN]\n",
        encoding="utf-8",
    )
    code, out, _ = _run("validate", str(path))
    assert code == 0
    assert "ok: 1 types, version s (taxonomy)" in out
    assert "note:" in out
    assert "PERSON" in out


def test_diff_shipped_against_override(override: Path) -> None:
    code, out, _ = _run("diff", "shipped", str(override))
    assert code == 0
    assert "version: 2026.1 -> 2026.1+cli" in out
    assert "- retired  web_address" in out
    assert "status: 'cpo_designated_likely' -> 'cpo_designated'" in out


def test_diff_json(override: Path) -> None:
    code, out, _ = _run("diff", "shipped", str(override), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["retired"] == ["web_address"]
    assert data["version_changed"] is True
    assert data["changed"][0]["key"] == "device_identifier"


def test_diff_identical() -> None:
    code, out, _ = _run("diff", "shipped", "shipped")
    assert code == 0
    assert "no type changed" in out


def test_diff_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = _run("diff", "shipped", str(tmp_path / "absent.yaml"))
    assert code == 2
    assert "absent.yaml: cannot read the taxonomy file: not found" in err


@pytest.mark.parametrize("command", ["list", "show", "validate", "diff"])
def test_every_command_help_has_an_example(command: str) -> None:
    code, out, _ = _run(command, "--help")
    assert code == 0
    assert "Example: cityprivacy taxonomy" in out
