"""The current time, in one place so that every stored timestamp is timezone-aware UTC.

Use cases that depend on deadlines take ``now`` from their caller; entrypoints read it from
the runtime's ``clock``, which tests replace with a ``ManualClock`` instead of patching.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

Clock = Callable[[], datetime]
# Kazakhstan keeps one time zone, UTC+5, all year since March 2024: the days and months
# people count in (deadlines, statistics, the times pages show).
KAZAKHSTAN = timezone(timedelta(hours=5))


# A time in an exchange file (transfers, call records): ISO 8601 with its zone, as a
# regular expression for the database to check with.
ISO_TIME_WITH_ZONE = (
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)? ?"
    r"(Z|z|[+-](0\d|1[0-4])(:?[0-5]\d)?)$"
)
FILE_TIME_RANGE = ("1990-01-01 00:00:00+00", "2100-01-01 00:00:00+00")


def month_in_kazakhstan(moment: datetime) -> str:
    """``"2026-11"``: the month a moment falls in there (a naive one is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(KAZAKHSTAN).strftime("%Y-%m")


def utcnow() -> datetime:
    return datetime.now(UTC)


class ManualClock:
    """A clock that stands still until it is moved: ``clock.advance(hours=25)``."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
