"""What an anonymization returns: the table, the chosen levels, utility, risk, search effort.

Everything but the table is JSON-ready through :meth:`AnonymizationResult.to_dict` and
holds no value of the data: levels, counts, shares and metric values only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from cityprivacy.errors import InputError
from cityprivacy.protect.anonymize.metrics import Metric
from cityprivacy.protect.anonymize.privacy import PrivacyModel
from cityprivacy.protect.risk import RiskReport

__all__ = ["AnonymizationResult", "NoSolutionError", "SearchStats", "Utility"]


class NoSolutionError(InputError):
    """No generalization satisfies the privacy model within the suppression limit.

    An :class:`~cityprivacy.errors.InputError` (exit code 2): the settings asked for
    cannot be met with these hierarchies; allow more suppression, coarser hierarchies
    or a weaker model.
    """


@dataclass(frozen=True, slots=True)
class Utility:
    """How much the release costs: the chosen metric's value and all three metrics.

    ``average_class_size`` counts the records and classes kept (None when every record
    was suppressed).
    """

    metric: Metric
    information_loss: float
    loss: float
    discernibility: float
    entropy: float
    classes: int
    average_class_size: float | None
    records_suppressed: int
    share_suppressed: float


@dataclass(frozen=True, slots=True)
class SearchStats:
    """How much of the lattice the search had to check, and how long the call took."""

    nodes: int
    checked: int
    seconds: float


@dataclass(frozen=True, slots=True, eq=False)
class AnonymizationResult:
    """The anonymized table and everything a reviewer needs to judge it.

    ``suppressed_rows[r]`` says whether row ``r`` was suppressed (its quasi-identifiers
    are ``*``; a row generalized to ``*`` in every column looks the same).
    """

    table: pa.Table
    suppressed_rows: npt.NDArray[np.bool_]
    model: PrivacyModel
    quasi_identifiers: tuple[str, ...]
    levels: dict[str, int]
    heights: dict[str, int]
    utility: Utility
    risk: RiskReport
    search: SearchStats

    def to_dict(self) -> dict[str, Any]:
        """Everything but the table, as JSON-ready builtins."""
        model = self.model
        return {
            "model": {
                "k": model.k,
                "l": model.l,
                "t": model.t,
                "sensitive": model.sensitive,
                "max_suppression": model.max_suppression,
            },
            "quasi_identifiers": list(self.quasi_identifiers),
            "levels": {
                name: {"level": level, "levels": self.heights[name]}
                for name, level in self.levels.items()
            },
            "utility": {
                "metric": str(self.utility.metric),
                "information_loss": self.utility.information_loss,
                "loss": self.utility.loss,
                "discernibility": self.utility.discernibility,
                "entropy": self.utility.entropy,
                "classes": self.utility.classes,
                "average_class_size": self.utility.average_class_size,
                "records_suppressed": self.utility.records_suppressed,
                "share_suppressed": self.utility.share_suppressed,
            },
            "risk": self.risk.to_dict(),
            "search": {
                "nodes": self.search.nodes,
                "checked": self.search.checked,
                "seconds": self.search.seconds,
            },
        }
