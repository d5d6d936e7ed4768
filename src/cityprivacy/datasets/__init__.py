"""Synthetic city data: a labeled evaluation corpus and the bundled demo dataset.

Everything here is fictitious and generated from hand-written word lists by seeded
random draws, so it is reproducible and safe to ship, print and commit.

- :func:`generate_corpus` builds labeled texts (gold spans by construction) for tests
  and the detection benchmark.
- :func:`sample_dir` is the folder of the demo dataset (case notes, a client CSV, a
  benefits Parquet table, intake messages), written by
  ``python -m cityprivacy.datasets.generate``.
"""

from __future__ import annotations

from pathlib import Path

from cityprivacy.datasets._lexicon import DEFAULT_LEXICON, Lexicon
from cityprivacy.datasets.corpus import (
    STYLES,
    LabeledSpan,
    LabeledText,
    generate_corpus,
    iter_corpus,
)

__all__ = [
    "DEFAULT_LEXICON",
    "STYLES",
    "LabeledSpan",
    "LabeledText",
    "Lexicon",
    "generate_corpus",
    "iter_corpus",
    "sample_dir",
]


def sample_dir() -> Path:
    """The bundled demo dataset's folder (inside the installed package)."""
    return Path(__file__).parent / "sample"
