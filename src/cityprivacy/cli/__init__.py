"""The ``cityprivacy`` command line: a thin Typer layer over the library.

One module per command group; each command parses, calls the library and renders.
Errors from :mod:`cityprivacy.errors` become a one-line message and the exit code
from :func:`cityprivacy.errors.exit_code_for`.

Commands are registered by name in :data:`COMMANDS` and imported only when they run
(:mod:`cityprivacy.cli.lazy`), so ``cityprivacy scan`` does not pay for SQLAlchemy and
``cityprivacy anonymize`` does not pay for the detector. To add a command, add one line.
"""

from __future__ import annotations

import typer

from cityprivacy.cli.lazy import LazyCommand, LazyGroup

__all__ = ["COMMANDS", "app", "main"]

_M = "cityprivacy.cli."

COMMANDS: dict[str, LazyCommand] = {
    # find
    "scan": LazyCommand(_M + "scan_cmd:scan"),
    "detect": LazyCommand(_M + "detect_cmd:detect"),
    "entities": LazyCommand(_M + "entities_cmd:entities"),
    "taxonomy": LazyCommand(_M + "taxonomy_cmd:app"),
    # protect
    "policy": LazyCommand(_M + "policy_cmd:app"),
    "deidentify": LazyCommand(_M + "deidentify_cmd:deidentify"),
    "risk": LazyCommand(_M + "risk_cmd:risk"),
    "anonymize": LazyCommand(_M + "anonymize_cmd:anonymize"),
    "release": LazyCommand(_M + "release_cmd:app"),
    # link
    "link": LazyCommand(_M + "link_cmd:app"),
    # the office
    "serve": LazyCommand(_M + "serve_cmd:serve"),
    "db": LazyCommand(_M + "db_cmd:app"),
    "admin": LazyCommand(_M + "admin_cmd:app"),
    "demo-data": LazyCommand(_M + "demo_cmd:demo_data"),
    "inventory": LazyCommand(_M + "inventory_cmd:app"),
    "designations": LazyCommand(_M + "designations_cmd:app"),
    "agreements": LazyCommand(_M + "agreements_cmd:app"),
    "share": LazyCommand(_M + "share_cmd:app"),
    "disclosures": LazyCommand(
        _M + "disclosures_cmd:app", extend=(_M + "disclosure_actions_cmd:register",)
    ),
    "incidents": LazyCommand(_M + "incidents_cmd:app"),
    "retention": LazyCommand(_M + "retention_cmd:app"),
    "rules": LazyCommand(_M + "rules_cmd:app"),
    "accounting": LazyCommand(_M + "accounting_cmd:app"),
    "audit": LazyCommand(_M + "audit_cmd:app"),
    "report": LazyCommand(_M + "report_cmd:app"),
    "check": LazyCommand(_M + "check_cmd:check"),
}


class _Commands(LazyGroup):
    lazy_commands = COMMANDS


app = typer.Typer(
    name="cityprivacy",
    cls=_Commands,
    help="Find, protect, link and govern a city's identifying information.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root() -> None:
    """Find, protect, link and govern a city's identifying information."""


def main() -> None:
    """Console-script entry point."""
    app()
