"""The pandas-free Arrow ↔ numpy helpers give what pyarrow's own conversions give.

Sliced arrays (a non-zero ``offset``) and nulls are where reading buffers by hand goes
wrong, so every property runs on a slice of a longer array.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.protect._arrow import (
    bool_array,
    bool_values,
    float_values,
    int_array,
    integer_values,
    string_array,
    string_scalar,
)

slices = st.tuples(st.integers(0, 20), st.integers(0, 40))
# The first pa.array of a process imports pandas: no per-example deadline.
relaxed = settings(deadline=None)


@relaxed
@given(st.lists(st.none() | st.booleans(), max_size=80), slices)
def test_bool_values_read_a_null_as_false(values: list[bool | None], cut: tuple[int, int]) -> None:
    array = pa.array(values, type=pa.bool_()).slice(*cut)
    expected = [bool(v) for v in array.to_pylist()]
    assert bool_values(array).tolist() == expected


@relaxed
@given(st.lists(st.booleans(), max_size=80))
def test_bool_array_round_trips(values: list[bool]) -> None:
    array = bool_array(np.array(values, dtype=np.bool_))
    assert array.to_pylist() == values
    assert array.null_count == 0


@pytest.mark.parametrize("arrow_type", [pa.int8(), pa.int32(), pa.uint64(), pa.int64()])
@relaxed
@given(values=st.lists(st.integers(0, 127), max_size=60), cut=slices)
def test_integer_values_match_to_pylist(
    arrow_type: pa.DataType, values: list[int], cut: tuple[int, int]
) -> None:
    array = pa.array(values, type=arrow_type).slice(*cut)
    assert integer_values(array).tolist() == array.to_pylist()
    assert int_array(integer_values(array)).to_pylist() == array.to_pylist()


@relaxed
@given(st.lists(st.floats(allow_nan=False), max_size=60), slices)
def test_float_values_match_to_pylist(values: list[float], cut: tuple[int, int]) -> None:
    array = pa.array(values, type=pa.float64()).slice(*cut)
    assert float_values(array).tolist() == array.to_pylist()


@relaxed
@given(st.lists(st.text(max_size=8), max_size=30))
def test_string_array_and_scalar(labels: list[str]) -> None:
    array = string_array(labels)
    assert array.to_pylist() == labels
    if labels:
        equal = pc.equal(array, string_scalar(labels[0]))
        assert bool_values(equal).tolist() == [label == labels[0] for label in labels]


def test_empty_arrays() -> None:
    assert integer_values(pa.array([], type=pa.int32())).size == 0
    assert float_values(pa.array([], type=pa.float64())).size == 0
    assert bool_values(pa.array([], type=pa.bool_())).size == 0
    assert len(bool_array(np.zeros(0, dtype=np.bool_))) == 0
