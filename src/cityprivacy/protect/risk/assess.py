"""``assess_risk``: every re-identification measure of a table in one report.

The caller names the quasi-identifiers (the columns an attacker can know from elsewhere:
age, sex, ZIP code...) and, optionally, one sensitive column (for l-diversity and
t-closeness) and the population the table was drawn from: a population table (exact
journalist and marketer risk, counted population uniques) or just its size (estimated
population uniques). The anonymizer calls this on its own output, with the suppression
marker it used.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from cityprivacy.errors import InputError
from cityprivacy.protect._arrow import bool_array
from cityprivacy.protect.risk.classes import EquivalenceClasses
from cityprivacy.protect.risk.closeness import equal_distance_emd, ordered_emd
from cityprivacy.protect.risk.diversity import diversity
from cityprivacy.protect.risk.population import (
    PITMAN_MAX_SAMPLING_FRACTION,
    estimate_population_uniques,
)
from cityprivacy.protect.risk.population_table import match_population
from cityprivacy.protect.risk.reidentification import journalist, marketer, prosecutor
from cityprivacy.protect.risk.report import (
    ClassSummary,
    Closeness,
    Diversity,
    PopulationUniqueness,
    RiskReport,
)
from cityprivacy.protect.risk.sensitive import (
    ClassValueCounts,
    as_numbers,
    numeric_codes,
    sorted_codes,
)

__all__ = ["assess_risk", "check_columns"]

NO_POPULATION = "none: equals prosecutor risk (no population table)"
POPULATION_TABLE = "population table"


def assess_risk(
    table: pa.Table,
    qi: Sequence[str],
    *,
    sensitive: str | None = None,
    population_size: int | None = None,
    population: pa.Table | None = None,
    threshold: float = 0.2,
    suppressed_marker: str | None = None,
    ordered: bool | None = None,
) -> RiskReport:
    """Measure the re-identification risk of ``table`` on the quasi-identifiers ``qi``.

    ``ordered`` chooses the t-closeness distance for ``sensitive``: True the ordered
    distance (values must all be numbers), False the equal distance, None (default)
    ordered when every value is a number. Raises :class:`~cityprivacy.errors.InputError`
    for a missing column, an empty table or inconsistent population figures.
    """
    quasi = tuple(dict.fromkeys(qi))
    if table.num_rows == 0:
        raise InputError("the table has no records to measure")
    check_columns(table, quasi, sensitive)
    if not 0.0 < threshold <= 1.0:
        raise InputError(f"the risk threshold must be in (0, 1], not {threshold}")
    if population is not None and population_size is not None:
        raise InputError("give a population table or a population size, not both")
    if population is not None:
        check_columns(population, quasi, None, what="the population table")

    classes = EquivalenceClasses.of(table, quasi, suppressed_marker)
    sizes = classes.sizes
    notes: list[str] = []
    prosecutor_risk = prosecutor(sizes, threshold)
    journalist_risk, journalist_basis = prosecutor_risk, NO_POPULATION
    marketer_risk = marketer(sizes)
    uniqueness: PopulationUniqueness | None = None

    if population is not None:
        match = match_population(table, classes, population, quasi, suppressed_marker)
        journalist_risk = journalist(sizes, match.sizes, threshold)
        journalist_basis = POPULATION_TABLE
        marketer_risk = marketer(sizes, match.sizes)
        uniqueness = _counted(match.uniques, match.records, classes.records)
        if match.short_classes:
            notes.append(
                f"{match.short_classes} classes have fewer records in the population table "
                "than in the table: it is not the table's population (F = f was used)"
            )
    elif population_size is not None:
        uniqueness = _estimated(classes, population_size, notes)

    report_diversity: Diversity | None = None
    report_closeness: Closeness | None = None
    if sensitive is not None and classes.count:
        column = table.column(sensitive)
        if not classes.kept.all():
            column = column.filter(bool_array(classes.kept))
        report_diversity = diversity(
            ClassValueCounts.of(classes.class_of_row, sizes, *sorted_codes(column))
        )
        report_closeness = _closeness(column, sensitive, classes, ordered)

    uniques = int((sizes == 1).sum())
    summary = ClassSummary(
        count=classes.count,
        k=int(sizes.min()) if sizes.size else None,
        average_size=classes.records / classes.count if classes.count else None,
        histogram=classes.histogram(),
        sample_uniques=uniques,
        sample_uniques_share=uniques / classes.records if classes.records else 0.0,
    )
    return RiskReport(
        records=table.num_rows,
        suppressed_records=table.num_rows - classes.records,
        quasi_identifiers=quasi,
        sensitive=sensitive,
        threshold=threshold,
        classes=summary,
        prosecutor=prosecutor_risk,
        journalist=journalist_risk,
        journalist_basis=journalist_basis,
        marketer=marketer_risk,
        diversity=report_diversity,
        closeness=report_closeness,
        population=uniqueness,
        notes=tuple(notes),
    )


def check_columns(
    table: pa.Table, qi: Sequence[str], sensitive: str | None, *, what: str = "the table"
) -> None:
    """Raise :class:`InputError` naming any missing column and listing those there are."""
    if not qi:
        raise InputError("name at least one quasi-identifier column")
    names = list(table.column_names)
    missing = [name for name in qi if name not in names]
    if sensitive is not None and sensitive not in names:
        missing.append(sensitive)
    if missing:
        available = ", ".join(names) if names else "none"
        plural = "s" if len(missing) > 1 else ""
        raise InputError(
            f"{what} has no column{plural} {', '.join(map(repr, missing))}; "
            f"its columns are: {available}"
        )
    if sensitive is not None and sensitive in qi:
        raise InputError(f"column {sensitive!r} cannot be both a quasi-identifier and sensitive")


def _counted(uniques: int, population_records: int, sample_records: int) -> PopulationUniqueness:
    return PopulationUniqueness(
        population_size=population_records,
        sampling_fraction=sample_records / population_records if population_records else 1.0,
        uniques=float(uniques),
        uniques_share=uniques / population_records if population_records else 0.0,
        model="counted",
    )


def _estimated(
    classes: EquivalenceClasses, population_size: int, notes: list[str]
) -> PopulationUniqueness:
    if population_size < classes.records:
        raise InputError(
            f"the population size {population_size} is smaller than the table's "
            f"{classes.records} records"
        )
    if population_size == classes.records:  # a census: the table is the population
        return _counted(int((classes.sizes == 1).sum()), population_size, classes.records)
    estimate = estimate_population_uniques(classes.histogram(), population_size)
    if estimate.model == "zayatz" and estimate.sampling_fraction > PITMAN_MAX_SAMPLING_FRACTION:
        notes.append(
            "population uniques estimated with Zayatz's model: the sampling fraction is above "
            "10%, where ARX takes the smaller of Zayatz and SNB (SNB is not implemented)"
        )
    elif estimate.model == "zayatz":
        notes.append("population uniques estimated with Zayatz's model: Pitman's had no solution")
    return estimate


def _closeness(
    column: pa.ChunkedArray, name: str, classes: EquivalenceClasses, ordered: bool | None
) -> Closeness:
    numbers = as_numbers(column) if ordered is not False else None
    if ordered and numbers is None:
        raise InputError(
            f"column {name!r} has missing or non-numeric values: the ordered distance needs "
            "numbers (use the categorical distance)"
        )
    if numbers is not None:
        counts = ClassValueCounts.of(classes.class_of_row, classes.sizes, *numeric_codes(numbers))
        return Closeness(t=float(np.max(ordered_emd(counts))), distance="ordered")
    counts = ClassValueCounts.of(classes.class_of_row, classes.sizes, *sorted_codes(column))
    return Closeness(t=float(np.max(equal_distance_emd(counts))), distance="equal")
