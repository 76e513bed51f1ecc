"""The monitoring queue in SQL: resources, their history and block requests."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, or_, select
from sqlalchemy.exc import IntegrityError

from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import Conflict
from cyberpol.kernel.pages import Page
from cyberpol.kernel.tlp import Tlp
from cyberpol.monitoring.domain.resources import (
    LIVE_STATES,
    PublishedResource,
    Resource,
    ResourceEvent,
    ResourceKind,
    ResourceSource,
    ResourceState,
)
from cyberpol.monitoring.domain.takedowns import Party, TakedownRequest, TakedownState
from cyberpol.monitoring.ports import MonthCount, ResourceFilter
from cyberpol.monitoring.tables import monitored_resources, resource_events, takedown_requests
from cyberpol.platform.db.sql import AnyRow, chunked, inserted_id, kz_month, utc


def value_key(kind: ResourceKind, value: str) -> str:
    """What makes two resources the same: their kind and normalised value (hashed, so a
    URL of any length fits a unique index)."""
    return hashlib.sha256(f"{kind.value}:{value}".encode()).hexdigest()


def _reasons(rules: Sequence[RuleResult]) -> list[dict[str, Any]]:
    return [{"code": r.code, "value": r.value, "weight": r.weight} for r in rules]


def _changing(r: Resource) -> dict[str, object]:
    return {
        "state": r.state.value, "score": r.score, "reasons": _reasons(r.reasons),
        "brand": r.brand, "tlp": r.tlp.value, "updated_at": r.updated_at,
        "confirmed_at": r.confirmed_at, "blocked_at": r.blocked_at, "assignee": r.assignee,
        "taken_down_on": r.taken_down_on, "recheck_at": r.recheck_at, "note": r.note,
    }  # fmt: skip


def _resource(row: AnyRow) -> Resource:
    return Resource(
        id=row.id, kind=ResourceKind(row.kind), value=row.value,
        source=ResourceSource(row.source), source_ref=row.source_ref,
        state=ResourceState(row.state), score=float(row.score),
        reasons=tuple(RuleResult(r["code"], float(r["value"]), float(r["weight"]))
                      for r in row.reasons),
        brand=row.brand, tlp=Tlp(row.tlp), found_at=utc(row.found_at),
        updated_at=utc(row.updated_at),
        confirmed_at=utc(row.confirmed_at) if row.confirmed_at else None,
        blocked_at=utc(row.blocked_at) if row.blocked_at else None,
        assignee=row.assignee, taken_down_on=row.taken_down_on,
        recheck_at=utc(row.recheck_at) if row.recheck_at else None, note=row.note,
    )  # fmt: skip


class SqlResourceRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, resource: Resource) -> Resource:
        """Store a new resource; Conflict when the same one was just added by someone else."""
        values = {
            "kind": resource.kind.value, "value": resource.value,
            "value_key": value_key(resource.kind, resource.value),
            "source": resource.source.value, "source_ref": resource.source_ref,
            "found_at": resource.found_at, **_changing(resource),
        }  # fmt: skip
        try:
            with self._db.begin_nested():
                result = self._db.execute(monitored_resources.insert().values(**values))
        except IntegrityError:
            raise Conflict(f"{resource.value} was just added to the queue.") from None
        found = self.get(inserted_id(result))
        assert found is not None
        return found

    def by_value(self, kind: ResourceKind, value: str) -> Resource | None:
        return self.by_values(kind, [value]).get(value)

    def by_values(self, kind: ResourceKind, values: Sequence[str]) -> dict[str, Resource]:
        found: dict[str, Resource] = {}
        keys = {value_key(kind, v): v for v in values}
        for chunk in chunked(list(keys)):
            rows = self._db.execute(
                select(monitored_resources).where(monitored_resources.c.value_key.in_(chunk))
            )
            for row in rows:
                found[keys[row.value_key]] = _resource(row)
        return found

    def get(self, resource_id: int) -> Resource | None:
        row = self._db.execute(
            select(monitored_resources).where(monitored_resources.c.id == resource_id)
        ).first()
        return _resource(row) if row else None

    def update(self, resource: Resource) -> None:
        self._db.execute(
            monitored_resources.update()
            .where(monitored_resources.c.id == resource.id)
            .values(**_changing(resource))
        )

    def search(self, filters: ResourceFilter, *, limit: int, offset: int) -> Page[Resource]:
        m = monitored_resources.c
        conditions: list[ColumnElement[bool]] = []
        if filters.states:
            conditions.append(m.state.in_([s.value for s in filters.states]))
        if filters.kind:
            conditions.append(m.kind == filters.kind.value)
        if filters.source:
            conditions.append(m.source == filters.source.value)
        if filters.brand:
            conditions.append(m.brand == filters.brand)
        if filters.min_score is not None:
            conditions.append(m.score >= filters.min_score)
        if filters.search:
            pattern = "%" + filters.search.replace("\\", "").replace("%", "").replace("_", "")
            conditions.append(or_(m.value.like(pattern + "%"), m.brand.like(pattern + "%")))
        total = self._db.execute(
            select(func.count()).select_from(monitored_resources).where(*conditions)
        ).scalar_one()
        rows = self._db.execute(
            select(monitored_resources).where(*conditions)
            .order_by(m.score.desc(), m.id.desc()).limit(limit).offset(offset)
        )  # fmt: skip
        return Page([_resource(r) for r in rows], total, limit, offset)

    def add_event(self, resource_id: int, event: ResourceEvent) -> None:
        self._db.execute(resource_events.insert().values(
            resource_id=resource_id, state=event.state.value, actor=event.actor, at=event.at,
            details=event.details,
        ))  # fmt: skip

    def events(self, resource_id: int) -> list[ResourceEvent]:
        e = resource_events.c
        rows = self._db.execute(
            select(resource_events).where(e.resource_id == resource_id).order_by(e.at, e.id)
        )
        return [ResourceEvent(ResourceState(r.state), r.actor, utc(r.at), dict(r.details))
                for r in rows]  # fmt: skip

    def due_rechecks(self, now: datetime, *, limit: int) -> list[Resource]:
        m = monitored_resources.c
        rows = self._db.execute(
            select(monitored_resources)
            .where(m.recheck_at.is_not(None), m.recheck_at <= now)
            .order_by(m.recheck_at, m.id).limit(limit)
        )  # fmt: skip
        return [_resource(r) for r in rows]

    def published(self, since: datetime | None) -> list[PublishedResource]:
        return published(self._db, since)

    def published_stamp(self) -> str:
        return published_stamp(self._db)

    def month_counts(self, since: datetime | None, until: datetime | None) -> list[MonthCount]:
        """Per month and kind: found (by found_at), confirmed, blocked and taken down (by when
        each happened); each resource counts once per figure."""
        m = monitored_resources.c
        counts: dict[tuple[str, str], list[int]] = {}
        for position, column in enumerate((m.found_at, m.confirmed_at, m.blocked_at)):
            conditions: list[ColumnElement[bool]] = [column.is_not(None)]
            if since:
                conditions.append(column >= since)
            if until:
                conditions.append(column < until)
            month = kz_month(column)
            rows = self._db.execute(
                select(month, m.kind, func.count()).where(*conditions).group_by(month, m.kind)
            )
            for row in rows:
                counts.setdefault((row[0], row[1]), [0, 0, 0, 0])[position] = int(row[2])
        down: list[ColumnElement[bool]] = [m.taken_down_on.is_not(None)]
        if since:
            down.append(m.taken_down_on >= since.date())
        if until:
            down.append(m.taken_down_on < until.date())
        for day, kind, number in self._db.execute(
            select(m.taken_down_on, m.kind, func.count()).where(*down)
            .group_by(m.taken_down_on, m.kind)
        ):  # fmt: skip
            counts.setdefault((day.strftime("%Y-%m"), kind), [0, 0, 0, 0])[3] += int(number)
        return [MonthCount(month, ResourceKind(kind), *values)
                for (month, kind), values in sorted(counts.items())]  # fmt: skip


_PUBLISHED_KINDS = (ResourceKind.DOMAIN.value, ResourceKind.URL.value)
_ACTIVE = frozenset(s.value for s in LIVE_STATES)


def _publishable() -> list[ColumnElement[bool]]:
    m = monitored_resources.c
    return [m.kind.in_(_PUBLISHED_KINDS), m.confirmed_at.is_not(None)]


def published(db: Connection, since: datetime | None) -> list[PublishedResource]:
    """Every domain and URL an analyst confirmed, live or since removed; with ``since``,
    those changed from then on."""
    m = monitored_resources.c
    conditions = _publishable()
    if since is not None:
        conditions.append(m.updated_at >= since)
    rows = db.execute(
        select(m.kind, m.value, m.tlp, m.state, m.confirmed_at, m.updated_at, m.brand,
               m.reasons, m.source).where(*conditions).order_by(m.id)
    )  # fmt: skip
    return [
        PublishedResource(
            ResourceKind(kind),
            value,
            Tlp(tlp),
            state in _ACTIVE,
            utc(confirmed),
            utc(updated),
            brand,
            tuple(r["code"] for r in reasons),
            source,
        )
        for kind, value, tlp, state, confirmed, updated, brand, reasons, source in rows
    ]


def published_stamp(db: Connection) -> str:
    """Changes whenever what ``published`` returns changes."""
    m = monitored_resources.c
    count, latest = db.execute(
        select(func.count(), func.max(m.updated_at)).where(*_publishable())
    ).one()
    return f"{count}:{utc(latest).isoformat() if latest else '-'}"


def _takedown(row: AnyRow) -> TakedownRequest:
    return TakedownRequest(
        id=row.id, resource_id=row.resource_id, party=Party(row.party), addressee=row.addressee,
        state=TakedownState(row.state), issued_by=row.issued_by, sent_at=utc(row.sent_at),
        due_at=utc(row.due_at), note=row.note,
        answered_at=utc(row.answered_at) if row.answered_at else None,
        answer_note=row.answer_note,
    )  # fmt: skip


class SqlTakedownRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, request: TakedownRequest) -> TakedownRequest:
        result = self._db.execute(takedown_requests.insert().values(
            resource_id=request.resource_id, party=request.party.value,
            addressee=request.addressee, state=request.state.value,
            issued_by=request.issued_by, sent_at=request.sent_at, due_at=request.due_at,
            note=request.note,
        ))  # fmt: skip
        found = self.get(inserted_id(result))
        assert found is not None
        return found

    def get(self, request_id: int) -> TakedownRequest | None:
        row = self._db.execute(
            select(takedown_requests).where(takedown_requests.c.id == request_id)
        ).first()
        return _takedown(row) if row else None

    def for_resource(self, resource_id: int) -> list[TakedownRequest]:
        t = takedown_requests.c
        rows = self._db.execute(
            select(takedown_requests).where(t.resource_id == resource_id).order_by(t.id)
        )
        return [_takedown(r) for r in rows]

    def live(self, resource_id: int, party: Party, addressee: str) -> TakedownRequest | None:
        for request in self.for_resource(resource_id):
            if (request.state is TakedownState.SENT and request.party is party
                    and request.addressee.casefold() == addressee.casefold()):  # fmt: skip
                return request
        return None

    def update(self, request: TakedownRequest) -> None:
        self._db.execute(
            takedown_requests.update().where(takedown_requests.c.id == request.id).values(
                state=request.state.value, answered_at=request.answered_at,
                answer_note=request.answer_note,
            )
        )  # fmt: skip

    def search(
        self, *, state: TakedownState | None, overdue_at: datetime | None, limit: int, offset: int
    ) -> Page[TakedownRequest]:
        t = takedown_requests.c
        conditions: list[ColumnElement[bool]] = []
        if state:
            conditions.append(t.state == state.value)
        if overdue_at:
            conditions += [t.state == TakedownState.SENT.value, t.due_at < overdue_at]
        total = self._db.execute(
            select(func.count()).select_from(takedown_requests).where(*conditions)
        ).scalar_one()
        rows = self._db.execute(
            select(takedown_requests).where(*conditions).order_by(t.due_at, t.id)
            .limit(limit).offset(offset)
        )  # fmt: skip
        return Page([_takedown(r) for r in rows], total, limit, offset)
