"""Reading taxonomy YAML so that every error can name its line.

The file is parsed once into a node tree (which keeps line marks) and constructed from
that tree, so a pydantic error location such as ``("types", 3, "effective_from")`` can be
walked back to the node it came from. The loader is YAML 1.2-like on purpose: dates stay
strings (pydantic validates them and reports bad ones with a line instead of PyYAML
raising mid-parse), and only ``true``/``false`` are booleans, so the override key ``on:``
is not read as ``True``.

Errors are :class:`TaxonomyError` by default; a reader of another YAML file (a policy, a
manifest, hierarchy rules) passes ``error=PolicyError`` and gets its own class, message
and line unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cityprivacy.errors import TaxonomyError

__all__ = [
    "FIELD_MESSAGES",
    "Document",
    "Problem",
    "child",
    "first_problem",
    "line_of",
    "parse_yaml",
]

_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
FIELD_MESSAGES: Mapping[str, str] = {
    "extra_forbidden": "unknown field",
    "missing": "required field is missing",
}
"""Plain words for the two pydantic errors a hand-edited file makes most."""


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps and without YAML 1.1 yes/no/on/off booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class Document:
    """A parsed YAML file: the plain data, the node tree, and where it came from."""

    def __init__(
        self, data: Any, root: Node, source: str, error: type[TaxonomyError] = TaxonomyError
    ) -> None:
        self.data = data
        self.root = root
        self.source = source
        self.error_type = error

    def error(
        self, message: str, loc: Sequence[str | int] = (), node: Node | None = None
    ) -> TaxonomyError:
        """The document's error (a :class:`TaxonomyError`) at the line of ``loc`` below ``node``
        (default: the root)."""
        return self.error_type(message, source=self.source, line=line_of(node or self.root, loc))


def parse_yaml(text: str, source: str, *, error: type[TaxonomyError] = TaxonomyError) -> Document:
    """Parse ``text``; syntax errors and repeated mapping keys raise ``error`` with their line."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise error("the file is empty", source=source, line=1)
        _check_duplicate_keys(root, source, error)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "invalid YAML"
        raise error(f"invalid YAML: {problem}", source=source, line=line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {type(exc).__name__}", source=source) from None
    finally:
        loader.dispose()
    return Document(data, root, source, error)


def _check_duplicate_keys(node: Node, source: str, error: type[TaxonomyError]) -> None:
    """PyYAML silently keeps the last of two equal keys; a taxonomy must not."""
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                if key.value in seen:
                    raise error(
                        f"field {key.value!r} appears twice in one mapping",
                        source=source,
                        line=key.start_mark.line + 1,
                    )
                seen.add(key.value)
            _check_duplicate_keys(value, source, error)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, source, error)


def child(node: Node, step: str | int) -> tuple[Node | None, Node | None]:
    """The key node and value node one step below ``node`` (``None`` where absent)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(step):
                return key, value
    elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        item = node.value[step]
        return item, item
    return None, None


def line_of(node: Node, loc: Sequence[str | int]) -> int:
    """1-based line of the deepest node that ``loc`` reaches below ``node``.

    A field's own line is the line of its key; a missing field falls back to the line
    of the entry that lacks it.
    """
    current = node
    line = node.start_mark.line + 1
    for step in loc:
        key, value = child(current, step)
        if key is None or value is None:
            break
        line = key.start_mark.line + 1
        current = value
    return line


class Problem(NamedTuple):
    """The validation problem to report: where (a pydantic ``loc``), what, and how many more."""

    loc: tuple[str | int, ...]
    message: str
    more: str


def first_problem(exc: ValidationError, messages: Mapping[str, str] = FIELD_MESSAGES) -> Problem:
    """The problem of ``exc`` to report first, worded with ``messages`` (by pydantic type).

    A misspelt field also makes the real one "missing": the misspelling comes first, a
    missing field last. Other messages lose pydantic's ``"Value error, "`` prefix; ``more``
    is ``" (and N more problem(s))"`` when there are others, else ``""``.
    """
    errors = sorted(
        exc.errors(include_input=False, include_url=False),
        key=lambda e: {"extra_forbidden": 0, "missing": 2}.get(e["type"], 1),
    )
    first = errors[0]
    message = messages.get(first["type"], first["msg"].removeprefix("Value error, "))
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    return Problem(tuple(first["loc"]), message, more)
