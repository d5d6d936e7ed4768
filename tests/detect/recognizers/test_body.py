"""Heights and weights of people, not of parcels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizers import body
from cityprivacy.detect.text import Text

RECOGNIZERS = body.recognizers(Settings())


def found(text: str) -> list[str]:
    return sorted(
        text[f.start : f.end]
        for r in RECOGNIZERS
        for f in r.analyze(Text(text))
        if f.score >= 0.5 and f.entity_type is EntityType.HEIGHT_WEIGHT
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Suspect: male, 5'11\", 190 lbs", ["190 lbs", "5'11\""], id="suspect-description"
        ),
        pytest.param(
            "She is 5 ft 4 in and weighs 130 pounds", ["130 pounds", "5 ft 4 in"], id="words"
        ),
        pytest.param("Patient height 168 cm, weight 61 kg", ["168 cm", "61 kg"], id="metric"),
        pytest.param("Ht: 70 Wt: 155", ["155", "70"], id="labels-without-units"),
        pytest.param("He is 6 feet tall", ["6 feet"], id="feet-tall"),
        pytest.param("Delivered a 50 lb bag of rice", [], id="neg-object"),
        pytest.param("The box weighs 40 kg", [], id="neg-box"),
        pytest.param("Stand 6 feet away from him", [], id="neg-distance"),
        pytest.param("Order 180 lbs of flour", [], id="neg-no-person"),
        pytest.param("He weighs 2000 lbs", [], id="neg-out-of-range"),
        pytest.param("Weight: 4% of the grade", [], id="neg-percent"),
    ],
)
def test_height_weight(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@given(st.text(alphabet="0123456789 '\"ftinlbskgcmHtWweighsheight:.", max_size=60))
def test_offsets_lie_inside_the_text(text: str) -> None:
    for recognizer in RECOGNIZERS:
        for f in recognizer.analyze(Text(text)):
            assert 0 <= f.start < f.end <= len(text)
