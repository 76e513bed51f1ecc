"""The registry of indicators on SQLite or PostgreSQL."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from sqlalchemy import (
    BindParameter,
    Connection,
    String,
    bindparam,
    cast,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.indicators.kinds import Indicator
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.kernel.pages import Page
from cyberpol.platform.db.masked import mask_json
from cyberpol.platform.db.sql import AnyRow, chunked, utc
from cyberpol.registry.domain import Block, IndicatorStatus, IndicatorSummary, Sighting
from cyberpol.registry.ports import IndicatorFilter
from cyberpol.registry.store.figures import registry_figures
from cyberpol.registry.store.rows import block_from_row, indicator_from_row
from cyberpol.registry.tables import (
    indicator_blocks,
    indicator_reporters,
    indicators,
    sightings,
)

_UPSERT = (
    "INSERT INTO indicators (kind, value, key, attributes, status, categories, report_count, "
    "source, first_seen, last_seen, updated_at) VALUES ({values}) ON CONFLICT (key) DO UPDATE "
    # A known-bad list may raise a merely reported indicator; it never lowers a verdict.
    "SET last_seen = CASE WHEN excluded.last_seen > indicators.last_seen "
    "THEN excluded.last_seen ELSE indicators.last_seen END, "
    "status = CASE WHEN indicators.status = 'reported' THEN excluded.status "
    "ELSE indicators.status END"
)
_UPSERT_SQLITE = _UPSERT.format(values=", ".join(["?"] * 11))
_UPSERT_POSTGRES = _UPSERT.format(
    values="%s, %s, %s, CAST(%s AS JSON), %s, CAST(%s AS JSON), %s, %s, %s, %s, %s"
)
# Expanding parameters skip SQLAlchemy's per-value coercion, a third of an import's time.
_KEYS: BindParameter[list[str]] = bindparam("keys", expanding=True)
_IDS_BY_KEY = select(indicators.c.key, indicators.c.id).where(indicators.c.key.in_(_KEYS))
_ROWS_BY_KEY = select(indicators).where(indicators.c.key.in_(_KEYS))
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_STATUS_BY_ID = select(indicators.c.id, indicators.c.status).where(indicators.c.id.in_(_IDS))
_BLOCKERS_BY_ID = select(indicator_blocks.c.indicator_id, indicator_blocks.c.blocked_by).where(
    indicator_blocks.c.indicator_id.in_(_IDS), indicator_blocks.c.lifted_at.is_(None)
)
# What a report's sightings change on its indicators, compiled once (an import runs them per row)
_CATEGORIES_FOR_UPDATE = (
    select(indicators.c.id, indicators.c.categories)
    .where(indicators.c.id.in_(_IDS))
    .order_by(indicators.c.id)
    .with_for_update()
)
_COUNT_REPORTER = (
    update(indicators)
    .where(indicators.c.id.in_(_IDS))
    .values(report_count=indicators.c.report_count + 1)
)
_AT = bindparam("at", type_=indicators.c.first_seen.type)
_MOVE_FIRST_SEEN = (
    update(indicators)
    .where(indicators.c.id.in_(_IDS), indicators.c.first_seen > _AT)
    .values(first_seen=_AT)
)
_ADD_REPORTER_POSTGRES, _ADD_REPORTER_SQLITE = (
    insert(indicator_reporters)
    .on_conflict_do_nothing()
    .returning(indicator_reporters.c.indicator_id)
    for insert in (postgresql_insert, sqlite_insert)
)


class SqlIndicatorRepository:
    """IndicatorRepository over one connection; the unit of work owns the transaction."""

    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def figures(self, filters: FigureFilter) -> list[Tally]:
        return registry_figures(self._db, filters)

    def upsert(
        self,
        items: Sequence[Indicator],
        *,
        now: datetime,
        source: str,
        status: IndicatorStatus = IndicatorStatus.REPORTED,
        categories: Sequence[str] = (),
    ) -> None:
        by_key = {i.key: i for i in items}
        # Rows are locked in key order, so two reports naming the same indicators in
        # opposite orders wait for each other instead of deadlocking on PostgreSQL.
        unique = [by_key[key] for key in sorted(by_key)]
        if not unique:
            return
        # Bulk loads spend most of their time in per-value parameter processing, so the rows
        # go to the driver's executemany as plain tuples, converted once per chunk here.
        dialect = self._db.dialect
        moment = indicators.c.first_seen.type.dialect_impl(dialect).bind_processor(dialect)
        stamp = moment(now) if moment else now
        # These rows bypass the columns' types, so they mask card numbers as those types do.
        source = redact_cards(source)
        shared = (status.value, json.dumps(sorted(set(categories))), 0, source, stamp, stamp, stamp)
        rows = [
            (
                i.kind.value,
                redact_cards(i.value),
                redact_cards(i.key),
                json.dumps(mask_json(i.attributes)),
                *shared,
            )
            for i in unique
        ]
        statement = _UPSERT_POSTGRES if dialect.name == "postgresql" else _UPSERT_SQLITE
        for chunk in chunked(rows, 5000):
            self._db.exec_driver_sql(statement, list(chunk))

    def ids_for_keys(self, keys: Sequence[str]) -> dict[str, int]:
        """Ids of the indicators with these keys (those that exist)."""
        found: dict[str, int] = {}
        for chunk in chunked(keys):
            rows = self._db.execute(_IDS_BY_KEY, {"keys": list(chunk)})
            found.update({row.key: row.id for row in rows})
        return found

    def payment_account_keys(self) -> list[str]:
        """IBANs and cards in the registry that are not dismissed, as transfer account keys."""
        rows = self._db.execute(
            select(indicators.c.kind, indicators.c.key).where(
                indicators.c.kind.in_(("iban", "card")), indicators.c.status != "dismissed"
            )
        )
        # A card's registry key is the transfer store's key; an IBAN's is "iban:" + IBAN.
        return [key if kind == "card" else key.split(":", 1)[1] for kind, key in rows]

    def values_with_status(
        self, kind: str, statuses: Sequence[IndicatorStatus]
    ) -> dict[IndicatorStatus, list[str]]:
        i = indicators.c
        found: dict[IndicatorStatus, list[str]] = {status: [] for status in statuses}
        rows = self._db.execute(
            select(i.status, i.key).where(i.status.in_([s.value for s in statuses]), i.kind == kind)
        )
        prefix = len(kind) + 1  # keys are "<kind>:<normalised value>"
        for status, key in rows:
            found[IndicatorStatus(status)].append(key[prefix:])
        return found

    def status_stamp(self, statuses: Sequence[IndicatorStatus]) -> str:
        i = indicators.c
        # Every change of status sets updated_at, and an indicator leaving one of these
        # statuses enters another of them (the state machine has no other way out of
        # confirmed or blocked), so the newest updated_at in each moves with the sets: one
        # probe of (status, updated_at) each, whatever the registry's size. A change of any
        # kind moves it (the index has no kind): readers of one kind reread a little often.
        newest = [
            select(func.max(i.updated_at)).where(i.status == s.value).scalar_subquery()
            for s in statuses
        ]
        return repr(tuple(self._db.execute(select(*newest)).one()))

    def find_by_keys(self, keys: Sequence[str]) -> Mapping[str, IndicatorSummary]:
        rows: list[AnyRow] = []
        for chunk in chunked(list(dict.fromkeys(keys))):
            rows += self._db.execute(_ROWS_BY_KEY, {"keys": list(chunk)}).all()
        return {r.key: s for r, s in zip(rows, self._summaries(rows), strict=True)}

    def get(self, indicator_id: int) -> IndicatorSummary | None:
        row = self._db.execute(select(indicators).where(indicators.c.id == indicator_id)).first()
        if row is None:
            return None
        return self._summaries([row])[0]

    def search(self, filters: IndicatorFilter) -> Page[IndicatorSummary]:
        conditions = []
        c = indicators.c
        if filters.kind:
            conditions.append(c.kind == filters.kind)
        if filters.status:
            conditions.append(c.status == filters.status)
        if filters.category:
            conditions.append(cast(c.categories, String).like(f'%"{filters.category}"%'))
        if filters.region:
            conditions.append(
                exists().where(
                    sightings.c.indicator_id == c.id, sightings.c.region == filters.region
                )
            )
        if filters.seen_since:
            # SQLite keeps naive UTC: compare in UTC, or a +05:00 bound is off by five hours
            conditions.append(c.last_seen >= utc(filters.seen_since))
        if filters.seen_until:
            conditions.append(c.first_seen <= utc(filters.seen_until))
        if filters.query:
            conditions.append(c.value.contains(filters.query, autoescape=True))
        total = self._db.execute(
            select(func.count()).select_from(indicators).where(*conditions)
        ).scalar_one()
        query = (
            select(indicators)
            .where(*conditions)
            .order_by(c.last_seen.desc(), c.id.desc())
            .limit(filters.limit)
            .offset(filters.offset)
        )
        items = self._summaries(self._db.execute(query).all())
        return Page(items, total, filters.limit, filters.offset)

    def related(self, indicator_id: int, limit: int = 100) -> list[IndicatorSummary]:
        """Indicators named in the same reports as this one, the most shared first."""
        mine, theirs = sightings.alias("mine"), sightings.alias("theirs")
        shared = (
            select(theirs.c.indicator_id, func.count().label("shared"))
            .join(mine, mine.c.report_id == theirs.c.report_id)
            .where(mine.c.indicator_id == indicator_id, theirs.c.indicator_id != indicator_id)
            .group_by(theirs.c.indicator_id)
            .subquery()
        )
        query = (
            select(indicators)
            .join(shared, shared.c.indicator_id == indicators.c.id)
            .order_by(shared.c.shared.desc(), indicators.c.id)
            .limit(limit)
        )
        return self._summaries(self._db.execute(query).all())

    def set_status(
        self,
        indicator_id: int,
        status: IndicatorStatus,
        reason: str,
        *,
        now: datetime,
        expected: IndicatorStatus,
    ) -> bool:
        """Change the status only if it still is ``expected``; False if someone changed it first."""
        result = self._db.execute(
            update(indicators)
            .where(indicators.c.id == indicator_id, indicators.c.status == expected.value)
            .values(status=status.value, status_reason=reason, updated_at=now)
        )
        return result.rowcount == 1

    def add_block(self, indicator_id: int, block: Block, *, actor: str) -> None:
        self.add_blocks([(indicator_id, block)], actor=actor)

    def add_blocks(self, blocks: Sequence[tuple[int, Block]], *, actor: str) -> None:
        """Record many blocks in one round trip (imports of block lists)."""
        if not blocks:
            return
        moment = indicator_blocks.c.created_at.type.dialect_impl(self._db.dialect).bind_processor(
            self._db.dialect
        )
        rows = [
            (
                indicator_id,
                b.by.value,
                redact_cards(b.name) if b.name else b.name,
                redact_cards(b.reason),
                redact_cards(actor),
                moment(b.since) if moment else b.since,
            )
            for indicator_id, b in blocks
        ]
        marks = ", ".join(["%s" if self._db.dialect.name == "postgresql" else "?"] * 6)
        self._db.exec_driver_sql(
            "INSERT INTO indicator_blocks (indicator_id, blocked_by, blocker_name, reason, "
            f"created_by, created_at) VALUES ({marks})",
            rows,
        )

    def lift_blocks(self, indicator_id: int, *, now: datetime) -> None:
        self._db.execute(
            update(indicator_blocks)
            .where(
                indicator_blocks.c.indicator_id == indicator_id,
                indicator_blocks.c.lifted_at.is_(None),
            )
            .values(lifted_at=now)
        )

    def record_sightings(self, sighting: Sighting, indicator_ids: Iterable[int]) -> None:
        """Link the indicators to the report and count it, touching only their own rows.

        Counters move by increments inside the report's transaction, so a report costs the
        same whether its indicator was reported once or 100,000 times before.
        """
        ids = sorted(set(indicator_ids))
        if not ids:
            return
        reported_at = utc(sighting.reported_at)
        self._db.execute(
            sightings.insert(),
            [
                {
                    "report_id": sighting.report_id,
                    "indicator_id": indicator_id,
                    "reporter_fingerprint": sighting.reporter_fingerprint,
                    "category": sighting.category,
                    "region": sighting.region,
                    "reported_at": reported_at,
                }
                for indicator_id in ids
            ],
        )
        # Locked until commit (PostgreSQL), so the category merge below is not interleaved
        # with another report's; SQLite has one writer at a time anyway.
        current = self._db.execute(_CATEGORIES_FOR_UPDATE, {"ids": ids}).all()
        fresh = self._add_reporter(sighting.reporter_fingerprint, ids)
        if fresh:
            # Relative to the stored value, so two transactions' increments never overwrite.
            self._db.execute(_COUNT_REPORTER, {"ids": fresh})
        self._db.execute(_MOVE_FIRST_SEEN, {"ids": ids, "at": reported_at})
        for row in current:
            known = set(row.categories or ())
            if sighting.category not in known:
                self._db.execute(
                    update(indicators)
                    .where(indicators.c.id == row.id)
                    .values(categories=sorted(known | {sighting.category}))
                )

    def _add_reporter(self, fingerprint: str, ids: Sequence[int]) -> list[int]:
        """The indicators this reporter had not reported before (now recorded as reported)."""
        statement = (
            _ADD_REPORTER_POSTGRES
            if self._db.dialect.name == "postgresql"
            else _ADD_REPORTER_SQLITE
        )
        rows = [{"indicator_id": i, "reporter_fingerprint": fingerprint} for i in ids]
        # Only the rows the insert took come back: a reporter already known counts no more.
        return list(self._db.execute(statement, rows).scalars())

    def block_state(self, ids: Sequence[int]) -> dict[int, tuple[IndicatorStatus, set[str]]]:
        """Status and active blockers of each indicator: what a block-list import must know."""
        state: dict[int, tuple[IndicatorStatus, set[str]]] = {}
        for chunk in chunked(list(ids)):
            for row in self._db.execute(_STATUS_BY_ID, {"ids": list(chunk)}):
                state[row.id] = (IndicatorStatus(row.status), set())
            for row in self._db.execute(_BLOCKERS_BY_ID, {"ids": list(chunk)}):
                state[row.indicator_id][1].add(row.blocked_by)
        return state

    def _summaries(self, rows: Sequence[AnyRow]) -> list[IndicatorSummary]:
        """Indicator rows as summaries, with the blocks in force read in one query."""
        blocks = self._blocks_of([r.id for r in rows])
        return [indicator_from_row(r, blocks.get(r.id, ())) for r in rows]

    def _blocks_of(self, ids: Sequence[int]) -> dict[int, tuple[Block, ...]]:
        found: dict[int, list[Block]] = defaultdict(list)
        for chunk in chunked(list(ids)):
            query = (
                select(indicator_blocks)
                .where(
                    indicator_blocks.c.indicator_id.in_(chunk),
                    indicator_blocks.c.lifted_at.is_(None),
                )
                .order_by(indicator_blocks.c.created_at)
            )
            for row in self._db.execute(query):
                found[row.indicator_id].append(block_from_row(row))
        return {key: tuple(value) for key, value in found.items()}
