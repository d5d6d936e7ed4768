"""Medical record numbers: hospital-specific formats, so only a labelled number counts.

Every hospital numbers charts its own way (``MRN 00482913``, ``MR-2231907``), so the
pattern is broad: an optional short letter prefix and six to ten digits. It scores
0.1 and needs a medical-record word (*MRN*, *medical record*, *chart*, *patient ID*),
which adds 0.5. A hard-negative label (order, invoice ...) nearer than that word drops it.
"""

from __future__ import annotations

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.recognizers.generic._labels import DIGITS_END, LabelGuard, competing_labels

__all__ = ["recognizers"]

_MRN = r"(?<![\w$.,/-])(?:[A-Z]{1,3}-?)?\d{6,10}" + DIGITS_END


_CONTEXT = (
    "mrn",
    "mrn #",
    "medical record",
    "medical record number",
    "med rec",
    "chart",
    "chart #",
    "patient id",
    "patient number",
    "hospital number",
    "health record",
)


def recognizers(settings: Settings) -> list[Recognizer]:
    return [
        LabelGuard(
            PatternRecognizer(
                name="medical_record_number",
                entity=EntityType.MEDICAL_RECORD_NUMBER,
                patterns=[Pattern("mrn", _MRN, 0.1)],
                context=_CONTEXT,
                requires_context=True,
                context_boost=0.5,
            ),
            competing_labels(_CONTEXT),
        )
    ]
