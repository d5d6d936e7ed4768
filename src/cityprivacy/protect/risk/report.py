"""What a risk assessment reports: frozen dataclasses, JSON-ready through ``to_dict``.

A report never holds a quasi-identifier or sensitive value: only counts, shares, sizes
and the names of the columns. The class-size histogram maps a size to how many classes
have it, so it can be published beside the data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = [
    "ClassSummary",
    "Closeness",
    "Diversity",
    "PopulationUniqueness",
    "RiskReport",
    "RiskSummary",
    "UniquenessModel",
]

UniquenessModel = Literal["pitman", "zayatz", "counted", "none"]


@dataclass(frozen=True, slots=True)
class ClassSummary:
    """The equivalence classes on the quasi-identifiers.

    ``k`` is the smallest class (the table is k-anonymous for this k); ``histogram``
    lists ``(size, classes of that size)`` by increasing size; sample uniques are the
    records alone in their class. ``k`` and ``average_size`` are None when every record
    was suppressed.
    """

    count: int
    k: int | None
    average_size: float | None
    histogram: tuple[tuple[int, int], ...]
    sample_uniques: int
    sample_uniques_share: float


@dataclass(frozen=True, slots=True)
class Diversity:
    """l-diversity of the sensitive column: distinct, entropy (exact) and pycanon's entropy l."""

    distinct_l: int
    entropy_l: float
    entropy_l_pycanon: int


@dataclass(frozen=True, slots=True)
class Closeness:
    """t-closeness: the largest Earth Mover's Distance of a class from the table."""

    t: float
    distance: Literal["ordered", "equal"]


@dataclass(frozen=True, slots=True)
class RiskSummary:
    """One attacker model's risks (El Emam; ARX's ``RiskModelSampleSummary``).

    ``records_at_risk``: share of records whose risk is above the threshold;
    ``highest``: the largest record risk; ``average``: the share of records an attacker
    re-identifies on average.
    """

    records_at_risk: float
    highest: float
    average: float


@dataclass(frozen=True, slots=True)
class PopulationUniqueness:
    """Records unique in the population, not only in the table.

    ``model`` says how ``uniques`` was obtained: ``counted`` in a population table,
    ``pitman`` or ``zayatz`` estimated by Dankar et al.'s rule, ``none`` when the
    table has no sample uniques (then there are no population uniques either). ``pitman``
    and ``zayatz`` hold each estimator's figure when it was computed (None when it has
    no solution).
    """

    population_size: int
    sampling_fraction: float
    uniques: float
    uniques_share: float
    model: UniquenessModel
    pitman: float | None = None
    zayatz: float | None = None


@dataclass(frozen=True, slots=True)
class RiskReport:
    """Re-identification risk of a table on its quasi-identifiers.

    ``records`` counts every row, ``suppressed_records`` those whose quasi-identifiers
    are all the suppression marker (left out of every class and measure). Journalist
    risk needs a population table; without one it equals prosecutor risk and
    ``journalist_basis`` says so.
    """

    records: int
    suppressed_records: int
    quasi_identifiers: tuple[str, ...]
    sensitive: str | None
    threshold: float
    classes: ClassSummary
    prosecutor: RiskSummary
    journalist: RiskSummary
    journalist_basis: str
    marketer: float
    diversity: Diversity | None = None
    closeness: Closeness | None = None
    population: PopulationUniqueness | None = None
    notes: tuple[str, ...] = ()

    @property
    def k(self) -> int | None:
        """The k of k-anonymity (smallest class), None when every record was suppressed."""
        return self.classes.k

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready builtins (lists, dicts, numbers, strings)."""
        data = asdict(self)
        data["quasi_identifiers"] = list(self.quasi_identifiers)
        data["notes"] = list(self.notes)
        data["classes"]["histogram"] = [
            {"size": size, "classes": count} for size, count in self.classes.histogram
        ]
        return data
