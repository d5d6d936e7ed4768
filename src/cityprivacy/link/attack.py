"""A frequency attack on Bloom-filter encodings, to measure what hardening buys.

The attacker holds encodings of first names (without the key) and a public table of first
names ranked by frequency (a census list). The attack combines the two classic steps of
the literature, simplified:

1. **Frequency alignment** (Kuzu, Kantarcioglu, Durham & Malin 2011): identical names give
   identical encodings, so the ``top`` most frequent distinct encodings are guessed to be
   the ``top`` most frequent names, in order.
2. **Pattern mining** (after Christen, Schnell, Vatsalan & Ranbaduge 2017, and Christen,
   Vidanage, Ranbaduge & Schnell 2018): from those guessed plaintexts the attacker learns
   which bits each q-gram sets — the bits set in *every* encoding of an aligned name that
   contains the q-gram (q-grams of at least two aligned names) — and then decodes every
   encoding, frequent or not, as the name of the table whose q-grams predict its bits
   best (Dice similarity; the more frequent name on ties).

A record is *re-identified* when the decoded name is its true first name. Without
hardening the attack decodes most records when the attacker knows the name frequencies
well; salting with the birth year scatters each name over many encodings and leaves the
alignment nothing to hold on to. Balancing and XOR-folding change the bit patterns the
second step learns but do not stop it: they are aimed at attacks on bit positions and
Hamming weights, not at equal encodings of equal values. The measured figures are in the
README (``tests/link/test_link_attack.py`` checks the salted ones). This is a test
instrument, not the strongest attack published: hardening that resists it is necessary,
not sufficient.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cityprivacy.link.dice import DiceScorer

__all__ = ["AttackResult", "frequency_attack"]


@dataclass(frozen=True, slots=True)
class AttackResult:
    """How many records' first names the attack recovered."""

    records: int
    reidentified: int
    distinct_encodings: int
    aligned: int

    @property
    def rate(self) -> float:
        return self.reidentified / self.records if self.records else 0.0


def _qgrams(name: str, q: int) -> set[str]:
    padded = f"_{name}_"
    return {padded[i : i + q] for i in range(max(1, len(padded) - q + 1))}


def _learn(distinct: np.ndarray, anchors: dict[int, str], q: int) -> dict[str, np.ndarray]:
    """Each q-gram's bits: those set in every anchored encoding whose name contains it.

    Only q-grams seen in at least two anchored names are learned: with one name, the
    intersection is that name's whole encoding.
    """
    learned: dict[str, np.ndarray] = {}
    seen: dict[str, int] = {}
    for k, name in anchors.items():
        for gram in _qgrams(name, q):
            bits = learned.get(gram)
            learned[gram] = distinct[k].copy() if bits is None else bits & distinct[k]
            seen[gram] = seen.get(gram, 0) + 1
    return {gram: bits for gram, bits in learned.items() if seen[gram] >= 2}


def _predict(
    names: Sequence[str], learned: dict[str, np.ndarray], q: int, width: int
) -> np.ndarray:
    predicted = np.zeros((len(names), width), dtype=np.uint64)
    for r, name in enumerate(names):
        for gram in _qgrams(name, q):
            if gram in learned:
                predicted[r] |= learned[gram]
    return predicted


def _best(distinct: np.ndarray, predicted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``distinct``: the best-scoring row of ``predicted`` (lowest index on
    ties: names come most frequent first) and its Dice score."""
    if not predicted.any():
        return np.full(len(distinct), -1, np.int64), np.zeros(len(distinct))
    parts = list(DiceScorer(distinct, predicted).dense(0.0, workers=1))
    i, j, s = (np.concatenate([p[k] for p in parts]) for k in range(3))
    ranked = np.lexsort((j, -s, i))
    rows, firsts = np.unique(i[ranked], return_index=True)
    best, score = np.full(len(distinct), -1, np.int64), np.zeros(len(distinct))
    best[rows], score[rows] = j[ranked][firsts], s[ranked][firsts]
    return best, score


def frequency_attack(
    encodings: np.ndarray,
    true_names: Sequence[str],
    name_table: Sequence[str],
    *,
    q: int = 2,
    top: int = 50,
) -> AttackResult:
    """Run the attack on ``(n, W)`` uint64 encodings of first names.

    ``true_names`` are the normalized names actually encoded (only to score the attack);
    ``name_table`` is the attacker's knowledge: normalized names, most frequent first. The
    ``top`` most frequent encodings seen at least twice are aligned with the ``top`` most
    frequent names, the q-gram bits are learned from them, and every encoding is decoded.
    """
    n, width = encodings.shape
    rows = np.ascontiguousarray(encodings).view(np.dtype((np.void, width * 8))).reshape(n)
    _, first, inverse, counts = np.unique(
        rows, return_index=True, return_inverse=True, return_counts=True
    )
    distinct = encodings[first]
    order = np.argsort(-counts, kind="stable")
    frequent = [int(k) for k in order[:top] if counts[k] >= 2]
    anchors = {k: name_table[rank] for rank, k in enumerate(frequent) if rank < len(name_table)}
    decoded, _ = _best(distinct, _predict(name_table, _learn(distinct, anchors, q), q, width))
    guesses = [name_table[d] if d >= 0 else None for d in decoded[inverse.reshape(-1)].tolist()]
    hits = sum(1 for guess, truth in zip(guesses, true_names, strict=True) if guess == truth)
    return AttackResult(n, hits, len(distinct), len(anchors))
