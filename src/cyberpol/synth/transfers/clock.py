"""Time in the synthetic month: days in Kazakh local time, hours people pay in, paydays.

All times are integer microseconds since the Unix epoch, UTC, as Parquet stores them.
Kazakhstan keeps one time zone, UTC+5, since March 2024.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

LOCAL_OFFSET = timedelta(hours=5)
MINUTE_US = 60_000_000
HOUR_US = 60 * MINUTE_US
DAY_US = 24 * HOUR_US

# Relative activity per local hour (0..23): asleep at night, lunch and evening peaks.
EVERYDAY_HOURS = np.concatenate(
    [
        [0.25, 0.12, 0.07, 0.05, 0.05, 0.08, 0.25, 0.6, 1.0, 1.3, 1.5, 1.6],
        [1.7, 1.7, 1.6, 1.5, 1.5, 1.6, 1.8, 1.9, 1.8, 1.5, 1.0, 0.55],
    ]
)
# Payroll, bills and supplier payments run in office hours.
OFFICE_HOURS = np.array([0.0] * 8 + [0.5, 2.0, 2.5, 2.5, 1.5, 2.0, 2.0, 1.5, 1.0, 0.5] + [0.0] * 6)
# Scam calls and fake adverts catch people awake: later evenings than payroll.
SCAM_HOURS = np.array(
    [0.05] * 7
    + [0.3, 0.8, 1.5, 1.8, 1.8, 1.7, 1.7, 1.6, 1.6, 1.6, 1.6]
    + [1.5, 1.3, 1.0, 0.6, 0.3, 0.1]
)

# Salaries are paid around the 5th and the 20th; a weekend payday moves to the Friday before.
PAYDAYS = (5, 20)


@dataclass(frozen=True, slots=True)
class Day:
    """One generated day: its UTC start, its local calendar date and local hour at its start."""

    index: int
    start_us: int
    local_date: date
    local_hour: int

    def times(self, rng: np.random.Generator, count: int, profile: np.ndarray) -> np.ndarray:
        """``count`` times within this day, with hours weighted by a local-hour ``profile``."""
        weights = np.roll(profile, -self.local_hour)  # weights[h] = profile[local hour of h]
        hours = rng.choice(24, size=count, p=weights / weights.sum())
        return self.start_us + hours * HOUR_US + rng.integers(0, HOUR_US, size=count)


def to_us(moment: datetime) -> int:
    """Microseconds since the epoch of an aware ``moment`` (a naive one is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def days_from(start: datetime, count: int) -> list[Day]:
    """The ``count`` consecutive 24-hour days from ``start``."""
    start_us = to_us(start)
    local_start = datetime.fromtimestamp(start_us / 1e6, UTC) + LOCAL_OFFSET
    return [
        Day(
            index=k,
            start_us=start_us + k * DAY_US,
            # The calendar date most of the day falls on, in Kazakhstan.
            local_date=(local_start + timedelta(days=k, hours=12)).date(),
            local_hour=local_start.hour,
        )
        for k in range(count)
    ]


def moments(
    rng: np.random.Generator, count: int, *, start_us: int, end_us: int, profile: np.ndarray
) -> np.ndarray:
    """``count`` times in [start_us, end_us) whose local hours follow ``profile``."""
    local_hours = LOCAL_OFFSET // timedelta(hours=1)
    found = np.zeros(0, dtype=np.int64)
    while found.size < count:
        drawn = rng.integers(start_us, end_us, size=2 * (count - found.size) + 8)
        hour = (drawn // HOUR_US + local_hours) % 24
        kept = drawn[rng.random(drawn.size) * profile.max() < profile[hour]]
        found = np.concatenate([found, kept])
    return found[:count]


def payday(year: int, month: int, day_of_month: int) -> date:
    """The date a salary due on ``day_of_month`` is paid: weekends move to the Friday before."""
    due = date(year, month, day_of_month)
    return due - timedelta(days=max(0, due.weekday() - 4))


def paid_today(local_date: date, due_days: np.ndarray) -> np.ndarray:
    """Which payers, each with a due day of month, pay on ``local_date``."""
    paying = np.zeros(due_days.shape, dtype=bool)
    for due in np.unique(due_days):
        if payday(local_date.year, local_date.month, int(due)) == local_date:
            paying |= due_days == due
    return paying


def day_weights(days: list[Day]) -> np.ndarray:
    """Relative transfer volume per day: quieter weekends, busier paydays and the day after."""
    weekday = np.array([1.0, 1.0, 1.0, 1.02, 1.08, 0.95, 0.82])
    weights = np.array([weekday[d.local_date.weekday()] for d in days])
    for k, day in enumerate(days):
        dates = {payday(day.local_date.year, day.local_date.month, p) for p in PAYDAYS}
        yesterday = day.local_date - timedelta(days=1)
        if day.local_date in dates or yesterday in dates:
            weights[k] *= 1.15
    return weights / weights.sum()
