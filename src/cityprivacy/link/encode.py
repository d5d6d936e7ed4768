"""Keyed Bloom-filter encodings (cryptographic long-term keys) of the records of a table.

Each field of the :class:`~cityprivacy.link.schema.LinkSchema` is normalized, cut into
tokens and hashed into one Bloom filter per record (a CLK, Schnell, Bachteler & Reiher
2011) under its own subkey, ``key.derive(f"link/{field}")`` (HKDF-SHA-256 of the shared
secret), so that learning how one field is encoded tells nothing about another. Then the
schema's hardening is applied (:mod:`cityprivacy.link.harden`) and the keyed blocking keys
are computed (:mod:`cityprivacy.link.blocking`).

The work is vectorized: values are normalized with Arrow compute, each distinct
(salt, value) of a field is encoded once, all distinct tokens of a batch go through the
keyed PRF in one call, and bits are set by compiled loops (:mod:`cityprivacy.link._bloom`).
Encodings are packed ``uint64`` words, bit ``i`` of the filter being bit ``i % 64`` of
word ``i // 64``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import pyarrow as pa

from cityprivacy.config import Settings
from cityprivacy.errors import InputError
from cityprivacy.link._bloom import add_field_bits
from cityprivacy.link.blocking import blocking_keys
from cityprivacy.link.harden import balance, balance_permutation, salt_values, xor_fold
from cityprivacy.link.io import Encodings, LinkageMeta
from cityprivacy.link.prf import KeyedPRF
from cityprivacy.link.records import (
    NormalizedBatch,
    RecordProblem,
    normalize_batch,
    read_raw_batches,
)
from cityprivacy.link.schema import LinkSchema

__all__ = ["BloomEncoder", "EncodedBatch", "LinkageKey", "encode_file", "encode_table"]

_SLICE = 16384


class LinkageKey(Protocol):
    """What the encoder needs of a key: HKDF subkeys and a fingerprint.

    :class:`cityprivacy.protect.keys.SecretKey` is one; the CLI loads it with ``load_key``.
    """

    @property
    def fingerprint(self) -> str: ...

    def derive(self, purpose: str, length: int = 32) -> bytes: ...


@dataclass
class EncodedBatch:
    """The encodings of one batch of rows, and what was wrong with some of them."""

    ids: pa.Array
    words: np.ndarray
    blocks: np.ndarray
    problems: list[RecordProblem] = field(default_factory=list)


class BloomEncoder:
    """Encodes batches of records under one schema and key."""

    def __init__(self, schema: LinkSchema, key: LinkageKey) -> None:
        self.schema = schema
        self.key_fingerprint = key.fingerprint
        kind = schema.encoding.hash
        self._prfs = {f.name: KeyedPRF(key.derive(f"link/{f.name}"), kind) for f in schema.fields}
        self._blocking_prf = KeyedPRF(key.derive("link/blocking"), kind)
        self._permutation = (
            balance_permutation(key.derive("link/balance"), schema.encoding.length)
            if schema.hardening.balance
            else None
        )

    @property
    def meta(self) -> LinkageMeta:
        return LinkageMeta.for_bloom(self.schema, self.key_fingerprint)

    def encode(
        self, table: pa.Table | pa.RecordBatch, lines: np.ndarray | None = None
    ) -> EncodedBatch:
        """Encode ``table``; ``lines`` gives each row's file line for problem reports."""
        return self.encode_normalized(normalize_batch(self.schema, table, lines))

    def encode_normalized(self, batch: NormalizedBatch) -> EncodedBatch:
        words = self._harden(self._filters(batch.values, len(batch.keep)))
        blocks = blocking_keys(self.schema.blocking, batch.values, self._blocking_prf)
        keep = batch.keep
        rows = pa.array(np.flatnonzero(keep))
        return EncodedBatch(batch.ids.take(rows), words[keep], blocks[keep], batch.problems)

    def _filters(self, values: dict[str, pa.Array], n: int) -> np.ndarray:
        length = self.schema.encoding.length
        salt = self.schema.hardening.salt
        salts = salt_values(values[salt.field], salt.part) if salt is not None else None
        words = np.zeros((n, length // 64), dtype=np.uint64)
        for spec in self.schema.fields:
            if spec.bits == 0:
                continue
            field_salts = salts if spec.salted else None
            add_field_bits(words, spec, values[spec.name], field_salts, self._prfs[spec.name])
        return words

    def _harden(self, words: np.ndarray) -> np.ndarray:
        if self._permutation is not None:
            pieces = [
                balance(words[s : s + _SLICE], self._permutation)
                for s in range(0, len(words), _SLICE)
            ]
            words = (
                np.concatenate(pieces) if pieces else np.zeros((0, 2 * words.shape[1]), np.uint64)
            )
        if self.schema.hardening.xor_fold:
            words = xor_fold(words)
        return np.ascontiguousarray(words)


def encode_table(
    table: pa.Table, schema: LinkSchema, key: LinkageKey
) -> tuple[Encodings, list[RecordProblem]]:
    """Encode an in-memory table (every column read as strings)."""
    encoder = BloomEncoder(schema, key)
    batch = encoder.encode(table)
    return Encodings.from_batches(
        encoder.meta, [batch.ids], [batch.words], [batch.blocks]
    ), batch.problems


def encode_file(
    path: Path,
    schema: LinkSchema,
    key: LinkageKey,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[Encodings, list[RecordProblem]]:
    """Encode a table file (CSV/TSV, Parquet, JSON lines, Excel), streaming it in batches
    of ``settings.batch_rows`` rows.

    Returns the encodings and the problems (by line; those rows or values were left out).
    Raises :class:`~cityprivacy.errors.InputError` for an empty or unreadable file, one
    without a column the schema reads, or one where no row could be encoded. One process:
    encoding runs at tens of thousands of records per second, faster than forking workers
    and shipping them the rows for all but very large files.
    """
    encoder = BloomEncoder(schema, key)
    problems: list[RecordProblem] = []
    ids, words, blocks = [], [], []
    for raw, lines in read_raw_batches(path, schema, problems, settings, progress):
        batch = encoder.encode(raw, lines)
        ids.append(batch.ids)
        words.append(batch.words)
        blocks.append(batch.blocks)
        problems.extend(batch.problems)
    problems.sort(key=lambda p: p.line)
    encodings = Encodings.from_batches(encoder.meta, ids, words, blocks)
    if not len(encodings):
        raise InputError(f"{path}: no row could be encoded ({len(problems)} problems)")
    return encodings, problems
