"""Linkage quality against known true pairs: precision, recall, F1 and the best threshold.

A matches file (``id_a``, ``id_b``, ``score``) is compared with a truth file of pairs of
ids that are the same person. *Precision* is the share of linked pairs that are true,
*recall* the share of true pairs that were linked, *F1* their harmonic mean. The *best
threshold* is the score above which keeping pairs gives the highest F1: run ``match`` with
a low threshold, then read here where to set it. (With greedy one-to-one assignment this
is exact: pairs are assigned from the highest score down, so the links above any threshold
are the same whether or not lower pairs were scored.)

For deduplication the pairs are unordered: ``(x, y)`` and ``(y, x)`` are the same pair.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cityprivacy.errors import InputError, UnreadableFileError

__all__ = ["Evaluation", "evaluate_pairs", "read_pairs", "truth_from_pattern"]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Quality of all the pairs given, and at the best threshold."""

    predicted: int
    true_pairs: int
    true_positives: int
    precision: float
    recall: float
    f1: float
    best_threshold: float | None
    best_precision: float
    best_recall: float
    best_f1: float

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "predicted": self.predicted,
            "true_pairs": self.true_pairs,
            "true_positives": self.true_positives,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "best_threshold": self.best_threshold,
            "best_precision": self.best_precision,
            "best_recall": self.best_recall,
            "best_f1": self.best_f1,
        }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate_pairs(
    pairs: Sequence[tuple[str, str]],
    scores: Sequence[float] | np.ndarray | None,
    truth: Iterable[tuple[str, str]],
    *,
    unordered: bool = False,
) -> Evaluation:
    """Precision, recall and F1 of ``pairs`` against ``truth``; the best threshold when
    ``scores`` are given."""

    def key(pair: tuple[str, str]) -> tuple[str, str]:
        return (min(pair), max(pair)) if unordered else pair

    true_set = {key(p) for p in truth}
    hits = np.array([key(p) in true_set for p in pairs], dtype=bool)
    tp, n, total = int(hits.sum()), len(pairs), len(true_set)
    precision = tp / n if n else 0.0
    recall = tp / total if total else 0.0
    best: tuple[float, float, float, float | None] = (
        _f1(precision, recall),
        precision,
        recall,
        None,
    )
    if scores is not None and n:
        values = np.asarray(scores, dtype=np.float64)
        order = np.argsort(-values, kind="stable")
        cum = np.cumsum(hits[order])
        ranked = values[order]
        last = np.flatnonzero(np.append(ranked[1:] != ranked[:-1], True))  # end of each score
        prec = cum[last] / (last + 1)
        rec = cum[last] / total if total else np.zeros(len(last))
        with np.errstate(invalid="ignore"):
            f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0.0)
        k = int(np.argmax(f1))
        best = (float(f1[k]), float(prec[k]), float(rec[k]), float(ranked[last[k]]))
    return Evaluation(n, total, tp, precision, recall, _f1(precision, recall),
                      best[3], best[1], best[2], best[0])  # fmt: skip


def read_pairs(
    path: Path, *, need_scores: bool = False
) -> tuple[list[tuple[str, str]], np.ndarray | None]:
    """Pairs of ids from a CSV or Parquet file: columns ``id_a`` and ``id_b`` (or the first
    two columns), and ``score`` if present."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            table = pq.read_table(path)
        else:
            with path.open(encoding="utf-8", newline="") as handle:
                header = next(csv.reader(handle), [])
            types = {n: pa.float64() if n == "score" else pa.string() for n in header}
            table = pacsv.read_csv(
                path,
                convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False),
            )
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as exc:
        message = str(exc).splitlines()[0].split(":", 1)[0] if str(exc) else "unreadable"
        raise UnreadableFileError(path, f"cannot read pairs ({message})") from None
    names = table.column_names
    if len(names) < 2:
        raise InputError(f"{path}: a pairs file needs two id columns (id_a, id_b)")
    first, second = ("id_a", "id_b") if {"id_a", "id_b"} <= set(names) else (names[0], names[1])
    a = pc.cast(table.column(first), pa.string()).to_pylist()
    b = pc.cast(table.column(second), pa.string()).to_pylist()
    pairs = [(str(x), str(y)) for x, y in zip(a, b, strict=True)]
    scores = None
    if "score" in names:
        scores = np.asarray(pc.fill_null(table.column("score"), 0.0).to_numpy(), dtype=np.float64)
    elif need_scores:
        raise InputError(f"{path}: no score column")
    return pairs, scores


def truth_from_pattern(
    ids_a: Sequence[str], ids_b: Sequence[str] | None, pattern: str
) -> list[tuple[str, str]]:
    """True pairs from ids that name their entity: ids whose ``pattern`` match (its first
    group, or the whole match) is equal are the same entity (``rec-(\\d+)`` for FEBRL)."""
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise InputError(f"--truth-pattern is not a valid regular expression: {exc}") from None

    def entity(identifier: str) -> str | None:
        m = regex.search(identifier)
        if m is None:
            return None
        return m.group(1) if regex.groups else m.group(0)

    groups_b: dict[str, list[str]] = {}
    for identifier in ids_a if ids_b is None else ids_b:
        e = entity(identifier)
        if e is not None:
            groups_b.setdefault(e, []).append(identifier)
    if ids_b is None:
        return [
            (x, y)
            for members in groups_b.values()
            for k, x in enumerate(members)
            for y in members[k + 1 :]
        ]
    return [(x, y) for x in ids_a if (e := entity(x)) is not None for y in groups_b.get(e, [])]
