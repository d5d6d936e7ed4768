"""Loading the shipped taxonomy, full taxonomy files and override files, with line numbers.

The shipped file is read once per process (``functools.lru_cache``); an override file,
which the CPO's office edits, is applied on top of it:

.. code-block:: yaml

    version: "2026.1+moip.1"
    add:     [ {key: ..., name: ..., ...} ]           # full entries
    retire:  [ {key: url, on: 2026-09-01, reason: ...} ]
    update:  [ {key: device_identifier, status: cpo_designated} ]   # partial entries

Every problem raises :class:`~cityprivacy.errors.TaxonomyError` with the file and the
line of the entry or field at fault. ``known_entities`` (optional) checks ``detected_by``
against the detector's entity names; the taxonomy cannot import the detector itself.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Collection
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from yaml.nodes import Node

from cityprivacy._textfile import read_text_file
from cityprivacy.errors import TaxonomyError
from cityprivacy.taxonomy._yaml import Document, child, first_problem, parse_yaml
from cityprivacy.taxonomy.model import IdentifyingType, Key, NonEmpty, Taxonomy, find_conflicts

__all__ = ["apply_override", "is_override", "load_any", "load_taxonomy", "load_taxonomy_file"]

OVERRIDE_SECTIONS = frozenset({"add", "retire", "update"})
M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


class _TaxonomyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: NonEmpty
    types: list[dict[str, Any]]


class _Retirement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: Key
    on: date
    reason: NonEmpty


class _OverrideFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: NonEmpty | None = None
    add: list[dict[str, Any]] = []
    retire: list[_Retirement] = []
    update: list[dict[str, Any]] = []


def load_taxonomy(override: Path | str | None = None) -> Taxonomy:
    """The shipped taxonomy, with ``override`` applied when given."""
    base = _shipped()
    return base if override is None else apply_override(base, override)


@functools.lru_cache(maxsize=1)
def _shipped() -> Taxonomy:
    resource = resources.files("cityprivacy.taxonomy") / "data" / "taxonomy.yaml"
    doc = parse_yaml(resource.read_text(encoding="utf-8"), str(resource))
    return _taxonomy_from(doc, None)


def load_taxonomy_file(
    path: Path | str, *, known_entities: Collection[str] | None = None
) -> Taxonomy:
    """A full taxonomy file (``version`` and ``types``), validated."""
    return _taxonomy_from(_read(path), known_entities)


def apply_override(
    base: Taxonomy, path: Path | str, *, known_entities: Collection[str] | None = None
) -> Taxonomy:
    """``base`` with the override file at ``path`` applied: add, then update, then retire."""
    doc = _read(path)
    spec = _validate(doc, _OverrideFile, doc.data, ())
    types = dict(base.types)
    touched: dict[str, Loc] = {}
    for i, raw in enumerate(spec.add):
        loc: Loc = ("add", i)
        t = _entry(doc, raw, loc, known_entities)
        if t.key in types:
            raise doc.error(
                f"add: type {t.key!r} already exists; use update to change it", (*loc, "key")
            )
        types[t.key] = t
        touched[t.key] = loc
    for i, raw in enumerate(spec.update):
        loc = ("update", i)
        key = raw.get("key")
        if not isinstance(key, str):
            raise doc.error("update: each entry needs the key of the type to change", loc)
        if key not in types:
            raise doc.error(f"update: unknown type {key!r}{_hint(key, types)}", (*loc, "key"))
        types[key] = _entry(doc, types[key].model_dump() | raw, loc, known_entities)
        touched[key] = loc
    for i, r in enumerate(spec.retire):
        loc = ("retire", i)
        if r.key not in types:
            raise doc.error(f"retire: unknown type {r.key!r}{_hint(r.key, types)}", (*loc, "key"))
        current = types[r.key]
        if current.retired_on is not None:
            raise doc.error(
                f"retire: type {r.key!r} is already retired on {current.retired_on}; "
                "use update to change retired_on",
                (*loc, "key"),
            )
        if r.on <= current.effective_from:
            raise doc.error(
                f"retire: {r.key!r} would retire on {r.on}, not after its effective_from "
                f"({current.effective_from})",
                (*loc, "on"),
            )
        types[r.key] = current.model_copy(update={"retired_on": r.on, "retired_reason": r.reason})
        touched[r.key] = loc
    _check_conflicts(doc, types, touched)
    return Taxonomy(version=spec.version or f"{base.version}+local", types=types)


def is_override(path: Path | str) -> bool:
    """Whether the file at ``path`` is an override file (has ``add``, ``retire`` or ``update``)."""
    data = _read(path).data
    return isinstance(data, dict) and bool(OVERRIDE_SECTIONS & set(data))


def load_any(
    path: Path | str, *, base: Taxonomy | None = None, known_entities: Collection[str] | None = None
) -> Taxonomy:
    """A full taxonomy file, or an override file applied to ``base`` (default: the shipped one)."""
    if is_override(path):
        return apply_override(base or load_taxonomy(), path, known_entities=known_entities)
    return load_taxonomy_file(path, known_entities=known_entities)


def _read(path: Path | str) -> Document:
    text = read_text_file(path, label="taxonomy file", error=TaxonomyError)
    return parse_yaml(text, str(path))


def _taxonomy_from(doc: Document, known_entities: Collection[str] | None) -> Taxonomy:
    spec = _validate(doc, _TaxonomyFile, doc.data, ())
    types: dict[str, IdentifyingType] = {}
    where: dict[str, Loc] = {}
    for i, raw in enumerate(spec.types):
        loc: Loc = ("types", i)
        t = _entry(doc, raw, loc, known_entities)
        if t.key in types:
            raise doc.error(f"type {t.key!r} is defined twice", (*loc, "key"))
        types[t.key] = t
        where[t.key] = loc
    _check_conflicts(doc, types, where)
    return Taxonomy(version=spec.version, types=types)


def _entry(
    doc: Document, raw: dict[str, Any], loc: Loc, known_entities: Collection[str] | None
) -> IdentifyingType:
    t = _validate(doc, IdentifyingType, raw, loc)
    if known_entities is not None:
        for j, entity in enumerate(t.detected_by):
            if entity not in known_entities:
                raise doc.error(
                    f"type {t.key!r}: unknown entity type {entity} in detected_by",
                    (*loc, "detected_by", j),
                )
    return t


def _validate(doc: Document, model: type[M], data: Any, loc: Loc) -> M:
    """``model.model_validate(data)``; the first error is raised at its line in the file."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problem = first_problem(exc)
        field = ".".join(str(p) for p in problem.loc) or "entry"
        raise doc.error(
            f"{_describe(doc, loc)}{field}: {problem.message}{problem.more}", (*loc, *problem.loc)
        ) from None


def _describe(doc: Document, loc: Loc) -> str:
    """``"types[3] (name): "`` for an entry, ``""`` for the top level."""
    if not loc:
        return ""
    node: Node | None = doc.root
    for step in loc:
        node = child(node, step)[1] if node is not None else None
    key_node = child(node, "key")[1] if node is not None else None
    key = f" ({key_node.value})" if key_node is not None and isinstance(key_node.value, str) else ""
    return f"{loc[0]}[{loc[1]}]{key}: " if len(loc) == 2 else f"{'.'.join(map(str, loc))}: "


def _check_conflicts(
    doc: Document, types: dict[str, IdentifyingType], where: dict[str, Loc]
) -> None:
    """Two types in force together may not claim one entity; blame the entry in this file."""
    for entity, first, second in find_conflicts(types.values()):
        culprit = second if second in where else first
        other = first if culprit == second else second
        loc = where.get(culprit, ())
        t = types[culprit]
        field: Loc = ("detected_by", t.detected_by.index(entity))
        raise doc.error(
            f"type {culprit!r}: entity type {entity} is already claimed by {other!r}; "
            "an entity may belong to only one type in force at a time",
            (*loc, *field) if loc else (),
        )


def _hint(key: str, types: Collection[str]) -> str:
    close = difflib.get_close_matches(key, list(types), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""
