"""The status lexicons as data: reading the YAML files, expanding their templates, and
finding their phrases in a text.

Phrases may use ``{slot}`` values from ``slots.yaml`` (languages, countries, demonyms),
``[brackets]`` around the part to report, and a trailing ``{date}`` or ``{words}``.
Expanded, the lexicons hold about 19,000 phrases. One regular expression over all of them
scans fast but takes most of a second to compile, so :class:`PhraseMatcher` splits the
work instead: a small regex over the phrases' *first words* finds where a phrase may
start (as fast as the big one, since few positions qualify), and a character trie, grown
lazily one first word at a time, walks on from there. The walk follows the rules the one
big regex had, so the matches are the same:

* words of a phrase may be joined by any run of spaces, hyphens, colons or underscores,
  or by nothing ("food stamps", "food-stamps", "foodstamps");
* a phrase starts and ends at a word boundary (``+`` or ``-`` then a word character
  counts as a continuation: "LGBTQ+-friendly");
* at each step a longer phrase is preferred; among equals, a word break is tried first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product
from typing import Any

import yaml

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizers._lexicon import phrase_regex
from cityprivacy.errors import ConfigurationError

__all__ = [
    "STATUS_ENTITIES",
    "Entry",
    "PhraseMatcher",
    "label_patterns",
    "load_entries",
    "phrase_key",
    "phrase_matcher",
]

STATUS_ENTITIES = (
    EntityType.IMMIGRATION_STATUS,
    EntityType.PUBLIC_ASSISTANCE,
    EntityType.CRIMINAL_HISTORY,
    EntityType.VICTIM_STATUS,
    EntityType.SEXUAL_ORIENTATION,
    EntityType.GENDER_IDENTITY,
    EntityType.RELIGION,
    EntityType.LANGUAGE,
    EntityType.NATIONALITY,
    EntityType.RACE_ETHNICITY,
    EntityType.MARITAL_STATUS,
    EntityType.EMPLOYMENT_STATUS,
    EntityType.CUSTODY_RELEASE,
)
_SECTIONS = {
    "strong": 0.85,
    "weak": 0.4,
    "strict": 0.25,
    "predicate_only": 0.25,
    "label_only": 0.25,
    "negative": 0.0,
}
_SEP = "\x00"  # a word break inside a trie path; sorts before every character
_END = ""  # trie key marking the end of a phrase
_ENDS = "\x01"  # the end of a one-word phrase in the start finder
# Short first words are mostly common words ("the", "is", "and" begin some phrases), so
# the start finder checks their next word's first characters too: that spares most
# walks from false starts, at little compile cost (checking every word's would double it).
_SHORT_WORD, _HEAD_CHARS = 4, 2
_MAX_GROWN = 50_000  # runs remembered as grown; past that, growing is merely re-checked
_SEPARATORS = re.compile(r"[\s\-:_]+")
_TEMPLATE = re.compile(r"(\{\w+\}|\[|\])")
_Trie = dict[str, "_Trie"]
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon phrase: the type it signals, how sure it is alone, what to report."""

    entity: EntityType
    score: float
    section: str
    focus: tuple[int, int] | None  # in key characters (separators removed)
    acronym: bool
    extend: str  # "", "date" or "words"


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase or a matched span: lower case, separators removed."""
    return _SEPARATORS.sub("", phrase.lower().replace("’", "'"))


def _expand(template: str, slots: dict[str, list[str]]) -> Iterator[tuple[str, str, int, int]]:
    """Each phrase a template stands for, with its key and its focus in key characters
    (or -1, -1). Slot values recur in many templates, so their keys are memoized."""
    parts = [p for p in _TEMPLATE.split(template) if p]
    names = [p[1:-1] for p in parts if p.startswith("{")]
    for values in product(*(slots[n] for n in names)):
        it = iter(values)
        text, key, focus = "", "", [-1, -1]
        for part in parts:
            if part in "[]":
                focus[part == "]"] = len(key)
                continue
            piece = next(it) if part.startswith("{") else part
            text += piece
            key += _piece_key(piece)
        yield text, key, focus[0], focus[1]


@cache
def _piece_key(piece: str) -> str:
    return phrase_key(piece)


def _entries_of(
    path: str, data: Any, slots: dict[str, list[str]]
) -> Iterator[tuple[str, str, Entry]]:
    try:
        entity = EntityType[data["entity"]]
        for section, default in _SECTIONS.items():
            for item in data.get(section) or ():
                raw, score = next(iter(item.items())) if isinstance(item, dict) else (item, default)
                raw = str(raw).strip()
                extend = ""
                for marker in ("{date}", "{words}"):
                    if raw.endswith(marker):
                        raw, extend = raw[: -len(marker)].strip(), marker[1:-1]
                acronym = raw.isupper() and "{" not in raw
                for phrase, key, start, end in _expand(raw, slots):
                    focus = (start, end) if start >= 0 else None
                    entry = Entry(entity, float(score), section, focus, acronym, extend)
                    yield phrase, key, entry
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigurationError(f"malformed status lexicon {path}: {type(exc).__name__}") from None


@cache
def _read_yaml(name: str) -> Any:
    path = resources.files("cityprivacy.detect") / "lexicons" / "status" / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(
            f"cannot read status lexicon {name}: {type(exc).__name__}"
        ) from None


@cache
def load_entries() -> dict[str, tuple[tuple[str, Entry], ...]]:
    """Every phrase of every status lexicon: key → (phrase, entry) pairs. Read once."""
    slots = {k: [str(v) for v in vs] for k, vs in _read_yaml("slots.yaml").items()}
    table: dict[str, dict[EntityType, tuple[str, Entry]]] = {}
    for entity in STATUS_ENTITIES:
        name = f"{entity.value.lower()}.yaml"
        for phrase, key, entry in _entries_of(name, _read_yaml(name), slots):
            same = table.setdefault(key, {})
            # A phrase listed twice for one type (directly and through a template) keeps
            # its surest reading; a negative listing always wins.
            old = same.get(entity)
            surer = old is None or entry.section == "negative" or entry.score > old[1].score
            if surer and (old is None or old[1].section != "negative"):
                same[entity] = (phrase, entry)
    return {k: tuple(v.values()) for k, v in table.items()}


@cache
def label_patterns() -> dict[EntityType, re.Pattern[str]]:
    """Each type's field-label regex, matched against the text before a phrase."""
    labels = {}
    for entity in STATUS_ENTITIES:
        words = _read_yaml(f"{entity.value.lower()}.yaml").get("labels") or []
        # Words of a label may be joined by spaces or underscores ("primary_language=").
        alts = "|".join(
            sorted((re.escape(str(w).lower()).replace(r"\ ", r"[\s_]+") for w in words),
                   key=len, reverse=True)
        )  # fmt: skip
        labels[entity] = re.compile(
            rf"(?:^|[^a-z0-9])(?:{alts})s?\s*[:=\-–]\s*(?:[^\n:;]{{0,40}}[,/&]\s*)?"
            r"(?:(?:an?|the)\s+)?$"
        )
    return labels


class PhraseMatcher:
    """Finds lexicon phrases in lower-cased text, leftmost first, without overlaps."""

    def __init__(self, phrases: list[str]) -> None:
        self._groups: dict[str, list[str]] = {}  # first word → trie paths, until grown
        heads = set()  # what the start finder looks for
        for phrase in phrases:
            path = _SEPARATORS.sub(_SEP, phrase.lower().strip().replace("’", "'"))
            first, _, rest = path.partition(_SEP)
            self._groups.setdefault(first, []).append(path)
            if len(first) > _SHORT_WORD:
                heads.add(first)
            else:
                heads.add(f"{first}{_SEP}{rest[:_HEAD_CHARS]}" if rest else first + _ENDS)
        source = phrase_regex(heads).replace(_SEP, r"[\s\-:_]*").replace(_ENDS, r"(?![\w'’])")
        # Group 1: the run of characters up to the next separator; every first word
        # that can begin there is a prefix of it. The pattern leads with the class of
        # first characters (the lookarounds then run from the match start), so the
        # engine can skip to candidate characters instead of trying every position.
        first = "".join(sorted({re.escape(head[0]) for head in heads}))
        self._starts = re.compile(
            rf"[{first}](?<![\w'’](?s:.))(?<=(?=" + source + r")(?=([^\s\-:_]*))(?s:.))"
        )
        self._grown: set[str] = set()  # runs whose first words are in the trie
        self._first_words: _Trie = {}
        for word in self._groups:
            node = self._first_words
            for ch in word:
                node = node.setdefault(ch, {})
            node[_END] = {}
        self._root: _Trie = {}
        self._chains: dict[int, tuple[str, _Trie]] = {}  # id(node) → see ``_chain``

    def spans(self, haystack: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each phrase in ``haystack`` (already lower case)."""
        text = haystack.replace("’", "'")
        last = 0
        for m in self._starts.finditer(text):
            start = m.start()
            if start < last:
                continue
            run = m.group(1)
            if run not in self._grown:
                self._grow(text, start)
                if len(self._grown) < _MAX_GROWN:
                    self._grown.add(run)
            end = self._walk(self._root, text, start)
            if end > start:
                last = end
                yield start, end

    def _grow(self, text: str, start: int) -> None:
        """Add to the trie every phrase whose first word begins ``text`` at ``start``."""
        node: _Trie | None = self._first_words
        i = start
        while node is not None:
            if _END in node:
                paths = self._groups.pop(text[start:i], ())
                if paths:
                    self._chains.clear()  # new branches may split cached chains
                for path in paths:
                    branch = self._root
                    for ch in path:
                        branch = branch.setdefault(ch, {})
                    branch[_END] = {}
            node = node.get(text[i]) if i < len(text) else None
            i += 1

    def _chain(self, node: _Trie) -> tuple[str, _Trie]:
        """The characters from ``node`` down its only-child path, and the node they reach."""
        label, end = "", node
        while len(end) == 1 and _SEP not in end and _END not in end:
            ((ch, end),) = end.items()
            label += ch
        self._chains[id(node)] = (label, end)
        return label, end

    def _walk(self, node: _Trie, text: str, i: int) -> int:
        """End of the preferred phrase from ``node`` at ``i``, or -1: a word break first,
        then the next character, then the phrase ending here."""
        size = len(text)
        while _SEP not in node and _END not in node:  # no choice to make: just follow
            label, target = self._chains.get(id(node)) or self._chain(node)
            if label:  # a run of single children, compared at C speed
                if not text.startswith(label, i):
                    return -1
                node, i = target, i + len(label)
                continue
            nxt = node.get(text[i]) if i < size else None
            if nxt is None:
                return -1
            node, i = nxt, i + 1
        after = node.get(_SEP)
        if after is not None:
            run = i
            while run < size and (text[run] in "-:_" or text[run].isspace()):
                run += 1
            for j in range(run, i - 1, -1):  # the greedy separator run backs off
                end = self._walk(after, text, j)
                if end >= 0:
                    return end
        nxt = node.get(text[i]) if i < size else None
        if nxt is not None:
            end = self._walk(nxt, text, i + 1)
            if end >= 0:
                return end
        if _END in node and _boundary(text, i):
            return i
        return -1


def _boundary(text: str, i: int) -> bool:
    """Whether a phrase may end at ``i``: ``(?![\\w'’]|[-+]\\w)`` without a regex call
    (``\\w`` is exactly ``str.isalnum()`` or ``_``)."""
    if i >= len(text):
        return True
    ch = text[i]
    if ch.isalnum() or ch in "_'’":
        return False
    if ch in "-+" and i + 1 < len(text):
        nxt = text[i + 1]
        return not (nxt.isalnum() or nxt == "_")
    return True


@cache
def phrase_matcher() -> PhraseMatcher:
    """The matcher over every phrase of every status lexicon, built once per process."""
    return PhraseMatcher([phrase for pairs in load_entries().values() for phrase, _ in pairs])
