"""The cases' figures: registered, sent to court, closed on each ground, damage, pensioner
victims and drops identified, each by the month it happened in Kazakhstan, region, scheme."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, Integer, Select, cast, func, select

from cyberpol.cases.tables import case_events, case_links, case_parties, cases
from cyberpol.kernel.figures import Figure, FigureFilter, Tally
from cyberpol.platform.db.sql import chunked, kz_month, utc


def _where(filters: FigureFilter, moment: ColumnElement[datetime]) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.since:
        conditions.append(moment >= utc(filters.since))
    if filters.until:
        conditions.append(moment < utc(filters.until))
    if filters.region:
        conditions.append(cases.c.region == filters.region)
    if filters.category:
        conditions.append(cases.c.category == filters.category)
    return conditions


def _rows(
    db: Connection,
    moment: ColumnElement[datetime],
    query: Select[Any],
    values: dict[str, Any],
    by: tuple[Any, ...] = (),
) -> list[Any]:
    """``query``'s ``values`` (aggregates, by name) per month, region, scheme and ``by``."""
    month = kz_month(moment)
    columns = [v.label(name) for name, v in values.items()]
    return list(
        db.execute(
            query.add_columns(month.label("month"), cases.c.region, cases.c.category, *by,
                              *columns)
            .group_by(month, cases.c.region, cases.c.category, *by)
        ).all()
    )  # fmt: skip


def _tally(figure: Figure, row: Any, value: Any) -> Tally | None:
    return (
        Tally(figure, row.month, row.region, row.category, Decimal(str(value))) if value else None
    )


def case_figures(db: Connection, filters: FigureFilter) -> list[Tally]:
    """Six figures in four grouped queries: a dashboard visit reads each table once."""
    c, e, p, link = cases.c, case_events.c, case_parties.c, case_links.c
    found: list[Tally | None] = []
    opened = select().select_from(cases).where(*_where(filters, c.opened_at))
    for row in _rows(db, c.opened_at, opened, {"n": func.count()}):
        found.append(_tally(Figure.CASES_REGISTERED, row, row.n))
    decided = {
        ("sent_to_court", None): Figure.SENT_TO_COURT,
        ("closed", "rehabilitating"): Figure.CLOSED_REHABILITATING,
        ("closed", "non_rehabilitating"): Figure.CLOSED_NON_REHABILITATING,
    }
    events = (
        select()
        .select_from(case_events.join(cases, cases.c.id == e.case_id))
        .where(e.to_state.in_(("sent_to_court", "closed")), *_where(filters, e.at))
    )
    counted = {"n": func.count(e.case_id.distinct())}
    for row in _rows(db, e.at, events, counted, by=(e.to_state, e.ground)):
        figure = decided.get((row.to_state, row.ground))
        if figure is not None:
            found.append(_tally(figure, row, row.n))
    victims = (
        select()
        .select_from(case_parties.join(cases, cases.c.id == p.case_id))
        .where(p.role == "victim", *_where(filters, c.opened_at))
    )
    losses = {"loss": func.sum(p.loss), "pensioners": func.sum(cast(p.pensioner, Integer))}
    for row in _rows(db, c.opened_at, victims, losses):
        found += [_tally(Figure.DAMAGE, row, row.loss),
                  _tally(Figure.PENSIONER_VICTIMS, row, row.pensioners)]  # fmt: skip
    drops = (
        select()
        .select_from(case_links.join(cases, cases.c.id == link.case_id))
        .where(link.kind == "drop_account", *_where(filters, link.added_at))
    )
    for row in _rows(db, link.added_at, drops, {"n": func.count(link.ref.distinct())}):
        found.append(_tally(Figure.DROPS_IDENTIFIED, row, row.n))
    return [t for t in found if t is not None]


def case_places(db: Connection, numbers: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """Region and scheme of the cases named by number (ERDR, or CASE-<id>)."""
    erdr = [n for n in numbers if n.isdigit()]
    ids = [int(n[5:]) for n in numbers if n.startswith("CASE-") and n[5:].isdigit()]
    found: dict[str, tuple[str | None, str]] = {}
    c = cases.c
    for chunk in chunked(erdr):
        for row in db.execute(select(c.erdr_number, c.region, c.category).where(
            c.erdr_number.in_(chunk)
        )):  # fmt: skip
            found[row.erdr_number] = (row.region, row.category)
    for chunk_ids in chunked(ids):
        for row in db.execute(select(c.id, c.region, c.category).where(c.id.in_(chunk_ids))):
            found[f"CASE-{row.id}"] = (row.region, row.category)
    return found
