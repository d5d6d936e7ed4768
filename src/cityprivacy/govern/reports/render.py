"""The biennial report as JSON, CSV or an Excel workbook (bytes, ready to write or send).

- JSON: the report model as is (sections are lists of objects).
- CSV: one "long" table, ``section,row,column,value``, so that every section fits one file
  and a program can pivot it back; the report's own fields come first as section
  ``report``. Lists are joined with ``"; "``, missing values are empty.
- Excel: a ``report`` sheet with the report's fields and a contents list, then one sheet
  per section with a bold header row. Text that starts with ``=`` stays text, never a
  formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from pydantic import BaseModel

from cityprivacy.errors import InputError
from cityprivacy.govern.reports.model import SECTIONS, BiennialReport

__all__ = ["FORMATS", "ReportFormat", "render", "render_csv", "render_json", "render_xlsx"]

Scalar = str | int | bool | date | datetime | None


def _header(report: BiennialReport) -> dict[str, Scalar]:
    """The report's own (non-section) fields."""
    return {k: v for k, v in report.model_dump().items() if k not in SECTIONS}


def _rows(report: BiennialReport, section: str) -> list[BaseModel]:
    rows: list[BaseModel] = getattr(report, section)
    return rows


def _columns(report: BiennialReport, section: str) -> list[str]:
    annotation = type(report).model_fields[section].annotation
    row_model: type[BaseModel] = getattr(annotation, "__args__", (BaseModel,))[0]
    return list(row_model.model_fields)


def _flat(value: Any) -> Scalar:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value  # type: ignore[no-any-return]


def _text(value: Scalar) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def render_json(report: BiennialReport) -> bytes:
    return report.model_dump_json(indent=2).encode("utf-8")


def _long_rows(report: BiennialReport) -> Iterator[tuple[str, int, str, str]]:
    for key, value in _header(report).items():
        yield "report", 1, key, _text(value)
    for section in SECTIONS:
        for number, row in enumerate(_rows(report, section), start=1):
            for column, value in row.model_dump().items():
                yield section, number, column, _text(_flat(value))


def render_csv(report: BiennialReport) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "row", "column", "value"])
    writer.writerows(_long_rows(report))
    return out.getvalue().encode("utf-8")


def _cell(sheet: WriteOnlyWorksheet, value: Scalar, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones; stored times are UTC
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list[Scalar]]) -> None:
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        longest = max([len(name), *(len(_text(r[index - 1])) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    sheet.append([_cell(sheet, name, bold=True) for name in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def render_xlsx(report: BiennialReport) -> bytes:
    book = Workbook(write_only=True)
    summary: list[list[Scalar]] = [[k, v] for k, v in _header(report).items()]
    summary += [[f"sheet {name}", title] for name, title in SECTIONS.items()]
    _sheet(book, "report", ["field", "value"], summary)
    for section in SECTIONS:
        columns = _columns(report, section)
        rows = [
            [_flat(value) for value in row.model_dump().values()] for row in _rows(report, section)
        ]
        _sheet(book, section, columns, rows)
    book.properties.creator = "cityprivacy"
    book.properties.title = f"Biennial report {report.agency_code} {report.period_end}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class ReportFormat:
    """A rendering: its function, media type and file extension."""

    def __init__(self, render: Callable[[BiennialReport], bytes], media_type: str, suffix: str):
        self.render = render
        self.media_type = media_type
        self.suffix = suffix


FORMATS: dict[str, ReportFormat] = {
    "json": ReportFormat(render_json, "application/json", ".json"),
    "csv": ReportFormat(render_csv, "text/csv; charset=utf-8", ".csv"),
    "xlsx": ReportFormat(
        render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
    ),
}


def render(report: BiennialReport, fmt: str) -> bytes:
    """``report`` in ``fmt`` (json, csv or xlsx)."""
    try:
        return FORMATS[fmt].render(report)
    except KeyError:
        raise InputError(f"format: one of {', '.join(FORMATS)}") from None
