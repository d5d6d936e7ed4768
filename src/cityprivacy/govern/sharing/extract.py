"""Making an extract under an agreement, recording it as a disclosure, and checking a file.

:func:`make_extract`:

1. reads the agreement (it must be active and in force) and its extract terms;
2. scans the input and plans each column (:mod:`.columns`): a type the agreement does not
   cover refuses the extract before anything is written or recorded;
3. builds the extract with the agreement key (:mod:`.transform`) and writes it to a
   temporary file next to the output, then takes its SHA-256 (of the whole file: as
   Parquet, with the linkage metadata that makes it readable by ``cityprivacy link``);
4. in ONE transaction: opens a disclosure under the agreement (a proposal to the
   agreement's recipient, with the types of the extract and its record count) and submits
   it through the ordinary workflow (citywide rules, routine designations); or, with
   ``disclosure_id``, takes an approved one. If it is approved, the disclosure is recorded
   as made (the people of the subject column go to the accounting as keyed hashes) and the
   file's receipt is attached (its ``disclosure.attach`` audit event holds the SHA-256);
5. renames the temporary file to the output only after that commit. A disclosure still
   waiting for review is committed as submitted and nothing is written: run again with
   ``disclosure_id`` once it is approved. Any failure removes the temporary file and
   leaves the output as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.files import FileFormat
from cityprivacy.errors import InputError, WorkflowError
from cityprivacy.govern.accounting import normalize_identifier
from cityprivacy.govern.designations import ancestor_ids
from cityprivacy.govern.disclosure_input import DisclosureMade, NewDisclosure, parse_input
from cityprivacy.govern.scope import organization_by_code
from cityprivacy.govern.sharing.columns import ColumnPlan, detect_column_types, plan_columns
from cityprivacy.govern.sharing.receipts import (
    EXTRACT_METHOD,
    MEDIA_TYPES,
    Receipt,
    file_sha256,
    find_receipt,
)
from cityprivacy.govern.sharing.terms import ExtractTerms, Treatment, parse_terms
from cityprivacy.govern.sharing.transform import ExtractTable, agreement_key, build_extract
from cityprivacy.protect.table_io import output_format, read_table, write_table
from cityprivacy.store.enums import AgreementStatus, Basis, DisclosureKind, DisclosureStatus
from cityprivacy.store.models import Agreement, Disclosure, Organization

if TYPE_CHECKING:
    from cityprivacy.govern.actors import Actor
    from cityprivacy.govern.office import Office, OfficeUnit

__all__ = ["ExtractReport", "ExtractRequest", "VerifyReport", "make_extract", "verify_extract"]


@dataclass(frozen=True, slots=True)
class ExtractRequest:
    """What to extract, under which agreement, and how to record it."""

    agreement_id: int
    source: Path
    output: Path
    agency_code: str | None = None
    """The disclosing organization: the agreement's (default) or one under it."""
    subject_column: str | None = None
    """The column identifying people for the accounting (default: the terms' subject_type)."""
    drop_uncovered: bool = False
    basis: Basis = Basis.ROUTINE
    disclosure_id: int | None = None
    """An approved disclosure under the agreement to record this extract under."""
    mission_justification: str | None = None
    id_column: str | None = None
    """The column of record ids for linkage (default: the terms' id_type, else row numbers)."""


@dataclass(frozen=True, slots=True)
class ExtractReport:
    """What was done: the disclosure, its state, the columns, and the receipt if written."""

    agreement_id: int
    disclosure_id: int
    status: DisclosureStatus
    written: bool
    output: Path
    records: int
    subjects: int
    categories: tuple[str, ...]
    columns: tuple[ColumnPlan, ...]
    subject_column: str
    encoded_fields: tuple[str, ...]
    suppressed_cells: int
    key_fingerprint: str
    sha256: str | None = None
    size_bytes: int | None = None
    id_column: str | None = None
    """The column of record ids of the encodings (``None``: row numbers from 1)."""
    linkable: bool = False
    """Whether ``cityprivacy link match`` reads the file: encodings, written as Parquet."""


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The file's SHA-256 and the receipt that matches it, if any."""

    agreement_id: int
    path: Path
    sha256: str
    receipt: Receipt | None

    @property
    def ok(self) -> bool:
        return self.receipt is not None


@dataclass(frozen=True, slots=True)
class _Terms:
    """What the extract needs of the agreement, read in its own short transaction."""

    agreement_id: int
    organization_code: str
    types: tuple[str, ...]
    terms: ExtractTerms
    recipient_name: str
    purposes: str


def _in_force(agreement: Agreement, today: date) -> None:
    if agreement.status is not AgreementStatus.ACTIVE:
        raise WorkflowError(
            f"agreement {agreement.id} is {agreement.status.value}; extracts are made only "
            "under an active agreement"
        )
    if agreement.effective_from is not None and today < agreement.effective_from:
        raise WorkflowError(f"agreement {agreement.id} is not in force before its effective date")
    if agreement.expires_on is not None and today >= agreement.expires_on:
        raise WorkflowError(f"agreement {agreement.id} has expired")


def _read_agreement(o: OfficeUnit, agreement_id: int) -> _Terms:
    agreement = o.agreements.get(agreement_id)
    _in_force(agreement, o.context.now().date())
    organization = o.context.session.get(Organization, agreement.organization_id)
    assert organization is not None
    return _Terms(
        agreement_id=agreement.id,
        organization_code=organization.code,
        types=tuple(agreement.types),
        terms=parse_terms(agreement.extract_terms),
        recipient_name=agreement.recipient_name,
        purposes=agreement.purposes,
    )


def _subject_column(
    plans: Sequence[ColumnPlan], terms: ExtractTerms, chosen: str | None, source: Path
) -> str:
    names = [p.column for p in plans]
    if chosen is not None:
        if chosen not in names:
            raise InputError(f"{source}: no column {chosen!r} (--subject-column)")
        return chosen
    if terms.subject_type is None:
        raise InputError(
            "name the column that identifies people for the accounting of disclosures: "
            "subject_type in the agreement's extract terms, or --subject-column"
        )
    holding = [p.column for p in plans if terms.subject_type in p.types]
    if not holding:
        raise InputError(
            f"{source}: no column holds the subject type {terms.subject_type!r}; "
            "give --subject-column"
        )
    return holding[0]


def _id_column(
    plans: Sequence[ColumnPlan], terms: ExtractTerms, chosen: str | None, source: Path
) -> str | None:
    """The column of record ids for the encodings, or ``None`` for row numbers."""
    if not any(p.treatment is Treatment.ENCODE for p in plans):
        if chosen is not None:
            raise InputError(f"id column {chosen!r}: the extract has no linkage encoding")
        return None
    if chosen is not None:
        if chosen not in [p.column for p in plans]:
            raise InputError(f"{source}: no column {chosen!r} (the id column)")
        return chosen
    if terms.id_type is None:
        return None
    kept = (Treatment.CLEAR, Treatment.PSEUDONYM)
    holding = [p.column for p in plans if terms.id_type in p.types and p.treatment in kept]
    if not holding:
        raise InputError(
            f"{source}: no column kept in the extract holds the id type {terms.id_type!r}; "
            "name the id column"
        )
    return holding[0]


def _subjects(table_column: list[str | None]) -> list[str]:
    """The distinct people of the subject column (as the accounting normalizes them)."""
    unique = {normalize_identifier(v): v for v in table_column if v is not None and v.strip()}
    return list(unique.values())


def _staging_path(output: Path) -> Path:
    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{output}: the output directory {directory} does not exist")
    fd, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=output.suffix, dir=directory)
    os.close(fd)
    return Path(name)


def _disclosure(
    o: OfficeUnit, request: ExtractRequest, agreement: _Terms, extract: ExtractTable
) -> Disclosure:
    """The approved disclosure to record the extract under, or a new one as submitted."""
    session = o.context.session
    if request.disclosure_id is not None:
        disclosure = o.disclosures.get(request.disclosure_id)
        if disclosure.agreement_id != agreement.agreement_id:
            raise WorkflowError(
                f"disclosure {disclosure.id} is not under agreement {agreement.agreement_id}"
            )
        if disclosure.status is not DisclosureStatus.APPROVED:
            raise WorkflowError(
                f"disclosure {disclosure.id} is {disclosure.status.value}; "
                "it must be approved to record an extract under it"
            )
        missing = sorted(set(extract.categories) - set(disclosure.types))
        if missing:
            raise WorkflowError(
                f"disclosure {disclosure.id} does not cover types of this extract: "
                f"{', '.join(missing)}"
            )
        return disclosure
    code = request.agency_code or agreement.organization_code
    organization = organization_by_code(session, o.actor, code)
    agreement_row = o.agreements.get(agreement.agreement_id)
    if agreement_row.organization_id not in ancestor_ids(session, organization.id):
        raise WorkflowError(
            f"agreement {agreement.agreement_id} belongs to {agreement.organization_code}; "
            f"{code} is not that organization or one under it"
        )
    if not extract.categories:
        raise InputError(
            "the extract would hold no identifying type, so there is no disclosure to record "
            "under the agreement; nothing was written"
        )
    mission = request.mission_justification or (
        f"Data sharing under agreement {agreement.agreement_id}, within its terms"
    )
    new = parse_input(
        NewDisclosure,
        {
            "agency_code": code,
            "kind": DisclosureKind.PROPOSAL,
            "recipient_name": agreement.recipient_name,
            "recipient_type": agreement_row.recipient_type,
            "categories": list(extract.categories),
            "record_count": extract.table.num_rows,
            "purpose": agreement.purposes,
            "mission_justification": mission,
            "basis": request.basis,
            "agreement_id": agreement.agreement_id,
        },
    )
    disclosure = o.disclosures.create(new)
    return o.disclosures.submit(disclosure.id)


def make_extract(
    office: Office,
    actor: Actor,
    request: ExtractRequest,
    *,
    analyzer: TextAnalyzer | None = None,
) -> ExtractReport:
    """Make, record and write an extract (see the module docstring)."""
    output_format(request.output)  # refuse an extension we cannot write before any work
    with office.unit(actor) as o:
        agreement = _read_agreement(o, request.agreement_id)
    key = agreement_key(office.tools.key(), agreement.agreement_id)
    settings = office.settings
    table = read_table(request.source, settings)
    if table.num_rows == 0:
        raise InputError(f"{request.source}: no rows to extract")
    analyzer = analyzer or TextAnalyzer(settings=settings, taxonomy=office.tools.taxonomy)
    plans = plan_columns(
        detect_column_types(table, analyzer, settings),
        agreement.terms,
        agreement.types,
        agreement_id=agreement.agreement_id,
        drop_uncovered=request.drop_uncovered,
    )
    subject_column = _subject_column(plans, agreement.terms, request.subject_column, request.source)
    subjects = _subjects(table.column(subject_column).to_pylist())
    id_column = _id_column(plans, agreement.terms, request.id_column, request.source)
    extract = build_extract(
        table,
        plans,
        agreement.terms,
        key,
        small_cell_threshold=settings.small_cell_threshold,
        id_column=id_column,
    )
    staged = _staging_path(request.output)
    try:
        write_table(extract.table, staged)
        digest, size = file_sha256(staged), staged.stat().st_size
        with office.unit(actor) as o:
            disclosure = _disclosure(o, request, agreement, extract)
            written = disclosure.status is DisclosureStatus.APPROVED
            if written:
                _record(o, disclosure, extract, subjects, request.output, digest, size)
            disclosure_id, status = disclosure.id, disclosure.status
        if written:
            os.replace(staged, request.output)
        else:
            staged.unlink()
    except BaseException:
        with suppress(OSError):
            staged.unlink()
        raise
    return ExtractReport(
        agreement_id=agreement.agreement_id,
        disclosure_id=disclosure_id,
        status=status,
        written=written,
        output=request.output,
        records=extract.table.num_rows,
        subjects=len(subjects),
        categories=extract.categories,
        columns=tuple(plans),
        subject_column=subject_column,
        encoded_fields=extract.encoded_fields,
        suppressed_cells=extract.suppressed_cells,
        key_fingerprint=key.fingerprint,
        sha256=digest if written else None,
        size_bytes=size if written else None,
        id_column=id_column,
        linkable=extract.linkage is not None
        and output_format(request.output) is FileFormat.PARQUET,
    )


def _record(
    o: OfficeUnit,
    disclosure: Disclosure,
    extract: ExtractTable,
    subjects: list[str],
    output: Path,
    digest: str,
    size: int,
) -> None:
    """Mark the disclosure made (with its accounting) and attach the file's receipt."""
    made = parse_input(
        DisclosureMade,
        {
            "disclosed_at": o.context.now(),
            "records_disclosed": extract.table.num_rows,
            "method": EXTRACT_METHOD,
            "subjects": subjects,
        },
    )
    o.disclosures.disclose(disclosure.id, made)
    o.disclosures.add_attachment(
        disclosure.id,
        filename=output.name,
        media_type=MEDIA_TYPES.get(output.suffix.lower(), "application/octet-stream"),
        size_bytes=size,
        sha256=digest,
    )


def verify_extract(office: Office, actor: Actor, agreement_id: int, path: Path) -> VerifyReport:
    """Whether ``path`` is, byte for byte, an extract disclosed under the agreement."""
    with office.unit(actor) as o:
        digest, receipt = find_receipt(o, agreement_id, Path(path))
    return VerifyReport(agreement_id, Path(path), digest, receipt)
