"""The registry in the unit's figures: indicators from citizens' reports confirmed, and blocks
put in force, by month in Kazakhstan (not by region: an indicator spans many reports)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Connection, func, select

from cyberpol.kernel.figures import Figure, FigureFilter, Tally
from cyberpol.platform.db.sql import kz_month, utc
from cyberpol.registry.tables import indicator_blocks, indicators


def registry_figures(db: Connection, filters: FigureFilter) -> list[Tally]:
    i, b = indicators.c, indicator_blocks.c
    found: list[Tally] = []
    # Confirmed: those citizens reported and analysts confirmed (or blocked), in the month of
    # that decision; known-bad lists loaded as such are not the unit's work.
    for figure, moment, query in (
        (Figure.INDICATORS_CONFIRMED, i.updated_at,
         select().select_from(indicators)
         .where(i.status.in_(("confirmed", "blocked")), i.report_count > 0)),
        (Figure.INDICATORS_BLOCKED, b.created_at, select().select_from(indicator_blocks)),
    ):  # fmt: skip
        if filters.since:
            query = query.where(moment >= utc(filters.since))
        if filters.until:
            query = query.where(moment < utc(filters.until))
        month = kz_month(moment)
        rows = db.execute(
            query.add_columns(month.label("month"), func.count().label("n")).group_by(month)
        ).all()
        found += [Tally(figure, row.month, None, None, Decimal(row.n)) for row in rows]
    return found
