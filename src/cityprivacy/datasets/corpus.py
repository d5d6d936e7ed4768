"""A labeled synthetic corpus of city case notes, emails, forms, chats and record lines.

Each text is built by concatenating template pieces, so the offsets of every inserted
value are known by construction: there is no annotation step that could drift. Hard
negatives (SSN-shaped order numbers, Luhn-failing card numbers, version strings shaped
like IP addresses) are recorded too, so a benchmark can say which look-alikes a
detector flagged.

The corpus is deterministic: text ``i`` of seed ``s`` depends only on ``(s, i)``, so the
first 500 texts of a 2,000-text corpus are the 500-text corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from random import Random
from typing import Any

from cityprivacy.datasets._lexicon import DEFAULT_LEXICON, Lexicon
from cityprivacy.datasets._slots import SLOTS
from cityprivacy.datasets._templates import (
    EMAIL_GREETINGS,
    EMAIL_SIGNATURES,
    FORM_FIELDS,
    TEMPLATES,
)
from cityprivacy.detect.entities import EntityType

__all__ = ["STYLES", "LabeledSpan", "LabeledText", "compose", "generate_corpus", "iter_corpus"]

STYLES = ("note", "email", "form", "chat", "record")
_STYLE_WEIGHTS = (0.34, 0.16, 0.18, 0.16, 0.16)
_SENTENCES = {"note": (3, 6), "email": (1, 3), "chat": (1, 3), "record": (1, 4)}
_SLOT = re.compile(r"\{(\w+)\}")
_NEUTRAL = re.compile(r"<([^<>]+)>")
_FORM_LAYOUTS = ("{label}: {value}", "{label}: {value}", "{upper}: {value}", "{label} - {value}",
                 "{lower}={value}", "{label}:\t{value}")  # fmt: skip


@dataclass(frozen=True, slots=True)
class LabeledSpan:
    """A gold span: ``entity_type`` for identifying text, or ``kind`` for a hard negative."""

    start: int
    end: int
    entity_type: EntityType | None
    kind: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.entity_type is not None:
            out["entity_type"] = str(self.entity_type)
        else:
            out["negative"] = self.kind
        return out


@dataclass(frozen=True, slots=True)
class LabeledText:
    """One synthetic text with its gold spans and the hard negatives it contains.

    ``ignored`` spans are neutral named things (city agencies, platforms): reporting them
    is neither right nor wrong, so scorers drop predictions that fall on them.
    """

    id: str
    style: str
    text: str
    spans: tuple[LabeledSpan, ...]
    negatives: tuple[LabeledSpan, ...] = field(default=())
    ignored: tuple[LabeledSpan, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "style": self.style,
            "text": self.text,
            "spans": [s.to_dict() for s in self.spans],
            "negatives": [s.to_dict() for s in self.negatives],
            "ignored": [[s.start, s.end] for s in self.ignored],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LabeledText:
        spans = tuple(
            LabeledSpan(s["start"], s["end"], EntityType[s["entity_type"]]) for s in data["spans"]
        )
        negatives = tuple(
            LabeledSpan(s["start"], s["end"], None, s["negative"]) for s in data["negatives"]
        )
        ignored = tuple(LabeledSpan(a, b, None, "neutral") for a, b in data.get("ignored", ()))
        return cls(data["id"], data["style"], data["text"], spans, negatives, ignored)


class _Builder:
    """Concatenates pieces and remembers where each labeled one landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[LabeledSpan] = []
        self.negatives: list[LabeledSpan] = []
        self.ignored: list[LabeledSpan] = []

    def add(self, text: str, entity: EntityType | None = None, negative: str = "") -> None:
        if entity is None and not negative and "<" in text:
            for i, part in enumerate(_NEUTRAL.split(text)):
                if part:
                    self._append(part, None, "neutral" if i % 2 else "")
            return
        self._append(text, entity, negative)

    def _append(self, text: str, entity: EntityType | None, negative: str) -> None:
        if negative == "neutral":
            self.ignored.append(LabeledSpan(self.length, self.length + len(text), None, negative))
        elif entity is not None:
            self.spans.append(LabeledSpan(self.length, self.length + len(text), entity))
        elif negative:
            self.negatives.append(LabeledSpan(self.length, self.length + len(text), None, negative))
        self.parts.append(text)
        self.length += len(text)

    def fill(self, template: str, r: Random, lexicon: Lexicon) -> None:
        pieces = _SLOT.split(template)
        for i, piece in enumerate(pieces):
            if i % 2 == 0:
                if piece:
                    self.add(piece)
                continue
            negative = piece.lower() if piece.startswith("NEG_") else ""
            for text, entity in SLOTS[piece](r, lexicon):
                self.add(text, entity, negative if entity is None and negative else "")

    def build(self, id_: str, style: str, case: str) -> LabeledText:
        text = "".join(self.parts)
        changed = {"upper": text.upper(), "lower": text.lower()}.get(case, text)
        if len(changed) == len(text):  # upper("ß") is "SS": keep offsets exact or keep case
            text = changed
        return LabeledText(
            id_, style, text, tuple(self.spans), tuple(self.negatives), tuple(self.ignored)
        )


def _form(b: _Builder, r: Random, lexicon: Lexicon) -> None:
    layout = r.choice(_FORM_LAYOUTS)
    fields = r.sample(FORM_FIELDS, r.randint(4, 9))
    if r.random() < 0.5:
        b.add(r.choice(["INTAKE FORM\n", "Client Intake - <HRA>\n", "<DHS> Shelter Intake\n",
                        "<NYCHA> Transfer Request\n", "<ACS> Family Assessment\n"]))  # fmt: skip
    for label, slot in fields:
        head, tail = layout.split("{value}")
        b.add(head.format(label=label, upper=label.upper(), lower=label.lower().replace(" ", "_")))
        b.fill("{" + slot + "}", r, lexicon)
        b.add(tail + "\n")


def compose(
    r: Random,
    style: str,
    *,
    lexicon: Lexicon = DEFAULT_LEXICON,
    sentences: tuple[int, int] | None = None,
    id_: str = "",
) -> LabeledText:
    """One labeled text of ``style`` drawn with ``r`` (``sentences``: min and max templates)."""
    b = _Builder()
    case = ""
    if style == "form":
        _form(b, r, lexicon)
    else:
        templates = TEMPLATES[style]
        count = sentences or _SENTENCES[style]
        joiner = {"note": " ", "email": "\n", "chat": "\n", "record": "\n"}[style]
        chosen = r.sample(templates, r.randint(*count))
        if style == "email":
            if r.random() < 0.7:
                chosen.insert(0, r.choice(EMAIL_GREETINGS))
            if r.random() < 0.7:
                chosen.append(r.choice(EMAIL_SIGNATURES))
        for k, template in enumerate(chosen):
            if k:
                b.add(joiner)
            b.fill(template, r, lexicon)
        if style == "chat" and r.random() < 0.5:
            case = "lower"
        elif style in ("note", "record") and r.random() < 0.12:
            case = "upper"
    return b.build(id_, style, case)


def _one_text(seed: int, index: int, lexicon: Lexicon) -> LabeledText:
    r = Random(f"cityprivacy-corpus:{seed}:{index}")
    style = r.choices(STYLES, _STYLE_WEIGHTS)[0]
    return compose(r, style, lexicon=lexicon, id_=f"{seed}-{index:06d}")


def iter_corpus(
    n: int, seed: int = 0, *, lexicon: Lexicon = DEFAULT_LEXICON, start: int = 0
) -> Iterator[LabeledText]:
    """Texts ``start .. start+n-1`` of the corpus for ``seed``, one at a time."""
    for i in range(start, start + n):
        yield _one_text(seed, i, lexicon)


def generate_corpus(
    n: int, seed: int = 0, *, lexicon: Lexicon = DEFAULT_LEXICON
) -> list[LabeledText]:
    """``n`` labeled texts; the same ``(n, seed, lexicon)`` always gives the same corpus."""
    return list(iter_corpus(n, seed, lexicon=lexicon))
