"""Moving codes between Arrow and numpy without waking pyarrow's pandas shim.

pyarrow imports pandas (more than half a second) the first time it converts a Python or
numpy value (``pa.array``, ``pa.scalar``, ``Array.to_numpy``). The anonymizer only moves
integer codes and short label lists, so it goes through Arrow buffers instead and a
fresh ``cityprivacy anonymize`` process does not pay for pandas on its behalf.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa

__all__ = ["float_values", "int_array", "integer_values", "string_array"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
_INTEGERS = {
    pa.int8(): np.int8,
    pa.int16(): np.int16,
    pa.int32(): np.int32,
    pa.int64(): np.int64,
    pa.uint8(): np.uint8,
    pa.uint16(): np.uint16,
    pa.uint32(): np.uint32,
    pa.uint64(): np.uint64,
}


def integer_values(array: pa.Array) -> IntArray:
    """The values of an integer array without nulls, as int64."""
    dtype = np.dtype(_INTEGERS[array.type])
    values = np.frombuffer(
        array.buffers()[1], dtype=dtype, count=len(array), offset=array.offset * dtype.itemsize
    )
    return values.astype(np.int64)


def float_values(array: pa.Array) -> FloatArray:
    """The values of a float64 array without nulls."""
    values = np.frombuffer(
        array.buffers()[1], dtype=np.float64, count=len(array), offset=array.offset * 8
    )
    return values.copy()


def int_array(values: IntArray) -> pa.Array:
    """An Arrow int64 array over ``values`` (no nulls)."""
    data = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), int(data.size), [None, pa.py_buffer(data)])


def string_array(labels: Sequence[str]) -> pa.Array:
    """An Arrow string array of ``labels`` (no nulls)."""
    encoded = [label.encode("utf-8") for label in labels]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(pa.string(), len(encoded), buffers)
