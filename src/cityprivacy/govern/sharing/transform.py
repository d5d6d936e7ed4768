"""Applying a column plan: pseudonyms, one linkage-encoding column, dropped columns, small cells.

Everything keyed uses the *agreement key* (:func:`agreement_key`): a subkey of the office
key under the purpose ``share/agreement/<id>``. Two agencies' extracts under the same
agreement, made against the same office, therefore carry the same pseudonym for the same
value and encodings that match; extracts under two agreements share nothing, so two
recipients cannot join their files. The key itself never leaves this process.

- ``pseudonym``: :class:`~cityprivacy.protect.operators.pseudonymize.Pseudonymize` with the
  type as prefix (``CASE_NUMBER_3f9c...``), so a renamed column gets the same tokens.
- ``encode``: the columns of encoded types become one column, ``linkage_encoding`` (base64
  of the hardened Bloom filter), made by :class:`~cityprivacy.link.BloomEncoder` with the
  terms' link schema. The encoder reads only encoded columns; a schema field whose column
  is not one of them is left empty, so no other column leaks into the encoding. The table
  carries a :class:`~cityprivacy.link.LinkageMeta` in its schema metadata (schema, the
  agreement key's fingerprint, bits, the encoding and id columns): written as Parquet, the
  extract is an encodings file ``cityprivacy link match`` reads.
- small cells: rows whose combination of values in the small-cell columns occurs fewer than
  ``threshold`` times get those cells replaced by ``*``.
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa

from cityprivacy.errors import InputError
from cityprivacy.govern.sharing.columns import ColumnPlan
from cityprivacy.govern.sharing.terms import ExtractTerms, Treatment
from cityprivacy.link import BloomEncoder, LinkageMeta, LinkSchema, load_schema
from cityprivacy.link.io import EXTRACT_ENCODING_COLUMN, attach_linkage_meta
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.operators.pseudonymize import Pseudonymize

__all__ = [
    "ENCODING_COLUMN",
    "SUPPRESSED",
    "ExtractTable",
    "agreement_key",
    "build_extract",
]

ENCODING_COLUMN = EXTRACT_ENCODING_COLUMN
SUPPRESSED = "*"
KEY_PURPOSE = "share/agreement/{id}"


def agreement_key(office_key: SecretKey, agreement_id: int) -> SecretKey:
    """The key of every extract under agreement ``agreement_id`` (derived, never stored)."""
    secret = office_key.derive(KEY_PURPOSE.format(id=agreement_id))
    return SecretKey(secret, source=f"agreement {agreement_id}")


@dataclass(frozen=True, slots=True)
class ExtractTable:
    """The extract, the types it holds, and what was done to make it."""

    table: pa.Table
    categories: tuple[str, ...]
    encoded_fields: tuple[str, ...]
    suppressed_cells: int
    linkage: LinkageMeta | None = None
    """With an encoding column: what made it (also in ``table``'s schema metadata)."""


def _pseudonyms(column: pa.ChunkedArray, type_key: str, key: SecretKey) -> pa.Array:
    operator = Pseudonymize(prefix=type_key.upper()).build(key)
    values: list[str | None] = column.to_pylist()
    return pa.array(
        [operator.apply(v, entity=type_key) if v and v.strip() else v for v in values],
        pa.string(),
    )


def _link_schema(terms: ExtractTerms) -> LinkSchema:
    if terms.link_schema is None:  # check_terms refuses encode without a schema
        raise InputError("extract_terms.link_schema: 'encode' needs a link schema")
    # Rows are identified by position, and an extract carries no blocking keys (keyed
    # hashes of clear values): neither is computed.
    return load_schema(terms.link_schema).model_copy(update={"id_column": None, "blocking": ()})


def _encodings(
    table: pa.Table, columns: Sequence[str], schema: LinkSchema, key: SecretKey
) -> tuple[pa.Array, tuple[str, ...]]:
    """One base64 encoding per row (null where no encoded field had a value)."""
    used = tuple(f.name for f in schema.fields if f.source_column in columns)
    if not used:
        wanted = ", ".join(f.source_column for f in schema.fields)
        raise InputError(
            f"the link schema {schema.name!r} reads none of the encoded columns "
            f"({', '.join(columns)}); it reads {wanted}"
        )
    n = table.num_rows
    source = pa.table(
        {
            f.source_column: (
                table.column(f.source_column)
                if f.source_column in columns
                else pa.nulls(n, pa.string())
            )
            for f in schema.fields
        }
    )
    batch = BloomEncoder(schema, key).encode(source, lines=np.arange(n))
    out: list[str | None] = [None] * n
    words = batch.words.astype("<u8", copy=False)
    for row, index in enumerate(batch.ids.to_pylist()):
        out[int(index)] = base64.b64encode(words[row].tobytes()).decode("ascii")
    return pa.array(out, pa.string()), used


def _suppress_small_cells(
    arrays: dict[str, pa.Array], columns: Sequence[str], threshold: int
) -> int:
    """Replace rare combinations of ``columns`` by ``*`` in ``arrays``; the cells changed."""
    if not columns:
        return 0
    values = [arrays[c].to_pylist() for c in columns]
    combos = list(zip(*values, strict=True))
    counts = Counter(combos)
    rare = [counts[combo] < threshold for combo in combos]
    for name, column in zip(columns, values, strict=True):
        arrays[name] = pa.array(
            [SUPPRESSED if r else v for v, r in zip(column, rare, strict=True)], pa.string()
        )
    return sum(rare) * len(columns)


def build_extract(
    table: pa.Table,
    plans: Sequence[ColumnPlan],
    terms: ExtractTerms,
    key: SecretKey,
    *,
    small_cell_threshold: int,
    id_column: str | None = None,
) -> ExtractTable:
    """The extract of ``table`` (string columns) under ``plans`` and ``terms``.

    ``id_column`` (a column the extract keeps) holds the record ids of its linkage
    metadata; ``None``: the row numbers, from 1.
    """
    if ENCODING_COLUMN in table.column_names:
        raise InputError(f"the input already has a column named {ENCODING_COLUMN!r}")
    encoded = [p.column for p in plans if p.treatment is Treatment.ENCODE]
    arrays: dict[str, pa.Array] = {}
    categories: set[str] = set()
    fields: tuple[str, ...] = ()
    schema = _link_schema(terms) if encoded else None
    for plan in plans:
        if plan.treatment is Treatment.DROP:
            continue
        if plan.treatment is Treatment.ENCODE:
            if schema is not None and ENCODING_COLUMN not in arrays:
                arrays[ENCODING_COLUMN], fields = _encodings(table, encoded, schema, key)
            continue
        column = table.column(plan.column)
        categories.update(plan.types)
        if plan.treatment is Treatment.PSEUDONYM:
            label = next(t for t in plan.types if terms.treatment_of(t) is Treatment.PSEUDONYM)
            arrays[plan.column] = _pseudonyms(column, label, key)
        else:
            arrays[plan.column] = column.combine_chunks().cast(pa.string())
    if schema is not None:
        read = {f.source_column for f in schema.fields if f.name in fields}
        categories.update(t for p in plans if p.column in read for t in p.types)
    suppressed = 0
    if terms.small_cells is not None:
        wanted = set(terms.small_cells.types)
        counted = [
            p.column
            for p in plans
            if p.column in arrays and p.treatment is not None and wanted & set(p.types)
        ]
        threshold = terms.small_cells.threshold or small_cell_threshold
        suppressed = _suppress_small_cells(arrays, counted, threshold)
    else:
        counted = []
    out = pa.table(arrays)
    linkage = None
    if schema is not None and ENCODING_COLUMN in arrays:
        _check_id_column(id_column, arrays, counted)
        linkage = replace(
            LinkageMeta.for_bloom(schema, key.fingerprint),
            encoding_column=ENCODING_COLUMN,
            id_column=id_column,
        )
        out = attach_linkage_meta(out, linkage)
    elif id_column is not None:
        raise InputError(f"id column {id_column!r}: the extract has no linkage encoding to link")
    return ExtractTable(out, tuple(sorted(categories)), fields, suppressed, linkage)


def _check_id_column(
    id_column: str | None, arrays: dict[str, pa.Array], suppressed: Sequence[str]
) -> None:
    """The id column must stay in the extract as it is linked: kept, and never ``*``."""
    if id_column is None:
        return
    if id_column == ENCODING_COLUMN or id_column not in arrays:
        raise InputError(
            f"id column {id_column!r}: not a column the extract keeps (an id for linkage "
            "must be a column sent clear or as pseudonyms)"
        )
    if id_column in suppressed:
        raise InputError(
            f"id column {id_column!r}: its small cells are suppressed, so it cannot identify rows"
        )
