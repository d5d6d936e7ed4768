"""The extract terms of a data sharing agreement: how an extract under it treats each type.

Stored as JSON in ``Agreement.extract_terms``; written by a privacy officer as YAML::

    treatments:                  # per taxonomy type the agreement permits
      name: encode               # into the one linkage-encoding column
      date_of_birth: encode
      case_number: pseudonym     # keyed pseudonyms, the same for every agency under the agreement
      ssn: drop                  # permitted by the agreement, but not in this extract
    link_schema: city            # shipped schema name or path, for ``encode``
    small_cells: {types: [race, languages_spoken], threshold: 5}
    subject_type: case_number    # whose column identifies people, for the accounting
    id_type: case_number         # for ``encode``: whose column is the record id for linkage

A type the agreement permits without a treatment is sent ``clear``. A type the agreement
does not permit never gets a treatment: the extract refuses such columns (or drops them).
:func:`check_terms` is the one check against the taxonomy and the agreement's types.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cityprivacy.errors import InputError, PolicyError, UnknownEntityError
from cityprivacy.taxonomy import Taxonomy
from cityprivacy.taxonomy._yaml import line_of, parse_yaml

__all__ = [
    "ExtractTerms",
    "SmallCells",
    "Treatment",
    "check_terms",
    "load_terms_file",
    "parse_terms",
]


class Treatment(StrEnum):
    """What an extract does with the columns of one type."""

    CLEAR = "clear"
    PSEUDONYM = "pseudonym"
    ENCODE = "encode"
    DROP = "drop"


STRICTNESS = (Treatment.CLEAR, Treatment.PSEUDONYM, Treatment.ENCODE, Treatment.DROP)
"""Weakest to strongest: a column holding two types gets the stronger treatment."""


class SmallCells(BaseModel):
    """Suppress the cells of ``types`` whose combination of values is rarer than ``threshold``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    types: tuple[str, ...] = Field(min_length=1)
    threshold: int | None = Field(None, ge=2, le=10_000)
    """Default: the ``small_cell_threshold`` setting (city practice: 5)."""


class ExtractTerms(BaseModel):
    """The extract terms of one agreement (see the module docstring)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    treatments: dict[str, Treatment] = Field(default_factory=dict)
    link_schema: str | None = Field(None, min_length=1, max_length=500)
    small_cells: SmallCells | None = None
    subject_type: str | None = Field(None, min_length=1, max_length=100)
    id_type: str | None = Field(None, min_length=1, max_length=100)
    """The type whose column (kept, clear or as pseudonyms) gives the record ids of the
    linkage encodings; none: the row numbers of the extract, from 1."""

    def treatment_of(self, type_key: str) -> Treatment:
        """The treatment of a permitted type (``clear`` when the terms name none)."""
        return self.treatments.get(type_key, Treatment.CLEAR)

    def stored(self) -> dict[str, Any]:
        """The JSON kept in ``Agreement.extract_terms`` (defaults left out)."""
        return self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def _first_problem(exc: ValidationError) -> tuple[list[str | int], str]:
    first = exc.errors()[0]
    loc = [p for p in first["loc"] if isinstance(p, str | int)]
    return loc, first["msg"]


def parse_terms(data: Mapping[str, Any] | ExtractTerms | None) -> ExtractTerms:
    """``data`` as :class:`ExtractTerms`; the first problem is an InputError naming its field."""
    if isinstance(data, ExtractTerms):
        return data
    try:
        return ExtractTerms.model_validate(dict(data or {}))
    except ValidationError as exc:
        loc, message = _first_problem(exc)
        where = ".".join(str(p) for p in ("extract_terms", *loc))
        raise InputError(f"{where}: {message}") from None


def check_terms(terms: ExtractTerms, taxonomy: Taxonomy, permitted: Collection[str]) -> None:
    """Refuse terms naming an unknown type, or treating a type the agreement does not permit.

    Also: ``encode`` needs a ``link_schema`` (a shipped one is read here; a path, only when
    an extract is made), and small cells are counted on columns that stay in the extract.
    """
    allowed = set(permitted)
    for key, treatment in terms.treatments.items():
        where = f"extract_terms.treatments.{key}"
        _known(taxonomy, key, where)
        if key not in allowed:
            raise InputError(
                f"{where}: the agreement does not permit type {key!r}; "
                f"it permits {', '.join(sorted(allowed))}"
            )
        if treatment is Treatment.ENCODE and terms.link_schema is None:
            raise InputError(f"{where}: 'encode' needs a link_schema (e.g. link_schema: city)")
    if terms.link_schema is not None:
        # Imported here: cityprivacy.link pulls in numpy and Arrow, which the office's other
        # commands and the API's start-up do not need.
        from cityprivacy.link.schema import BUILTIN_SCHEMAS, load_schema

        if terms.link_schema in BUILTIN_SCHEMAS:
            load_schema(terms.link_schema)
    # A path is read where extracts are made, not here: the office (and its API) must not
    # open files of its own machine on a caller's say-so.
    if terms.subject_type is not None:
        _known(taxonomy, terms.subject_type, "extract_terms.subject_type")
    if terms.id_type is not None:
        _check_id_type(terms, terms.id_type, taxonomy, allowed)
    if terms.small_cells is not None:
        for key in terms.small_cells.types:
            where = "extract_terms.small_cells.types"
            _known(taxonomy, key, where)
            if key not in allowed:
                raise InputError(f"{where}: the agreement does not permit type {key!r}")
            if terms.treatment_of(key) in (Treatment.ENCODE, Treatment.DROP):
                raise InputError(
                    f"{where}: type {key!r} is treated {terms.treatment_of(key).value}, so "
                    "its columns are not in the extract to count"
                )


def _check_id_type(terms: ExtractTerms, key: str, taxonomy: Taxonomy, allowed: set[str]) -> None:
    """The id type's column must stay in the extract, unchanged by small-cell suppression."""
    where = "extract_terms.id_type"
    _known(taxonomy, key, where)
    if key not in allowed:
        raise InputError(f"{where}: the agreement does not permit type {key!r}")
    if Treatment.ENCODE not in terms.treatments.values():
        raise InputError(f"{where}: only extracts with an 'encode' treatment have record ids")
    if terms.treatment_of(key) in (Treatment.ENCODE, Treatment.DROP):
        raise InputError(
            f"{where}: type {key!r} is treated {terms.treatment_of(key).value}, so its "
            "column is not in the extract to identify rows"
        )
    if terms.small_cells is not None and key in terms.small_cells.types:
        raise InputError(f"{where}: type {key!r} has its small cells suppressed")


def _known(taxonomy: Taxonomy, key: str, where: str) -> None:
    try:
        taxonomy.get(key)
    except UnknownEntityError as exc:
        raise InputError(f"{where}: {exc}") from None


def load_terms_file(path: Path, taxonomy: Taxonomy | None = None) -> ExtractTerms:
    """Read extract terms from a YAML file; errors name the file and line.

    With ``taxonomy``, unknown type keys are refused here too (the agreement's own types
    are checked when the terms are attached to it).
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"cannot read the extract terms: {exc.strerror}", source=source) from None
    except UnicodeDecodeError:
        raise PolicyError("the extract terms are not UTF-8 text", source=source) from None
    document = parse_yaml(text, source, error=PolicyError)
    if not isinstance(document.data, dict):
        raise document.error("extract terms are a mapping (treatments:, link_schema:, ...)")
    try:
        terms = ExtractTerms.model_validate(document.data)
    except ValidationError as exc:
        loc, message = _first_problem(exc)
        where = ".".join(str(p) for p in loc) or "terms"
        raise PolicyError(
            f"{where}: {message}", source=source, line=line_of(document.root, loc)
        ) from None
    if taxonomy is not None:
        named: list[tuple[list[str | int], str]] = [
            (["treatments", key], key) for key in terms.treatments
        ]
        if terms.subject_type is not None:
            named.append((["subject_type"], terms.subject_type))
        if terms.id_type is not None:
            named.append((["id_type"], terms.id_type))
        if terms.small_cells is not None:
            named += [
                (["small_cells", "types", i], key) for i, key in enumerate(terms.small_cells.types)
            ]
        for loc, key in named:
            try:
                taxonomy.get(key)
            except UnknownEntityError as exc:
                where = ".".join(str(p) for p in loc[:2])
                line = line_of(document.root, loc)
                raise PolicyError(f"{where}: {exc}", source=source, line=line) from None
    return terms
