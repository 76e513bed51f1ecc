"""Reports received, by month in Kazakhstan, region and scheme: counted as each report is
stored (``report_tallies``), so the statistics never group the reports themselves."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, func, select

from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.clock import month_in_kazakhstan
from cyberpol.kernel.figures import Figure, FigureFilter, Tally
from cyberpol.platform.db.sql import kz_month
from cyberpol.platform.db.tallies import add_to_tally, tally_where
from cyberpol.reports.tables import report_tallies, reports


def count_report(
    db: Connection, created_at: datetime, region: Region | None, category: ScamCategory
) -> None:
    """One more report in its month, region and scheme, in the report's own transaction."""
    key = {
        "month": month_in_kazakhstan(created_at),
        "region": region.value if region else "",
        "category": category.value,
    }
    add_to_tally(db, report_tallies, key, "reports", 1)


def report_figures(db: Connection, filters: FigureFilter) -> list[Tally]:
    t = report_tallies.c
    where = tally_where(report_tallies, filters)
    rows = db.execute(select(t.month, t.region, t.category, t.reports).where(*where)).all()
    return [
        Tally(Figure.REPORTS, row.month, row.region or None, row.category, Decimal(row.reports))
        for row in rows
    ]


def recount_tallies(db: Connection) -> None:
    """Count every stored report again (after reports were written around ``add``, in bulk)."""
    r = reports.c
    month = kz_month(r.created_at)
    region = func.coalesce(r.region, "")
    db.execute(report_tallies.delete())
    db.execute(
        report_tallies.insert().from_select(
            ["month", "region", "category", "reports"],
            select(month, region, r.category, func.count()).group_by(month, region, r.category),
        )
    )
