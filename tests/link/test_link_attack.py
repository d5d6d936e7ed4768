"""Hardening lowers how many first names a frequency attack re-identifies.

The population: 10,000 people whose first names are drawn from the 500 most common US
Census first names with realistic (Zipf-like) frequencies, born 1940–2005. The attacker
(:func:`cityprivacy.link.attack.frequency_attack`) holds their first-name-only encodings
and knows exactly how often each name occurs in this population (the strongest version
of "a name frequency table"), but not the key.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa
import pytest

from cityprivacy.link import encode_table, parse_schema
from cityprivacy.link.attack import frequency_attack
from cityprivacy.link.normalize import FieldKind, NormalizeOptions, normalize_column
from cityprivacy.link.synthetic import first_name_table
from cityprivacy.protect.keys import SecretKey

N = 10_000


@pytest.fixture(scope="module")
def population() -> tuple[pa.Table, list[str], list[str]]:
    names, weights = first_name_table(500)
    rng = np.random.default_rng(2026)
    drawn = [names[k] for k in rng.choice(len(names), size=N, p=weights)]
    years = rng.integers(1940, 2006, size=N)
    table = pa.table(
        {
            "id": [str(i) for i in range(N)],
            "first_name": drawn,
            "dob": [f"{y}-06-15" for y in years],
        }
    )
    plain = NormalizeOptions(nicknames=False)
    true_names = normalize_column(
        FieldKind.GIVEN_NAME, table.column("first_name"), plain
    ).to_pylist()
    attacker_table = [name for name, _ in Counter(true_names).most_common()]
    return table, true_names, attacker_table


def _first_names_only(hardening: str, length: int) -> str:
    salted = ", salted: true" if "salt" in hardening else ""
    return f"""
name: first-names
id_column: id
encoding: {{length: {length}}}
hardening: {hardening}
fields:
  - {{name: first_name, kind: given_name, nicknames: false, bits: 30{salted}}}
  - {{name: dob, kind: date, bits: 0}}
"""


def _attack(
    population: tuple[pa.Table, list[str], list[str]], hardening: str, length: int
) -> float:
    table, true_names, attacker_table = population
    encodings, _ = encode_table(
        table, parse_schema(_first_names_only(hardening, length)), SecretKey(b"a" * 32)
    )
    return frequency_attack(encodings.words, true_names, attacker_table).rate


def test_salting_defeats_the_frequency_attack(
    population: tuple[pa.Table, list[str], list[str]],
) -> None:
    unhardened = _attack(population, "{}", 512)
    salted = _attack(population, "{salt: {field: dob, part: year}}", 512)
    shipped = _attack(population, "{balance: true, salt: {field: dob, part: year}}", 256)
    assert unhardened > 0.3  # the attack works: most names are recovered without hardening
    assert salted < 0.02
    assert salted < unhardened / 10
    assert shipped < 0.02
