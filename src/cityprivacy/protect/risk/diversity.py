"""l-diversity: how many different sensitive values each equivalence class holds.

k-anonymity hides who a record is, not what it says: if every record of a class has the
same diagnosis, learning someone's class discloses it. Machanavajjhala et al. (2007)
ask each class to hold at least l "well represented" values:

* **distinct l-diversity**: the smallest number of distinct sensitive values in a class;
* **entropy l-diversity**: the smallest ``exp(H)`` over classes, where
  ``H = -Σ p·ln p`` is the entropy of the class's sensitive values; a class with l
  equally frequent values has exactly ``exp(H) = l``.

pycanon's ``entropy_l_diversity`` returns ``int(e ** min H)``: it truncates, and because
``e ** ln 2`` evaluates to ``1.9999999999999998`` it reports 1 for classes of two (and
4, 5, 6, 7, 8...) equally frequent values where the exact value is the integer itself.
The report gives the exact value and pycanon's, computed the way pycanon computes it.
"""

from __future__ import annotations

import math

import numpy as np

from cityprivacy.protect.risk.report import Diversity
from cityprivacy.protect.risk.sensitive import ClassValueCounts

__all__ = ["diversity"]


def diversity(counts: ClassValueCounts) -> Diversity | None:
    """Distinct and entropy l-diversity of the classes in ``counts`` (None without classes).

    The entropy terms are summed per class in sorted value order, as pycanon does, so the
    minimum entropy is the same float and ``entropy_l_pycanon`` the same integer.
    """
    if counts.classes == 0:
        return None
    distinct = np.bincount(counts.pair_class, minlength=counts.classes)
    share = counts.pair_count / counts.class_sizes[counts.pair_class]
    terms = share * np.log(share)
    entropy = -np.bincount(counts.pair_class, weights=terms, minlength=counts.classes)
    smallest = float(entropy.min())
    return Diversity(
        distinct_l=int(distinct.min()),
        entropy_l=math.exp(smallest),
        entropy_l_pycanon=int(math.e**smallest),
    )
