"""``FileScanner``: scan files and folders, one file at a time, into a :class:`ScanReport`.

Each file is read by the reader for its format; tables go through
:class:`~cityprivacy.detect.tables.scanner.TableScanner`, text chunks through the analyzer.
A file that cannot be read is reported and the scan goes on with the next one; what was
read before a mid-file failure is kept. Free-text cells are analyzed with
:func:`~cityprivacy.detect.parallel.analyze_many` on ``workers`` processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from cityprivacy.config import Settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.files.base import TableBatch, TextChunk
from cityprivacy.detect.files.walk import DiscoveredFile, discover, open_reader
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.parallel import analyze_many
from cityprivacy.detect.report import FileFinding, FileProblem, FileReport, Location, ScanReport
from cityprivacy.detect.tables.scanner import TableScanner
from cityprivacy.errors import CityPrivacyError, UnreadableFileError

__all__ = ["FileScanner", "Progress"]

Progress = Callable[[int], None]
"""Called with the number of bytes newly done."""


class FileScanner:
    """Scans paths with one analyzer; see the module docstring."""

    def __init__(
        self,
        analyzer: TextAnalyzer,
        settings: Settings,
        *,
        workers: int | None = None,
        combinations: bool = True,
        uniqueness_rows: int | None = None,
        max_findings_per_file: int = 10_000,
    ) -> None:
        self.analyzer = analyzer
        self.settings = settings
        self.workers = workers
        self.combinations = combinations
        self.uniqueness_rows = (
            settings.uniqueness_sample_rows if uniqueness_rows is None else uniqueness_rows
        )
        self.max_findings = max_findings_per_file
        self.categories = {e: _category(analyzer, e) for e in EntityType}

    def discover(self, paths: Sequence[Path]) -> tuple[list[DiscoveredFile], list[FileProblem]]:
        """The files under ``paths`` and the problems met finding them (missing, loops)."""
        problems: list[FileProblem] = []
        files = list(discover(paths, lambda e: problems.append(FileProblem.from_error(e))))
        return files, problems

    def scan(self, paths: Sequence[Path], progress: Progress | None = None) -> ScanReport:
        files, problems = self.discover(paths)
        report = ScanReport(problems=problems)
        for file in files:
            report.files.append(self.scan_file(file, progress))
        return report

    def scan_file(self, file: DiscoveredFile, progress: Progress | None = None) -> FileReport:
        """Scan one file; problems are recorded in the report, never raised."""
        report = FileReport(file.path, "unknown", file.size)
        done = 0

        def advance(position: int) -> None:
            nonlocal done
            if progress is not None and position > done:
                progress(position - done)
                done = position

        def sink(error: UnreadableFileError) -> None:
            report.problems.append(FileProblem.from_error(error))

        try:
            reader = open_reader(file.path, sink, self.settings)
            report.format = str(reader.format)
            if reader.format.is_table:
                self._table(reader.read(), report, advance)  # type: ignore[arg-type]
            else:
                self._text(reader.read(), report, advance)  # type: ignore[arg-type]
        except UnreadableFileError as exc:
            sink(exc)
        except CityPrivacyError as exc:
            sink(UnreadableFileError(file.path, str(exc)))
        except (OSError, MemoryError) as exc:
            sink(UnreadableFileError(file.path, f"read failed ({type(exc).__name__})"))
        advance(file.size)
        return report

    def _table(self, batches: Iterable[TableBatch], report: FileReport, advance: Progress) -> None:
        scanner = TableScanner(
            self.analyzer,
            self.settings,
            categories=self.categories,
            recognizable=self.analyzer.entities,
            analyze_texts=self._analyze_texts,
            uniqueness_rows=self.uniqueness_rows,
            combinations=self.combinations,
            max_findings=self.max_findings,
        )
        try:
            for table in scanner.scan(batches, report.path, lambda b: advance(b.bytes_done)):
                report.tables.append(table)
        finally:
            report.findings.extend(scanner.findings)
            report.findings_truncated = scanner.findings_truncated
            report.counts.update(scanner.counts)

    def _analyze_texts(self, texts: list[str]) -> Iterable[list[Finding]]:
        return analyze_many(
            texts, workers=self.workers, settings=self.settings, analyzer=self.analyzer
        )

    def _text(self, chunks: Iterable[TextChunk], report: FileReport, advance: Progress) -> None:
        for chunk in chunks:
            for f in self.analyzer.analyze(chunk.text):
                report.counts[f.entity_type] += 1
                if len(report.findings) >= self.max_findings:
                    report.findings_truncated = True
                    continue
                report.findings.append(_text_finding(report.path, chunk, f))
            advance(chunk.bytes_done)


def _text_finding(path: Path, chunk: TextChunk, f: Finding) -> FileFinding:
    text = chunk.text
    newlines = text.count("\n", 0, f.start)
    # Columns are 1-based: after a line break inside the chunk, count from that break.
    column = f.start - text.rfind("\n", 0, f.start) if newlines else chunk.column + f.start
    where = Location(
        path,
        line=chunk.line + newlines,
        column=column,
        offset=chunk.offset + f.start,
        length=f.end - f.start,
    )
    return FileFinding.of(f, text, where)


def _category(analyzer: TextAnalyzer, entity: EntityType) -> str:
    try:
        return analyzer.taxonomy.category_for(entity)
    except CityPrivacyError:
        return ""
