"""``cityprivacy policy validate``: the rules and key needs, or file:line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cityprivacy.cli import app

runner = CliRunner()
POLICY = """\
version: "7"
default: replace
columns:
  client_id: {operator: pseudonymize, prefix: CLIENT}
entities:
  US_SSN: {operator: mask, keep_last: 2}
"""


def _policy(folder: Path) -> Path:
    path = folder / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return path


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [*map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_policy_validate_lists_the_rules_and_the_key_need(tmp_path: Path) -> None:
    code, out, _ = _run("policy", "validate", _policy(tmp_path))
    assert code == 0
    assert "ok:" in out
    assert "columns.client_id" in out
    assert "needs a secret key: 1 rule(s) use pseudonymize" in out
    code, out, _ = _run("policy", "validate", _policy(tmp_path), "--json")
    data = json.loads(out)
    assert data["needs_key"] is True
    assert [r["where"] for r in data["rules"]] == [
        "columns.client_id",
        "entities.US_SSN",
        "default",
    ]


def test_policy_validate_reports_the_line_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("version: 1\ndefault: redact\nentities:\n  PERSN: redact\n")
    code, _, err = _run("policy", "validate", tmp_path / "bad.yaml")
    assert code == 2
    assert f"{tmp_path / 'bad.yaml'}:4: unknown entity type 'PERSN'; did you mean PERSON" in err
