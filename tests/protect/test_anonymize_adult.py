"""ARX's adult benchmark: the same optimum as ARX (default "Loss" metric, k = 5).

ARX's reference figures (issue 4): with no suppression 20 classes and a highest
re-identification risk of 0.071 (the smallest class has 14 records); with 4% suppression
1,038 records suppressed, 327 classes and a highest risk of 0.2. The levels are the
generalization ARX chooses for those figures (age, sex, race, marital-status,
education, native-country, workclass).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from cityprivacy.protect.anonymize import AnonymizationResult, anonymize
from cityprivacy.protect.hierarchy import load_hierarchies
from cityprivacy.protect.table_io import read_table

ADULT = Path(__file__).resolve().parents[1] / "data" / "adult"
QI = ["age", "sex", "race", "marital-status", "education", "native-country", "workclass"]


@pytest.fixture(scope="module")
def adult() -> pa.Table:
    return read_table(ADULT / "adult.csv")


def run(table: pa.Table, limit: float) -> AnonymizationResult:
    return anonymize(table, QI, load_hierarchies(ADULT, QI), k=5, max_suppression=limit)


@pytest.mark.parametrize(
    ("limit", "levels", "classes", "suppressed", "smallest", "loss"),
    [
        pytest.param(0.0, (4, 0, 0, 1, 3, 2, 2), 20, 0, 14, 0.5643898585, id="no-suppression"),
        pytest.param(0.04, (3, 0, 0, 0, 2, 1, 1), 327, 1038, 5, 0.1804132251, id="4%-suppression"),
    ],
)
def test_the_optimum_is_arxs(
    adult: pa.Table,
    limit: float,
    levels: tuple[int, ...],
    classes: int,
    suppressed: int,
    smallest: int,
    loss: float,
) -> None:
    result = run(adult, limit)
    assert tuple(result.levels[c] for c in QI) == levels
    assert result.utility.classes == classes
    assert result.utility.records_suppressed == suppressed
    assert result.utility.loss == pytest.approx(loss, abs=1e-10)
    assert result.risk.k == smallest
    assert result.risk.prosecutor.highest == pytest.approx(1 / smallest)
    assert result.risk.classes.count == classes
    assert result.risk.suppressed_records == suppressed

    # The table itself: classes of the kept rows, the other columns untouched.
    kept = result.table.filter(pa.array(~result.suppressed_rows))
    sizes = kept.group_by(QI).aggregate([([], "count_all")]).column("count_all")
    assert len(sizes) == classes
    assert min(sizes.to_pylist()) == smallest
    assert result.table.column("occupation").equals(adult.column("occupation"))
    assert result.table.num_rows == adult.num_rows
