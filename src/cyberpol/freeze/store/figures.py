"""Freeze requests in the unit's figures, by month and case (the statistics place each case
by its region and scheme): accounts requested and frozen, money frozen and returned. Tenge
only: the unit reports in tenge, and other currencies are rare enough to read request by
request."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from cyberpol.freeze.tables import freeze_requests
from cyberpol.kernel.figures import Figure, FigureFilter, Tally
from cyberpol.platform.db.sql import kz_month, utc

_HELD = ("frozen", "partially_frozen", "released", "expired")


def freeze_figures(db: Connection, filters: FigureFilter) -> list[Tally]:
    r = freeze_requests.c

    def tallies(
        figure: Figure, moment: ColumnElement[datetime], value: Any, *where: Any
    ) -> list[Tally]:
        conditions = [r.currency == "KZT", moment.is_not(None), *where]
        if filters.since:
            conditions.append(moment >= utc(filters.since))
        if filters.until:
            conditions.append(moment < utc(filters.until))
        month = kz_month(moment)
        rows = db.execute(
            select(month.label("month"), r.case_number, value.label("v"))
            .where(*conditions)
            .group_by(month, r.case_number)
        ).all()
        return [
            Tally(figure, row.month, None, None, Decimal(str(row.v)), case=row.case_number)
            for row in rows
            if row.v
        ]

    accounts = func.count(r.account_key.distinct())
    held = (r.state.in_(_HELD), r.frozen_amount > 0)
    return [
        *tallies(Figure.ACCOUNTS_REQUESTED, r.sent_at, accounts),
        *tallies(Figure.ACCOUNTS_FROZEN, r.answered_at, accounts, *held),
        *tallies(Figure.FROZEN, r.answered_at, func.sum(r.frozen_amount), r.state.in_(_HELD)),
        *tallies(Figure.RETURNED, r.closed_at, func.sum(r.returned_amount), r.state == "released"),
    ]
