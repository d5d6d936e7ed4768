"""Shared fixtures: table, file and CLI tests run on a small in-memory analyzer, so their
results do not move with the built-in recognizers (those have their own tests)."""

from __future__ import annotations

import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer

RECOGNIZERS = [
    PatternRecognizer(
        name="test_ssn",
        entity=EntityType.US_SSN,
        patterns=[Pattern("dashed", r"\b\d{3}-\d{2}-\d{4}\b", 0.9)],
    ),
    PatternRecognizer(
        name="test_email",
        entity=EntityType.EMAIL_ADDRESS,
        patterns=[Pattern("email", r"\b[\w.+-]+@[\w-]+\.[a-z]{2,}\b", 0.9)],
    ),
    PatternRecognizer(
        name="test_zip",
        entity=EntityType.ZIP_CODE,
        patterns=[Pattern("zip5", r"\b\d{5}\b", 0.4)],
        context=["zip", "zipcode"],
    ),
]


@pytest.fixture
def settings() -> Settings:
    return Settings(batch_rows=50, sample_rows=200)


@pytest.fixture
def analyzer(settings: Settings) -> TextAnalyzer:
    return TextAnalyzer(RECOGNIZERS, settings=settings)
