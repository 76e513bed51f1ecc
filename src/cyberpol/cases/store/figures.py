"""The cases' figures: registered, sent to court, closed on each ground, damage, pensioner
victims and drops identified, each by the month it happened in Kazakhstan, region, scheme.

They are kept in ``case_tallies`` as cases change, in the change's transaction: what a case
adds is worked out before and after the change and the difference counted, so a case moved
to another region moves its figures too. A recount from the cases gives the same rows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, Integer, Select, cast, func, select

from cyberpol.cases.domain import read_case_number
from cyberpol.cases.tables import case_events, case_links, case_parties, case_tallies, cases
from cyberpol.kernel.clock import month_in_kazakhstan
from cyberpol.kernel.figures import Figure, FigureFilter, Tally
from cyberpol.platform.db.sql import chunked, kz_month
from cyberpol.platform.db.tallies import add_to_tally, tally_where

Key = tuple[Figure, str, str, str]  # figure, month, region ('' for none), scheme
DECIDED = {
    ("sent_to_court", None): Figure.SENT_TO_COURT,
    ("closed", "rehabilitating"): Figure.CLOSED_REHABILITATING,
    ("closed", "non_rehabilitating"): Figure.CLOSED_NON_REHABILITATING,
}
DROP = "drop_account"


def case_figures(db: Connection, filters: FigureFilter) -> list[Tally]:
    t = case_tallies.c
    query = select(t.figure, t.month, t.region, t.category, t.value).where(
        t.value != 0, *tally_where(case_tallies, filters)
    )
    return [
        Tally(Figure(row.figure), row.month, row.region or None, row.category, Decimal(row.value))
        for row in db.execute(query)
    ]


def case_share(db: Connection, case_id: int) -> dict[Key, Decimal]:
    """What one case adds to the figures (a decision counted once a month however often it
    was taken and undone; victims' damage in the month the case was opened)."""
    c, e, p, link = cases.c, case_events.c, case_parties.c, case_links.c
    case = db.execute(
        select(c.opened_at, c.region, c.category).where(c.id == case_id)
    ).one_or_none()
    if case is None:
        return {}
    region, category = case.region or "", case.category
    opened = month_in_kazakhstan(case.opened_at)
    share: dict[Key, Decimal] = {(Figure.CASES_REGISTERED, opened, region, category): Decimal(1)}

    def add(figure: Figure, month: str, value: Decimal) -> None:
        key = (figure, month, region, category)
        share[key] = share.get(key, Decimal(0)) + value

    events = select(e.to_state, e.ground, e.at).where(
        e.case_id == case_id, e.to_state.in_(("sent_to_court", "closed"))
    )
    decided = {
        (DECIDED[(row.to_state, row.ground)], month_in_kazakhstan(row.at))
        for row in db.execute(events)
        if (row.to_state, row.ground) in DECIDED
    }
    for figure, month in decided:
        add(figure, month, Decimal(1))
    victims = select(p.loss, p.pensioner).where(p.case_id == case_id, p.role == "victim")
    for row in db.execute(victims):
        add(Figure.DAMAGE, opened, Decimal(row.loss))
        add(Figure.PENSIONER_VICTIMS, opened, Decimal(int(row.pensioner)))
    drops = select(link.added_at).where(link.case_id == case_id, link.kind == DROP)
    for row in db.execute(drops):
        add(Figure.DROPS_IDENTIFIED, month_in_kazakhstan(row.added_at), Decimal(1))
    return share


def count_shares(db: Connection, before: dict[Key, Decimal], after: dict[Key, Decimal]) -> None:
    """Move the tallies from a case's share ``before`` a change to its share ``after``."""
    for key in before.keys() | after.keys():
        difference = after.get(key, Decimal(0)) - before.get(key, Decimal(0))
        if difference:
            figure, month, region, category = key
            where = {"figure": figure.value, "month": month, "region": region,
                     "category": category}  # fmt: skip
            add_to_tally(db, case_tallies, where, "value", difference)


def count_new_case(db: Connection, case_id: int) -> None:
    count_shares(db, {}, case_share(db, case_id))


@contextmanager
def tallied(db: Connection, case_id: int) -> Iterator[None]:
    """Keep the tallies in step with whatever the block changes about one case."""
    before = case_share(db, case_id)
    yield
    count_shares(db, before, case_share(db, case_id))


def _grouped(
    db: Connection, moment: ColumnElement[datetime], query: Select[Any], values: dict[str, Any],
    by: tuple[Any, ...] = (),
) -> list[Any]:  # fmt: skip
    """``query``'s ``values`` (aggregates, by name) per month, region, scheme and ``by``."""
    month = kz_month(moment)
    region = func.coalesce(cases.c.region, "")
    columns = [v.label(name) for name, v in values.items()]
    return list(
        db.execute(
            query.add_columns(month.label("month"), region.label("region"), cases.c.category,
                              *by, *columns)
            .group_by(month, region, cases.c.category, *by)
        ).all()
    )  # fmt: skip


def recount_case_tallies(db: Connection) -> None:
    """Count every case again (after cases were written around the store, in bulk)."""
    c, e, p, link = cases.c, case_events.c, case_parties.c, case_links.c
    found: dict[Key, Decimal] = {}

    def add(figure: Figure, row: Any, value: Any) -> None:
        if value:
            found[(figure, row.month, row.region, row.category)] = Decimal(str(value))

    for row in _grouped(db, c.opened_at, select().select_from(cases), {"n": func.count()}):
        add(Figure.CASES_REGISTERED, row, row.n)
    events = (
        select()
        .select_from(case_events.join(cases, c.id == e.case_id))
        .where(e.to_state.in_(("sent_to_court", "closed")))
    )
    counted = {"n": func.count(e.case_id.distinct())}
    for row in _grouped(db, e.at, events, counted, by=(e.to_state, e.ground)):
        if (row.to_state, row.ground) in DECIDED:
            add(DECIDED[(row.to_state, row.ground)], row, row.n)
    victims = (
        select().select_from(case_parties.join(cases, c.id == p.case_id)).where(p.role == "victim")
    )
    losses = {"loss": func.sum(p.loss), "pensioners": func.sum(cast(p.pensioner, Integer))}
    for row in _grouped(db, c.opened_at, victims, losses):
        add(Figure.DAMAGE, row, row.loss)
        add(Figure.PENSIONER_VICTIMS, row, row.pensioners)
    drops = select().select_from(case_links.join(cases, c.id == link.case_id))
    for row in _grouped(db, link.added_at, drops.where(link.kind == DROP), {"n": func.count()}):
        add(Figure.DROPS_IDENTIFIED, row, row.n)
    db.execute(case_tallies.delete())
    if found:
        db.execute(
            case_tallies.insert(),
            [{"figure": f.value, "month": m, "region": r, "category": k, "value": v}
             for (f, m, r, k), v in found.items()],
        )  # fmt: skip


def case_places(db: Connection, numbers: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """Region and scheme of the cases named by number (ERDR, or CASE-<id>)."""
    read = {number: read_case_number(number) for number in numbers}
    erdr = [n for n in read.values() if isinstance(n, str)]
    ids = [n for n in read.values() if isinstance(n, int)]
    by_erdr, by_id = {}, {}
    c = cases.c
    for chunk in chunked(erdr):
        query = select(c.erdr_number, c.region, c.category).where(c.erdr_number.in_(chunk))
        by_erdr.update({row.erdr_number: (row.region, row.category) for row in db.execute(query)})
    for chunk_ids in chunked(ids):
        query = select(c.id, c.region, c.category).where(c.id.in_(chunk_ids))
        by_id.update({row.id: (row.region, row.category) for row in db.execute(query)})
    found = {n: by_erdr.get(r) if isinstance(r, str) else by_id.get(r) for n, r in read.items()}
    return {number: place for number, place in found.items() if place is not None}
