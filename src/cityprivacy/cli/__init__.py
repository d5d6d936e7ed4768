"""The ``cityprivacy`` command line: a thin Typer layer over the library.

One module per command group; each command parses, calls the library and renders.
Errors from :mod:`cityprivacy.errors` become a one-line message and the exit code
from :func:`cityprivacy.errors.exit_code_for`.
"""

from __future__ import annotations

import typer

from cityprivacy.cli import detect_cmd, entities_cmd, scan_cmd, taxonomy_cmd

__all__ = ["app", "main"]

app = typer.Typer(
    name="cityprivacy",
    help="Find, protect, link and govern a city's identifying information.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
app.add_typer(taxonomy_cmd.app, name="taxonomy")
app.command("scan")(scan_cmd.scan)
app.command("detect")(detect_cmd.detect)
app.command("entities")(entities_cmd.entities)


def main() -> None:
    """Console-script entry point."""
    app()
