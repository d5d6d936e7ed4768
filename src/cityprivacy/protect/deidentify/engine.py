"""``Deidentifier``: a policy, a key and an analyzer, applied to texts and files.

Built once: the policy's operators are built under the key right away, so a missing or
short key fails before any file is opened. Then:

* :meth:`Deidentifier.text` de-identifies one string;
* :meth:`Deidentifier.files` de-identifies a file or a directory tree into ``output``,
  streaming each file (text in chunks, tables in batches), writing each output atomically
  (a file that fails midway leaves no output and keeps an earlier one intact; the run goes
  on with the next file), and returns a :class:`DeidentifySummary`.

Pseudonyms, encryption and date shifts depend only on the key and the value (and the
subject), so they are the same across the files of a run and across runs with the same
key, with no state kept anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from itertools import chain, groupby
from pathlib import Path

import pyarrow as pa

from cityprivacy.config import Settings, get_settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.files import FileFormat, Reader, TableBatch, TextChunk, open_reader
from cityprivacy.detect.files.base import HEAD_BYTES
from cityprivacy.detect.files.csv_reader import header_names, sniff_dialect
from cityprivacy.detect.parallel import default_workers
from cityprivacy.detect.report import FileProblem
from cityprivacy.errors import CityPrivacyError, UnreadableFileError
from cityprivacy.protect.deidentify.parallel import BatchPool, Job
from cityprivacy.protect.deidentify.summary import (
    DeidentifySummary,
    FileSummary,
    TableSummary,
)
from cityprivacy.protect.deidentify.tables import BatchTransformer, ColumnClassifier, TablePlan
from cityprivacy.protect.deidentify.targets import Target, plan_targets
from cityprivacy.protect.deidentify.text import DeidentifiedText, TextProtector, protect_chunks
from cityprivacy.protect.deidentify.writers import (
    TextWriter,
    delimiter_for,
    open_table_writer,
)
from cityprivacy.protect.keys import SecretKey, load_key
from cityprivacy.protect.policy import BoundPolicy, Policy
from cityprivacy.protect.table_io import atomic_output

__all__ = ["Deidentifier", "Progress", "key_for_policy"]

Progress = Callable[[int], None]
"""Called with the number of input bytes newly done."""


def key_for_policy(
    policy: Policy, settings: Settings | None = None, *, key_file: Path | None = None
) -> SecretKey | None:
    """The key a run with ``policy`` uses: ``key_file``, else the policy's ``key_file``, else
    the settings or environment (:func:`~cityprivacy.protect.keys.load_key`).

    ``None`` when no rule needs a key and none was given; a rule that needs one and no key
    (or a short one) raises :class:`~cityprivacy.errors.KeyMaterialError`.
    """
    chosen = key_file or policy.key_file
    if not policy.needs_key and chosen is None:
        return None
    return load_key(settings, key_file=chosen)


class Deidentifier:
    """De-identifies texts and files with one policy and key; see the module docstring."""

    def __init__(
        self,
        policy: Policy,
        key: SecretKey | None = None,
        settings: Settings | None = None,
        analyzer: TextAnalyzer | None = None,
        *,
        workers: int | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self.analyzer = analyzer or TextAnalyzer(settings=self.settings)
        self.policy = policy
        self.key = key
        self.rules = BoundPolicy(policy, self.analyzer.taxonomy, key)
        self.protector = TextProtector(self.analyzer, self.rules)
        chosen = default_workers(self.settings) if workers is None else workers
        self.workers = chosen or os.cpu_count() or 1
        self.classifier = ColumnClassifier(
            self.analyzer,
            self.settings,
            categories={e: self.analyzer.taxonomy.category_for(e) for e in EntityType},
            recognizable=self.analyzer.entities,
        )

    def text(self, text: str, subject: str | None = None) -> DeidentifiedText:
        """``text`` with every finding replaced by its rule's output."""
        return self.protector.protect(text, subject)

    def files(
        self, inputs: Path | str, output: Path | str, progress: Progress | None = None
    ) -> DeidentifySummary:
        """De-identify the file or directory ``inputs`` into ``output``; see the module doc."""
        summary = DeidentifySummary(
            policy=self.policy.source,
            policy_version=self.policy.version,
            key_fingerprint=self.key.fingerprint if self.key is not None else None,
            workers=self.workers,
        )

        def walk_problem(error: UnreadableFileError) -> None:
            summary.problems.append(FileProblem.from_error(error))

        targets = plan_targets(Path(inputs), Path(output), walk_problem)
        if Path(inputs).is_dir():
            Path(output).mkdir(exist_ok=True)
        local = BatchTransformer(self.rules, self.protector)
        with BatchPool(local, workers=self.workers, analyzer=self.analyzer) as pool:
            for target in targets:
                summary.files.append(_FileRun(self, pool, target, progress).run())
        return summary


class _FileRun:
    """De-identifies one file into its target; problems are recorded, never raised."""

    def __init__(
        self, owner: Deidentifier, pool: BatchPool, target: Target, progress: Progress | None
    ) -> None:
        self.owner = owner
        self.pool = pool
        self.target = target
        self.progress = progress
        self.done = 0
        self.summary = FileSummary(target.input, target.output, "unknown")

    def advance(self, position: int) -> None:
        if self.progress is not None and position > self.done:
            self.progress(position - self.done)
            self.done = position

    def sink(self, error: UnreadableFileError) -> None:
        self.summary.problems.append(FileProblem.from_error(error))

    def run(self) -> FileSummary:
        path = self.target.input
        try:
            reader = open_reader(path, self.sink, self.owner.settings)
            fmt = self.target.output_format(reader.format)
            self.summary.format = str(reader.format)
            self.target.output.parent.mkdir(parents=True, exist_ok=True)
            with atomic_output(self.target.output) as tmp:
                if fmt is FileFormat.TEXT:
                    self._text(reader, tmp)
                else:
                    self._table(reader, fmt, tmp)
            self.summary.written = True
        except UnreadableFileError as exc:
            self.sink(exc)
        except CityPrivacyError as exc:
            self.sink(UnreadableFileError(path, str(exc)))
        except OSError as exc:
            self.sink(UnreadableFileError(path, f"read or write failed ({exc.strerror})"))
        if not self.summary.written:
            self.summary.rows = 0
            self.summary.counts.clear()
        with suppress(OSError):
            self.advance(path.stat().st_size)
        return self.summary

    def _text(self, reader: Reader, tmp: Path) -> None:
        chunks: Iterable[TextChunk] = reader.read()  # type: ignore[assignment]
        with TextWriter(tmp) as out:
            for piece in protect_chunks(
                chunks, self.owner.protector, on_chunk=lambda c: self.advance(c.bytes_done)
            ):
                out.write(piece.text)
                self.summary.counts.update(piece.counts)

    def _table(self, reader: Reader, fmt: FileFormat, tmp: Path) -> None:
        writer = open_table_writer(fmt, tmp, delimiter=delimiter_for(self.target.output))
        try:
            batches: Iterable[TableBatch] = reader.read()  # type: ignore[assignment]
            if reader.format is FileFormat.CSV:
                batches = _with_header(batches, reader.path)
            for job, batch, counts in self.pool.map(self._jobs(batches)):
                table, source = job.tag
                writer.write(table.name, batch)
                table.rows += batch.num_rows
                self.summary.rows += batch.num_rows
                self.summary.counts.update(counts)
                self.advance(source.bytes_done)
        finally:
            writer.close()

    def _jobs(
        self, batches: Iterable[TableBatch]
    ) -> Iterator[Job[tuple[TableSummary, TableBatch]]]:
        owner = self.owner
        subject = owner.policy.subject_column
        for name, group in groupby(batches, key=lambda b: b.table):
            table = TableSummary(name)
            self.summary.tables.append(table)
            plan = TablePlan(subject_column=subject)
            head, rest = _head(group, owner.settings.sample_rows)
            owner.classifier.extend(plan, [b.batch for b in head], owner.rules)
            if subject is not None and subject not in plan.columns:
                self.summary.notes.append(
                    f"{f'sheet {name}: ' if name else ''}no subject column {subject!r}; "
                    "dates are shifted by one key-wide offset, not per person"
                )
            for item in chain(head, rest):
                if plan.missing(item.batch):
                    owner.classifier.extend(plan, [item.batch], owner.rules)
                table.columns = list(plan.columns.values())
                yield Job((table, item), plan, item.batch)
            table.columns = list(plan.columns.values())


def _head(group: Iterable[TableBatch], rows: int) -> tuple[list[TableBatch], Iterator[TableBatch]]:
    """The first batches of ``group`` holding at least ``rows`` rows, and the rest."""
    iterator = iter(group)
    head: list[TableBatch] = []
    seen = 0
    while seen < rows:
        item = next(iterator, None)
        if item is None:
            break
        head.append(item)
        seen += item.num_rows
    return head, iterator


def _with_header(batches: Iterable[TableBatch], path: Path) -> Iterator[TableBatch]:
    """The CSV's batches; a header-only file gives one empty batch, so its header is kept."""
    empty = True
    for batch in batches:
        empty = False
        yield batch
    if empty:
        with path.open("rb") as raw:
            head = raw.read(HEAD_BYTES).decode("utf-8", "replace")
        names = header_names(head, *sniff_dialect(head, path.suffix))
        columns = [pa.array([], pa.string()) for _ in names]
        yield TableBatch(None, pa.RecordBatch.from_arrays(columns, names=names), 1, 2)
