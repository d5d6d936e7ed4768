"""CLI tests: the commands build the small in-memory analyzer of ``tests/conftest.py``."""

from __future__ import annotations

import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer


@pytest.fixture(autouse=True)
def fake_analyzer(monkeypatch: pytest.MonkeyPatch, analyzer: TextAnalyzer) -> None:
    """Both commands build this analyzer instead of the one with every built-in recognizer."""
    from cityprivacy.cli import detect_cmd, scan_cmd

    def build(settings: Settings) -> TextAnalyzer:
        return TextAnalyzer(analyzer.recognizers, settings=settings)

    monkeypatch.setattr(scan_cmd, "build_analyzer", build)
    monkeypatch.setattr(detect_cmd, "build_analyzer", build)
