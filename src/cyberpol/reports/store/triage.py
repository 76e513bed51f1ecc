"""The triage queue's reads: indicators in a status, each with the newest reports naming it.

The queue walks indicators by ``last_seen`` (indexed with their status) and keeps those that a
matching report names, so a page costs its own rows and not a scan of every report; the
filters that live on reports are copied onto the sightings, and only the channel needs the
reports table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import ColumnElement, Connection, and_, exists, func, select

from cyberpol.platform.db.sql import utc
from cyberpol.registry.tables import indicators, sightings
from cyberpol.reports.domain import Report
from cyberpol.reports.ports import QueuedIndicator, TriageFilter
from cyberpol.reports.tables import reports


def _sighting_conditions(filters: TriageFilter) -> list[ColumnElement[bool]]:
    s = sightings.c
    conditions: list[ColumnElement[bool]] = []
    if filters.category:
        conditions.append(s.category == filters.category)
    if filters.region:
        conditions.append(s.region == filters.region)
    if filters.since:
        conditions.append(s.reported_at >= utc(filters.since))
    if filters.until:
        conditions.append(s.reported_at <= utc(filters.until))
    if filters.channel:
        conditions.append(
            exists().where(reports.c.id == s.report_id, reports.c.channel == filters.channel)
        )
    return conditions


def triage_queue(
    db: Connection,
    filters: TriageFilter,
    *,
    to_reports: Callable[[Sequence[str]], list[Report]],
) -> tuple[list[QueuedIndicator], bool]:
    """A page of the queue and whether another follows; ``to_reports`` reads reports by id."""
    matching = _sighting_conditions(filters)
    i = indicators.c
    page = db.execute(
        select(i.id, i.key)
        .where(
            i.status == filters.status,
            exists().where(sightings.c.indicator_id == i.id, *matching),
        )
        .order_by(i.last_seen.desc(), i.id.desc())
        .limit(filters.limit + 1)
        .offset(filters.offset)
    ).all()
    has_more = len(page) > filters.limit
    page = page[: filters.limit]
    ids = [row.id for row in page]
    if not ids:
        return [], has_more
    in_page = and_(sightings.c.indicator_id.in_(ids), *matching)
    counts: dict[int, int] = dict(
        db.execute(
            select(sightings.c.indicator_id, func.count())
            .where(in_page)
            .group_by(sightings.c.indicator_id)
        ).all()
    )
    ranked = (
        select(
            sightings.c.indicator_id,
            sightings.c.report_id,
            func.row_number()
            .over(
                partition_by=sightings.c.indicator_id,
                order_by=(sightings.c.reported_at.desc(), sightings.c.report_id.desc()),
            )
            .label("rank"),
        )
        .where(in_page)
        .subquery()
    )
    newest: dict[int, list[str]] = {}
    for row in db.execute(
        select(ranked.c.indicator_id, ranked.c.report_id)
        .where(ranked.c.rank <= filters.per_group)
        .order_by(ranked.c.indicator_id, ranked.c.rank)
    ):
        newest.setdefault(row.indicator_id, []).append(row.report_id)
    wanted = list(dict.fromkeys(r for ids_ in newest.values() for r in ids_))
    by_id = {report.id: report for report in to_reports(wanted)}
    return [
        QueuedIndicator(
            key=row.key,
            matching=int(counts.get(row.id, 0)),
            reports=tuple(by_id[r] for r in newest.get(row.id, []) if r in by_id),
        )
        for row in page
    ], has_more
