"""The FLASH search finds the same optimum as checking every node, on lattices of hundreds
of nodes (the property tests use tiny ones), for every metric, with and without
suppression and with a non-monotone model (t-closeness with suppression)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.protect.anonymize import anonymize
from cityprivacy.protect.anonymize.classes import Grouper
from cityprivacy.protect.anonymize.encoding import encode
from cityprivacy.protect.anonymize.lattice import Lattice
from cityprivacy.protect.anonymize.metrics import Metric, UtilityModel
from cityprivacy.protect.anonymize.privacy import ModelChecker, PrivacyModel
from cityprivacy.protect.hierarchy import Hierarchy


def chain_hierarchy(column: str, values: int, fanouts: list[int]) -> Hierarchy:
    """Values 0..n-1 grouped by integer division at each level, then ``*``."""
    rows = []
    for v in range(values):
        labels, width = [f"{v}"], 1
        for fanout in fanouts:
            width *= fanout
            labels.append(f"{v // width}/{width}")
        rows.append((*labels, "*"))
    return Hierarchy(column, tuple(rows))


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    k=st.integers(2, 6),
    limit=st.sampled_from([0.0, 0.02, 0.1]),
    metric=st.sampled_from(list(Metric)),
    closeness=st.booleans(),
)
def test_flash_finds_the_exhaustive_optimum(
    seed: int, k: int, limit: float, metric: Metric, closeness: bool
) -> None:
    rng = np.random.default_rng(seed)
    columns = {f"q{i}": int(rng.integers(3, 9)) for i in range(5)}
    hierarchies = {
        c: chain_hierarchy(c, n, [2, 2][: int(rng.integers(0, 3))]) for c, n in columns.items()
    }
    rows = 300
    data = {c: [str(v) for v in rng.integers(0, n, rows)] for c, n in columns.items()}
    data["s"] = [str(v) for v in rng.integers(0, 4, rows)]
    table = pa.table(data)
    t = 0.3 if closeness else None
    model = PrivacyModel(k=k, t=t, sensitive="s" if closeness else None, max_suppression=limit)

    encoded = encode(table, list(columns), hierarchies, model.sensitive)
    lattice, grouper = Lattice(encoded.heights), Grouper(encoded)
    checker, utility = ModelChecker(model, encoded), UtilityModel(encoded)
    best = None
    for node in range(lattice.size):
        classes = grouper.group(lattice.levels(node))
        failing = checker.failing(classes)
        if int(classes.sizes[failing].sum()) <= checker.limit:
            key = (utility.measure(metric, classes, failing)[0], int(lattice.level[node]), node)
            best = key if best is None or key < best else best
    assert best is not None  # the top node always satisfies k <= 300 and t

    result = anonymize(
        table, list(columns), hierarchies, k=k, t=t, sensitive=model.sensitive,
        max_suppression=limit, metric=metric,
    )  # fmt: skip
    assert result.utility.information_loss == best[0]
    assert tuple(result.levels.values()) == lattice.levels(best[2])
    assert result.search.checked <= lattice.size
