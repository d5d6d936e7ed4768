"""Matching the table's classes to a population table: the F of journalist and marketer risk.

A population table (a register, a census extract, the full file the table was drawn
from) holds the same quasi-identifiers for everyone the table could describe. Each class
of the table is looked up in it by encoding both tables' quasi-identifiers together, so
equal values get equal codes in both; the population also gives the exact number of
population uniques, where a size alone only allows an estimate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.protect.risk.classes import (
    EquivalenceClasses,
    IntArray,
    encode_column,
    group_codes,
    suppressed_mask,
)

__all__ = ["PopulationMatch", "match_population"]


@dataclass(frozen=True, slots=True, eq=False)
class PopulationMatch:
    """Population size of each class of the table, and population-wide counts.

    ``sizes[c]`` is F for the table's class ``c``, at least its size in the table (the
    table's records are part of the population); ``short_classes`` counts the classes the
    population table held fewer of than the table itself (it is then not the table's
    population, and those classes were given F = f).
    """

    sizes: IntArray
    records: int
    uniques: int
    short_classes: int


def match_population(
    table: pa.Table,
    classes: EquivalenceClasses,
    population: pa.Table,
    qi: Sequence[str],
    marker: str | None,
) -> PopulationMatch:
    """Look every class of ``table`` (grouped as ``classes``) up in ``population``."""
    population_kept = ~suppressed_mask(population, qi, marker)
    sample_rows = classes.records
    population_rows = int(population_kept.sum())
    columns = []
    for name in qi:
        joint = _concatenate(table.column(name), population.column(name))
        codes, distinct = encode_column(joint)
        sample_codes = codes[: table.num_rows][classes.kept]
        population_codes = codes[table.num_rows :][population_kept]
        columns.append((np.concatenate([sample_codes, population_codes]), distinct))
    joint_class, _ = group_codes(columns, sample_rows + population_rows)
    joint_classes = int(joint_class.max()) + 1 if joint_class.size else 0
    in_population = np.bincount(joint_class[sample_rows:], minlength=joint_classes)

    joint_of_class = np.zeros(classes.count, dtype=np.int64)
    joint_of_class[classes.class_of_row] = joint_class[:sample_rows]
    found = in_population[joint_of_class].astype(np.int64, copy=False)
    short = found < classes.sizes
    return PopulationMatch(
        sizes=np.maximum(found, classes.sizes),
        records=population_rows,
        uniques=int((in_population == 1).sum()),
        short_classes=int(short.sum()),
    )


def _concatenate(left: pa.ChunkedArray, right: pa.ChunkedArray) -> pa.ChunkedArray:
    """One column of both tables' values, as text when their types differ."""
    if not left.type.equals(right.type):
        left, right = pc.cast(left, pa.string()), pc.cast(right, pa.string())
    return pa.chunked_array(list(left.chunks) + list(right.chunks), type=left.type)
