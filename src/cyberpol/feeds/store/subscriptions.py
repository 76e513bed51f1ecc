"""Feed subscriptions in SQL."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select

from cyberpol.feeds.domain import FeedFormat, Subscription
from cyberpol.feeds.tables import feed_subscriptions
from cyberpol.kernel.tlp import Tlp
from cyberpol.platform.db.sql import AnyRow, utc


def _subscription(row: AnyRow) -> Subscription:
    return Subscription(row.organisation, Tlp(row.tlp),
                        frozenset(FeedFormat(f) for f in row.formats), utc(row.created_at),
                        row.created_by)  # fmt: skip


class SqlSubscriptionRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def put(self, subscription: Subscription) -> None:
        values = {
            "tlp": subscription.tlp.value,
            "formats": sorted(f.value for f in subscription.formats),
            "created_at": subscription.created_at,
            "created_by": subscription.created_by,
        }
        t = feed_subscriptions.c
        changed = self._db.execute(
            feed_subscriptions.update().where(t.organisation == subscription.organisation)
            .values(**values)
        ).rowcount  # fmt: skip
        if not changed:
            self._db.execute(feed_subscriptions.insert().values(
                organisation=subscription.organisation, **values))  # fmt: skip

    def get(self, organisation: str) -> Subscription | None:
        row = self._db.execute(
            select(feed_subscriptions).where(feed_subscriptions.c.organisation == organisation)
        ).first()
        return _subscription(row) if row else None

    def remove(self, organisation: str) -> bool:
        t = feed_subscriptions.c
        result = self._db.execute(delete(feed_subscriptions).where(t.organisation == organisation))
        return bool(result.rowcount)

    def all(self) -> list[Subscription]:
        rows = self._db.execute(
            select(feed_subscriptions).order_by(feed_subscriptions.c.organisation)
        )
        return [_subscription(r) for r in rows]
