"""Alone or combined: which columns single people out, on their own or together.

The law counts information that identifies a person *alone or combined with other
information*. Columns typed as direct identifiers (names, SSNs) are reported already;
this looks at the others (ZIP, date of birth, sex, untyped codes) and measures, for every
combination of up to :data:`MAX_SIZE` columns, the share of rows that are unique on it.
Combinations whose share reaches ``uniqueness_threshold`` are flagged; only minimal ones
are reported (if ZIP + date of birth is flagged, ZIP + date of birth + sex is implied).

Memory and time are bounded: the scanner keeps a uniform reservoir sample of rows (all
rows when the table is small enough; see ``TableScanner``), and at most
:data:`MAX_COLUMNS` candidate columns are combined. Uniqueness measured on a sample is
never lower than in the full table (a row unique in the table is unique in any sample
holding it), so sampling errs toward flagging, which is the safe direction for a privacy
check. Each column is dictionary-encoded once; a combination's key is the mixed-radix
number of its codes, counted with ``pyarrow.compute.value_counts``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.detect.report import CombinationRisk

__all__ = ["MAX_COLUMNS", "MAX_REPORTED", "MAX_SIZE", "unique_share", "uniqueness_risks"]

MAX_SIZE = 3
MAX_COLUMNS = 20
MAX_REPORTED = 100


def _codes(column: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, int]:
    encoded = pc.dictionary_encode(column, null_encoding="encode")
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    return pc.cast(encoded.indices, pa.int64()), max(1, len(encoded.dictionary))


def unique_share(key: pa.Array) -> float:
    """Share of rows whose key occurs exactly once."""
    if len(key) == 0:
        return 0.0
    counts = pc.value_counts(key).field("counts")
    singles = pc.sum(pc.equal(counts, 1)).as_py() or 0
    return float(singles) / len(key)


def uniqueness_risks(
    table: pa.Table,
    candidates: Sequence[str],
    *,
    threshold: float,
    sampled: bool,
    max_size: int = MAX_SIZE,
) -> list[CombinationRisk]:
    """Minimal combinations of ``candidates`` with a unique-row share ≥ ``threshold``."""
    rows = table.num_rows
    if rows == 0 or not candidates:
        return []
    encoded = {name: _codes(table.column(name)) for name in candidates[:MAX_COLUMNS]}
    flagged: list[tuple[frozenset[str], CombinationRisk]] = []
    for size in range(1, max_size + 1):
        for combo in combinations(encoded, size):
            members = frozenset(combo)
            if any(done <= members for done, _ in flagged):
                continue
            key, radix = encoded[combo[0]]
            overflow = False
            for name in combo[1:]:
                codes, cardinality = encoded[name]
                if radix * cardinality >= 2**62:
                    overflow = True
                    break
                key = pc.add(pc.multiply(key, cardinality), codes)
                radix *= cardinality
            if overflow:  # more distinct combinations than rows could ever need: re-encode
                key = pc.binary_join_element_wise(
                    *(pc.cast(encoded[n][0], pa.string()) for n in combo), "\x1f"
                )
            share = unique_share(key)
            if share >= threshold:
                risk = CombinationRisk(tuple(combo), round(share, 4), rows, sampled)
                flagged.append((members, risk))
    risks = [r for _, r in flagged]
    risks.sort(key=lambda r: (len(r.columns), -r.unique_share, r.columns))
    return risks[:MAX_REPORTED]
