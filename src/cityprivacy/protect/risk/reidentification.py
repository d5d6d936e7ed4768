"""Prosecutor, journalist and marketer re-identification risk from class sizes.

The three attacker models of El Emam ("Guide to the De-Identification of Personal Health
Information", 2013), as ARX's ``RiskModelSampleSummary`` computes them. ``f`` is a
class's size in the table (n records, J classes), ``F`` its size in the population.

* **Prosecutor**: the attacker knows the target is in the table. A record's risk is
  ``1/f``; highest ``1/k``; average ``J/n``.
* **Journalist**: the attacker does not know who is in the table and matches against the
  population. A record's risk is ``1/F``; highest ``1/min F``; average
  ``max(J/ΣF, (1/n)·Σ f/F)``. Without population figures F = f: it equals prosecutor.
* **Marketer**: the attacker re-identifies as many records as possible, none in
  particular: ``(1/n)·Σ f/F`` (``J/n`` without population figures).

A record is *at risk* when its risk is strictly above the threshold (ARX's rule).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from cityprivacy.protect.risk.report import RiskSummary

__all__ = ["journalist", "marketer", "prosecutor"]

IntArray = npt.NDArray[np.int64]

_NO_RISK = RiskSummary(records_at_risk=0.0, highest=0.0, average=0.0)


def prosecutor(sizes: IntArray, threshold: float) -> RiskSummary:
    """Prosecutor risk of classes of the given sizes."""
    if sizes.size == 0:
        return _NO_RISK
    records = float(sizes.sum())
    at_risk = float(sizes[1.0 / sizes > threshold].sum())
    return RiskSummary(
        records_at_risk=at_risk / records,
        highest=1.0 / float(sizes.min()),
        average=sizes.size / records,
    )


def journalist(sizes: IntArray, population_sizes: IntArray, threshold: float) -> RiskSummary:
    """Journalist risk: ``population_sizes[j]`` is the population size of class ``j``."""
    if sizes.size == 0:
        return _NO_RISK
    records = float(sizes.sum())
    at_risk = float(sizes[1.0 / population_sizes > threshold].sum())
    return RiskSummary(
        records_at_risk=at_risk / records,
        highest=1.0 / float(population_sizes.min()),
        average=max(sizes.size / float(population_sizes.sum()), marketer(sizes, population_sizes)),
    )


def marketer(sizes: IntArray, population_sizes: IntArray | None = None) -> float:
    """Marketer risk: ``(1/n)·Σ f/F`` (classes/records without population sizes)."""
    if sizes.size == 0:
        return 0.0
    if population_sizes is None:
        return sizes.size / float(sizes.sum())
    return float((sizes / population_sizes).sum() / sizes.sum())
