"""Working days in Kazakhstan: weekends, public holidays as data, and counting days forward.

Holidays follow the Law "On holidays": when a national or state holiday falls on a Saturday
or Sunday, the next working day is a day off instead. The two religious days, Orthodox
Christmas (7 January) and the first day of Kurban ait, are never moved. The government also
swaps single days by decree from year to year (a working Saturday for a bridging Friday);
those decrees are not modelled here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache

from cyberpol.kernel.clock import KAZAKHSTAN


@dataclass(frozen=True, slots=True)
class Holiday:
    month: int
    day: int
    name: str
    moves: bool = True  # a day off on the next working day when it falls on a weekend


FIXED_HOLIDAYS = (
    Holiday(1, 1, "New Year"),
    Holiday(1, 2, "New Year"),
    Holiday(1, 7, "Orthodox Christmas", moves=False),
    Holiday(3, 8, "International Women's Day"),
    Holiday(3, 21, "Nauryz"),
    Holiday(3, 22, "Nauryz"),
    Holiday(3, 23, "Nauryz"),
    Holiday(5, 1, "Unity Day"),
    Holiday(5, 7, "Defender of the Fatherland Day"),
    Holiday(5, 9, "Victory Day"),
    Holiday(7, 6, "Capital Day"),
    Holiday(8, 30, "Constitution Day"),
    Holiday(10, 25, "Republic Day"),
    Holiday(12, 16, "Independence Day"),
)

# The first day of Kurban ait follows the lunar calendar; the Spiritual Administration of
# Muslims of Kazakhstan announces it each autumn for the next year. Add each new year here.
# 2027 is the astronomical date and may shift by a day when announced.
KURBAN_AIT = {
    2025: date(2025, 6, 6),
    2026: date(2026, 5, 27),
    2027: date(2027, 5, 16),
}


@cache
def days_off(year: int) -> frozenset[date]:
    """Holidays of ``year`` and the weekdays given off for holidays that fell on a weekend."""
    moves = {date(year, h.month, h.day): h.moves for h in FIXED_HOLIDAYS}
    if year in KURBAN_AIT:
        moves[KURBAN_AIT[year]] = False
    off = set(moves)
    # In date order, so three Nauryz days over a weekend push two days off into the next week.
    for holiday in sorted(moves):
        if moves[holiday] and holiday.weekday() >= 5:
            replacement = holiday + timedelta(days=1)
            while replacement.weekday() >= 5 or replacement in off:
                replacement += timedelta(days=1)
            off.add(replacement)
    return frozenset(off)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a day off."""
    return day.weekday() < 5 and day not in days_off(day.year)


def add_business_days(moment: datetime, days: int) -> datetime:
    """The same time of day (Kazakhstan time) on the ``days``-th working day after ``moment``.

    The day of ``moment`` itself never counts, so the result is strictly later and always
    falls on a working day; a freeze that takes effect on a Saturday starts counting on Monday.
    """
    if moment.tzinfo is None:
        raise ValueError(f"add_business_days needs a timezone-aware moment, got {moment!r}")
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    local = moment.astimezone(KAZAKHSTAN)
    day, counted = local.date(), 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return datetime.combine(day, local.timetz()).astimezone(UTC)
