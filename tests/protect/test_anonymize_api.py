"""``anonymize`` on hand-computed tables: the metrics, suppression, the output, the errors."""

from __future__ import annotations

import importlib
import inspect
import json
import math

import pyarrow as pa
import pytest

from cityprivacy.errors import HierarchyError, InputError
from cityprivacy.protect.anonymize import Metric, NoSolutionError, anonymize
from cityprivacy.protect.hierarchy import Hierarchy, parse_rules

AGE = Hierarchy(
    "age",
    (("21", "20-24", "*"), ("23", "20-24", "*"), ("31", "30-34", "*"), ("33", "30-34", "*")),
)
SEX = Hierarchy("sex", (("M", "*"), ("F", "*")))
HIERARCHIES = {"age": AGE, "sex": SEX}


def people() -> pa.Table:
    return pa.table(
        {
            "name": ["Ann", "Bob", "Cy", "Di", "Ed", "Flo"],
            "age": ["21", "23", "31", "33", "21", "31"],
            "sex": ["M", "M", "F", "F", "M", "F"],
            "dx": ["flu", "cold", "flu", "gout", "cold", "flu"],
        }
    )


def test_loss_discernibility_and_entropy_by_hand() -> None:
    result = anonymize(people(), ["age", "sex"], HIERARCHIES, k=2)
    assert result.levels == {"age": 1, "sex": 0}
    # age: every record covers 2 of 4 values: (6·½ − 6/4) / (6 − 6/4) = 1/3; sex: 0.
    assert result.utility.loss == pytest.approx(math.sqrt(4 / 3) - 1, abs=1e-10)
    assert result.utility.information_loss == result.utility.loss
    assert result.utility.discernibility == 3**2 + 3**2
    # −Σ a·log2(a/b): 21 (2 of 3), 23 (1 of 3), 31 (2 of 3), 33 (1 of 3).
    entropy = -(4 * math.log2(2 / 3) + 2 * math.log2(1 / 3))
    assert result.utility.entropy == pytest.approx(entropy, abs=1e-9)
    assert (result.utility.classes, result.utility.average_class_size) == (2, 3.0)
    assert result.utility.records_suppressed == 0
    assert result.table.column("age").to_pylist() == ["20-24"] * 2 + ["30-34"] * 2 + [
        "20-24",
        "30-34",
    ]


def test_suppression_wins_when_the_metric_prefers_it() -> None:
    # Two records may go: at the bottom node only (23, M) and (33, F) fail k = 2. Entropy
    # then costs 2 + 2 bits (the two suppressed records' values among themselves), less
    # than generalizing age (5.51 bits); loss still prefers generalizing.
    by_entropy = anonymize(
        people(), ["age", "sex"], HIERARCHIES, k=2, max_suppression=0.34, metric="entropy"
    )
    assert by_entropy.levels == {"age": 0, "sex": 0}
    assert by_entropy.utility.entropy == pytest.approx(4.0)
    assert by_entropy.utility.records_suppressed == 2
    assert by_entropy.utility.share_suppressed == pytest.approx(2 / 6)
    assert by_entropy.suppressed_rows.tolist() == [False, True, False, True, False, False]
    rows = by_entropy.table.to_pylist()
    assert rows[1] == {"name": "Bob", "age": "*", "sex": "*", "dx": "cold"}
    assert rows[0] == {"name": "Ann", "age": "21", "sex": "M", "dx": "flu"}
    assert by_entropy.table.column_names == ["name", "age", "sex", "dx"]
    # The risk report leaves the suppressed records out.
    assert by_entropy.risk.suppressed_records == 2
    assert by_entropy.risk.k == 2

    by_loss = anonymize(people(), ["age", "sex"], HIERARCHIES, k=2, max_suppression=0.34)
    assert by_loss.levels == {"age": 1, "sex": 0}
    assert by_loss.utility.records_suppressed == 0


def test_l_diversity_and_t_closeness_are_enforced() -> None:
    diverse = anonymize(people(), ["age", "sex"], HIERARCHIES, k=2, l=2, sensitive="dx")
    assert diverse.risk.diversity is not None
    assert diverse.risk.diversity.distinct_l >= 2
    close = anonymize(people(), ["age", "sex"], HIERARCHIES, k=1, t=0.2, sensitive="dx")
    assert close.risk.closeness is not None
    assert close.risk.closeness.t <= 0.2


def test_the_limit_is_a_floor_of_the_share() -> None:
    # 6 records × 0.33 = 1.98: one record may be suppressed, not two.
    result = anonymize(
        people(), ["age", "sex"], HIERARCHIES, k=2, max_suppression=0.33, metric="entropy"
    )
    assert result.utility.records_suppressed <= 1


def test_no_solution_is_a_clear_error() -> None:
    with pytest.raises(NoSolutionError, match="no generalization satisfies 7-anonymity"):
        anonymize(people(), ["age", "sex"], HIERARCHIES, k=7)
    with pytest.raises(NoSolutionError, match="distinct 4-diversity of 'dx'"):
        anonymize(people(), ["age", "sex"], HIERARCHIES, k=1, l=4, sensitive="dx")


def test_everything_may_be_suppressed_when_the_limit_allows_it() -> None:
    result = anonymize(people(), ["age", "sex"], HIERARCHIES, k=7, max_suppression=1.0)
    assert result.utility.records_suppressed == 6
    assert result.utility.average_class_size is None
    assert set(result.table.column("age").to_pylist()) == {"*"}
    assert result.risk.k is None


def test_a_class_generalized_to_star_everywhere_is_measured_as_a_class() -> None:
    result = anonymize(people(), ["sex"], {"sex": SEX}, k=4)
    assert result.levels == {"sex": 1}
    assert result.utility.records_suppressed == 0
    assert result.risk.suppressed_records == 0
    assert result.risk.k == 6


def test_a_value_missing_from_its_hierarchy_names_the_column_not_the_value() -> None:
    table = people().set_column(1, "age", pa.array(["21", "23", "31", "33", "21", "99999"]))
    with pytest.raises(HierarchyError) as caught:
        anonymize(table, ["age", "sex"], HIERARCHIES)
    assert "'age'" in str(caught.value)
    assert "99999" not in str(caught.value)


def test_missing_values_are_looked_up_as_empty() -> None:
    table = people().set_column(2, "sex", pa.array(["M", None, "F", "F", "M", "F"]))
    with pytest.raises(HierarchyError, match="'sex'"):
        anonymize(table, ["age", "sex"], HIERARCHIES)
    blank = Hierarchy("sex", (("M", "*"), ("F", "*"), ("", "*")))
    result = anonymize(table, ["age", "sex"], {"age": AGE, "sex": blank}, k=1)
    assert result.table.column("sex").to_pylist()[1] == ""
    # An empty value and a missing one are the same value: one class of two records.
    both = people().set_column(2, "sex", pa.array(["", None, "F", "F", "M", "F"]))
    both = both.set_column(1, "age", pa.array(["21"] * 6))
    result = anonymize(both, ["age", "sex"], {"age": AGE, "sex": blank}, k=2, max_suppression=0.2)
    assert result.levels == {"age": 0, "sex": 0}
    assert result.utility.classes == 2
    assert result.utility.records_suppressed == 1


def test_rules_are_materialized_over_the_data() -> None:
    rules = parse_rules("hierarchies:\n  age: {type: intervals, widths: [10, 20]}\n")
    result = anonymize(people(), ["age", "sex"], {**rules, "sex": SEX}, k=3)
    assert result.levels == {"age": 1, "sex": 0}
    assert set(result.table.column("age").to_pylist()) == {"20-29", "30-39"}


def test_non_string_columns_are_generalized_as_text() -> None:
    table = people().set_column(1, "age", pa.array([21, 23, 31, 33, 21, 31]))
    result = anonymize(table, ["age", "sex"], HIERARCHIES, k=2)
    assert result.table.schema.field("age").type == pa.string()
    assert result.levels == {"age": 1, "sex": 0}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"qi": []}, "at least one quasi-identifier", id="no-qi"),
        pytest.param({"qi": ["age", "zip"]}, "no column 'zip'", id="unknown-column"),
        pytest.param({"k": 0}, "k must be at least 1", id="k"),
        pytest.param({"l": 2}, "need the sensitive column", id="l-without-sensitive"),
        pytest.param({"t": 1.5, "sensitive": "dx"}, "t must be between 0 and 1", id="t"),
        pytest.param(
            {"sensitive": "age"}, "both quasi-identifier and sensitive", id="sensitive-qi"
        ),
        pytest.param({"max_suppression": 2.0}, "between 0 and 1", id="limit"),
        pytest.param({"metric": "precision"}, "unknown metric 'precision'", id="metric"),
        pytest.param({"hierarchies": {"age": AGE}}, "no hierarchy for 'sex'", id="no-hierarchy"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"qi": ["age", "sex"], "hierarchies": HIERARCHIES, **kwargs}
    qi, hierarchies = arguments.pop("qi"), arguments.pop("hierarchies")
    with pytest.raises(InputError, match=message):
        anonymize(people(), qi, hierarchies, **arguments)  # type: ignore[arg-type]


def test_an_empty_table_is_refused() -> None:
    with pytest.raises(InputError, match="no records"):
        anonymize(people().slice(0, 0), ["age"], HIERARCHIES)


def test_the_report_is_json_and_holds_no_values() -> None:
    result = anonymize(people(), ["age", "sex"], HIERARCHIES, k=2, metric=Metric.DISCERNIBILITY)
    report = result.to_dict()
    text = json.dumps(report)
    assert report["levels"] == {"age": {"level": 1, "levels": 3}, "sex": {"level": 0, "levels": 2}}
    assert report["utility"]["metric"] == "discernibility"
    assert report["search"]["nodes"] == 6
    for value in ("Ann", "20-24", "flu"):
        assert value not in text


@pytest.mark.parametrize(
    "package", ["cityprivacy.protect.anonymize", "cityprivacy.protect.hierarchy"]
)
def test_the_public_surface_is_all_and_complete(package: str) -> None:
    module = importlib.import_module(package)
    assert len(set(module.__all__)) == len(module.__all__)
    for name in module.__all__:
        assert hasattr(module, name), f"{package}.{name} missing"
    public = {n for n in dir(module) if not n.startswith("_") and n != "annotations"}
    submodules = {n for n in public if inspect.ismodule(getattr(module, n))}
    assert public - submodules == set(module.__all__)
