"""The statistics page (/stats) and its exports (/stats/export.csv, /stats/export.xlsx), with
the same filters: months, region, scheme. Charts are ECharts when scripts run; every chart
has its table, which is also what prints as the monthly briefing."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from openpyxl import Workbook

from cyberpol.kernel.access import Actor
from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.clock import KAZAKHSTAN, month_in_kazakhstan
from cyberpol.kernel.figures import Figure, FigureFilter
from cyberpol.kernel.labels import CATEGORY_NAMES, N_, REGION_NAMES
from cyberpol.platform.http.deps import service
from cyberpol.platform.web import pages, sign_in_first, signed_in, translated
from cyberpol.stats.domain import UNPLACED, Dashboard
from cyberpol.stats.service import StatsService

router = APIRouter(include_in_schema=False)
StatsDep = Annotated[StatsService, Depends(service(StatsService))]
Month = Annotated[str, Query(max_length=7)]
FIGURE_NAMES = {
    Figure.REPORTS: N_("Reports received"),
    Figure.CASES_REGISTERED: N_("Cases registered"),
    Figure.SENT_TO_COURT: N_("Sent to court (solved)"),
    Figure.CLOSED_NON_REHABILITATING: N_("Closed, non-rehabilitating grounds"),
    Figure.CLOSED_REHABILITATING: N_("Closed, rehabilitating grounds"),
    Figure.DAMAGE: N_("Damage, tenge"),
    Figure.PENSIONER_VICTIMS: N_("Pensioners among victims"),
    Figure.DROPS_IDENTIFIED: N_("Drops identified"),
    Figure.ACCOUNTS_REQUESTED: N_("Accounts asked to freeze"),
    Figure.ACCOUNTS_FROZEN: N_("Accounts frozen"),
    Figure.FROZEN: N_("Frozen, tenge"),
    Figure.RETURNED: N_("Returned, tenge"),
    Figure.INDICATORS_CONFIRMED: N_("Indicators confirmed"),
    Figure.INDICATORS_BLOCKED: N_("Indicators blocked"),
    Figure.CALLS_BLOCKED: N_("Calls blocked"),
    Figure.RESOURCES_FOUND: N_("Internet resources found"),
    Figure.RESOURCES_BLOCKED: N_("Internet resources blocked"),
    Figure.RESOURCES_TAKEN_DOWN: N_("Internet resources taken down"),
}
CHARTED = (Figure.REPORTS, Figure.CASES_REGISTERED, Figure.SENT_TO_COURT)


def _month_start(value: str) -> datetime | None:
    """The first instant of a "YYYY-MM" month in Kazakhstan; None for anything else."""
    try:
        return datetime.strptime(value, "%Y-%m").replace(tzinfo=KAZAKHSTAN)
    except ValueError:
        return None


def _filters(now: datetime, since: str, until: str, region: str, category: str) -> FigureFilter:
    """The period from its first to its last month (a year to this month unless chosen)."""
    here = now.astimezone(KAZAKHSTAN)
    last = _month_start(until) or here.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    first = _month_start(since) or last.replace(year=last.year - 1) + timedelta(days=32)
    first = first.replace(day=1)
    after_last = (last + timedelta(days=32)).replace(day=1)
    return FigureFilter(
        since=first,
        until=after_last,
        region=region if region in {r.value for r in Region} else None,
        category=category if category in {c.value for c in ScamCategory} else None,
    )


@dataclass(frozen=True, slots=True)
class Asked:
    """The filters as the page, and both exports, take them from the query."""

    since: str
    until: str
    region: str
    category: str


def asked(
    since: Month = "",
    until: Month = "",
    region: Annotated[str, Query(max_length=40)] = "",
    category: Annotated[str, Query(max_length=40)] = "",
) -> Asked:
    return Asked(since, until, region, category)


AskedDep = Annotated[Asked, Depends(asked)]


def _dashboard(
    request: Request, stats: StatsService, wanted: Asked
) -> tuple[Actor, Dashboard] | Response:
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    filters = _filters(
        stats.reports.clock(), wanted.since, wanted.until, wanted.region, wanted.category
    )
    return actor, stats.dashboard(actor=actor, filters=filters)


def _month_label(moment: datetime | None) -> str:
    return month_in_kazakhstan(moment) if moment else ""


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request, stats: StatsDep, wanted: AskedDep) -> Response:
    """The dashboard: headline figures, by month, by region (a map) and by scheme."""
    found = _dashboard(request, stats, wanted)
    if isinstance(found, Response):
        return found
    actor, board = found
    f = board.filters
    last = (f.until - timedelta(days=1)) if f.until else None
    chosen = {"since": _month_label(f.since), "until": _month_label(last),
              "region": f.region or "", "category": f.category or ""}  # fmt: skip
    query = "&".join(f"{k}={v}" for k, v in chosen.items() if v)
    names = {figure.value: translated(request, name) for figure, name in FIGURE_NAMES.items()}
    chart = {
        "months": list(board.by_month),
        "series": [
            {"name": names[figure.value],
             "data": [float(board.by_month[m].get(figure, 0)) for m in board.by_month]}
            for figure in CHARTED
        ],
        "regions": {r: float(v.get(Figure.REPORTS, 0)) for r, v in board.by_region.items()},
        "region_names": {r: translated(request, n) for r, n in REGION_NAMES.items()},
        "map_title": names[Figure.REPORTS.value],
    }  # fmt: skip
    return pages(request).render(
        request,
        "stats/stats.html",
        {
            "user": actor,
            "section": "stats",
            "board": board,
            "figures": FIGURE_NAMES,
            "unplaced": UNPLACED,
            "chosen": chosen,
            "query": query,
            "chart": chart,
        },
    )


def _table(request: Request, board: Dashboard) -> list[list[object]]:
    """Every figure, one row per month, region and scheme, as the exports write it."""
    header: list[object] = [
        translated(request, N_("Month")),
        translated(request, N_("Region")),
        translated(request, N_("Scheme")),
        translated(request, N_("Figure")),
        "figure",
        translated(request, N_("Value")),
    ]
    rows: list[list[object]] = [header]
    for t in board.rows:
        rows.append(
            [
                t.month,
                translated(request, REGION_NAMES[t.region]) if t.region else "",
                translated(request, CATEGORY_NAMES[t.category]) if t.category else "",
                translated(request, FIGURE_NAMES[t.figure]),
                t.figure.value,
                t.value,
            ]
        )
    return rows


def _filename(board: Dashboard, extension: str) -> str:
    last = board.filters.until - timedelta(days=1) if board.filters.until else None
    return f"cyberpol-stats-{_month_label(board.filters.since)}-{_month_label(last)}.{extension}"


@router.get("/stats/export.csv")
def export_csv(request: Request, stats: StatsDep, wanted: AskedDep) -> Response:
    """The figures as CSV (UTF-8 with a byte-order mark, so Excel reads Cyrillic)."""
    found = _dashboard(request, stats, wanted)
    if isinstance(found, Response):
        return found
    _, board = found
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in _table(request, board):
        writer.writerow([_cell(v) for v in row])
    return Response(
        "\ufeff" + out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{_filename(board, "csv")}"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/stats/export.xlsx")
def export_xlsx(request: Request, stats: StatsDep, wanted: AskedDep) -> Response:
    """The figures as an Excel workbook: the period's totals, by month, and every row."""
    found = _dashboard(request, stats, wanted)
    if isinstance(found, Response):
        return found
    _, board = found
    book = Workbook()
    summary = book.active
    summary.title = translated(request, N_("Totals"))[:31]
    summary.append([translated(request, N_("Figure")), translated(request, N_("Value"))])
    for figure, name in FIGURE_NAMES.items():
        summary.append([translated(request, name), _number(board.total(figure))])
    months = book.create_sheet(translated(request, N_("By month"))[:31])
    months.append([translated(request, N_("Month"))] + [
        translated(request, name) for name in FIGURE_NAMES.values()
    ])  # fmt: skip
    for month, values in board.by_month.items():
        months.append([month] + [_number(values.get(f, Decimal(0))) for f in FIGURE_NAMES])
    rows = book.create_sheet(translated(request, N_("All rows"))[:31])
    for row in _table(request, board):
        rows.append([_number(v) if isinstance(v, Decimal) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return Response(
        out.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": f'attachment; filename="{_filename(board, "xlsx")}"',
            "Cache-Control": "no-store",
        },
    )


def _number(value: Decimal) -> int | float:
    """A figure as Excel keeps it: counts whole, money to the tiyn."""
    return int(value) if value == value.to_integral_value() else float(value)


def _cell(value: object) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula is quoted as text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
