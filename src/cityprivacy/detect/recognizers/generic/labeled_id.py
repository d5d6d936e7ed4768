"""Codes written right after a field label: ``Case No. KI-55500-25``, ``MRN: 401-7246``.

Case and medical record numbers have no national format: every agency, court and hospital
numbers its files its own way (``C5959993``, ``2021-533798``, ``987179421-02``,
``M1452386``). What they share is how they are written: a label that names the field
(*case number*, *case no.*, *client ID*, *docket #*, *MRN*, *patient ID*) and then, with at
most a colon, ``#``, ``=``, a dash or the word *is* in between, one code token. That
adjacency is a much stronger signal than a context word somewhere in a window, so such a
match scores 0.9 and wins a same-span tie against the shape-based recognizers (a
driver-license-shaped ``C2526602`` after *client ID* is the client's ID).

A code token is letters, digits and inner hyphens or slashes with at least four digits;
values that are dates, phone numbers or Social Security numbers are left to their own
recognizers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding
from cityprivacy.detect.recognizer import Recognizer
from cityprivacy.detect.text import Text

__all__ = ["LabeledIdRecognizer", "recognizers"]

_NUM = r"(?:[\s_.]*(?:number|num|nbr|no|#|id|identifier)\b\.?)"
_LABELS: dict[EntityType, str] = {
    EntityType.CASE_NUMBER: (
        rf"\bcase{_NUM}|\bcase(?=\s*[:#=])|\bclient[\s_]*(?:id|identifier|#|no\b\.?)"
        rf"|\bdocket{_NUM}?|\bindex{_NUM}|\bcomplaint{_NUM}|\bincident{_NUM}"
        rf"|\bfile{_NUM}|\bmatter{_NUM}"
    ),
    EntityType.MEDICAL_RECORD_NUMBER: (
        rf"\bmrn\b|\bmedical[\s_]+record{_NUM}?|\bmed\.?[\s_]*rec(?:ord)?\b\.?{_NUM}?"
        rf"|\bchart{_NUM}|\bpatient{_NUM}|\bhospital{_NUM}|\bhealth[\s_]+record{_NUM}"
    ),
}
_SEP = r"[ \t]*(?:[:#=\-–][ \t]*|(?:is|was)[ \t]+)?[ \t]*#?"
_VALUE = r"(?P<value>[A-Za-z]{0,4}-?\d[A-Za-z0-9]*(?:[-/][A-Za-z0-9]+){0,3})(?![\w-]|[.,/]\d)"
_REGEX = re.compile(
    "|".join(f"(?P<{entity.name}>(?i:{label}))" for entity, label in _LABELS.items()).join(
        ("(?:", ")")
    )
    + _SEP
    + _VALUE
)
_NOT_A_CODE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}"  # dates
    r"|\d{3}-\d{2}-\d{4}"  # SSN shape
    r"|\(?\d{3}\)?[-.]?\d{3}[-.]\d{4}"  # phone shape
)
_SCORE = 0.9


class LabeledIdRecognizer:
    """Case and medical record numbers written directly after their field label."""

    name = "labeled_id"
    entities = frozenset(_LABELS)

    def analyze(self, text: Text) -> Iterator[Finding]:
        lower = text.lower
        if not any(w in lower for w in ("case", "client", "docket", "index", "mrn", "med",
                                          "chart", "patient", "hospital", "complaint",
                                          "incident", "file", "matter", "health")):  # fmt: skip
            return
        for m in _REGEX.finditer(text.text):
            value = m.group("value")
            digits = sum(c.isdigit() for c in value)
            if digits < 4 or len(value) > 24 or _NOT_A_CODE.fullmatch(value):
                continue
            entity = next(e for e in _LABELS if m.group(e.name) is not None)
            explanation = Explanation(
                pattern=f"{entity.value.lower()}_after_label",
                base_score=_SCORE,
                notes=("field label right before the code",),
            )
            yield Finding(
                entity, m.start("value"), m.end("value"), _SCORE, self.name,
                explanation=explanation,
            )  # fmt: skip


def recognizers(settings: Settings) -> list[Recognizer]:
    """The labelled case / medical-record-number recognizer."""
    return [LabeledIdRecognizer()]
