"""Write the bundled synthetic demo dataset.

    python -m cityprivacy.datasets.generate --out src/cityprivacy/datasets/sample

Produces ``case_notes/`` (caseworker notes, .txt and .md), ``clients.csv`` (a client
extract), ``benefits.parquet`` (quasi-identifiers and benefit program) and
``intake_messages.jsonl`` (messages from the public, one JSON object with a ``text``
field per line). Deterministic: running it twice gives byte-identical text files.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cityprivacy.datasets.records import (
    CLIENT_COLUMNS,
    benefit_rows,
    case_notes,
    client_records,
    intake_messages,
)

__all__ = ["main", "write_sample"]

_CHANNELS = ("web form", "sms", "email", "311 transfer")


def write_sample(out: Path, *, seed: int = 0) -> list[Path]:
    """Write the demo dataset under ``out`` and return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    notes_dir = out / "case_notes"
    notes_dir.mkdir(exist_ok=True)
    written: list[Path] = []
    for name, text in case_notes(seed=3 + seed):
        path = notes_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)

    clients = out / "clients.csv"
    with clients.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CLIENT_COLUMNS)
        writer.writeheader()
        writer.writerows(client_records(seed=7 + seed))
    written.append(clients)

    benefits = out / "benefits.parquet"
    pq.write_table(pa.Table.from_pylist(benefit_rows(seed=11 + seed)), benefits)
    written.append(benefits)

    messages = out / "intake_messages.jsonl"
    with messages.open("w", encoding="utf-8") as fh:
        for i, msg in enumerate(intake_messages(seed=5 + seed)):
            record = {
                "id": msg.id,
                "channel": _CHANNELS[i % len(_CHANNELS)],
                "received": f"2025-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}T{9 + i % 8:02d}:15:00",
                "text": msg.text,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    written.append(messages)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "sample")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    files = write_sample(args.out, seed=args.seed)
    size = sum(p.stat().st_size for p in files)
    print(f"wrote {len(files)} files, {size / 1024:.0f} KiB, under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
