"""Safe release of statistics: tables with small-cell suppression, and differentially
private counts, sums and means through OpenDP.

Small cells (the city publishes no group smaller than 5)::

    from cityprivacy.protect.release import cross_tabulate, recoverable_cells, suppress_small_cells
    table = cross_tabulate(arrow_table, ["borough", "age_band"], sums=["benefit"])
    released = suppress_small_cells(table, threshold=5)
    assert recoverable_cells(released) == []

Differential privacy (declared groups, an epsilon budget split over the statistics)::

    from cityprivacy.protect.release import Bounds, DPRequest, plan_release, release_dp
    request = DPRequest(by=("borough",), epsilon=1.0, means={"benefit": Bounds(0, 5000)})
    plan_release(request)                        # budget split and accuracy, no data read
    release_dp(arrow_table, request, keys=[("Bronx",), ("Brooklyn",), ...])
"""

from cityprivacy.protect.release.aggregate import cross_tabulate
from cityprivacy.protect.release.audit import (
    Interval,
    feasible_intervals,
    is_recoverable,
    recoverable_cells,
)
from cityprivacy.protect.release.budget import (
    Bounds,
    DPPlan,
    DPRequest,
    PlannedStatistic,
    plan_release,
)
from cityprivacy.protect.release.crosstab import Cell, CrossTable, Level, sum_layer
from cityprivacy.protect.release.dp import DPRelease, declared_keys, release_dp
from cityprivacy.protect.release.report import (
    accuracy_sentences,
    dp_report,
    dp_rows,
    plan_report,
    table_report,
    table_rows,
)
from cityprivacy.protect.release.small_cells import primary_suppression, suppress_small_cells
from cityprivacy.protect.release.suppressed import Status, SuppressedTable

__all__ = [
    "Bounds",
    "Cell",
    "CrossTable",
    "DPPlan",
    "DPRelease",
    "DPRequest",
    "Interval",
    "Level",
    "PlannedStatistic",
    "Status",
    "SuppressedTable",
    "accuracy_sentences",
    "cross_tabulate",
    "declared_keys",
    "dp_report",
    "dp_rows",
    "feasible_intervals",
    "is_recoverable",
    "plan_release",
    "plan_report",
    "primary_suppression",
    "recoverable_cells",
    "release_dp",
    "sum_layer",
    "suppress_small_cells",
    "table_report",
    "table_rows",
]
