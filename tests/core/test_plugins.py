"""Recognizers arrive through the plugin registry, built-ins exactly like third-party ones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer
from cityprivacy.detect.text import Text
from cityprivacy.errors import PluginError
from cityprivacy.plugins import collect_recognizers, hookimpl, plugin_manager


class TicketRecognizer:
    """A third-party recognizer: agency ticket numbers TKT-123456."""

    name = "agency_ticket"
    entities = frozenset({EntityType.CASE_NUMBER})

    def analyze(self, text: Text) -> Iterator[Finding]:
        i = text.text.find("TKT-")
        if i >= 0:
            yield Finding(
                EntityType.CASE_NUMBER,
                i,
                i + 10,
                0.9,
                self.name,
                explanation=Explanation("tkt", 0.9),
            )


class ThirdPartyPlugin:
    @hookimpl
    def cityprivacy_recognizers(self, settings: Settings) -> list[Recognizer]:
        return [TicketRecognizer()]


class BrokenPlugin:
    @hookimpl
    def cityprivacy_recognizers(self, settings: Settings) -> list[object]:
        return ["not a recognizer"]


def test_builtins_come_from_the_entry_point() -> None:
    names = [name for name, _ in plugin_manager().list_name_plugin()]
    assert "builtin_recognizers" in names


def test_builtin_recognizers_are_found() -> None:
    recognizers = collect_recognizers(Settings())
    assert recognizers, "the built-in plugin should provide recognizers"
    assert all(isinstance(r, Recognizer) for r in recognizers)
    assert [r.name for r in recognizers] == sorted(r.name for r in recognizers)


def test_third_party_plugin_is_added_next_to_builtins() -> None:
    recognizers = collect_recognizers(Settings(), extra=[ThirdPartyPlugin()])
    names = {r.name for r in recognizers}
    assert "agency_ticket" in names
    assert len(names) > 1


def test_plugin_returning_wrong_type_is_a_clear_error() -> None:
    with pytest.raises(PluginError, match="not a Recognizer"):
        collect_recognizers(Settings(), extra=[BrokenPlugin()])


def test_pattern_recognizer_needs_patterns() -> None:
    with pytest.raises(ValueError, match="no patterns"):
        PatternRecognizer(name="x", entity=EntityType.URL, patterns=[])


def test_pattern_recognizer_scoring_is_explained() -> None:
    rec = PatternRecognizer(
        name="test_ticket",
        entity=EntityType.CASE_NUMBER,
        patterns=[Pattern("ticket", r"\bT\d{6}\b", 0.3)],
        context=["ticket"],
        negative_context=["order"],
        validator=lambda s: {"0": False, "7": True}.get(s[-1]),
    )
    [boosted] = rec.analyze(Text("ticket T123456 opened"))
    assert boosted.score == pytest.approx(0.65)
    assert boosted.explanation.context_words == ("ticket",)
    assert "ticket" in boosted.explanation.describe()
    assert list(rec.analyze(Text("order T123456"))) == []  # negative context vetoes
    assert list(rec.analyze(Text("ticket T123450"))) == []  # validator rejects
    [bare] = rec.analyze(Text("see T123457"))
    assert bare.score == pytest.approx(1.0)  # validator confirmed: validated_score
