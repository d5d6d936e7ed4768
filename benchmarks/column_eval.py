"""How well columns are typed from their values, with the headers hidden and with them.

Generates tables whose column types are known: the synthetic client and benefit
extracts of :mod:`cityprivacy.datasets.records`, a few more identifier columns drawn
from the same word lists, and *negative* columns that must stay untyped (counts,
amounts, status codes, flags, ratings, job titles, event dates...). Each column is
classified by :func:`~cityprivacy.detect.tables.classify.classify_sampled_column` (the
one way ``scan``, ``deidentify`` and ``share`` type a column) with the built-in
analyzer, once without the column-value recognizers ("before") and once with them
("after"), and once with the headers renamed ``col0``, ``col1``... ("hidden") and once
with real ones ("real"). A type counts as predicted when its confidence reaches the
scanner's default ``min_score``. Prints per-type precision and recall and writes
``benchmarks/results/column_eval.json``::

    .venv/bin/python benchmarks/column_eval.py [--rows 200] [--seeds 1 2 3]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

from cityprivacy.config import Settings
from cityprivacy.datasets import _lexicon as lx
from cityprivacy.datasets import _values as gen
from cityprivacy.datasets.records import benefit_rows, client_records
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType as E
from cityprivacy.detect.tables.classify import classify_sampled_column
from cityprivacy.detect.tables.freetext import looks_free_text
from cityprivacy.detect.tables.headers import classify_header

RESULTS = Path(__file__).resolve().parent / "results" / "column_eval.json"

ACCEPTABLE_EXTRA = {E.DATE_OF_BIRTH: {E.DATE_TIME}, E.STREET_ADDRESS: {E.LOCATION}}
"""Types that are not wrong beside the true one (a birth date is also a date)."""


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    truth: E | None  # None: must stay untyped
    values: list[str]
    kind: str  # generator name, for the per-column listing


Gen = Callable[[Random, int], list[str]]
# fmt: off
_JOB_TITLES = (
    "Caseworker", "Supervisor", "Clerk", "Driver", "Cook", "Baker", "Nurse", "Carpenter",
    "Mason", "Porter", "Analyst", "Manager", "Teacher", "Guard",
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# fmt: on


def _pick(options: tuple[str, ...] | list[str]) -> Gen:
    return lambda r, n: [r.choice(options) for _ in range(n)]


def _extra_positives() -> dict[str, tuple[str, E, Gen]]:
    """More identifier columns, drawn from the generator's own lists and value makers."""
    first, last = lx.FIRST_NAMES, lx.LAST_NAMES
    zips = [z for b in lx.BOROUGHS for z in lx.BOROUGH_ZIPS[b]]

    def dob_us(r: Random, n: int) -> list[str]:
        return [f"{r.randint(1, 12)}/{r.randint(1, 28)}/{r.randint(1935, 2008)}" for _ in range(n)]

    return {
        "full_name": (
            "client_name",
            E.PERSON,
            lambda r, n: [f"{r.choice(first)} {r.choice(last)}" for _ in range(n)],
        ),
        "last_first": (
            "name",
            E.PERSON,
            lambda r, n: [f"{r.choice(last)}, {r.choice(first)}" for _ in range(n)],
        ),
        "zip_plus4": (
            "zip4",
            E.ZIP_CODE,
            lambda r, n: [f"{r.choice(zips)}-{r.randint(1, 9999):04d}" for _ in range(n)],
        ),
        "dob_us": ("birth_date", E.DATE_OF_BIRTH, dob_us),
        "plate": ("plate", E.LICENSE_PLATE, lambda r, n: [gen.plate(r) for _ in range(n)]),
        "bbl": ("bbl", E.NYC_BBL, lambda r, n: [gen.bbl(r) for _ in range(n)]),
        "nationality": ("nationality", E.NATIONALITY, _pick(lx.NATIONALITIES)),
        "marital": (
            "marital_status",
            E.MARITAL_STATUS,
            _pick(("Single", "Married", "Divorced", "Widowed", "Separated", "Unknown")),
        ),
        "gender_words": (
            "gender",
            E.GENDER_IDENTITY,
            _pick(("Female", "Male", "Female", "Male", "Non-binary", "Unknown")),
        ),
        "religion": ("religion", E.RELIGION, _pick(lx.RELIGIONS)),
        # Other types the text recognizers already know: the column recognizers must not
        # add a wrong type to them (a neighborhood that is also a surname, an employer).
        "neighborhood": ("neighborhood", E.LOCATION, _pick(lx.NEIGHBORHOODS)),
        "employer": ("employer", E.ORGANIZATION, _pick(lx.EMPLOYERS + lx.SURNAME_ORGS)),
        "agency": ("agency", E.ORGANIZATION, _pick(("HRA", "DHS", "ACS", "NYCHA", "DOHMH"))),
        "visit_date": ("visit_date", E.DATE_TIME, _dates(2019, 2025)),
        "long_run_dates": ("opened", E.DATE_TIME, _dates(1995, 2025)),
        "timestamps": ("updated_at", E.DATE_TIME, _dates(1990, 2025, timed=True)),
        "weekday": ("day", E.DATE_TIME, _pick(("Monday", "Tuesday", "Wednesday", "Friday"))),
        # A hard case kept on purpose: hire dates of staff look like birth dates.
        "hire_date": ("hire_date", E.DATE_TIME, _dates(1975, 2020)),
    }


def _dates(lo: int, hi: int, timed: bool = False) -> Gen:
    def make(r: Random, n: int) -> list[str]:
        out = []
        for _ in range(n):
            d = f"{r.randint(lo, hi)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
            out.append(f"{d} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}" if timed else d)
        return out

    return make


def negative_columns() -> dict[str, tuple[str, Gen]]:
    """Columns that identify nobody, with a plausible header: each must stay untyped."""
    return {
        "small_count": ("visit_count", lambda r, n: [str(r.randint(0, 20)) for _ in range(n)]),
        "large_count": (
            "population",
            lambda r, n: [str(int(r.expovariate(1 / 8000))) for _ in range(n)],
        ),
        "five_digit_numbers": (
            "amount_cents",
            lambda r, n: [str(r.randint(10000, 99999)) for _ in range(n)],
        ),
        "round_amounts": (
            "salary",
            lambda r, n: [str(r.randint(20, 120) * 1000) for _ in range(n)],
        ),
        "amounts": ("monthly_amount", lambda r, n: [f"{r.uniform(5, 2500):.2f}" for _ in range(n)]),
        "percent": ("pct_complete", lambda r, n: [f"{r.randint(0, 100)}%" for _ in range(n)]),
        "row_number": ("row", lambda r, n: [str(i + 1) for i in range(n)]),
        "sequence_ids": ("seq", lambda r, n: [str(10001 + i) for i in range(n)]),
        "status": (
            "status",
            _pick(("Open", "Closed", "Pending", "Approved", "Denied", "In review")),
        ),
        "flag_yn": ("is_active", _pick(("Y", "N"))),
        "flag_bool": ("verified", _pick(("True", "False"))),
        "flag_01": ("has_email", _pick(("0", "1"))),
        "yes_no": ("consent", _pick(("Yes", "No", "Yes"))),
        "rating": ("rating", lambda r, n: [str(r.randint(1, 5)) for _ in range(n)]),
        "size": ("size", _pick(("S", "M", "L", "XL", "M", "L"))),
        "grade": ("grade", _pick(("A", "B", "C", "D", "F"))),
        "priority": ("priority", _pick(("High", "Medium", "Low"))),
        "likert": ("answer", _pick(("Agree", "Disagree", "Neutral", "Strongly agree"))),
        "job_title": ("job_title", _pick(_JOB_TITLES)),
        "colour": ("vehicle_color", _pick(("Black", "White", "Silver", "Red", "Gray", "Blue"))),
        "month": ("month", _pick(_MONTHS)),
        "service": (
            "service_type",
            _pick(("Housing", "Food", "Legal", "Health", "Education", "Transport", "Childcare")),
        ),
        "year": ("fiscal_year", lambda r, n: [str(r.randint(2015, 2025)) for _ in range(n)]),
        "duration": ("duration", lambda r, n: [f"{r.randint(1, 90)} days" for _ in range(n)]),
        "hex_hash": ("checksum", lambda r, n: [f"{r.getrandbits(64):016x}" for _ in range(n)]),
    }


_CLIENT_TYPES = {
    "client_id": E.CASE_NUMBER, "first_name": E.PERSON, "last_name": E.PERSON,
    "dob": E.DATE_OF_BIRTH, "ssn": E.US_SSN, "cin": E.NY_MEDICAID_CIN,
    "address": E.STREET_ADDRESS, "borough": E.LOCATION, "zip": E.ZIP_CODE,
    "phone": E.PHONE_NUMBER, "email": E.EMAIL_ADDRESS, "sex": E.GENDER_IDENTITY,
    "race": E.RACE_ETHNICITY, "primary_language": E.LANGUAGE,
}  # fmt: skip
_BENEFIT_TYPES: dict[str, E | None] = {
    "zip": E.ZIP_CODE, "sex": E.GENDER_IDENTITY, "program": E.PUBLIC_ASSISTANCE,
    "household_size": None, "monthly_amount": None, "enrolled": E.DATE_TIME,
}  # fmt: skip
"""``record_id`` (row numbers) and ``birth_year`` are left out: their truth is arguable."""


def columns_for(seed: int, rows: int) -> list[Column]:
    """Every evaluated column of one seed."""
    out: list[Column] = []
    clients = client_records(rows, seed=seed)
    for name, truth in _CLIENT_TYPES.items():
        out.append(Column(name, truth, [c[name] for c in clients], f"clients.{name}"))
    benefits = benefit_rows(rows, seed=seed)
    for name, btruth in _BENEFIT_TYPES.items():
        values = [str(b[name]) for b in benefits]
        out.append(Column(name, btruth, values, f"benefits.{name}"))
    r = Random(f"column-eval:{seed}")
    for kind, (header, truth, make) in _extra_positives().items():
        out.append(Column(header, truth, make(r, rows), kind))
    for kind, (header, make_neg) in negative_columns().items():
        out.append(Column(header, None, make_neg(r, rows), f"negative.{kind}"))
    return out


def predict(
    analyzer: TextAnalyzer, settings: Settings, header: str, values: list[str], evidence: bool
) -> set[E]:
    hint = classify_header(header).free_text_hint
    free = looks_free_text(list(values[:200]), header_hint=hint)
    verdict = classify_sampled_column(
        header,
        list(values[: settings.sample_rows]),
        analyzer,
        is_free_text=free,
        threshold=settings.value_match_threshold,
        recognizable=analyzer.entities,
        value_evidence=evidence,
    )
    return {t.entity_type for t in verdict.entity_types if t.confidence >= settings.min_score}


def _wrong(col: Column, pred: set[E]) -> set[E]:
    """Predicted types that are neither the truth nor acceptable beside it."""
    if col.truth is None:
        return pred
    return pred - {col.truth} - ACCEPTABLE_EXTRA.get(col.truth, set())


def score(cases: list[tuple[Column, set[E]]]) -> dict[str, Any]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    flagged_negatives = 0
    for col, pred in cases:
        if col.truth is not None:
            (tp if col.truth in pred else fn)[col.truth.value] += 1
        elif pred:
            flagged_negatives += 1
        for wrong in _wrong(col, pred):
            fp[wrong.value] += 1
    per_type: dict[str, dict[str, Any]] = {}
    for t in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else None
        rc = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else None
        per_type[t] = {"tp": tp[t], "fp": fp[t], "fn": fn[t], "precision": p, "recall": rc}
    ttp, tfp, tfn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    negatives = sum(1 for c, _ in cases if c.truth is None)
    return {
        "per_type": per_type,
        "micro": {
            "precision": ttp / (ttp + tfp) if ttp + tfp else None,
            "recall": ttp / (ttp + tfn) if ttp + tfn else None,
        },
        "negatives": negatives,
        "negatives_flagged": flagged_negatives,
    }


def _fmt(x: float | None) -> str:
    return "  –  " if x is None else f"{x:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = ap.parse_args()
    settings = Settings()
    analyzer = TextAnalyzer(settings=settings)
    results: dict[str, Any] = {
        "rows": args.rows,
        "seeds": args.seeds,
        "min_score": settings.min_score,
        "value_match_threshold": settings.value_match_threshold,
    }
    misses: dict[str, list[str]] = defaultdict(list)
    started = time.perf_counter()
    for mode in ("hidden", "real"):
        for variant, evidence in (("before", False), ("after", True)):
            cases: list[tuple[Column, set[E]]] = []
            for seed in args.seeds:
                for i, col in enumerate(columns_for(seed, args.rows)):
                    header = f"col{i}" if mode == "hidden" else col.header
                    pred = predict(analyzer, settings, header, col.values, evidence)
                    cases.append((col, pred))
                    missed = col.truth is not None and col.truth not in pred
                    if variant == "after" and (missed or _wrong(col, pred)):
                        misses[mode].append(
                            f"seed {seed} {col.kind}: truth {col.truth} got "
                            f"{sorted(t.value for t in pred)}"
                        )
            results[f"{mode}_{variant}"] = score(cases)
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["after_errors"] = misses
    for mode in ("hidden", "real"):
        before, after = results[f"{mode}_before"], results[f"{mode}_after"]
        print(f"\nheaders {mode}: precision / recall at min_score {settings.min_score}")
        heads = ("before P", "before R", "after P", "after R")
        print(f"{'type':<22} {'n':>3}  " + "  ".join(f"{h:>8}" for h in heads))
        for t in sorted(set(before["per_type"]) | set(after["per_type"])):
            b = before["per_type"].get(t, {})
            a = after["per_type"].get(t, {})
            n = a.get("tp", 0) + a.get("fn", 0)
            print(
                f"{t:<22} {n:>3}  {_fmt(b.get('precision')):>8} {_fmt(b.get('recall')):>8}  "
                f"{_fmt(a.get('precision')):>8} {_fmt(a.get('recall')):>8}"
            )
        print(
            f"{'micro':<22} {'':>3}  {_fmt(before['micro']['precision']):>8} "
            f"{_fmt(before['micro']['recall']):>8}  {_fmt(after['micro']['precision']):>8} "
            f"{_fmt(after['micro']['recall']):>8}"
        )
        print(
            f"negative columns typed: before {before['negatives_flagged']}/{before['negatives']}"
            f", after {after['negatives_flagged']}/{after['negatives']}"
        )
        for line in misses[mode]:
            print("  after:", line)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS} ({results['seconds']} s)")


if __name__ == "__main__":
    main()
