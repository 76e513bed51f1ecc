"""Reporters' subscriptions and the outbox of status updates, on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CompoundSelect, Connection, and_, exists, literal, select, union_all, update
from sqlalchemy.exc import IntegrityError

from cyberpol.platform.db.sql import chunked
from cyberpol.registry.tables import indicators, sightings
from cyberpol.reports.domain import StatusUpdate
from cyberpol.reports.tables import appeals, outbox, report_subscriptions

# The statuses a reporter hears about: the police's word on what they reported.
NEWS = ("confirmed", "blocked", "dismissed")
# An owner's appeal against a value from the report, once decided. An upheld appeal
# dismisses the value; the reporter hears of the appeal, not a second time of the dismissal.
APPEAL_OUTCOMES = ("upheld", "rejected")


class SqlUpdateRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def subscribe(
        self, report_id: str, channel: str, recipient: str, language: str, *, now: datetime
    ) -> None:
        try:
            with self._db.begin_nested():
                self._db.execute(
                    report_subscriptions.insert().values(
                        report_id=report_id,
                        channel=channel,
                        recipient=recipient,
                        language=language,
                        created_at=now,
                    )
                )
        except IntegrityError:
            return  # subscribed already
        # Already so when they asked: recorded as told, so only later changes are news.
        self._queue(now, report_id=report_id, told=True)

    def collect(self, *, now: datetime) -> int:
        return self._queue(now)

    def _queue(self, now: datetime, *, report_id: str | None = None, told: bool = False) -> int:
        news = {
            f"{r.report_id}:{r.id}:{r.status}:{r.channel}:{r.recipient}": (
                r,
                {"report": r.report_id, "kind": r.kind, "value": r.value, "status": r.status},
            )
            for r in self._db.execute(self._news(report_id))
        }
        queued = self._keep_new(news, now=now, told=told)
        return 0 if told else queued

    def joined_case(self, report_ids: Sequence[str], case_number: str, *, now: datetime) -> int:
        s = report_subscriptions.c
        payload = {"kind": "case", "value": case_number, "status": "joined_case"}
        news = {
            f"{r.report_id}:case:{case_number}:joined_case:{r.channel}:{r.recipient}": (
                r,
                {"report": r.report_id, **payload},
            )
            for chunk in chunked(list(report_ids))
            for r in self._db.execute(select(report_subscriptions).where(s.report_id.in_(chunk)))
        }
        return self._keep_new(news, now=now)

    def _keep_new(
        self, news: dict[str, tuple[Any, dict[str, str]]], *, now: datetime, told: bool = False
    ) -> int:
        """Queue each message whose key the outbox has not seen; ``told`` records it as
        delivered already. Each key once, ever: the receiver's de-duplication."""
        known: set[str] = set()
        for chunk in chunked(list(news)):
            known |= set(self._db.scalars(select(outbox.c.key).where(outbox.c.key.in_(chunk))))
        fresh = [
            {
                "key": key,
                "channel": to.channel,
                "recipient": to.recipient,
                "language": to.language,
                "payload": payload,
                "created_at": now,
                "attempts": 0,
                "next_attempt_at": now,
                "delivered_at": now if told else None,
            }
            for key, (to, payload) in news.items()
            if key not in known
        ]
        if fresh:
            self._db.execute(outbox.insert(), fresh)
        return len(fresh)

    def due(self, channel: str, *, now: datetime, limit: int) -> list[StatusUpdate]:
        c = outbox.c
        rows = self._db.execute(
            select(outbox)
            .where(c.channel == channel, c.delivered_at.is_(None), c.next_attempt_at <= now)
            .order_by(c.id)
            .limit(limit)
        )
        return [
            StatusUpdate(
                id=r.id,
                channel=r.channel,
                recipient=r.recipient,
                language=r.language,
                report_id=r.payload["report"],
                kind=r.payload["kind"],
                value=r.payload["value"],
                status=r.payload["status"],
                attempts=r.attempts,
            )
            for r in rows
        ]

    def delivered(self, update_id: int, *, now: datetime) -> None:
        self._db.execute(update(outbox).where(outbox.c.id == update_id).values(delivered_at=now))

    def failed(self, update_id: int, error: str, *, retry_at: datetime) -> None:
        self._db.execute(
            update(outbox)
            .where(outbox.c.id == update_id)
            .values(
                attempts=outbox.c.attempts + 1, next_attempt_at=retry_at, last_error=error[:500]
            )
        )

    @staticmethod
    def _news(report_id: str | None) -> CompoundSelect[Any]:
        """What subscribers may hear: their values' new statuses and decided appeals."""
        s, g, i, a = report_subscriptions.c, sightings.c, indicators.c, appeals.c
        upheld = exists().where(a.indicator_id == i.id, a.status == "upheld")
        columns = (s.report_id, s.channel, s.recipient, s.language, i.id, i.kind, i.value)
        statuses = (
            select(*columns, i.status.label("status"))
            .join(sightings, g.report_id == s.report_id)
            .join(indicators, i.id == g.indicator_id)
            .where(i.status.in_(NEWS), ~and_(i.status == "dismissed", upheld))
        )
        # "appeal_upheld" or "appeal_rejected", as the bot's texts name them.
        decided = (
            select(*columns, (literal("appeal_") + a.status).label("status"))
            .join(sightings, g.report_id == s.report_id)
            .join(indicators, i.id == g.indicator_id)
            .join(appeals, a.indicator_id == i.id)
            .where(a.status.in_(APPEAL_OUTCOMES))
        )
        if report_id is not None:
            statuses = statuses.where(s.report_id == report_id)
            decided = decided.where(s.report_id == report_id)
        return union_all(statuses, decided)
