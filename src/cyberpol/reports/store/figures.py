"""Reports received, by month in Kazakhstan, region and scheme."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ColumnElement, Connection, func, select

from cyberpol.kernel.figures import Figure, FigureFilter, Tally
from cyberpol.platform.db.sql import kz_month, utc
from cyberpol.reports.tables import reports


def report_figures(db: Connection, filters: FigureFilter) -> list[Tally]:
    c = reports.c
    conditions: list[ColumnElement[bool]] = []
    if filters.since:
        conditions.append(c.created_at >= utc(filters.since))
    if filters.until:
        conditions.append(c.created_at < utc(filters.until))
    if filters.region:
        conditions.append(c.region == filters.region)
    if filters.category:
        conditions.append(c.category == filters.category)
    month = kz_month(c.created_at)
    rows = db.execute(
        select(month.label("month"), c.region, c.category, func.count().label("n"))
        .where(*conditions)
        .group_by(month, c.region, c.category)
    ).all()
    return [
        Tally(Figure.REPORTS, row.month, row.region, row.category, Decimal(row.n)) for row in rows
    ]
