"""Synthetic people, and the same people as another agency recorded them, for linkage tests
and benchmarks (up to millions of rows: columns are built with numpy and Arrow).

Names are drawn from the US Census first-name and surname lists shipped with the detector
(most frequent first, drawn with Zipf-like weights that give realistic name frequencies),
with 8% of people named from the hand-written multilingual lists of
:mod:`cityprivacy.datasets` (accents, hyphens, particles); streets, ZIP codes and phone
numbers (in the 555-01xx range reserved for fiction) come from the demo dataset's lists.
Everything is fictitious and deterministic by seed.

The second agency's copy of a person carries the errors real case files have, each field
independently: typing errors (a letter substituted, dropped, doubled or two swapped), a
nickname for the given name, a surname hyphenated or changed, day and month swapped or a
day or year mistyped in the birth date, a move to a new address, a new phone number, a
mistyped SSN, missing values, and different formatting (upper case, other date and phone
layouts, ``Street`` for ``St``, a unit number).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources
from random import Random

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.datasets import _lexicon as lx
from cityprivacy.link.normalize import nicknames

__all__ = ["COLUMNS", "LinkageSample", "first_name_table", "linkage_sample", "people"]

COLUMNS = ("client_id", "first_name", "last_name", "dob", "sex", "ssn", "address", "zip", "phone")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ZIPS = tuple(z for b in lx.BOROUGHS for z in lx.BOROUGH_ZIPS[b])
_AREAS = ("212", "718", "646", "347", "917", "929", "332")
_MISSING_RATES = {
    "first_name": 0.02, "last_name": 0.01, "dob": 0.02, "sex": 0.01, "ssn": 0.3,
    "address": 0.03, "zip": 0.02, "phone": 0.1,
}  # fmt: skip
"""How often the second agency's copy lacks each field."""


def _census(name: str) -> list[str]:
    ref = resources.files("cityprivacy.detect").joinpath(f"lexicons/names/{name}")
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return [line.strip() for line in text if line.strip()]


def first_name_table(limit: int | None = None) -> tuple[list[str], np.ndarray]:
    """Census first names, most frequent first, with the draw probabilities used here
    (Zipf-like, ``1 / (rank + 10)``): what an attacker's public frequency table looks like."""
    names = _census("first_names.txt.gz")[:limit]
    weights = 1.0 / (np.arange(len(names)) + 10.0)
    return names, weights / weights.sum()


@cache
def _name_lists() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    first, first_p = first_name_table()
    last = _census("surnames.txt.gz")
    last_p = 1.0 / (np.arange(len(last)) + 50.0)
    return (
        np.array([n.title() for n in first], dtype=object),
        first_p,
        np.array([n.title() for n in last], dtype=object),
        last_p / last_p.sum(),
    )


@dataclass(frozen=True)
class LinkageSample:
    """Two agencies' tables and which rows are the same person."""

    a: pa.Table
    b: pa.Table
    truth_a: np.ndarray
    truth_b: np.ndarray

    @property
    def truth(self) -> list[tuple[str, str]]:
        """The true pairs as ``(id in a, id in b)``."""
        ids_a = self.a.column("client_id").to_pylist()
        ids_b = self.b.column("client_id").to_pylist()
        return [
            (ids_a[i], ids_b[j])
            for i, j in zip(self.truth_a.tolist(), self.truth_b.tolist(), strict=True)
        ]


def _pad(values: np.ndarray, width: int) -> pa.Array:
    return pc.utf8_lpad(pc.cast(pa.array(values), pa.string()), width, "0")


def _join(*parts: pa.Array | str, sep: str = "") -> pa.Array:
    return pc.binary_join_element_wise(*parts, sep)


def people(n: int, seed: int = 7, id_prefix: str = "a") -> pa.Table:
    """``n`` fictitious people, cleanly recorded, with the columns of :data:`COLUMNS`."""
    rng = np.random.default_rng([seed, n, len(id_prefix)])
    first, first_p, last, last_p = _name_lists()
    given = first[rng.choice(len(first), size=n, p=first_p)]
    family = last[rng.choice(len(last), size=n, p=last_p)]
    diverse = rng.random(n) < 0.08  # names with accents, hyphens and particles
    given[diverse] = np.array(lx.FIRST_NAMES, dtype=object)[
        rng.integers(0, len(lx.FIRST_NAMES), diverse.sum())
    ]
    family[diverse] = np.array(lx.LAST_NAMES, dtype=object)[
        rng.integers(0, len(lx.LAST_NAMES), diverse.sum())
    ]
    years, months, days = (
        rng.integers(1935, 2010, n),
        rng.integers(1, 13, n),
        rng.integers(1, 29, n),
    )
    area = np.where(rng.random(n) < 0.5, rng.integers(1, 666, n), rng.integers(667, 900, n))
    ssn = _join(
        _pad(area, 3), _pad(rng.integers(1, 100, n), 2), _pad(rng.integers(1, 10000, n), 4), sep="-"
    )
    ssn = pc.if_else(pa.array(rng.random(n) < 0.8), ssn, "")
    street = np.array(lx.STREETS, dtype=object)[rng.integers(0, len(lx.STREETS), n)]
    phone_area = np.array(_AREAS, dtype=object)[rng.integers(0, len(_AREAS), n)]
    return pa.table(
        {
            "client_id": _join(id_prefix, _pad(np.arange(n), 8)),
            "first_name": pa.array(given, pa.string()),
            "last_name": pa.array(family, pa.string()),
            "dob": _join(_pad(years, 4), _pad(months, 2), _pad(days, 2), sep="-"),
            "sex": pa.array(np.where(rng.random(n) < 0.5, "F", "M")),
            "ssn": ssn,
            "address": _join(
                pc.cast(pa.array(rng.integers(1, 3000, n)), pa.string()),
                pa.array(street, pa.string()),
                sep=" ",
            ),
            "zip": pa.array(
                np.array(_ZIPS, dtype=object)[rng.integers(0, len(_ZIPS), n)], pa.string()
            ),
            "phone": _join(
                "(", pa.array(phone_area, pa.string()), ") 555-01", _pad(rng.integers(0, 100, n), 2)
            ),
        }
    )


def _typo(r: Random, text: str) -> str:
    if len(text) < 2:
        return text
    i = r.randrange(len(text))
    op = r.randrange(4)
    if op == 0:
        return text[:i] + r.choice(_LETTERS) + text[i + 1 :]
    if op == 1:
        return text[:i] + text[i + 1 :]
    if op == 2:
        return text[:i] + text[i] + text[i:]
    j = min(i + 1, len(text) - 1)
    chars = list(text)
    chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


@cache
def _nicknames_of() -> dict[str, list[str]]:
    reverse: dict[str, list[str]] = {}
    for nick, formal in nicknames().items():
        reverse.setdefault(formal, []).append(nick)
    return reverse


def _edit(values: pa.Array, rows: np.ndarray, change: object) -> pa.Array:
    """``values`` with ``change(text)`` applied at ``rows`` (Python only for those rows)."""
    if not len(rows):
        return values
    mask = np.zeros(len(values), dtype=bool)
    mask[rows] = True
    old = values.filter(pa.array(mask)).to_pylist()
    new = [change(v or "") for v in old]  # type: ignore[operator]
    return pc.replace_with_mask(values, pa.array(mask), pa.array(new, pa.string()))


def _dates(rng: np.random.Generator, iso: pa.Array, errors: bool) -> pa.Array:
    n = len(iso)
    parts = pc.split_pattern(iso, "-")
    y = np.asarray(pc.cast(pc.list_element(parts, 0), pa.int64()))
    m = np.asarray(pc.cast(pc.list_element(parts, 1), pa.int64()))
    d = np.asarray(pc.cast(pc.list_element(parts, 2), pa.int64()))
    if errors:
        roll = rng.random(n)
        swap = (roll < 0.03) & (d <= 12)
        m, d = np.where(swap, d, m), np.where(swap, m, d)
        shift = (roll >= 0.03) & (roll < 0.06)
        d = np.where(shift, np.clip(d + rng.choice([-10, -1, 1, 10], n), 1, 28), d)
        y = np.where((roll >= 0.06) & (roll < 0.08), y + rng.choice([-1, 1], n), y)
    ys, ms, ds = _pad(y, 4), _pad(m, 2), _pad(d, 2)
    layouts = [
        _join(ys, ms, ds, sep="-"),
        _join(pc.cast(pa.array(m), pa.string()), pc.cast(pa.array(d), pa.string()), ys, sep="/"),
        _join(ms, ds, ys, sep="/"),
        _join(ys, ms, ds),
    ]
    return pc.choose(pa.array(rng.integers(0, len(layouts), n).astype(np.int8)), *layouts)


def _recorded_again(rng: np.random.Generator, r: Random, table: pa.Table) -> pa.Table:
    """The same people as another agency recorded them."""
    n = table.num_rows
    columns = {c: table.column(c).combine_chunks() for c in COLUMNS}
    reverse = _nicknames_of()
    given = columns["first_name"]
    has_nick = np.array([v.lower() in reverse for v in given.to_pylist()], dtype=bool)
    roll = rng.random(n)
    given = _edit(
        given,
        np.flatnonzero((roll < 0.05) & has_nick),
        lambda v: r.choice(reverse[v.lower()]).title(),
    )
    given = _edit(given, np.flatnonzero((roll >= 0.05) & (roll < 0.13)), lambda v: _typo(r, v))
    family, roll = columns["last_name"], rng.random(n)
    family = _edit(family, np.flatnonzero(roll < 0.03), lambda v: f"{v}-{r.choice(lx.LAST_NAMES)}")
    family = _edit(
        family, np.flatnonzero((roll >= 0.03) & (roll < 0.05)), lambda v: r.choice(lx.LAST_NAMES)
    )
    family = _edit(family, np.flatnonzero((roll >= 0.05) & (roll < 0.13)), lambda v: _typo(r, v))
    upper = pa.array(rng.random(n) < 0.05)
    columns["first_name"] = pc.if_else(upper, pc.utf8_upper(given), given)
    columns["last_name"] = pc.if_else(upper, pc.utf8_upper(family), family)
    columns["dob"] = _dates(rng, columns["dob"], errors=True)
    moved = rng.random(n) < 0.15
    fresh = people(n, int(rng.integers(1 << 30)), "m")
    columns["address"] = pc.if_else(
        pa.array(moved), fresh.column("address").combine_chunks(), columns["address"]
    )
    columns["zip"] = pc.if_else(
        pa.array(moved), fresh.column("zip").combine_chunks(), columns["zip"]
    )
    spelled = pa.array(~moved & (rng.random(n) < 0.3))
    long_form = columns["address"]
    for short, long in (("St", "Street"), ("Ave", "Avenue"), ("Rd", "Road"), ("Blvd", "Boulevard")):
        long_form = pc.replace_substring_regex(long_form, rf"\b{short}\b", long)
    columns["address"] = pc.if_else(spelled, long_form, columns["address"])
    unit = np.array(lx.UNITS, dtype=object)[rng.integers(0, len(lx.UNITS), n)]
    columns["address"] = pc.if_else(
        pa.array(rng.random(n) < 0.1),
        _join(columns["address"], pa.array(unit, pa.string()), sep=" "),
        columns["address"],
    )
    columns["phone"] = pc.if_else(
        pa.array(rng.random(n) < 0.2), fresh.column("phone").combine_chunks(), columns["phone"]
    )
    digits = "0123456789"
    columns["ssn"] = _edit(
        columns["ssn"],
        np.flatnonzero(rng.random(n) < 0.02),
        lambda v: v[:4] + r.choice(digits) + v[5:] if len(v) > 5 else v,
    )
    for column, rate in _MISSING_RATES.items():
        columns[column] = pc.if_else(pa.array(rng.random(n) < rate), "", columns[column])
    return pa.table(columns)


def linkage_sample(n: int, *, overlap: float = 0.5, seed: int = 7) -> LinkageSample:
    """Agency A's ``n`` clients, agency B's ``n`` clients of which ``overlap`` are also
    A's (recorded with errors, in another order), and the true pairs."""
    rng = np.random.default_rng([seed, n, 2])
    r = Random(f"cityprivacy-link:{seed}:{n}")
    a = people(n, seed, "a")
    shared = round(n * overlap)
    picked = np.sort(rng.choice(n, size=shared, replace=False))
    again = _recorded_again(rng, r, a.take(pa.array(picked)))
    others = people(n - shared, seed + 1, "x")
    others = others.set_column(
        3, "dob", _dates(rng, others.column("dob").combine_chunks(), errors=False)
    )
    b = pa.concat_tables([again, others])
    order = rng.permutation(n)
    b = b.take(pa.array(order)).set_column(0, "client_id", _join("b", _pad(np.arange(n), 8)))
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    return LinkageSample(a, b, picked, position[np.arange(shared)])
