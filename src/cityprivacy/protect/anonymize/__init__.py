"""Optimal anonymization: full-domain generalization over hierarchies, with suppression.

::

    from cityprivacy.protect.anonymize import anonymize
    from cityprivacy.protect.hierarchy import load_hierarchies

    qi = ["age", "sex", "race"]
    result = anonymize(table, qi, load_hierarchies(folder, qi), k=5, max_suppression=0.04)
    result.levels, result.utility.loss, result.risk.prosecutor.highest, result.table

The search is ARX's FLASH (binary search with predictive tagging over the lattice of
level combinations) followed by a bounded utility phase, so the node returned is the
exact optimum under the metric (``loss``, ``discernibility`` or ``entropy``) for
k-anonymity, distinct l-diversity and t-closeness within the suppression limit.
"""

from cityprivacy.protect.anonymize.anonymizer import SUPPRESSED, anonymize
from cityprivacy.protect.anonymize.metrics import Metric
from cityprivacy.protect.anonymize.privacy import PrivacyModel
from cityprivacy.protect.anonymize.result import (
    AnonymizationResult,
    NoSolutionError,
    SearchStats,
    Utility,
)

__all__ = [
    "SUPPRESSED",
    "AnonymizationResult",
    "Metric",
    "NoSolutionError",
    "PrivacyModel",
    "SearchStats",
    "Utility",
    "anonymize",
]
