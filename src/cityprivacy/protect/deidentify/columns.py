"""A rule applied to a whole table column, each distinct value transformed once a batch.

First names, ZIP codes, languages repeat across the rows of a batch, and every operator
but the date shift gives the same output for the same value whoever it belongs to (it
says so with ``uses_subject = False``). For those, the batch's column is
dictionary-encoded with pyarrow, the rule is applied once to each distinct value, and the
results are taken back to the rows; each distinct value is counted as many times as it
occurs. The output and the counts (in the same order) are those of
:func:`apply_rule_per_cell`, which stays the path for an operator that uses the subject
when there is one, and for a column that is not text.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.protect.deidentify.cells import apply_rule
from cityprivacy.protect.deidentify.summary import Counts
from cityprivacy.protect.operators.base import uses_subject
from cityprivacy.protect.policy import Rule

__all__ = ["apply_rule_per_cell", "apply_rule_to_column"]


def apply_rule_to_column(
    rule: Rule,
    column: pa.Array,
    entity: str | None,
    subjects: list[str | None] | None,
    counts: Counts,
) -> pa.Array:
    """``column`` with ``rule`` applied to every non-blank cell; counts added to ``counts``.

    Null and blank cells stay as they are, as in :func:`apply_rule_per_cell`.
    """
    by_subject = subjects is not None and uses_subject(rule.operator)
    if by_subject or not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return apply_rule_per_cell(rule, column.to_pylist(), entity, subjects, counts)
    encoded = column.dictionary_encode()
    distinct: list[str] = encoded.dictionary.to_pylist()
    present = pc.drop_null(encoded.indices).to_numpy(zero_copy_only=False)
    occurrences = np.bincount(present, minlength=len(distinct)).tolist()
    results: list[str | None] = []
    # The dictionary lists values in the order they first occur, so counts are added in
    # the order the cell-by-cell path would add them.
    for value, times in zip(distinct, occurrences, strict=True):
        if not value.strip():
            results.append(value)
        else:
            results.append(apply_rule(rule, value, entity, None, counts, times)[0])
    return pc.take(pa.array(results, pa.string()), encoded.indices)


def apply_rule_per_cell(
    rule: Rule,
    values: list[str | None],
    entity: str | None,
    subjects: list[str | None] | None,
    counts: Counts,
) -> pa.Array:
    """``rule`` applied cell by cell, each with its row's subject (the reference path)."""
    out: list[str | None] = []
    for i, value in enumerate(values):
        if value is None or not value.strip():
            out.append(value)
            continue
        subject = subjects[i] if subjects is not None else None
        out.append(apply_rule(rule, value, entity, subject, counts)[0])
    return pa.array(out, pa.string())
