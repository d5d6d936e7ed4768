"""``/reports/biennial``: the agency biennial report as JSON, CSV or Excel."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from cityprivacy.govern.reports import (
    FORMATS,
    REPORT_READERS,
    BiennialReport,
    ReportingPeriod,
    build_biennial_report,
)
from cityprivacy.web.auth import allow
from cityprivacy.web.deps import UnitDep

__all__ = ["router"]

router = APIRouter(tags=["reports"])

_CONTENT: dict[str, Any] = {FORMATS[name].media_type: {} for name in ("csv", "xlsx")}


@router.get(
    "/reports/biennial",
    dependencies=[allow(*REPORT_READERS)],
    response_model=BiennialReport,
    responses={200: {"content": _CONTENT, "description": "The report in the format asked"}},
)
def biennial_report(
    o: UnitDep,
    agency_code: Annotated[str, Query(min_length=1, max_length=32)],
    period_end: Annotated[
        date | None,
        Query(description="July 31 of an even year (default: the period under way)."),
    ] = None,
    format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
) -> Response:
    """The report of an agency and its contractors for the two years ending ``period_end``
    (the agency's APOs, the CPO, auditors)."""
    end = period_end or ReportingPeriod.containing(o.context.now().date()).end
    report = build_biennial_report(o, agency_code, end)
    rendering = FORMATS[format]
    headers = {}
    if format != "json":
        name = f"biennial-{report.agency_code}-{report.period_end.isoformat()}{rendering.suffix}"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(rendering.render(report), media_type=rendering.media_type, headers=headers)
