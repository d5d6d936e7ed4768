"""Dates, times, dates of birth and ages.

One scan finds every date and time; a date preceded by a birth cue (``DOB``, ``born``)
is reported twice, as ``DATE_TIME`` and, scored higher, as ``DATE_OF_BIRTH``, so the
overlap rule keeps the birth date while a caller asking only for ``DATE_TIME`` still
gets it. Calendar checks go through :class:`datetime.date`: ``02/30/1990`` is no date.
A date next to a time ("March 3 at 10am") is one span.

Ages are numbers tied to "age", "years old", "turned", a name ("Ana Ruiz (41)") or a
person's "is" ("her son is 9."); "34 years of service" is not an age, and neither is
"a 100-year-old building" or "turned 90 degrees".
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.finding import Explanation, Finding

if TYPE_CHECKING:
    from cityprivacy.config import Settings
    from cityprivacy.detect.recognizer import Recognizer
    from cityprivacy.detect.text import Text

__all__ = ["DATE_RE", "AgeRecognizer", "DateTimeRecognizer", "recognizers", "valid_date"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month and weekday names must start with a capital: "may 5" and "march 3 miles" are verbs.
# In lower case a month counts only inside a full date, day and year ("aug 13, 2022").
_ANY_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_MONTH = r"(?=[A-Z])" + _ANY_MONTH
_ORD = r"(?i:st|nd|rd|th)?"
_MONTH_DAY_YEAR = rf"(?:{_MONTH}|{_ANY_MONTH}(?=\s*\d{{1,2}}{_ORD},?\s*\d{{4}}(?!\d)))"
_DAY_MONTH_YEAR = rf"(?:{_MONTH}|{_ANY_MONTH}(?=,?\s*\d{{4}}(?!\d)))"
# Named days are dates too: "Black Friday", "Good Friday", "Cyber Monday".
_WEEKDAY = (
    r"(?=[A-Z])(?:(?i:black|cyber|good|ash|easter|palm|holy|super)\s+(?=[A-Z]))?"
    r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_WEEKDAY_PREFIX = (
    r"(?:(?=[A-Z])(?i:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?)"
    r"\.?,?\s+)?"
)
# Every date starts with a digit, a capital, or the lower-case start of a month or of
# "next", "last", "this", "coming" ("ſ" matches "s" under IGNORECASE): the lookahead
# turns away other word starts before the alternatives are tried.
_DATE_FIRST = "(?=[\\dA-Zacdfjlmnost\u017f])"
DATE_RE = re.compile(
    r"(?<![\w/.-])" + _DATE_FIRST + _WEEKDAY_PREFIX + r"(?:"
    r"(?P<n1>\d{1,2})(?P<sep>[/.-])(?P<n2>\d{1,2})(?P=sep)(?P<ny>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})(?P<isep>[/.-])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})"
    rf"|(?P<m1>{_MONTH_DAY_YEAR})\s*(?P<d1>\d{{1,2}}){_ORD}(?!\d)(?:,?\s*(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{_DAY_MONTH_YEAR})(?:,?\s*(?P<y2>\d{{4}}))?"
    rf"|(?P<m3>{_MONTH})\s+(?:of\s+)?(?P<y3>\d{{4}})"
    rf"|(?P<rel>(?i:next|last|this|coming)\s+)?(?P<wd>{_WEEKDAY})"
    r")(?![\w/-]|\.\d)"
)
"""A calendar date in any of the formats case notes use (validate with :func:`valid_date`)."""

_TIME_RE = re.compile(
    r"(?P<h>\d(?<![\w:.]\d)\d?)(?::(?P<mi>\d{2})(?::\d{2})?)?"
    r"(?:\s*(?P<ap>(?i:[ap]\.m\.|[ap]\.?\s?m))(?![a-z])|(?(mi)|(?!)))(?![\w:])"
)
_JOIN_RE = re.compile(r"\s*(?:,|at|@|-|T|on|from)?\s*", re.IGNORECASE)
_BIRTH_CUE = re.compile(
    r"\bdob\b|\bd\.\s?o\.\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bborn\b"
    r"|\bbirthday\b|(?<![a-z.])b\."
)
_NOT_BIRTH = re.compile(
    r"\b(?:invoice|order|filed|filing|visit|appointment|appt|admitted|admission|due|issued"
    r"|signed|received|dated|hearing|incident|service|discharged|expires|expiration|exp)\b"
)
_BORN_YEAR_RE = re.compile(r"\bborn\s+(?:in\s+)?(?P<year>(?:18|19|20)\d{2})(?![\w/-])", re.I)


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 30 else 1900
    return y


def _ok(year: int, month: int, day: int) -> bool:
    if not 1850 <= year <= 2150:
        return False
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def valid_date(match: re.Match[str]) -> bool:
    """Whether a :data:`DATE_RE` match is a real calendar date (Feb 30 is not)."""
    g = match.group
    if g("n1"):
        if g("sep") == "." and len(g("ny")) == 2:
            return False  # "1.2.10" is a version number
        a, b, y = int(g("n1")), int(g("n2")), _year(g("ny"))
        return _ok(y, a, b) or _ok(y, b, a)
    if g("iy"):
        return _ok(int(g("iy")), int(g("im")), int(g("id")))
    for mon, day, year in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
        if g(mon):
            month = _MONTHS[g(mon)[:3].lower()]
            return _ok(int(g(year)) if g(year) else 2000, month, int(g(day)))
    if g("m3"):
        return 1850 <= int(g("y3")) <= 2150
    return True  # a weekday


def _valid_time(match: re.Match[str]) -> bool:
    hour, minute = int(match["h"]), int(match["mi"] or 0)
    if minute > 59:
        return False
    return 1 <= hour <= 12 if match["ap"] else hour <= 23


def _date_score(match: re.Match[str]) -> float:
    if match["wd"]:
        return 0.55 if match["rel"] else 0.5
    if match["m3"] or (match["m1"] and not match["y1"]) or (match["m2"] and not match["y2"]):
        return 0.55
    return 0.65


class DateTimeRecognizer:
    """Dates and times (``DATE_TIME``), and dates with a birth cue (``DATE_OF_BIRTH``)."""

    name = "date_time"
    entities = frozenset({EntityType.DATE_TIME, EntityType.DATE_OF_BIRTH})

    def analyze(self, text: Text) -> Iterator[Finding]:
        s = text.text
        dates = [
            (m.start(), m.end(), _date_score(m), "weekday" if m["wd"] else "date")
            for m in DATE_RE.finditer(s)
            if valid_date(m)
        ]
        times = [(m.start(), m.end(), 0.55, "time") for m in _TIME_RE.finditer(s) if _valid_time(m)]
        spans = sorted(dates + times)
        merged: list[tuple[int, int, float, str]] = []
        for span in spans:
            if merged and span[0] < merged[-1][1]:
                continue  # a time inside a date ("14.03" of "14.03.2020")
            if merged and {span[3], merged[-1][3]} in ({"date", "time"}, {"weekday", "time"}):
                gap = _JOIN_RE.fullmatch(s, merged[-1][1], span[0])
                if gap is not None:
                    prev = merged.pop()
                    kinds = "+".join(sorted((prev[3], span[3])))
                    span = (prev[0], span[1], max(prev[2], span[2]) + 0.05, kinds)
            merged.append(span)
        born_years = [m for m in _BORN_YEAR_RE.finditer(s)]
        last_end = 0
        for start, end, score, kind in merged:
            for born in born_years:
                if born.end() <= start:
                    last_end = max(last_end, born.end())
            explanation = Explanation(pattern=kind, base_score=score)
            yield Finding(
                EntityType.DATE_TIME, start, end, score, self.name, explanation=explanation
            )
            if "date" in kind and self._has_birth_cue(text, start, last_end):
                yield Finding(
                    EntityType.DATE_OF_BIRTH,
                    start,
                    end,
                    0.9,
                    self.name,
                    explanation=Explanation(kind, score, notes=("birth cue before the date",)),
                )
            last_end = end
        for m in born_years:
            start, end = m.span("year")
            if not any(a <= start < b for a, b, _, _ in merged):
                yield Finding(
                    EntityType.DATE_OF_BIRTH,
                    start,
                    end,
                    0.75,
                    self.name,
                    explanation=Explanation("born_year", 0.75, notes=("year after 'born'",)),
                )

    @staticmethod
    def _has_birth_cue(text: Text, start: int, previous_end: int) -> bool:
        """A birth cue before the date, with no other date or non-birth cue in between."""
        before = text.before(start)
        cues = list(_BIRTH_CUE.finditer(before))
        if not cues:
            return False
        cue = cues[-1]
        if start - len(before) + cue.start() < previous_end:
            return False
        return _NOT_BIRTH.search(before, cue.end()) is None


_WORD_NUMBER = r"\d{1,3}"
# "Age: 27 years old", "AGE 93 y/o": the unit after a labelled age is part of it.
_AGE_UNIT = r"(?:(?:\s*|-)(?:years?|yrs?)(?:\s*|-)old\b|\s*(?:yo|y/o|y\.o\.)(?![\w/]))"
# Every form starts with a digit, "age", "turn..." or "at": the lookahead lets the scan
# skip every other position quickly (it halves the scan).
_AGE_RE = re.compile(
    r"(?=[\daAtT])(?:"
    rf"(?P<num>{_WORD_NUMBER})(?:\s*|-)(?:years?|yrs?)(?:\s*|-)old\b(?P<tail>[\s-]+[a-z]+)?"
    rf"|(?P<num2>{_WORD_NUMBER})\s+(?:years?|yrs?)\s+of\s+age\b"
    rf"|(?P<num3>{_WORD_NUMBER})\s*(?:yo|y/o|y\.o\.)(?![\w/])"
    rf"|\b(?:age|aged)\b(?:\s+of)?\s*[:#=]?\s*(?P<num4>{_WORD_NUMBER})(?P<unit4>{_AGE_UNIT})?"
    r"(?![\d%]|[.,:/]\d|\s*(?:%|percent))"
    rf"|(?P<num5>{_WORD_NUMBER})(?:\s*|-)(?:months?|mos?|weeks?|days?)(?:\s*|-)old\b"
    rf"|\b(?:turned|turns|turning|turn)\s+(?P<num6>{_WORD_NUMBER})(?![\d%]|[.,:/]\d)"
    rf"(?!\s*(?:%|percent|degrees?|°|points?|times|pages?|dollars|miles|pounds|lbs|kg|cents"
    rf"|[ap]\.?m\b|o'clock|into\b|to\b))"
    rf"|\bat\s+(?P<num7>{_WORD_NUMBER})\s+(?:years?|yrs?)\b"
    rf"(?!\s+(?:of\s+(?:service|experience|marriage|work|employment)|ago|later|earlier|apart))"
    r")",
    re.IGNORECASE,
)
# "Dana Kim (77) lives in ...": a number in brackets right after a name. Not after a
# label word ("Section (12)") and not a list marker.
# The lookbehind follows the name's capital, so the engine can skip ahead to capitals.
_NAME_AGE_RE = re.compile(
    r"(?P<name>[A-Z](?<![\w.][A-Z])[\w'’.-]+)[ \t]*\((?P<num>\d{1,3})\)(?![\w(])"
)
_NOT_NAME = frozenset(
    "section article item part chapter page note step figure table rule paragraph clause"  # noqa: SIM905 - a word list reads better as words
    " schedule exhibit appendix line form unit room no number question level grade version total"
    " model type phase option case box floor suite apt code id ref year years total".split()
)
# "She is 34.", "Her son Ali is 9 and ...": a bare number after "is", at the end of a
# clause, when the subject is a person (a pronoun, a person noun or a capitalized name).
# The scan starts at the verb, which is rarer than any subject.
_IS_NUMBER_RE = re.compile(
    r"(?:\b(?:is|was|am|are)|['’][ms])[ \t]+(?:(?:now|just|only|about|almost|nearly)[ \t]+)?"
    r"(?P<num>\d{1,3})(?=[ \t]*(?:[.;!?,)]|\Z|[ \t](?:and|but|now|today|this|next|last)\b))",
    re.IGNORECASE,
)
_PERSON_SUBJECT_RE = re.compile(
    r"\b(?:i|he|she|who|they|son|daughter|child|kid|baby|boy|girl|brother|sister|mother"
    r"|father|grandson|granddaughter|member|client|patient|resident|tenant|applicant|wife"
    r"|husband)[ \t]*\Z",
    re.IGNORECASE,
)
_NAME_SUBJECT_RE = re.compile(r"(?<![\w.])(?P<name>[A-Z][\w'’-]+)[ \t]+\Z")
_NOT_PERSON_AFTER = frozenset(
    "building house home tree law tradition company church business car bridge record case"  # noqa: SIM905 - a word list reads better as words
    " program firm restaurant store shop school institution organization".split()
)


class AgeRecognizer:
    """A person's age: "34 years old", "34-year-old", "34 yo", "age 34", "Age: 34"."""

    name = "age"
    entities = frozenset({EntityType.AGE})

    def analyze(self, text: Text) -> Iterator[Finding]:
        yield from self._bare_numbers(text)
        for m in _AGE_RE.finditer(text.text):
            group = next(
                g
                for g in ("num", "num2", "num3", "num4", "num5", "num6", "num7")
                if m[g] is not None
            )
            if int(m[group]) > 120:
                continue
            if m["tail"] and m["tail"].strip(" -").lower() in _NOT_PERSON_AFTER:
                continue
            if group in ("num4", "num6", "num7"):
                start, end, score = m.start(group), m.end(group), 0.8 if group == "num4" else 0.7
                if m["unit4"]:
                    end = m.end("unit4")
            else:
                start = m.start(group)
                end = m.start("tail") if m["tail"] else m.end()
                score = 0.75 if group == "num3" else 0.85
            yield Finding(
                EntityType.AGE,
                start,
                end,
                score,
                self.name,
                explanation=Explanation(pattern=f"age_{group}", base_score=score),
            )

    def _bare_numbers(self, text: Text) -> Iterator[Finding]:
        """Ages written as a bare number: after a name in brackets, or after "she is"."""
        for m in _NAME_AGE_RE.finditer(text.text) if "(" in text.text else ():
            if m["name"].lower().rstrip(".") in _NOT_NAME or not 0 < int(m["num"]) <= 120:
                continue
            yield self._bare(m, 0.6, "age_after_name")
        s = text.text
        for m in _IS_NUMBER_RE.finditer(s):
            if not 0 < int(m["num"]) <= 120:
                continue
            lead = max(0, m.start() - 30)
            name = _NAME_SUBJECT_RE.search(s, lead, m.start())
            person = _PERSON_SUBJECT_RE.search(s, lead, m.start())
            if person or (name and name["name"].lower() not in _NOT_NAME):
                yield self._bare(m, 0.55, "age_after_is")

    def _bare(self, m: re.Match[str], score: float, pattern: str) -> Finding:
        explanation = Explanation(pattern=pattern, base_score=score)
        return Finding(
            EntityType.AGE, m.start("num"), m.end("num"), score, self.name, explanation=explanation
        )


def recognizers(settings: Settings) -> list[Recognizer]:
    """The date, date-of-birth and age recognizers."""
    return [DateTimeRecognizer(), AgeRecognizer()]
