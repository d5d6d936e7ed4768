"""Finding the hierarchies of the quasi-identifiers in a folder.

A folder given with ``--hierarchies DIR`` may hold, for a column ``age``:

* ``age.csv``, or ARX's naming ``<anything>_hierarchy_age.csv`` (``adult_hierarchy_age.csv``):
  a hierarchy in ARX's CSV format;
* any ``*.yaml`` / ``*.yml`` file with a rule for ``age`` under ``hierarchies:``.

A column defined twice is an error naming both files, as is a quasi-identifier with no
hierarchy at all. Only the CSV files of the columns asked for are read; every YAML file is
read (and must be valid), so a broken rules file never goes unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from cityprivacy.errors import InputError, PolicyError
from cityprivacy.protect.hierarchy.arx_csv import read_arx_csv
from cityprivacy.protect.hierarchy.model import Hierarchy
from cityprivacy.protect.hierarchy.rules_file import load_rules

__all__ = ["HierarchySource", "load_hierarchies"]

_ARX_NAME = re.compile(r"^.*_hierarchy_(?P<column>.+)$")


class HierarchySource(Protocol):
    """Something that gives a column's hierarchy once the column's values are known:
    a :class:`Hierarchy` read from a file (which checks it covers them) or a rule."""

    @property
    def column(self) -> str: ...

    def materialize(self, values: Iterable[str]) -> Hierarchy: ...


def load_hierarchies(directory: Path, columns: Sequence[str]) -> dict[str, HierarchySource]:
    """The hierarchy source of each of ``columns`` found in ``directory``."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: not a folder of hierarchies")
    wanted = set(columns)
    found: dict[str, tuple[HierarchySource, Path]] = {}

    def add(column: str, source: HierarchySource, path: Path) -> None:
        if column in found:
            raise PolicyError(
                f"column {column!r} has a hierarchy here and in {found[column][1]}; keep one",
                source=str(path),
            )
        found[column] = (source, path)

    for path in sorted(directory.iterdir()):
        suffix = path.suffix.lower()
        if not path.is_file():
            continue
        if suffix == ".csv":
            match = _ARX_NAME.match(path.stem)
            column = match.group("column") if match else path.stem
            if column in wanted:
                add(column, read_arx_csv(path, column), path)
        elif suffix in (".yaml", ".yml"):
            for column, rule in load_rules(path).items():
                if column in wanted:
                    add(column, rule, path)
    missing = [c for c in columns if c not in found]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        raise InputError(
            f"{directory}: no hierarchy for {names}; add <column>.csv (ARX format), "
            "<name>_hierarchy_<column>.csv, or a rule under 'hierarchies:' in a .yaml file"
        )
    return {column: found[column][0] for column in columns}
