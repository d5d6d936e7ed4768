"""Columns recognized by a lexicon: person names, sex codes, and the status code sets
(race, language, nationality, religion, marital and employment status...).

The lexicons are the detector's own: the Census name lists behind the PERSON recognizer
and the status lexicons behind the status recognizers, so a value the text recognizers
know after a label ("Primary language: Wolof") is the value a column recognizer knows
without one.
"""

from __future__ import annotations

import re
from functools import cache

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizers._names_lexicon import NameLexicon, name_key, name_lexicon
from cityprivacy.detect.recognizers._status_lexicon import load_entries, phrase_key
from cityprivacy.detect.tables.column_values import (
    ColumnEvidence,
    ColumnSample,
    graded_confidence,
)

__all__ = ["CodeSetColumn", "PersonNameColumn", "SexColumn"]

_NAME_VALUE = re.compile(r"[^\W\d_][\w'’.\- ,]*", re.UNICODE)
_NAME_SPLIT = re.compile(r"[\s,]+")
_COMMON_SURNAME = 20_000
"""Surnames past this Census rank are often ordinary words or places (Jamaica, Rent)."""


def _tokens(value: str) -> list[str] | None:
    """The name tokens of a value (initials dropped), or None when it cannot be a name."""
    if not _NAME_VALUE.fullmatch(value) or value.count(",") > 1:
        return None
    tokens = [t for t in _NAME_SPLIT.split(value) if t]
    words = [t for t in tokens if len(t.rstrip(".")) > 1]
    if not words or len(words) > 4 or any(t.endswith(".") and len(t) > 2 for t in words):
        return None
    return words


def _first(lex: NameLexicon, key: str) -> bool:
    return key not in lex.stop and lex.first_rank(key) > 0


def _surname(lex: NameLexicon, key: str, *, common: bool) -> bool:
    rank = lex.surname_rank(key)
    return key not in lex.stop and rank > 0 and (not common or rank <= _COMMON_SURNAME)


class PersonNameColumn:
    """Given names, surnames or whole names ("First Last", "Last, First M.").

    A value fits when every word is in the Census lists (not in their stoplist of
    capitalized words); a whole name needs a given name and a surname. Needs
    :data:`_MIN_SHARE` of the values to fit and varied values: five boroughs repeated
    are not a name column even if one of them is a surname.
    """

    name = "person_name_column"
    entities = frozenset({EntityType.PERSON})
    _MIN_SHARE = 0.7
    _MIN_DISTINCT = 8

    def evidence(self, sample: ColumnSample) -> list[ColumnEvidence]:
        if sample.distinct < max(self._MIN_DISTINCT, sample.size // 50):
            return []
        lex = name_lexicon()
        single, whole = set(), set()
        for value in sample.counts:
            words = _tokens(value)
            if words is None:
                continue
            keys = [name_key(w) for w in words]
            if len(keys) == 1:
                if _first(lex, keys[0]) or _surname(lex, keys[0], common=True):
                    single.add(value)
            elif all(_first(lex, k) or _surname(lex, k, common=False) for k in keys) and (
                any(_first(lex, k) for k in keys)
                and any(_surname(lex, k, common=False) for k in keys)
            ):
                whole.add(value)
        matched = sample.count(single) + sample.count(whole)
        share = matched / sample.size
        if share < self._MIN_SHARE:
            return []
        base = 0.8 if sample.count(whole) >= sample.count(single) else 0.7
        basis = (
            f"{share:.0%} of {sample.size} values are given names, surnames or whole names "
            f"in the Census lists ({sample.distinct} distinct)"
        )
        conf = graded_confidence(base, share, self._MIN_SHARE, sample.size)
        return [ColumnEvidence(EntityType.PERSON, matched, sample.size, conf, basis)]


_SEX_CORE = {
    "m": "m", "male": "m", "man": "m", "boy": "m",
    "f": "f", "female": "f", "woman": "f", "girl": "f",
}  # fmt: skip
_SEX_OTHER = frozenset(
    {
        "x", "u", "o", "nb", "other", "unknown", "declined", "refused", "intersex",
        "nonbinary", "non-binary", "non binary", "transgender", "trans", "genderqueer",
        "transgender male", "transgender female", "trans man", "trans woman",
        "prefer not to say", "not specified", "not stated", "unspecified",
    }
)  # fmt: skip


class SexColumn:
    """Sex or gender codes: ``M``/``F``/``X``, ``Male``/``Female``/``Non-binary``...

    Nearly every value must be a code, and both sexes must appear, so that sizes
    (``S``/``M``/``L``), grades (``A``–``F``) and flags (``Y``/``N``) stay out. Letter
    codes prove less than words.
    """

    name = "sex_column"
    entities = frozenset({EntityType.GENDER_IDENTITY})
    _MIN_SHARE = 0.95

    def evidence(self, sample: ColumnSample) -> list[ColumnEvidence]:
        fits, sexes, words = set(), set(), 0
        for value in sample.counts:
            key = value.lower().rstrip(".")
            if key in _SEX_CORE:
                sexes.add(_SEX_CORE[key])
            elif key not in _SEX_OTHER:
                continue
            fits.add(value)
            if len(key) > 2:
                words += sample.counts[value]
        matched = sample.count(fits)
        share = matched / sample.size
        if share < self._MIN_SHARE or sexes != {"m", "f"}:
            return []
        base = 0.8 if words * 2 >= matched else 0.7
        basis = f"{share:.0%} of {sample.size} values are sex or gender codes"
        conf = graded_confidence(base, share, self._MIN_SHARE, sample.size)
        return [ColumnEvidence(EntityType.GENDER_IDENTITY, matched, sample.size, conf, basis)]


_CODE_SET_TYPES = (
    EntityType.RACE_ETHNICITY,
    EntityType.LANGUAGE,
    EntityType.NATIONALITY,
    EntityType.RELIGION,
    EntityType.MARITAL_STATUS,
    EntityType.EMPLOYMENT_STATUS,
    EntityType.IMMIGRATION_STATUS,
    EntityType.SEXUAL_ORIENTATION,
    EntityType.PUBLIC_ASSISTANCE,
)
_FILLERS = frozenset(
    phrase_key(s)
    for s in (
        "unknown", "other", "declined", "decline to state", "declined to answer", "refused",
        "prefer not to say", "prefer not to answer", "not reported", "not stated", "n/a",
        "na", "none", "missing", "no answer", "multiple", "two or more races",
        "some other race", "not specified", "unspecified", "-",
    )
)  # fmt: skip
"""Answers any code set has: neither for nor against a type."""
_COLOURS = frozenset({"black", "white", "brown"})
"""Race words that are also colours: a column of only these may be paint or car colours."""
_PARTS = re.compile(r"\s*(?:/|,|;|&|\bor\b|\band\b)\s*", re.IGNORECASE)


@cache
def _code_types() -> dict[str, frozenset[EntityType]]:
    """Lexicon key → the code-set types it names (negative listings excluded)."""
    table: dict[str, frozenset[EntityType]] = {}
    for key, pairs in load_entries().items():
        types = {
            e.entity
            for _, e in pairs
            if e.entity in _CODE_SET_TYPES and e.section != "negative" and not e.extend
        }
        negative = {e.entity for _, e in pairs if e.section == "negative"}
        if types - negative:
            table[key] = frozenset(types - negative)
    return table


def _value_types(value: str) -> frozenset[EntityType] | None:
    """The types every part of ``value`` names; None for a filler answer."""
    key = phrase_key(value)
    if key in _FILLERS:
        return None
    table = _code_types()
    whole = table.get(key)
    if whole is not None:
        return whole
    parts = [phrase_key(p) for p in _PARTS.split(value) if p.strip()]
    if len(parts) < 2:
        return frozenset()
    common: set[EntityType] | None = None
    for part in parts:
        if part in _FILLERS:
            continue
        found = table.get(part, frozenset())
        common = set(found) if common is None else common & found
    return frozenset(common or ())


class CodeSetColumn:
    """Columns whose values are the words of one status lexicon: race, language,
    nationality, religion, marital, employment or immigration status, sexual
    orientation, public assistance programs.

    Fillers (``Unknown``, ``Declined``, ``Other``) count neither way. The best type
    needs :data:`_MIN_SHARE` of the other values and two distinct answers; when its
    words also name another type (``Polish``, ``Spanish``: a language and a
    nationality) the confidence drops with the share they share.
    """

    name = "code_set_column"
    entities = frozenset(_CODE_SET_TYPES)
    _MIN_SHARE = 0.8
    _MIN_INFORMATIVE = 6

    def evidence(self, sample: ColumnSample) -> list[ColumnEvidence]:
        informative = 0
        per_type: dict[EntityType, set[str]] = {}
        for value, n in sample.counts.items():
            types = _value_types(value)
            if types is None:
                continue
            informative += n
            for t in types:
                per_type.setdefault(t, set()).add(value)
        if informative < self._MIN_INFORMATIVE or not per_type:
            return []
        # ties go to the earlier type: a column of "English", "Polish" holds languages
        best = max(per_type, key=lambda t: (sample.count(per_type[t]), -_CODE_SET_TYPES.index(t)))
        fits = per_type[best]
        matched = sample.count(fits)
        share = matched / informative
        keys = {phrase_key(v) for v in fits}
        if share < self._MIN_SHARE or len(keys) < 2:
            return []
        if best is EntityType.RACE_ETHNICITY and keys <= _COLOURS:
            return []
        exclusive = sum(
            n
            for v, n in sample.counts.items()
            if v in fits and _value_types(v) == frozenset({best})
        )
        conf = graded_confidence(0.8, share, self._MIN_SHARE, informative)
        conf = round(conf * (0.85 + 0.15 * exclusive / matched), 4)
        basis = (
            f"{share:.0%} of {informative} answered values are {best.value} terms of the "
            f"status lexicons ({len(keys)} distinct)"
        )
        return [ColumnEvidence(best, matched, sample.size, conf, basis)]
