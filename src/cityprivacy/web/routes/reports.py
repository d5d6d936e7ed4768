"""``/reports/biennial``: the agency biennial report as JSON, CSV or Excel;
``/reports/summaries``: the summaries of exigent and unlawful disclosures (JSON or CSV)."""

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
from cityprivacy.govern.reports.summaries import (
    SUMMARY_FORMATS,
    SUMMARY_READERS,
    DisclosureSummaries,
    build_summaries,
    render_summaries,
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


@router.get(
    "/reports/summaries",
    dependencies=[allow(*SUMMARY_READERS)],
    response_model=DisclosureSummaries,
    responses={
        200: {
            "content": {SUMMARY_FORMATS["csv"][0]: {}},
            "description": "The summaries in the format asked",
        }
    },
)
def summaries_report(
    o: UnitDep,
    period_from: Annotated[date, Query(alias="from", description="First day (UTC).")],
    period_to: Annotated[date, Query(alias="to", description="Last day, inclusive (UTC).")],
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Response:
    """Summaries of exigent and unlawful disclosures for the Mayor and the Council Speaker:
    counts only (the CPO, auditors and administrators citywide; an APO for their own
    organization and those under it)."""
    summary = build_summaries(o, period_from, period_to)
    media_type = SUMMARY_FORMATS[format][0]
    headers = {}
    if format == "csv":
        name = f"summaries-{period_from.isoformat()}-{period_to.isoformat()}.csv"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(render_summaries(summary, format), media_type=media_type, headers=headers)
