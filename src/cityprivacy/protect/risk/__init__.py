"""Re-identification risk of a table: equivalence classes, k-anonymity, l-diversity,
t-closeness, prosecutor / journalist / marketer risk and population uniqueness.

Definitions follow ARX (``RiskModelSampleSummary``, ``RiskModelPopulationUniqueness``,
t-closeness) and pycanon, which the tests check against::

    from cityprivacy.protect.risk import assess_risk
    report = assess_risk(table, ["age", "sex", "zip"], sensitive="diagnosis")
    report.k, report.prosecutor.highest, report.to_dict()
"""

from cityprivacy.protect.risk.assess import assess_risk
from cityprivacy.protect.risk.population import (
    PitmanFit,
    estimate_population_uniques,
    fit_pitman,
    pitman_uniques,
    zayatz_uniques,
)
from cityprivacy.protect.risk.report import (
    ClassSummary,
    Closeness,
    Diversity,
    PopulationUniqueness,
    RiskReport,
    RiskSummary,
)

__all__ = [
    "ClassSummary",
    "Closeness",
    "Diversity",
    "PitmanFit",
    "PopulationUniqueness",
    "RiskReport",
    "RiskSummary",
    "assess_risk",
    "estimate_population_uniques",
    "fit_pitman",
    "pitman_uniques",
    "zayatz_uniques",
]
