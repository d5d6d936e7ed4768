"""Moving values between Arrow and numpy without waking pyarrow's pandas shim.

pyarrow imports pandas (more than half a second) the first time it converts a Python or
numpy value, or converts to numpy: ``pa.array``, ``pa.scalar``, a Python value passed to a
compute function, ``Array.to_numpy`` and ``np.asarray(array)``. The anonymizer and the
risk measures only move integer codes, floats, masks and short label lists, so they go
through Arrow buffers instead, and a fresh ``cityprivacy anonymize`` or ``cityprivacy
risk`` process does not pay for pandas on their behalf.

Every function here reads or writes the buffers of one contiguous array (an array's
``offset`` is honoured); combine a chunked array first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa

__all__ = [
    "bool_array",
    "bool_values",
    "float_values",
    "int_array",
    "integer_values",
    "string_array",
    "string_scalar",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
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
    if len(array) == 0:
        return np.zeros(0, dtype=np.int64)
    dtype = np.dtype(_INTEGERS[array.type])
    values = np.frombuffer(
        array.buffers()[1], dtype=dtype, count=len(array), offset=array.offset * dtype.itemsize
    )
    return values.astype(np.int64)


def float_values(array: pa.Array) -> FloatArray:
    """The values of a float64 array without nulls."""
    if len(array) == 0:
        return np.zeros(0, dtype=np.float64)
    values = np.frombuffer(
        array.buffers()[1], dtype=np.float64, count=len(array), offset=array.offset * 8
    )
    return values.copy()


def bool_values(array: pa.Array) -> BoolArray:
    """The values of a boolean array, a null read as False (as ``fill_null(False)``)."""
    if len(array) == 0:
        return np.zeros(0, dtype=np.bool_)
    validity, data = array.buffers()[:2]
    values = _bits(data, array.offset, len(array))
    if validity is not None and array.null_count:
        values &= _bits(validity, array.offset, len(array))
    return values


def int_array(values: IntArray) -> pa.Array:
    """An Arrow int64 array over ``values`` (no nulls)."""
    data = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), int(data.size), [None, pa.py_buffer(data)])


def bool_array(values: BoolArray) -> pa.Array:
    """An Arrow boolean array of ``values`` (no nulls), e.g. a mask for ``filter``."""
    flags = np.ascontiguousarray(values, dtype=np.bool_)
    packed = np.packbits(flags, bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), int(flags.size), [None, pa.py_buffer(packed)])


def string_array(labels: Sequence[str]) -> pa.Array:
    """An Arrow string array of ``labels`` (no nulls)."""
    encoded = [label.encode("utf-8") for label in labels]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(pa.string(), len(encoded), buffers)


def string_scalar(value: str) -> pa.Scalar:
    """``value`` as an Arrow string scalar, to compare a column with (``pc.equal``)."""
    return string_array([value])[0]


def _bits(buffer: pa.Buffer, offset: int, length: int) -> BoolArray:
    """``length`` bits of an Arrow bitmap from bit ``offset`` (Arrow bitmaps are LSB first)."""
    first, last = offset // 8, (offset + length + 7) // 8
    raw = np.frombuffer(buffer, dtype=np.uint8)[first:last]
    start = offset % 8
    return np.unpackbits(raw, bitorder="little")[start : start + length].astype(np.bool_)
