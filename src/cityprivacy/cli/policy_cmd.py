"""``cityprivacy policy``: check a de-identification policy before it touches data.

``validate`` loads the file against the taxonomy (with ``CITYPRIVACY_TAXONOMY_OVERRIDE``
applied), the detector's entity types and every operator's parameters. It prints the rules
and which of them need the secret key and exits 0, or prints ``file:line: message`` and
exits 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Column, Table

from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.config import get_settings
from cityprivacy.protect.operators import OperatorSpec
from cityprivacy.protect.policy import Policy, load_policy
from cityprivacy.taxonomy import load_taxonomy

__all__ = ["app", "validate"]

app = typer.Typer(
    help="De-identification policies: check one before using it.\n\n"
    "Example: cityprivacy policy validate caseworker.yaml",
    no_args_is_help=True,
)


def _parameters(spec: OperatorSpec) -> str:
    values = spec.model_dump(mode="json", exclude={"operator"}, exclude_defaults=True)
    return ", ".join(f"{k}={v}" for k, v in values.items()) or "—"


def _summary(policy: Policy) -> dict[str, Any]:
    return {
        "source": policy.source,
        "version": policy.version,
        "description": policy.description,
        "subject_column": policy.subject_column,
        "key_file": str(policy.key_file) if policy.key_file is not None else None,
        "free_text_columns": list(policy.free_text_columns),
        "rules": [
            {"where": where, "operator": spec.operator, "needs_key": spec.needs_key}
            | {"parameters": spec.model_dump(mode="json", exclude={"operator"})}
            for where, spec in policy.rules()
        ],
        "needs_key": policy.needs_key,
    }


@app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="The policy file (YAML).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Check a policy against the taxonomy, the entity types and the operators' parameters.

    Prints the rules and which need a secret key (exit 0), or file:line: message (exit 2).

    Example: cityprivacy policy validate caseworker.yaml
    """
    with handle_errors():
        taxonomy = load_taxonomy(get_settings().taxonomy_override)
        policy = load_policy(file, taxonomy=taxonomy)
    if as_json:
        typer.echo(json.dumps(_summary(policy), indent=2))
        return
    rules = policy.rules()
    keyed = policy.keyed_rules()
    typer.echo(f"ok: {file}: version {policy.version}, {len(rules)} rules")
    table = Table(
        Column("rule", no_wrap=True),
        Column("operator", no_wrap=True),
        Column("parameters", overflow="fold"),
        "needs key",
        title=policy.description or None,
    )
    for where, spec in rules:
        table.add_row(where, spec.operator, _parameters(spec), "yes" if spec.needs_key else "")
    Console().print(table)
    if policy.subject_column:
        typer.echo(f"subject column: {policy.subject_column}")
    if policy.free_text_columns:
        typer.echo(f"free-text columns: {', '.join(policy.free_text_columns)}")
    if keyed:
        names = ", ".join(sorted({k.operator for k in keyed}))
        typer.echo(
            f"needs a secret key: {len(keyed)} rule(s) use {names} (--key-file, "
            "CITYPRIVACY_KEY_FILE or CITYPRIVACY_KEY)"
        )
    else:
        typer.echo("needs no secret key")
