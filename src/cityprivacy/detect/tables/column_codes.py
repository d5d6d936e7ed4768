"""Columns of codes recognized by their shape across the column: ZIP codes, agency
identifiers with a fixed format (Medicaid CIN, NY plates, tax lots) and record numbers.

One ``HR71212H`` is weak evidence of a Medicaid CIN (course codes have the shape too);
two hundred values of exactly that shape in one column are the context a CIN recognizer
asks for, in the column instead of a label. Five-digit numbers are the hard case: counts
and amounts have that shape, so a ZIP column needs its values in prefixes the USPS has
assigned, New York City's above all, and not the tell-tales of numbers (a contiguous run
of ids, round amounts).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.recognizers._lexicon import read_lexicon
from cityprivacy.detect.tables.column_values import (
    ColumnEvidence,
    ColumnSample,
    graded_confidence,
)

__all__ = ["NYC_ZIP3", "RecordNumberColumn", "ShapeColumn", "ZipCodeColumn", "us_zip3"]

NYC_ZIP3 = frozenset({"100", "101", "102", "103", "104", "111", "112", "113", "114", "116"})
"""ZIP prefixes of the city's post offices (the same USPS matrix; 110 is left out: it
mostly serves Nassau County)."""
_ZIP = re.compile(r"(\d{5})(-\d{4})?")


@cache
def us_zip3() -> frozenset[str]:
    """The 3-digit ZIP prefixes the USPS has assigned (``lexicons/places/zip3_us.csv``)."""
    rows = read_lexicon("places/zip3_us.csv")
    return frozenset(r.split(",", 1)[0] for r in rows[1:])


class ZipCodeColumn:
    """Five-digit or ZIP+4 codes in assigned prefixes.

    Confidence: ZIP+4 values or New York City prefixes (a random five-digit number lands
    there about once in a hundred) 0.75–0.8; other US prefixes only 0.55, and only when
    the values also look like ZIPs rather than quantities (the last two digits of a ZIP
    are mostly low: post offices are numbered up from 01).
    """

    name = "zip_code_column"
    entities = frozenset({EntityType.ZIP_CODE})
    _MIN_SHARE = 0.9

    def evidence(self, sample: ColumnSample) -> list[ColumnEvidence]:
        shaped = {v: m for v in sample.counts if (m := _ZIP.fullmatch(v))}
        fits = {v for v, m in shaped.items() if m[1][:3] in us_zip3()}
        matched = sample.count(fits)
        share = matched / sample.size
        if share < self._MIN_SHARE or len(fits) < 2:
            return []
        fives = sorted({int(shaped[v][1]) for v in fits})
        if len(fives) >= 20 and fives[-1] - fives[0] < 2 * len(fives):
            return []  # a contiguous run: sequence numbers
        round_ = sample.count({v for v in fits if shaped[v][1].endswith("00")})
        if round_ > 0.2 * matched:
            return []  # amounts
        nyc = sample.count({v for v in fits if shaped[v][1][:3] in NYC_ZIP3}) / matched
        plus4 = sample.count({v for v in fits if shaped[v][2]}) / matched
        low = sample.count({v for v in fits if int(shaped[v][1][3:]) < 60}) / matched
        if plus4 >= 0.5:
            base, where = 0.8, "ZIP+4 codes"
        elif nyc >= 0.8:
            base, where = 0.75, "ZIP codes of New York City post offices"
        elif low >= 0.75:
            base, where = 0.55, "ZIP codes in assigned US prefixes"
        else:
            return []
        basis = f"{share:.0%} of {sample.size} values are {where} ({len(fits)} distinct)"
        conf = graded_confidence(base, share, self._MIN_SHARE, sample.size)
        return [ColumnEvidence(EntityType.ZIP_CODE, matched, sample.size, conf, basis)]


@dataclass(frozen=True, slots=True)
class ShapeColumn:
    """An identifier with a fixed published format, held by most values of the column.

    ``check`` refines the shape (a tax lot's borough digit and non-zero block); varied
    values are required, since a code repeated on every row is a category, not an id.
    """

    name: str
    entity: EntityType
    shape: re.Pattern[str]
    base: float
    check: str = ""
    min_share: float = 0.8

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({self.entity})

    @classmethod
    def builtin(cls) -> list[ShapeColumn]:
        return [
            cls("medicaid_cin_column", EntityType.NY_MEDICAID_CIN,
                re.compile(r"[A-Z]{2}\d{5}[A-Z]"), 0.75),
            cls("ny_plate_column", EntityType.LICENSE_PLATE,
                re.compile(r"[A-Z]{3}[- ]?\d{4}"), 0.6),
            cls("nyc_bbl_column", EntityType.NYC_BBL,
                re.compile(r"([1-5])[- ]?(\d{5})[- ]?(\d{4})"), 0.7, check="bbl"),
        ]  # fmt: skip

    def evidence(self, sample: ColumnSample) -> list[ColumnEvidence]:
        fits = {v for v in sample.counts if (m := self.shape.fullmatch(v)) and self._ok(m)}
        matched = sample.count(fits)
        share = matched / sample.size
        if share < self.min_share or len(fits) < max(3, len(sample.counts) // 4):
            return []
        basis = (
            f"{share:.0%} of {sample.size} values have the {self.entity.value} format "
            f"({len(fits)} distinct)"
        )
        conf = graded_confidence(self.base, share, self.min_share, sample.size)
        return [ColumnEvidence(self.entity, matched, sample.size, conf, basis)]

    def _ok(self, m: re.Match[str]) -> bool:
        if self.check == "bbl":
            return int(m[2]) > 0 and int(m[3]) > 0
        return True


_CHAR_CLASS = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "A" * 52 + "9" * 10,
)
_NUMBER_LIKE = re.compile(r"[-+]?[9,]*[.,]?9*%?")
_DATE_LIKE = re.compile(r"9{1,4}([-/.])9{1,2}(?:\1)9{1,4}(?:[ T].*)?")


class RecordNumberColumn:
    """Record, case or client numbers of an agency: one fixed shape with at least four
    digits (``C0100000``, ``ACS-2024-00817``), nearly unique.

    Reported as ``CASE_NUMBER`` (the taxonomy's type for a city case, docket or client
    number) at a moderate confidence, and only as a fallback: a column some other type
    explains (phone numbers, CINs) is that type. Plain integers, decimals and dates are
    left alone: row numbers, counts, amounts and dates have fixed shapes too.
    """

    name = "record_number_column"
    entities = frozenset({EntityType.CASE_NUMBER})
    _MIN_SHARE = 0.9
    _MIN_UNIQUE = 0.9

    def evidence(self, sample: ColumnSample) -> list[ColumnEvidence]:
        shapes = Counter({v: v.translate(_CHAR_CLASS) for v in sample.counts}.values())
        shape, _ = shapes.most_common(1)[0]
        if shape.count("9") < 4 or _NUMBER_LIKE.fullmatch(shape) or _DATE_LIKE.fullmatch(shape):
            return []
        if " " in shape or len(shape) > 24:
            return []
        fits = {v for v in sample.counts if v.translate(_CHAR_CLASS) == shape}
        matched = sample.count(fits)
        share = matched / sample.size
        unique = len(fits) / matched
        if share < self._MIN_SHARE or unique < self._MIN_UNIQUE:
            return []
        basis = (
            f"{share:.0%} of {sample.size} values share one record-number format, "
            f"{unique:.0%} of them distinct"
        )
        conf = graded_confidence(0.6, share, self._MIN_SHARE, sample.size)
        return [ColumnEvidence(EntityType.CASE_NUMBER, matched, sample.size, conf, basis, True)]
