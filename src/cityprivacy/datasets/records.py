"""Synthetic tables and documents of a city human-services office.

``client_records`` is the kind of extract an agency's case system produces (direct
identifiers next to demographics and a free-text notes column); ``benefit_rows`` is the
kind of "de-identified" table that still singles people out through ZIP, birth year and
sex; ``case_notes`` and ``intake_messages`` are the free text around them. All of it is
fictitious and deterministic by seed.
"""

from __future__ import annotations

from random import Random
from typing import Any

from cityprivacy.datasets import _lexicon as lx
from cityprivacy.datasets import _values as v
from cityprivacy.datasets._slots import SLOTS
from cityprivacy.datasets.corpus import LabeledText, compose

__all__ = ["CLIENT_COLUMNS", "benefit_rows", "case_notes", "client_records", "intake_messages"]

CLIENT_COLUMNS = (
    "client_id", "first_name", "last_name", "dob", "ssn", "cin", "address", "borough", "zip",
    "phone", "email", "sex", "race", "primary_language", "notes",
)  # fmt: skip
_PROGRAMS = ("SNAP", "Cash Assistance", "Medicaid", "CityFHEPS", "HEAP", "Fair Fares", "WIC")
_RACES = ("Black", "Hispanic", "Asian", "White", "Multiracial", "Native American", "Declined")
_HEADERS = (
    "HRA Job Center - case note", "DHS Shelter Intake - progress note",
    "ACS Child Protective Services - contact note", "NYCHA Resident Services - referral note",
)  # fmt: skip


def _text(r: Random, style: str, sentences: tuple[int, int]) -> str:
    return compose(r, style, sentences=sentences).text


def _dashed_ssn(value: str) -> str:
    d = "".join(c for c in value if c.isdigit())
    return f"{d[:3]}-{d[3:5]}-{d[5:]}"


def client_records(n: int = 200, seed: int = 7) -> list[dict[str, str]]:
    """Rows of a client extract with the columns of :data:`CLIENT_COLUMNS`."""
    r = Random(f"cityprivacy-clients:{seed}")
    rows = []
    for i in range(n):
        first, last = r.choice(lx.FIRST_NAMES), r.choice(lx.LAST_NAMES)
        borough = r.choice(lx.BOROUGHS)
        zipcode = r.choice(lx.BOROUGH_ZIPS[borough])
        y, m, d = r.randint(1940, 2012), r.randint(1, 12), r.randint(1, 28)
        email = SLOTS["EMAIL"](r, lx.DEFAULT_LEXICON)[0][0]
        rows.append(
            {
                "client_id": f"C{100000 + i * 37:07d}",
                "first_name": first,
                "last_name": last,
                "dob": f"{y}-{m:02d}-{d:02d}",
                "ssn": _dashed_ssn(v.ssn(r)) if r.random() < 0.9 else "",
                "cin": v.cin(r) if r.random() < 0.7 else "",
                "address": f"{r.randint(1, 2999)} {r.choice(lx.STREETS)}, {r.choice(lx.UNITS)}",
                "borough": borough,
                "zip": zipcode,
                "phone": v.phone(r),
                "email": email,
                "sex": r.choice(("F", "M", "F", "M", "X")),
                "race": r.choice(_RACES),
                "primary_language": r.choice(("English", "English", *lx.LANGUAGES)),
                "notes": _text(r, "note", (1, 2)) if r.random() < 0.7 else "",
            }
        )
    return rows


def benefit_rows(n: int = 500, seed: int = 11) -> list[dict[str, Any]]:
    """Benefit enrollments keyed by quasi-identifiers only (ZIP, birth year, sex)."""
    r = Random(f"cityprivacy-benefits:{seed}")
    zips = [z for b in lx.BOROUGHS for z in lx.BOROUGH_ZIPS[b]]
    rows = []
    for i in range(n):
        rows.append(
            {
                "record_id": i + 1,
                "zip": r.choice(zips[: r.choice((6, 12, len(zips)))]),
                "birth_year": int(r.triangular(1935, 2015, 1985)),
                "sex": r.choice(("F", "M", "F", "M", "X")),
                "program": r.choice(_PROGRAMS),
                "household_size": r.randint(1, 7),
                "monthly_amount": round(r.uniform(23, 1900), 2),
                "enrolled": f"{r.randint(2019, 2025)}-{r.randint(1, 12):02d}-01",
            }
        )
    return rows


def case_notes(n: int = 12, seed: int = 3) -> list[tuple[str, str]]:
    """``(file name, text)`` pairs of caseworker notes, some Markdown, some plain text."""
    r = Random(f"cityprivacy-notes:{seed}")
    notes = []
    for i in range(n):
        header = r.choice(_HEADERS)
        worker = SLOTS["PERSON"](r, lx.DEFAULT_LEXICON)[0][0]
        date = v.date_forms(r, 2023, 2025)
        body = "\n\n".join(_text(r, "note", (3, 5)) for _ in range(r.randint(2, 3)))
        if i % 3 == 0:
            name = f"note_{i + 1:02d}.md"
            text = f"# {header}\n\n- **Date:** {date}\n- **Worker:** {worker}\n\n{body}\n"
        else:
            name = f"note_{i + 1:02d}.txt"
            text = f"{header.upper()}\nDATE: {date}\nWORKER: {worker}\n\n{body}\n"
        notes.append((name, text))
    return notes


def intake_messages(n: int = 30, seed: int = 5) -> list[LabeledText]:
    """Messages from the public (chat, email and web-form style), labeled."""
    r = Random(f"cityprivacy-intake:{seed}")
    out = []
    for i in range(n):
        style = r.choice(("chat", "chat", "email", "form"))
        out.append(compose(r, style, id_=f"msg-{i + 1:03d}"))
    return out
