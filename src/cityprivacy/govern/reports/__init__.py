"""Reports built from the office's records: the agency biennial report (Admin Code § 23-1205).

:func:`build_biennial_report` reads one agency's and its contractors' records for the two
years ending July 31 of an even year into a :class:`BiennialReport` (one typed table per
item the law lists); :func:`render` turns it into JSON, CSV or an Excel workbook.
"""

from __future__ import annotations

from cityprivacy.govern.reports.biennial import REPORT_READERS, build_biennial_report
from cityprivacy.govern.reports.model import SECTIONS, BiennialReport
from cityprivacy.govern.reports.period import ReportingPeriod
from cityprivacy.govern.reports.render import (
    FORMATS,
    ReportFormat,
    render,
    render_csv,
    render_json,
    render_xlsx,
)

__all__ = [
    "FORMATS",
    "REPORT_READERS",
    "SECTIONS",
    "BiennialReport",
    "ReportFormat",
    "ReportingPeriod",
    "build_biennial_report",
    "render",
    "render_csv",
    "render_json",
    "render_xlsx",
]
