"""Properties every recognizer in this package must have, checked on generated text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from recognizer_support import MODULES, all_recognizers, module_recognizers

from cityprivacy.detect.recognizer import Recognizer
from cityprivacy.detect.text import Text

RECOGNIZERS = all_recognizers()

# Text made of the characters identifiers are built from, so generated inputs actually
# reach the validators instead of being rejected by the first character.
_ALPHABET = "0123456789 -./:,@#()+xXABCDEFNSWabcdef°'\"\n"
id_like_text = st.text(alphabet=_ALPHABET, max_size=120) | st.text(max_size=80)


@pytest.mark.parametrize("module", MODULES)
def test_module_provides_recognizers(module: str) -> None:
    recs = module_recognizers(module)
    assert recs
    assert all(isinstance(r, Recognizer) for r in recs)


def test_recognizer_names_are_unique() -> None:
    names = [r.name for r in RECOGNIZERS]
    assert len(names) == len(set(names))


@settings(max_examples=300, deadline=None)
@given(id_like_text)
def test_findings_stay_inside_the_text(text: str) -> None:
    view = Text(text)
    for rec in RECOGNIZERS:
        for f in rec.analyze(view):
            assert 0 <= f.start < f.end <= len(text)
            assert 0.0 <= f.score <= 1.0
            assert f.entity_type in rec.entities
            assert f.recognizer == rec.name
            assert f.category == ""
            assert text[f.start : f.end].strip() == text[f.start : f.end]


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("1" * 20_000, id="digit-run"),
        pytest.param("1-" * 10_000, id="dash-digits"),
        pytest.param("a." * 10_000 + "@", id="dotted-labels"),
        pytest.param("::" * 10_000, id="colons"),
        pytest.param("+1 " * 5_000, id="plus-ones"),
        pytest.param("0a:" * 8_000, id="hex-pairs"),
        pytest.param("http://" + "a" * 20_000 + ".", id="long-url"),
        pytest.param("40.1234, " * 3_000, id="coordinates"),
    ],
)
def test_no_catastrophic_backtracking(hostile: str) -> None:
    view = Text(hostile)
    for rec in RECOGNIZERS:
        for f in rec.analyze(view):
            assert 0 <= f.start < f.end <= len(hostile)
