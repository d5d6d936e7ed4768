"""Finding identifying information in text, tables and files."""

from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.parallel import analyze_many
from cityprivacy.detect.recognizer import Pattern, PatternRecognizer, Recognizer

__all__ = [
    "EntityType",
    "Explanation",
    "Finding",
    "Pattern",
    "PatternRecognizer",
    "Recognizer",
    "TextAnalyzer",
    "analyze_many",
]
