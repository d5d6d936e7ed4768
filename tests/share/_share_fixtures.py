"""What the extract tests share: the office fixtures, input tables, an agreement with terms.

Inputs are cut from the bundled synthetic client table (fictional people), written to real
files in ``tmp_path``. Test modules import the fixtures they use from here (no conftest).
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "govern"))

from _office_fixtures import (
    KEY,
    City,
    city,
    database_url,
    fast_hasher,
    office,
    pg_template,
    sqlite_template,
)

from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.govern import Actor, AgreementStatus, Office, RecipientType
from cityprivacy.protect.table_io import read_table

__all__ = [
    "KEY",
    "KEY_TEXT",
    "LINK_TERMS",
    "SAMPLE",
    "City",
    "agreement",
    "analyzer",
    "audit_text",
    "city",
    "clients",
    "database_url",
    "designate",
    "fast_hasher",
    "identifying_values",
    "office",
    "pg_template",
    "sqlite_template",
    "write_csv",
]

KEY_TEXT = "test-office-key-0123456789abcdef!"
"""The office key of ``_office_fixtures.KEY``, as CITYPRIVACY_KEY gives it to the CLI."""
assert KEY.source == "tests"

SAMPLE = Path(__file__).resolve().parents[2] / "src/cityprivacy/datasets/sample/clients.csv"

LINK_TERMS: dict[str, Any] = {
    "treatments": {
        "name": "encode",
        "date_of_birth": "encode",
        "case_number": "pseudonym",
        "contact_information": "drop",
    },
    "link_schema": "city",
    "subject_type": "case_number",
}
"""Names and birth dates into the encoding, client ids as pseudonyms, no contact details."""

LINK_TYPES = ["name", "date_of_birth", "case_number", "contact_information", "address"]


@cache
def analyzer() -> TextAnalyzer:
    """One detector for the whole session (building it is the slow part)."""
    return TextAnalyzer()


def clients(rows: slice = slice(None), drop: tuple[str, ...] = ("notes",)) -> pa.Table:
    """Rows of the sample client table (every column a string), without ``drop``."""
    table = read_table(SAMPLE)
    table = table.drop_columns([c for c in drop if c in table.column_names])
    start, stop, _ = rows.indices(table.num_rows)
    return table.slice(start, stop - start)


def write_csv(table: pa.Table, path: Path) -> Path:
    pacsv.write_csv(table, path)
    return path


def designate(office: Office, apo: Actor, types: list[str], agency: str = "DSS") -> None:
    """A routine designation of ``agency`` for disclosures of ``types`` to city agencies."""
    with office.unit(apo) as o:
        o.designations.create(
            organization_code=agency,
            categories=types,
            purpose="Record matching with another city agency",
            effective_from=date.today() - timedelta(days=10),
            recipient_type=RecipientType.CITY_AGENCY,
        )


def agreement(
    office: Office,
    apo: Actor,
    *,
    types: list[str] | None = None,
    terms: dict[str, Any] | None = None,
    agency: str = "DSS",
    activate: bool = True,
) -> int:
    """An agreement of ``agency`` with a city agency, with extract terms; its id."""
    with office.unit(apo) as o:
        made = o.agreements.create(
            organization_code=agency,
            title="Client matching with the Department of Homeless Services",
            recipient_name="Department of Homeless Services",
            recipient_type=RecipientType.CITY_AGENCY,
            categories=types or LINK_TYPES,
            purposes="Find shared clients to coordinate services",
            permitted_uses="Matching and service coordination only",
            future_use_clause="Any future use is bound by Admin Code 23-12",
            extract_terms=LINK_TERMS if terms is None else terms,
        )
        if activate:
            o.agreements.set_status(made.id, AgreementStatus.ACTIVE)
        return made.id


def identifying_values(table: pa.Table) -> set[str]:
    """Every cell value of ``table`` that is telling: not codes like ``F``, not bare numbers
    (a ZIP code could occur by chance in a hash or a timestamp), plus the longer surnames."""
    return {
        v
        for column in table.columns
        for v in column.to_pylist()
        if v is not None and len(v) > 4 and not v.isalpha() and not v.isdigit()
    } | {v for v in table.column("last_name").to_pylist() if v and len(v) > 5}


def audit_text(office: Office) -> str:
    """The whole audit trail as one string."""
    with office.engine.connect() as connection:
        return " ".join(
            " ".join(str(v) for v in row)
            for row in connection.execute(text("SELECT * FROM audit_events"))
        )
