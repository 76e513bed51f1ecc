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


def _grouped(
    db: Connection, figure: Figure, moment: ColumnElement[datetime], value: Any, query: Select[Any]
) -> list[Tally]:
    month = kz_month(moment)
    rows = db.execute(
        query.add_columns(month.label("month"), cases.c.region, cases.c.category, value.label("v"))
        .group_by(month, cases.c.region, cases.c.category)
    ).all()  # fmt: skip
    return [
        Tally(figure, row.month, row.region, row.category, Decimal(str(row.v)))
        for row in rows
        if row.v
    ]


def case_figures(db: Connection, filters: FigureFilter) -> list[Tally]:
    c, e, p, link = cases.c, case_events.c, case_parties.c, case_links.c
    found = _grouped(
        db, Figure.CASES_REGISTERED, c.opened_at, func.count(),
        select().select_from(cases).where(*_where(filters, c.opened_at)),
    )  # fmt: skip
    decisions = (
        (Figure.SENT_TO_COURT, "sent_to_court", None),
        (Figure.CLOSED_REHABILITATING, "closed", "rehabilitating"),
        (Figure.CLOSED_NON_REHABILITATING, "closed", "non_rehabilitating"),
    )
    for figure, state, ground in decisions:
        found += _grouped(
            db, figure, e.at, func.count(e.case_id.distinct()),
            select().select_from(case_events.join(cases, cases.c.id == e.case_id))
            .where(e.to_state == state, e.ground == ground if ground else e.ground.is_(None),
                   *_where(filters, e.at)),
        )  # fmt: skip
    victims = (
        select()
        .select_from(case_parties.join(cases, cases.c.id == p.case_id))
        .where(p.role == "victim", *_where(filters, c.opened_at))
    )
    found += _grouped(db, Figure.DAMAGE, c.opened_at, func.sum(p.loss), victims)
    pensioners = func.sum(cast(p.pensioner, Integer))
    found += _grouped(db, Figure.PENSIONER_VICTIMS, c.opened_at, pensioners, victims)
    found += _grouped(
        db, Figure.DROPS_IDENTIFIED, link.added_at, func.count(link.ref.distinct()),
        select().select_from(case_links.join(cases, cases.c.id == link.case_id))
        .where(link.kind == "drop_account", *_where(filters, link.added_at)),
    )  # fmt: skip
    return found


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
