"""Risk measures on small tables whose figures are worked out by hand from the definitions."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from cityprivacy.errors import InputError
from cityprivacy.protect.risk import RiskReport, assess_risk

# Six patients. Classes on (age, sex): (30,F) rows 1-3, (40,M) rows 4-5, (50,F) row 6.
PATIENTS = pa.table(
    {
        "age": ["30", "30", "30", "40", "40", "50"],
        "sex": ["F", "F", "F", "M", "M", "F"],
        "dx": ["flu", "flu", "cold", "flu", "hiv", "cold"],
    }
)


def test_classes_k_histogram_and_sample_uniques() -> None:
    report = assess_risk(PATIENTS, ["age", "sex"])
    classes = report.classes
    assert classes.count == 3
    assert classes.k == 1 == report.k  # the (50,F) record is alone
    assert classes.average_size == pytest.approx(2.0)  # 6 records / 3 classes
    assert classes.histogram == ((1, 1), (2, 1), (3, 1))
    assert classes.sample_uniques == 1
    assert classes.sample_uniques_share == pytest.approx(1 / 6)
    assert report.records == 6
    assert report.suppressed_records == 0


@pytest.mark.parametrize(
    ("threshold", "at_risk"),
    [
        # record risks 1/3 (3 records), 1/2 (2), 1/1 (1)
        pytest.param(0.2, 6 / 6, id="all-above-0.2"),
        pytest.param(0.4, 3 / 6, id="1/3-not-above-0.4"),
        pytest.param(0.5, 1 / 6, id="1/2-is-not-strictly-above-0.5"),
        pytest.param(1.0, 0.0, id="nothing-above-1"),
    ],
)
def test_prosecutor_risk(threshold: float, at_risk: float) -> None:
    report = assess_risk(PATIENTS, ["age", "sex"], threshold=threshold)
    assert report.prosecutor.highest == pytest.approx(1.0)  # 1/k
    assert report.prosecutor.average == pytest.approx(0.5)  # 3 classes / 6 records
    assert report.prosecutor.records_at_risk == pytest.approx(at_risk)


def test_without_population_journalist_equals_prosecutor_and_marketer_is_classes_over_records() -> (
    None
):
    report = assess_risk(PATIENTS, ["age", "sex"])
    assert report.journalist == report.prosecutor
    assert "no population table" in report.journalist_basis
    assert report.marketer == pytest.approx(0.5)  # 3 / 6
    assert report.population is None


def test_diversity_and_equal_distance_closeness() -> None:
    report = assess_risk(PATIENTS, ["age", "sex"], sensitive="dx")
    assert report.diversity is not None
    assert report.closeness is not None
    # distinct values per class: {flu, cold} = 2, {flu, hiv} = 2, {cold} = 1
    assert report.diversity.distinct_l == 1
    # the (50,F) class has entropy 0: exp(0) = 1
    assert report.diversity.entropy_l == pytest.approx(1.0)
    assert report.diversity.entropy_l_pycanon == 1
    # table: flu 1/2, cold 1/3, hiv 1/6; equal distance = ½ Σ|q − p|
    #   (30,F) q = (2/3, 1/3, 0):  ½ (1/6 + 0 + 1/6)     = 1/6
    #   (40,M) q = (1/2, 0, 1/2):  ½ (0 + 1/3 + 1/3)     = 1/3
    #   (50,F) q = (0, 1, 0):      ½ (1/2 + 2/3 + 1/6)   = 2/3
    assert report.closeness.distance == "equal"
    assert report.closeness.t == pytest.approx(2 / 3)


def test_entropy_l_of_uniform_classes_is_exact_and_pycanon_truncates() -> None:
    # class A: a, b (H = ln 2), class B: a, b, c, d (H = ln 4): exact entropy l = 2
    table = pa.table({"g": list("AABBBB"), "s": list("ababcd")})
    report = assess_risk(table, ["g"], sensitive="s")
    assert report.diversity is not None
    assert report.diversity.distinct_l == 2
    assert report.diversity.entropy_l == pytest.approx(2.0)
    assert report.diversity.entropy_l_pycanon == 1  # int(e ** ln 2) = int(1.9999999999999998)


# Three classes with a numeric sensitive column; sorted values 1, 2, 3, 5 (m = 4).
SALARIES = pa.table({"g": list("AABBCCC"), "pay": ["1", "1", "2", "3", "3", "3", "5"]})


def test_ordered_distance_closeness() -> None:
    # table p = (2/7, 1/7, 3/7, 1/7); EMD = 1/(m−1) Σ_i |Σ_{j≤i} (q_j − p_j)|
    #   A q = (1, 0, 0, 0):      cumulative r = 5/7, 4/7, 1/7, 0     → (10/7) / 3 = 10/21
    #   B q = (0, ½, ½, 0):      cumulative r = −2/7, 1/14, 1/7, 0   → (1/2)  / 3 = 1/6
    #   C q = (0, 0, 2/3, 1/3):  cumulative r = −6/21, −9/21, −4/21  → (19/21) / 3 = 19/63
    report = assess_risk(SALARIES, ["g"], sensitive="pay")
    assert report.closeness is not None
    assert report.closeness.distance == "ordered"
    assert report.closeness.t == pytest.approx(10 / 21)


def test_categorical_distance_can_be_forced_on_numbers() -> None:
    #   A: ½ (5/7 + 1/7 + 3/7 + 1/7) = 5/7;  B: ½ (2/7 + 5/14 + 1/14 + 1/7) = 3/7;  C: 3/7
    report = assess_risk(SALARIES, ["g"], sensitive="pay", ordered=False)
    assert report.closeness is not None
    assert report.closeness.distance == "equal"
    assert report.closeness.t == pytest.approx(5 / 7)


def test_numbers_are_compared_as_numbers_in_ordered_distance() -> None:
    same = pa.table({"g": list("AB"), "pay": ["7", "7.0"]})
    report = assess_risk(same, ["g"], sensitive="pay")
    assert report.closeness is not None
    assert report.closeness.distance == "ordered"
    assert report.closeness.t == 0.0  # one value: every class matches the table


def test_ordered_distance_on_text_is_an_error_without_the_values() -> None:
    with pytest.raises(InputError, match=r"'dx'.*non-numeric") as caught:
        assess_risk(PATIENTS, ["age", "sex"], sensitive="dx", ordered=True)
    assert "flu" not in str(caught.value)


def test_null_is_a_value_of_its_own() -> None:
    table = pa.table({"zip": [None, None, "", "10027"], "sex": ["F", "F", "F", None]})
    report = assess_risk(table, ["zip", "sex"])
    # (null,F) ×2, ("",F) ×1, (10027,null) ×1
    assert report.classes.histogram == ((1, 2), (2, 1))


def test_suppressed_records_are_left_out_and_counted() -> None:
    table = pa.table({"age": ["*", "*", "30", "30", "40"], "sex": ["*", "F", "F", "F", "M"]})
    report = assess_risk(table, ["age", "sex"], suppressed_marker="*")
    # row 1 is suppressed (every QI is *); row 2 keeps sex F, so it is a class (*,F)
    assert report.suppressed_records == 1
    assert report.classes.count == 3
    assert report.classes.histogram == ((1, 2), (2, 1))
    assert report.prosecutor.average == pytest.approx(3 / 4)  # 3 classes / 4 records


def test_everything_suppressed_gives_no_classes_and_no_risk() -> None:
    table = pa.table({"age": ["*", "*"], "sex": ["*", "*"], "dx": ["a", "b"]})
    report = assess_risk(table, ["age", "sex"], sensitive="dx", suppressed_marker="*")
    assert report.classes.count == 0
    assert report.k is None
    assert report.prosecutor.highest == 0.0
    assert report.diversity is None
    json.dumps(report.to_dict())


# Sample (30,F) ×2, (40,M) ×1 from a population (30,F) ×4, (40,M) ×5, (50,F) ×1.
SAMPLE = pa.table({"age": ["30", "30", "40"], "sex": ["F", "F", "M"]})
POPULATION = pa.table(
    {"age": ["30"] * 4 + ["40"] * 5 + ["50"], "sex": ["F"] * 4 + ["M"] * 5 + ["F"], "x": ["."] * 10}
)


def test_journalist_and_marketer_risk_against_a_population_table() -> None:
    report = assess_risk(SAMPLE, ["age", "sex"], population=POPULATION)
    # F = 4 for (30,F) (f = 2), F = 5 for (40,M) (f = 1)
    assert report.journalist_basis == "population table"
    assert report.journalist.highest == pytest.approx(1 / 4)
    assert report.journalist.records_at_risk == pytest.approx(2 / 3)  # 1/4 > 0.2, 1/5 is not
    # marketer = (1/n) Σ f/F = (2/4 + 1/5) / 3 = 0.7/3; journalist average = max(J/ΣF = 2/9, 0.7/3)
    assert report.marketer == pytest.approx(0.7 / 3)
    assert report.journalist.average == pytest.approx(0.7 / 3)
    assert report.prosecutor.highest == pytest.approx(1.0)
    assert report.population is not None
    assert report.population.model == "counted"
    assert report.population.uniques == 1  # (50,F)
    assert report.population.population_size == 10
    assert report.population.sampling_fraction == pytest.approx(0.3)
    assert report.notes == ()


def test_population_table_missing_a_class_is_noted() -> None:
    population = pa.table({"age": ["30"] * 4, "sex": ["F"] * 4})
    report = assess_risk(SAMPLE, ["age", "sex"], population=population)
    assert report.journalist.highest == pytest.approx(1.0)  # (40,M) not found: F = f = 1
    assert any("1 classes have fewer records in the population" in n for n in report.notes)


def test_population_table_with_other_column_types_still_matches() -> None:
    sample = pa.table({"age": ["30", "40"]})
    population = pa.table({"age": pa.array([30, 30, 40], pa.int64())})
    report = assess_risk(sample, ["age"], population=population)
    assert report.marketer == pytest.approx((1 / 2 + 1 / 1) / 2)


def test_census_size_counts_sample_uniques() -> None:
    report = assess_risk(PATIENTS, ["age", "sex"], population_size=6)
    assert report.population is not None
    assert report.population.model == "counted"
    assert report.population.uniques == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(
            {"qi": ["age", "zipcode"]},
            r"no column 'zipcode'; its columns are: age, sex, dx",
            id="qi",
        ),
        pytest.param({"qi": ["age"], "sensitive": "diag"}, r"no column 'diag'", id="sensitive"),
        pytest.param({"qi": []}, r"at least one quasi-identifier", id="no-qi"),
        pytest.param(
            {"qi": ["age", "dx"], "sensitive": "dx"}, r"both a quasi-identifier", id="both"
        ),
        pytest.param({"qi": ["age"], "threshold": 0.0}, r"threshold", id="threshold"),
        pytest.param(
            {"qi": ["age"], "population_size": 5}, r"smaller than the table's 6", id="small-n"
        ),
        pytest.param(
            {"qi": ["age"], "population_size": 10, "population": PATIENTS},
            r"not both",
            id="both-pop",
        ),
        pytest.param(
            {"qi": ["age", "sex"], "population": POPULATION.drop(["sex"])},
            r"population table has no column 'sex'",
            id="population-columns",
        ),
    ],
)
def test_bad_input_is_an_input_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        assess_risk(PATIENTS, **kwargs)  # type: ignore[arg-type]


def test_empty_table_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no records"):
        assess_risk(PATIENTS.slice(0, 0), ["age"])


def test_report_is_json_ready_and_holds_no_values() -> None:
    table = pa.table(
        {"name_like": ["Quintessa", "Quintessa", "Ravindra"], "dx": ["zoster", "x", "y"]}
    )
    report = assess_risk(table, ["name_like"], sensitive="dx", population_size=1000)
    text = json.dumps(report.to_dict())
    for value in ("Quintessa", "Ravindra", "zoster"):
        assert value not in text
    data = json.loads(text)
    assert data["classes"]["histogram"] == [{"size": 1, "classes": 1}, {"size": 2, "classes": 1}]
    assert data["quasi_identifiers"] == ["name_like"]
    assert set(data) >= {
        "prosecutor",
        "journalist",
        "marketer",
        "diversity",
        "closeness",
        "population",
    }


def test_report_is_frozen() -> None:
    report = assess_risk(PATIENTS, ["age"])
    assert isinstance(report, RiskReport)
    with pytest.raises(AttributeError):
        report.records = 0  # type: ignore[misc]


def test_chunked_and_typed_tables_give_the_same_report() -> None:
    rows = PATIENTS.to_pylist()
    chunked = pa.Table.from_batches(
        [pa.RecordBatch.from_pylist(rows[:2]), pa.RecordBatch.from_pylist(rows[2:])]
    )
    typed = PATIENTS.set_column(0, "age", pa.array([30, 30, 30, 40, 40, 50], pa.int16()))
    encoded = PATIENTS.set_column(1, "sex", PATIENTS.column("sex").dictionary_encode())
    reference = assess_risk(PATIENTS, ["age", "sex"], sensitive="dx").to_dict()
    assert assess_risk(encoded, ["age", "sex"], sensitive="dx").to_dict() == reference
    assert assess_risk(chunked, ["age", "sex"], sensitive="dx").to_dict() == reference
    assert assess_risk(typed, ["age", "sex"], sensitive="dx").to_dict() == reference


def test_public_surface() -> None:
    import inspect

    import cityprivacy.protect.risk as risk

    assert list(risk.__all__) == sorted(risk.__all__)
    assert all(hasattr(risk, name) for name in risk.__all__)
    parameters = inspect.signature(risk.assess_risk).parameters
    assert (
        list(parameters)[:9]
        == [
            "table",
            "qi",
            "sensitive",
            "population_size",
            "population",
            "threshold",
            "suppressed_marker",
            "ordered",
        ][:9]
    )
    assert all(
        p.kind is p.KEYWORD_ONLY for name, p in parameters.items() if name not in {"table", "qi"}
    )
    assert parameters["threshold"].default == 0.2
