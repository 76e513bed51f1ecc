"""Reports received, by month in Kazakhstan, region and scheme: counted as each report is
stored (``report_tallies``), so the statistics never group the reports themselves."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite

from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.clock import month_in_kazakhstan
from cyberpol.kernel.figures import Figure, FigureFilter, Tally
from cyberpol.platform.db.sql import kz_month
from cyberpol.reports.tables import report_tallies, reports


def count_report(
    db: Connection, created_at: datetime, region: Region | None, category: ScamCategory
) -> None:
    """One more report in its month, region and scheme, in the report's own transaction."""
    values = {
        "month": month_in_kazakhstan(created_at),
        "region": region.value if region else "",
        "category": category.value,
        "reports": 1,
    }
    insert = postgresql.insert if db.dialect.name == "postgresql" else sqlite.insert
    statement = insert(report_tallies).values(values)
    db.execute(
        statement.on_conflict_do_update(
            index_elements=["month", "region", "category"],
            set_={"reports": report_tallies.c.reports + 1},
        )
    )


def report_figures(db: Connection, filters: FigureFilter) -> list[Tally]:
    t = report_tallies.c
    conditions: list[ColumnElement[bool]] = []
    if filters.since:
        conditions.append(t.month >= month_in_kazakhstan(filters.since))
    if filters.until:
        conditions.append(t.month < month_in_kazakhstan(filters.until))
    if filters.region:
        conditions.append(t.region == filters.region)
    if filters.category:
        conditions.append(t.category == filters.category)
    rows = db.execute(select(t.month, t.region, t.category, t.reports).where(*conditions)).all()
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
