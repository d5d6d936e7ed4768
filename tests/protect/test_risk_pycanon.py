"""k, l, entropy l and t agree with pycanon, the reference implementation of these definitions.

pycanon groups with pandas (which drops null quasi-identifiers) and picks the ordered
distance for numeric dtypes, so the frames given to it have no nulls and a numeric
column wherever ours parses as numbers.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cityprivacy.protect.risk import assess_risk
from cityprivacy.protect.table_io import read_table

anonymity = pytest.importorskip("pycanon.anonymity")

ADULT = Path(__file__).resolve().parents[1] / "data" / "adult" / "adult.csv"


@contextmanager
def quiet_pandas() -> Iterator[None]:
    """pycanon groups by a one-element list, which pandas 3 warns about (warnings are errors)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=FutureWarning)
        warnings.filterwarnings("ignore", message="In a future version, the keys of `groups`")
        yield


def reference(measure: Callable[..., object], *args: object) -> object:
    with quiet_pandas():
        return measure(*args)


@pytest.fixture(scope="module")
def adult() -> tuple[pa.Table, pd.DataFrame]:
    if not ADULT.is_file():
        pytest.skip(f"{ADULT} is not there")
    return read_table(ADULT), pd.read_csv(ADULT, sep=";")


@pytest.mark.parametrize(
    ("qi", "sensitive"),
    [
        pytest.param(["sex", "race"], "salary-class", id="sex-race/salary"),
        pytest.param(["sex", "race"], "age", id="ordered-age"),
        pytest.param(["marital-status"], "age", id="ordered-age-2"),
        pytest.param(
            ["sex", "race", "marital-status"], "age", id="ordered-age-3", marks=pytest.mark.slow
        ),
        pytest.param(["age", "sex"], "occupation", id="age-sex/occupation"),
        pytest.param(["sex", "race", "workclass"], "education", id="3qi/education"),
        pytest.param(["race"], "marital-status", id="race/marital"),
        pytest.param(["native-country", "sex"], "salary-class", id="country-sex/salary"),
    ],
)
def test_adult_agrees_with_pycanon(
    adult: tuple[pa.Table, pd.DataFrame], qi: list[str], sensitive: str
) -> None:
    table, frame = adult
    report = assess_risk(table, qi, sensitive=sensitive)
    assert report.diversity is not None
    assert report.closeness is not None
    assert report.k == reference(anonymity.k_anonymity, frame, qi)
    assert report.diversity.distinct_l == reference(anonymity.l_diversity, frame, qi, [sensitive])
    assert report.diversity.entropy_l_pycanon == reference(
        anonymity.entropy_l_diversity, frame, qi, [sensitive]
    )
    assert report.closeness.t == pytest.approx(
        reference(anonymity.t_closeness, frame, qi, [sensitive]), abs=1e-12
    )
    expected_distance = "ordered" if sensitive == "age" else "equal"
    assert report.closeness.distance == expected_distance


def test_adult_entropy_l_above_one(adult: tuple[pa.Table, pd.DataFrame]) -> None:
    # On sex alone every class holds many occupations: a non-trivial entropy l.
    table, frame = adult
    report = assess_risk(table, ["sex"], sensitive="occupation")
    assert report.diversity is not None
    assert report.diversity.entropy_l > 5
    assert report.diversity.entropy_l_pycanon == reference(
        anonymity.entropy_l_diversity, frame, ["sex"], ["occupation"]
    )


@st.composite
def frames(draw: st.DrawFn) -> tuple[pa.Table, pd.DataFrame, bool]:
    rows = draw(st.integers(min_value=2, max_value=30))
    column = st.lists(st.sampled_from("abc"), min_size=rows, max_size=rows)
    numeric = draw(st.booleans())
    values = (
        draw(st.lists(st.integers(0, 6), min_size=rows, max_size=rows))
        if numeric
        else draw(st.lists(st.sampled_from(["u", "v", "w", "x"]), min_size=rows, max_size=rows))
    )
    data = {"q1": draw(column), "q2": draw(column)}
    table = pa.table({**data, "s": [str(v) for v in values]})
    return table, pd.DataFrame({**data, "s": values}), numeric


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_random_tables_agree_with_pycanon(case: tuple[pa.Table, pd.DataFrame, bool]) -> None:
    table, frame, numeric = case
    report = assess_risk(table, ["q1", "q2"], sensitive="s")
    assert report.diversity is not None
    assert report.closeness is not None
    assert report.k == reference(anonymity.k_anonymity, frame, ["q1", "q2"])
    assert report.diversity.distinct_l == reference(
        anonymity.l_diversity, frame, ["q1", "q2"], ["s"]
    )
    assert report.diversity.entropy_l_pycanon == reference(
        anonymity.entropy_l_diversity, frame, ["q1", "q2"], ["s"]
    )
    if numeric and frame["s"].nunique() == 1:
        return  # pycanon divides by m − 1 = 0 here; we report t = 0
    assert report.closeness.t == pytest.approx(
        reference(anonymity.t_closeness, frame, ["q1", "q2"], ["s"]), abs=1e-12
    )
