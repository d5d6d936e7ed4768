"""Reading hierarchy rules from YAML, with the line of every error.

One file may define the hierarchies of several columns::

    hierarchies:
      age: {type: intervals, widths: [5, 10, 20]}
      zip: {type: prefix, keep: [4, 3]}
      admitted: {type: dates, levels: [month, year]}
      case_code: {type: mask, step: 1}

The file is parsed once into a node tree that keeps line marks (the taxonomy's YAML
helpers), validated with pydantic, and every validation error is walked back to the line
of the field it names. Errors are :class:`~cityprivacy.errors.PolicyError` with
``source`` and ``line``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError
from yaml.nodes import Node

from cityprivacy._textfile import read_text_file
from cityprivacy.errors import PolicyError
from cityprivacy.protect.hierarchy.model import Hierarchy
from cityprivacy.protect.hierarchy.rules import Rule
from cityprivacy.taxonomy._yaml import child, parse_yaml

__all__ = ["RuleHierarchy", "load_rules", "parse_rules"]

_TAGS = {"intervals", "dates", "prefix", "mask"}


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    hierarchies: dict[str, Rule]


@dataclass(frozen=True, slots=True)
class RuleHierarchy:
    """The rule for one column, materialized over the column's values when they are known."""

    column: str
    rule: Rule
    source: str

    def materialize(self, values: Iterable[str]) -> Hierarchy:
        """The hierarchy over the distinct ``values``; HierarchyError for a value the rule
        cannot label (a word in a numeric column, say)."""
        return self.rule.materialize(self.column, values, f"{self.source} ({self.column})")


def load_rules(path: Path) -> dict[str, RuleHierarchy]:
    """The rules in the YAML file ``path``, by column."""
    path = Path(path)
    text = read_text_file(path, label="hierarchy rules", error=PolicyError)
    return parse_rules(text, source=str(path))


def parse_rules(text: str, *, source: str = "<memory>") -> dict[str, RuleHierarchy]:
    """The rules in YAML ``text`` (see :func:`load_rules`)."""
    document = parse_yaml(text, source, error=PolicyError)
    if not isinstance(document.data, dict):
        raise PolicyError(
            "the file must be a mapping with the key 'hierarchies'", source=source, line=1
        )
    try:
        parsed = _RulesFile.model_validate(document.data)
    except ValidationError as exc:
        error = exc.errors()[0]
        line, path = _locate(document.root, error["loc"])
        where = f"{path}: " if path else ""
        message = str(error["msg"]).removeprefix("Value error, ")
        raise PolicyError(f"{where}{message}", source=source, line=line) from None
    return {
        column: RuleHierarchy(column, rule, source) for column, rule in parsed.hierarchies.items()
    }


def _locate(root: Node, loc: Sequence[int | str]) -> tuple[int, str]:
    """The line of the deepest node ``loc`` reaches, and ``loc`` as a dotted path.

    pydantic's union tags (``intervals``...) are not in the file and are left out; a
    missing field keeps the line of the mapping that lacks it.
    """
    current: Node | None = root
    line, steps = root.start_mark.line + 1, []
    for step in loc:
        key, value = child(current, step) if current is not None else (None, None)
        if key is None or value is None:
            if step in _TAGS:
                continue
            current = None
        else:
            line = key.start_mark.line + 1
            current = value
        steps.append(f"[{step}]" if isinstance(step, int) else str(step))
    return line, ".".join(steps).replace(".[", "[")
