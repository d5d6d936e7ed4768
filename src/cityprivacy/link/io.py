"""The encodings file: record ids, encodings, keyed blocking keys, and what made them.

Parquet (recommended) or CSV. Each file carries a :class:`LinkageMeta` — the format
version, the method (``bloom`` encodings, or ``clear`` normalized values for Splink), the
schema's name and fingerprint, the fingerprint of the key (8 hex digits of a hash of a
derived value; never the key) and the encoding length — in the Parquet schema metadata,
or as the first line of a CSV file (``# cityprivacy-link: {...}``). ``match`` reads it to
refuse files that cannot be compared.

Parquet columns: ``id`` (string), ``encoding`` (fixed-size binary, ``bits / 8`` bytes),
``block_0``... (uint64 keyed blocking keys, null where the key could not be formed). In
CSV the encoding is base64 and the blocking keys are hexadecimal.

A governed extract (``cityprivacy share extract``) written as Parquet is read as an
encodings file too: its metadata adds ``encoding_column`` (the column of base64 encodings,
``linkage_encoding``) and ``id_column`` (the column of record ids, or ``null``: the row
number in the extract, from 1). Its rows without an encoding (no encoded field had a
value) are skipped and counted. Metadata without these two fields is an encodings file of
the layout above, as before. A CSV extract carries no metadata and is refused, saying so.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cityprivacy.errors import InputError, UnreadableFileError, UnsupportedFormatError

if TYPE_CHECKING:
    from cityprivacy.link.schema import LinkSchema

__all__ = [
    "EXTRACT_ENCODING_COLUMN",
    "FORMAT",
    "ClearRecords",
    "Encodings",
    "LinkageMeta",
    "attach_linkage_meta",
    "check_compatible",
    "read_linkage_file",
    "write_linkage_file",
]

FORMAT: Final = "cityprivacy-link/1"
_META_KEY: Final = b"cityprivacy.link"
_CSV_PREFIX: Final = "# cityprivacy-link: "
EXTRACT_ENCODING_COLUMN: Final = "linkage_encoding"
"""The column of base64 encodings in a governed extract."""


@dataclass(frozen=True, slots=True)
class LinkageMeta:
    """What an encodings file was made with (travels inside the file)."""

    method: str
    schema_name: str
    schema_fingerprint: str
    key_fingerprint: str | None
    bits: int
    blocking: tuple[str, ...] = ()
    schema_json: str | None = None
    format: str = FORMAT
    encoding_column: str | None = None
    """Set in a governed extract: its column of base64 encodings (else the layout above)."""
    id_column: str | None = None
    """In a governed extract: its column of record ids; ``None`` means row numbers from 1."""

    @classmethod
    def for_bloom(cls, schema: LinkSchema, key_fingerprint: str) -> LinkageMeta:
        return cls("bloom", schema.name, schema.fingerprint, key_fingerprint, schema.output_bits,
                   tuple(str(b) for b in schema.blocking))  # fmt: skip

    @classmethod
    def for_clear(cls, schema: LinkSchema) -> LinkageMeta:
        """Clear values carry their schema: Splink needs each field's kind to compare it."""
        return cls("clear", schema.name, schema.fingerprint, None, 0,
                   tuple(str(b) for b in schema.blocking), schema.model_dump_json())  # fmt: skip

    def to_json(self) -> str:
        data = asdict(self)
        if self.encoding_column is None:  # an encodings file: written as before these fields
            del data["encoding_column"], data["id_column"]
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, source: str) -> LinkageMeta:
        try:
            data: dict[str, Any] = json.loads(text)
            if data.get("format") != FORMAT:
                raise InputError(
                    f"{source}: encodings format {data.get('format')!r}, expected {FORMAT!r}"
                )
            return cls(
                method=str(data["method"]),
                schema_name=str(data["schema_name"]),
                schema_fingerprint=str(data["schema_fingerprint"]),
                key_fingerprint=None
                if data["key_fingerprint"] is None
                else str(data["key_fingerprint"]),
                bits=int(data["bits"]),
                blocking=tuple(str(b) for b in data.get("blocking", ())),
                schema_json=data.get("schema_json"),
                encoding_column=_optional_name(data.get("encoding_column")),
                id_column=_optional_name(data.get("id_column")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise InputError(f"{source}: damaged linkage metadata") from None


def _optional_name(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise TypeError("a column name is a non-empty string")
    return value


@dataclass
class Encodings:
    """Bloom-filter encodings: ids, ``(n, bits/64)`` uint64 words, ``(n, passes)`` keys."""

    meta: LinkageMeta
    ids: pa.Array
    words: np.ndarray
    blocks: np.ndarray
    skipped: int = 0
    """Rows of the file left out: in an extract, rows without an encoding or an id."""

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_batches(
        cls,
        meta: LinkageMeta,
        ids: Sequence[pa.Array],
        words: Sequence[np.ndarray],
        blocks: Sequence[np.ndarray],
    ) -> Encodings:
        width, passes = meta.bits // 64, len(meta.blocking)
        return cls(
            meta,
            pa.concat_arrays(list(ids)) if ids else pa.array([], pa.string()),
            np.concatenate(list(words)) if words else np.zeros((0, width), np.uint64),
            np.concatenate(list(blocks)) if blocks else np.zeros((0, passes), np.uint64),
        )

    def popcounts(self) -> np.ndarray:
        return np.asarray(np.bitwise_count(self.words).sum(axis=1, dtype=np.int64))


@dataclass
class ClearRecords:
    """Normalized clear values for Splink (``--method splink``): ``id`` + one column per field."""

    meta: LinkageMeta
    table: pa.Table

    def __len__(self) -> int:
        return int(self.table.num_rows)


def write_linkage_file(records: Encodings | ClearRecords, path: Path) -> None:
    """Write ``records`` to ``path`` (``.parquet`` or ``.csv``), atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".pq", ".csv"):
        raise UnsupportedFormatError(f"{path}: write encodings as .parquet or .csv")
    table = _table(records)
    if not path.parent.is_dir():
        raise InputError(f"{path}: the output directory {path.parent} does not exist")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        if suffix == ".csv":
            with tmp.open("wb") as out:
                out.write(f"{_CSV_PREFIX}{records.meta.to_json()}\n".encode())
                pacsv.write_csv(_csv_columns(table), out)
        else:
            meta = {_META_KEY: records.meta.to_json().encode("utf-8")}
            pq.write_table(table.replace_schema_metadata(meta), tmp)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def attach_linkage_meta(table: pa.Table, meta: LinkageMeta) -> pa.Table:
    """``table`` with ``meta`` in its schema metadata, as Parquet keeps it (other keys kept)."""
    metadata = dict(table.schema.metadata or {})
    metadata[_META_KEY] = meta.to_json().encode("utf-8")
    return table.replace_schema_metadata(metadata)


def _table(records: Encodings | ClearRecords) -> pa.Table:
    if isinstance(records, ClearRecords):
        return records.table
    nbytes = records.meta.bits // 8
    flat = np.ascontiguousarray(records.words).view(np.uint8).reshape(-1)
    encoding = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(nbytes), len(records), [None, pa.py_buffer(flat.tobytes())]
    )
    columns: dict[str, pa.Array] = {"id": records.ids, "encoding": encoding}
    for p in range(records.blocks.shape[1]):
        keys = records.blocks[:, p]
        columns[f"block_{p}"] = pa.array(keys, pa.uint64(), mask=keys == 0)
    return pa.table(columns)


def _csv_columns(table: pa.Table) -> pa.Table:
    out = {}
    for name in table.column_names:
        column = table.column(name)
        if name == "encoding":
            out[name] = pa.array([base64.b64encode(v).decode("ascii") for v in column.to_pylist()])
        elif name.startswith("block_"):
            out[name] = pa.array(
                [None if v is None else f"{v:016x}" for v in column.to_pylist()], pa.string()
            )
        else:
            out[name] = column
    return pa.table(out)


def read_linkage_file(path: Path) -> Encodings | ClearRecords:
    """Read an encodings (or clear records) file written by :func:`write_linkage_file`."""
    path = Path(path)
    if path.is_dir():
        raise InputError(
            f"{path}: a directory, not an encodings file (encodings written on Spark are a "
            "directory of parts: match them with --engine spark)"
        )
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise UnreadableFileError(path, "empty file")
    suffix = path.suffix.lower()
    if suffix in _TABLE_SUFFIXES:
        raise InputError(
            f"{path}: encodings are read from .parquet or .csv files; a `cityprivacy share "
            "extract` to link must be written as Parquet (an output ending in .parquet)"
        )
    if suffix == ".csv":
        meta, table = _read_csv(path)
    else:
        try:
            table = pq.read_table(path)
        except (pa.ArrowInvalid, OSError):
            raise UnreadableFileError(path, "not a Parquet file") from None
        raw = (table.schema.metadata or {}).get(_META_KEY)
        if raw is None:
            raise _not_encodings(path, table.column_names)
        meta = LinkageMeta.from_json(raw.decode("utf-8"), str(path))
    if meta.method == "clear":
        return ClearRecords(meta, table.replace_schema_metadata(None))
    if meta.encoding_column is not None:
        return _extract_encodings(meta, table, path)
    return _encodings(meta, table, path)


_TABLE_SUFFIXES: Final = frozenset({".tsv", ".jsonl", ".json", ".ndjson", ".xlsx"})
"""Formats an extract may be written in that carry no linkage metadata."""


def _not_encodings(path: Path, columns: Sequence[str] = ()) -> InputError:
    if EXTRACT_ENCODING_COLUMN in columns:
        return InputError(
            f"{path}: a `cityprivacy share extract` without linkage metadata (a CSV file "
            "cannot carry it, nor an extract made before it was recorded); make the extract "
            "again written as Parquet (an output ending in .parquet) to link it with "
            "`cityprivacy link match`"
        )
    return InputError(
        f"{path}: not a cityprivacy encodings file (no linkage metadata); "
        "make one with `cityprivacy link encode`"
    )


def _csv_header(line: str) -> list[str]:
    """The column names of a CSV header line (a UTF-8 BOM and quotes removed)."""
    return [name.strip() for name in next(csv.reader([line.lstrip("\ufeff")]), [])]


def _read_csv(path: Path) -> tuple[LinkageMeta, pa.Table]:
    with path.open("rb") as handle:
        first = handle.readline().decode("utf-8", "replace")
        if not first.startswith(_CSV_PREFIX):
            raise _not_encodings(path, _csv_header(first))
        meta = LinkageMeta.from_json(first[len(_CSV_PREFIX) :], str(path))
        try:
            table = pacsv.read_csv(
                handle,
                convert_options=pacsv.ConvertOptions(
                    column_types={"id": pa.string(), "encoding": pa.string()},
                    strings_can_be_null=True,
                ),
            )
        except pa.ArrowInvalid:
            raise UnreadableFileError(path, "damaged CSV encodings file") from None
    if meta.method == "bloom":
        try:
            blobs = [
                base64.b64decode(v, validate=True) for v in table.column("encoding").to_pylist()
            ]
        except (ValueError, TypeError, KeyError):
            raise UnreadableFileError(path, "an encoding is not valid base64") from None
        columns: dict[str, pa.Array] = {
            "id": table.column("id"),
            "encoding": pa.array(blobs, pa.binary()),
        }
        for name in table.column_names:
            if name.startswith("block_"):
                hexes = pc.cast(table.column(name), pa.string()).to_pylist()
                columns[name] = pa.array(
                    [None if h is None else int(h, 16) for h in hexes], pa.uint64()
                )
        table = pa.table(columns)
    return meta, table


def _encodings(meta: LinkageMeta, table: pa.Table, path: Path) -> Encodings:
    if "id" not in table.column_names or "encoding" not in table.column_names:
        raise _not_encodings(path)
    nbytes = meta.bits // 8
    blobs = table.column("encoding").combine_chunks()
    if blobs.null_count or (
        len(blobs) and set(pc.binary_length(blobs).unique().to_pylist()) != {nbytes}
    ):
        raise UnreadableFileError(
            path, f"an encoding is not {meta.bits} bits long, as the metadata says"
        )
    flat = b"".join(blobs.cast(pa.binary()).to_pylist()) if len(blobs) else b""
    words = np.frombuffer(flat, dtype="<u8").astype(np.uint64).reshape(len(blobs), meta.bits // 64)
    passes = len(meta.blocking)
    blocks = np.zeros((len(blobs), passes), dtype=np.uint64)
    for p in range(passes):
        name = f"block_{p}"
        if name in table.column_names:
            blocks[:, p] = np.asarray(
                pc.fill_null(table.column(name), 0).to_numpy(), dtype=np.uint64
            )
    ids = pc.cast(table.column("id"), pa.string()).combine_chunks()
    return Encodings(meta, ids, words, blocks)


def _extract_encodings(meta: LinkageMeta, table: pa.Table, path: Path) -> Encodings:
    """The encodings of a governed extract: its id and base64 columns, as its metadata says.

    Rows without an encoding (none of the encoded fields had a value) or without an id are
    skipped and counted in ``skipped``; ids are row numbers from 1 when ``id_column`` is
    ``None``, so a match names the extract's row.
    """
    column = meta.encoding_column
    assert column is not None
    for name, what in ((column, "encoding"), (meta.id_column, "id")):
        if name is not None and name not in table.column_names:
            raise UnreadableFileError(
                path, f"the {what} column {name!r} named in the linkage metadata is missing"
            )
    n = table.num_rows
    ids = (
        pa.array([str(i) for i in range(1, n + 1)], pa.string())
        if meta.id_column is None
        else pc.cast(table.column(meta.id_column), pa.string()).combine_chunks()
    )
    encoded = pc.cast(table.column(column), pa.string()).combine_chunks()
    present = pc.and_(pc.is_valid(encoded), pc.is_valid(ids))
    kept = pc.filter(encoded, present).to_pylist()
    nbytes = meta.bits // 8
    try:
        blobs = [base64.b64decode(v, validate=True) for v in kept]
    except ValueError:
        raise UnreadableFileError(path, f"a value of {column!r} is not valid base64") from None
    if any(len(b) != nbytes for b in blobs):
        raise UnreadableFileError(
            path, f"an encoding is not {meta.bits} bits long, as the metadata says"
        )
    words = np.frombuffer(b"".join(blobs), dtype="<u8").astype(np.uint64)
    blocks = np.zeros((len(blobs), len(meta.blocking)), dtype=np.uint64)
    return Encodings(
        meta,
        pc.filter(ids, present),
        words.reshape(len(blobs), meta.bits // 64),
        blocks,
        skipped=n - len(blobs),
    )


def check_compatible(a: LinkageMeta, b: LinkageMeta, name_a: str, name_b: str) -> None:
    """Refuse two files whose encodings cannot be compared, saying why."""
    if a.method != b.method:
        raise InputError(f"{name_a} holds {a.method} records and {name_b} {b.method} records")
    if a.schema_fingerprint != b.schema_fingerprint:
        raise InputError(
            f"{name_a} and {name_b} were encoded with different linkage schemas "
            f"({a.schema_name} {a.schema_fingerprint[:12]} vs {b.schema_name} "
            f"{b.schema_fingerprint[:12]}); both agencies must use the same schema file"
        )
    if a.key_fingerprint != b.key_fingerprint:
        raise InputError(
            f"{name_a} and {name_b} were encoded with different keys (key fingerprints "
            f"{a.key_fingerprint} vs {b.key_fingerprint}); both agencies must use the same "
            "shared secret"
        )
    if a.bits != b.bits:
        raise InputError(f"{name_a} has {a.bits}-bit encodings and {name_b} {b.bits}-bit ones")
