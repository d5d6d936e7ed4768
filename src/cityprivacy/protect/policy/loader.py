"""Reading a policy file, checking every name and parameter, and saying which line is wrong.

The YAML is parsed with the taxonomy's line-tracking reader
(:mod:`cityprivacy.taxonomy._yaml`), then checked section by section so that each problem
names the line of the key or parameter at fault:

* an unknown top-level field, classification, taxonomy category or entity type (with the
  closest names suggested);
* an unknown operator, or a missing, unknown or out-of-range operator parameter;
* a column both in ``columns`` and in ``free_text_columns``, a missing ``version`` or
  ``default``.

An operator may be written in full (``{operator: mask, keep_last: 4}``) or, without
parameters, as its bare name (``redact``). Every problem raises
:class:`~cityprivacy.errors.PolicyError` with the file and line; nothing is half-loaded.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping
from importlib import resources
from pathlib import Path
from typing import Final, TypeVar

from pydantic import ValidationError

from cityprivacy._textfile import read_text_file
from cityprivacy.detect.entities import EntityType
from cityprivacy.errors import PolicyError
from cityprivacy.protect.operators import OPERATOR_NAMES, OperatorSpec, parse_operator
from cityprivacy.protect.policy.model import CLASSIFICATIONS, Classification, Policy
from cityprivacy.taxonomy import Taxonomy, load_taxonomy
from cityprivacy.taxonomy._yaml import Document, first_problem, line_of, parse_yaml

__all__ = ["SHIPPED_POLICIES", "load_policy", "parse_policy", "shipped_policy"]

FIELDS: Final = (
    "version",
    "description",
    "default",
    "subject_column",
    "key_file",
    "columns",
    "free_text_columns",
    "entities",
    "categories",
    "classifications",
)
SHIPPED_POLICIES: Final = ("default", "research")
"""The example policies that ship with the package (``src/cityprivacy/protect/policies``)."""

Loc = tuple[str | int, ...]
K = TypeVar("K", bound=str)


def load_policy(path: Path | str, *, taxonomy: Taxonomy | None = None) -> Policy:
    """The policy in the file at ``path``, checked against ``taxonomy`` (default: shipped)."""
    path = Path(path)
    text = read_text_file(path, label="policy", error=PolicyError)
    return parse_policy(text, str(path), taxonomy=taxonomy, base_dir=path.parent)


def shipped_policy(name: str, *, taxonomy: Taxonomy | None = None) -> Policy:
    """One of the example policies in :data:`SHIPPED_POLICIES` (``"default"``...)."""
    if name not in SHIPPED_POLICIES:
        raise PolicyError(
            f"no shipped policy {name!r}; shipped: {', '.join(SHIPPED_POLICIES)}", source=name
        )
    resource = resources.files("cityprivacy.protect") / "policies" / f"{name}.yaml"
    return parse_policy(resource.read_text(encoding="utf-8"), str(resource), taxonomy=taxonomy)


def parse_policy(
    text: str,
    source: str = "<policy>",
    *,
    taxonomy: Taxonomy | None = None,
    base_dir: Path | None = None,
) -> Policy:
    """The policy in ``text``; ``source`` names it in errors, ``base_dir`` anchors ``key_file``."""
    doc = parse_yaml(text, source, error=PolicyError)
    return _Checker(doc, taxonomy or load_taxonomy(), base_dir).policy()


class _Checker:
    """Checks one parsed document; every error points at a line of it."""

    def __init__(self, doc: Document, taxonomy: Taxonomy, base_dir: Path | None) -> None:
        self.doc = doc
        self.taxonomy = taxonomy
        self.base_dir = base_dir

    def error(self, message: str, loc: Loc = ()) -> PolicyError:
        return PolicyError(message, source=self.doc.source, line=line_of(self.doc.root, loc))

    def policy(self) -> Policy:
        data = self.doc.data
        if not isinstance(data, dict):
            raise self.error("a policy is a mapping of fields (version, default, entities...)")
        for field in data:
            if field not in FIELDS:
                raise self.error(f"unknown field {field!r}{_hint(str(field), FIELDS)}", (field,))
        for required in ("version", "default"):
            if data.get(required) is None:
                raise self.error(f"required field {required!r} is missing")
        columns = self.section("columns", self.column)
        free_text = self.free_text_columns(columns)
        return Policy(
            version=self.text("version", allow_numbers=True),
            description=self.text("description") if "description" in data else "",
            default=self.operator(data["default"], ("default",)),
            subject_column=self.text("subject_column") if "subject_column" in data else None,
            key_file=self.key_file(),
            columns=columns,
            free_text_columns=free_text,
            entities=self.section("entities", self.entity),
            categories=self.section("categories", self.category),
            classifications=self.section("classifications", self.classification),
            source=self.doc.source,
        )

    def text(self, field: str, *, allow_numbers: bool = False) -> str:
        value = self.doc.data[field]
        kinds: tuple[type, ...] = (str, int, float) if allow_numbers else (str,)
        if isinstance(value, bool) or not isinstance(value, kinds) or not str(value).strip():
            raise self.error(f"{field}: must be a non-empty text", (field,))
        return str(value).strip()

    def key_file(self) -> Path | None:
        if self.doc.data.get("key_file") is None:
            return None
        path = Path(self.text("key_file"))
        if not path.is_absolute() and self.base_dir is not None:
            path = self.base_dir / path
        return path

    def free_text_columns(self, columns: Mapping[str, OperatorSpec]) -> tuple[str, ...]:
        raw = self.doc.data.get("free_text_columns")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise self.error(
                "free_text_columns: must be a list of column names", ("free_text_columns",)
            )
        names: list[str] = []
        for i, item in enumerate(raw):
            loc: Loc = ("free_text_columns", i)
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"free_text_columns[{i}]: must be a column name", loc)
            if item in columns:
                raise self.error(
                    f"column {item!r} is both in columns (a rule for the whole cell) and in "
                    "free_text_columns (analyzed as text); keep one",
                    loc,
                )
            if item in names:
                raise self.error(f"free_text_columns: {item!r} is listed twice", loc)
            names.append(item)
        return tuple(names)

    def section(self, name: str, parse_key: Callable[[str, Loc], K]) -> dict[K, OperatorSpec]:
        raw = self.doc.data.get(name)
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise self.error(f"{name}: must be a mapping of names to operators", (name,))
        rules: dict[K, OperatorSpec] = {}
        for key, value in raw.items():
            loc: Loc = (name, str(key))
            rules[parse_key(str(key), loc)] = self.operator(value, loc)
        return rules

    def column(self, name: str, loc: Loc) -> str:
        if not name.strip():
            raise self.error("columns: a column name may not be empty", loc)
        return name

    def entity(self, name: str, loc: Loc) -> EntityType:
        try:
            return EntityType[name]
        except KeyError:
            known = [e.value for e in EntityType]
            raise self.error(
                f"unknown entity type {name!r}{_hint(name, known)} (see: cityprivacy entities)",
                loc,
            ) from None

    def category(self, name: str, loc: Loc) -> str:
        if name not in self.taxonomy.types:
            raise self.error(
                f"unknown taxonomy category {name!r}{_hint(name, self.taxonomy.types)} "
                "(see: cityprivacy taxonomy list)",
                loc,
            )
        return name

    def classification(self, name: str, loc: Loc) -> Classification:
        if name not in CLASSIFICATIONS:
            raise self.error(
                f"unknown classification {name!r}{_hint(name, CLASSIFICATIONS)}; "
                f"use one of {', '.join(CLASSIFICATIONS)}",
                loc,
            )
        return name

    def operator(self, raw: object, loc: Loc) -> OperatorSpec:
        where = ".".join(str(p) for p in loc)
        if isinstance(raw, str):
            raw = {"operator": raw}
        if not isinstance(raw, dict):
            raise self.error(
                f"{where}: an operator is a name (redact) or a mapping ({{operator: mask, "
                "keep_last: 4}})",
                loc,
            )
        name = raw.get("operator")
        if name is None:
            raise self.error(f"{where}: the 'operator' field is missing", loc)
        if name not in OPERATOR_NAMES:
            raise self.error(
                f"{where}: unknown operator {name!r}{_hint(str(name), OPERATOR_NAMES)}; "
                f"operators: {', '.join(OPERATOR_NAMES)}",
                (*loc, "operator"),
            )
        try:
            return parse_operator(raw)
        except ValidationError as exc:
            raise self._parameter_error(exc, where, loc, str(name)) from None

    def _parameter_error(
        self, exc: ValidationError, where: str, loc: Loc, name: str
    ) -> PolicyError:
        problem = first_problem(
            exc,
            {
                "extra_forbidden": f"unknown parameter for {name}",
                "missing": f"required parameter of {name} is missing",
            },
        )
        field_loc = problem.loc
        if field_loc and field_loc[0] == name:  # the discriminated union puts the tag first
            field_loc = field_loc[1:]
        field = ".".join(str(p) for p in field_loc)
        label = f"{where}.{field}" if field else where
        return self.error(f"{label}: {problem.message}{problem.more}", (*loc, *field_loc))


def _hint(name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    if not close:
        lowered = {k.lower(): k for k in known}
        close = [lowered[c] for c in difflib.get_close_matches(name.lower(), list(lowered), n=3)]
    return f"; did you mean {', '.join(close)}?" if close else ""
