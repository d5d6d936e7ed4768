"""cityprivacy: find, protect, link and govern a city's identifying information.

The public surface is small and listed in ``__all__``; everything else is internal.

>>> import cityprivacy
>>> [f.entity_type for f in cityprivacy.analyze("SSN 123-45-6789")]
[<EntityType.US_SSN: 'US_SSN'>]
"""

from collections.abc import Collection as _Collection
from collections.abc import Iterable as _Iterable
from collections.abc import Iterator as _Iterator
from functools import lru_cache as _lru_cache

from cityprivacy.config import Settings
from cityprivacy.config import get_settings as _get_settings
from cityprivacy.detect import (
    EntityType,
    Explanation,
    Finding,
    Pattern,
    PatternRecognizer,
    Recognizer,
    TextAnalyzer,
)
from cityprivacy.detect import analyze_many as _analyze_many
from cityprivacy.errors import CityPrivacyError

__all__ = [
    "CityPrivacyError",
    "EntityType",
    "Explanation",
    "Finding",
    "Pattern",
    "PatternRecognizer",
    "Recognizer",
    "Settings",
    "TextAnalyzer",
    "__version__",
    "analyze",
    "analyze_many",
    "default_analyzer",
]

__version__ = "0.1.0"


@_lru_cache(maxsize=1)
def default_analyzer() -> TextAnalyzer:
    """The analyzer built from the process settings, created on first use."""
    return TextAnalyzer(settings=_get_settings())


def analyze(
    text: str,
    *,
    entities: _Collection[str | EntityType] | None = None,
    language: str = "en",
    min_score: float | None = None,
) -> list[Finding]:
    """Find identifying information in one text.

    ``entities`` limits the search to some entity types (names as in :class:`EntityType`).
    Returns non-overlapping findings sorted by position.
    """
    return default_analyzer().analyze(
        text, entities=entities, language=language, min_score=min_score
    )


def analyze_many(
    texts: _Iterable[str],
    *,
    workers: int | None = None,
    entities: _Iterable[str] | None = None,
    min_score: float | None = None,
) -> _Iterator[list[Finding]]:
    """Findings for each text, in order, on ``workers`` processes (default: all cores)."""
    return _analyze_many(
        texts, workers=workers, entities=entities, min_score=min_score, analyzer=default_analyzer()
    )
