"""Output formats of ``cityprivacy scan``: a Rich report for people, JSON, JSON lines, CSV
and SARIF 2.1.0 for machines. Every renderer masks matched values unless asked not to."""

from cityprivacy.cli.render.formats import OutputFormat, render
from cityprivacy.cli.render.masking import mask_value

__all__ = ["OutputFormat", "mask_value", "render"]
