"""The optional spaCy recognizer: off unless asked for, and mapped to our entity types."""

from __future__ import annotations

import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizers import spacy_ner
from cityprivacy.detect.text import Text


def test_off_by_default() -> None:
    assert spacy_ner.recognizers(Settings()) == []


def test_off_when_the_model_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy_ner, "MODEL_PACKAGES", ("no_such_model_package",))
    assert spacy_ner.recognizers(Settings(ner=True)) == []


@pytest.mark.ner
@pytest.mark.skipif(not spacy_ner.ner_available(), reason="spaCy model not installed")
def test_maps_spacy_labels() -> None:
    (rec,) = spacy_ner.recognizers(Settings(ner=True))
    text = "Rosa Alvarez, a Peruvian nurse, moved to Chicago and works for Microsoft."
    got = {(str(f.entity_type), text[f.start : f.end]) for f in rec.analyze(Text(text))}
    assert ("LOCATION", "Chicago") in got
    assert any(kind == "PERSON" and "Alvarez" in value for kind, value in got)
    assert all(EntityType(kind) in spacy_ner.LABELS.values() for kind, _ in got)
    assert all(f.score == spacy_ner.SCORE for f in rec.analyze(Text(text)))
    assert list(rec.analyze(Text("   "))) == []
