"""NYC borough-block-lot (BBL) numbers, the city's key for a tax lot.

Ten digits: borough (1 Manhattan .. 5 Staten Island), block (5 digits), lot (4 digits),
or written with separators as ``1-00234-0056`` / ``1/234/56``. A BBL locates a home,
so it is identifying, but ten digits are also phone numbers and account numbers: both
forms need a word like *BBL*, *block*, *lot* or *tax lot* (0.3 + 0.35). Borough 0 or
6-9, block 0 and lot 0 are rejected.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.checksums import nyc_bbl_valid
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import (
    DIGITS_END,
    DIGITS_START,
    LabelGuard,
    competing_labels,
)

__all__ = ["recognizers"]

_COMPACT = DIGITS_START + r"[1-5]\d{9}" + DIGITS_END
_SEPARATED = DIGITS_START + r"[1-5](?P<sep>[-/ ])\d{1,5}(?P=sep)\d{1,4}" + DIGITS_END


_CONTEXT = (
    "bbl",
    "borough block lot",
    "borough-block-lot",
    "block",
    "lot",
    "tax lot",
    "tax block",
    "parcel",
    "acris",
    "dof",
)


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="nyc_bbl",
                entity=EntityType.NYC_BBL,
                patterns=[
                    Pattern("bbl_separated", _SEPARATED, 0.3),
                    Pattern("bbl_compact", _COMPACT, 0.3),
                ],
                context=_CONTEXT,
                validator=nyc_bbl_valid,
                validated_score=0.0,
                requires_context=True,
                context_boost=0.35,
            ),
            competing_labels(_CONTEXT),
        )
    ]
