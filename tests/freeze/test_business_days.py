from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cyberpol.freeze.domain.requests import FreezePolicy
from cyberpol.kernel.business_days import (
    KURBAN_AIT,
    add_business_days,
    days_off,
    is_working_day,
)
from cyberpol.kernel.clock import KAZAKHSTAN


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KAZAKHSTAN)


def test_nauryz_over_a_weekend_gives_the_next_two_weekdays_off() -> None:
    # 2025: 21 March is a Friday, 22 and 23 fall on the weekend
    assert {date(2025, 3, d) for d in (21, 22, 23, 24, 25)} <= days_off(2025)
    assert is_working_day(date(2025, 3, 26))


def test_religious_holidays_are_never_moved() -> None:
    assert is_working_day(date(2024, 1, 8))  # 7 January 2024 was a Sunday
    assert KURBAN_AIT[2027].weekday() == 6
    assert is_working_day(date(2027, 5, 17))
    assert not is_working_day(date(2026, 5, 27))  # Kurban ait on a Wednesday
    assert not is_working_day(date(2027, 5, 10))  # Victory Day 2027 is a Sunday: moved


def test_a_freeze_holds_five_working_days_across_nauryz() -> None:
    frozen = local(2025, 3, 20, 10, 30)  # Thursday before Nauryz
    expires = FreezePolicy().expires(frozen)
    # 21-25 March off; 26, 27, 28, 31 March and 1 April are the five working days
    assert expires == local(2025, 4, 1, 10, 30).astimezone(UTC)


def test_a_freeze_on_a_saturday_starts_counting_on_monday() -> None:
    assert add_business_days(local(2026, 6, 6, 23, 0), 5) == local(2026, 6, 12, 23, 0)


def test_days_are_counted_in_kazakhstan_time() -> None:
    # 19:30 UTC on a Friday is already Saturday 00:30 in Astana
    friday_evening_utc = datetime(2026, 6, 5, 19, 30, tzinfo=UTC)
    assert add_business_days(friday_evening_utc, 1) == local(2026, 6, 8, 0, 30)


moments = st.datetimes(
    min_value=datetime(2024, 3, 1),  # noqa: DTZ001 - hypothesis < 6.158 takes only naive bounds
    max_value=datetime(2027, 12, 20),  # noqa: DTZ001 - same; timezones= makes values UTC
    timezones=st.just(UTC),
)


@given(start=moments, days=st.integers(min_value=1, max_value=15))
def test_the_deadline_is_a_working_day_strictly_after_the_start(start: datetime, days: int) -> None:
    deadline = add_business_days(start, days)
    assert deadline > start
    assert is_working_day(deadline.astimezone(KAZAKHSTAN).date())
    first = start.astimezone(KAZAKHSTAN).date()
    last = deadline.astimezone(KAZAKHSTAN).date()
    between = [first + timedelta(days=n) for n in range(1, (last - first).days + 1)]
    assert sum(is_working_day(d) for d in between) == days


@given(start=moments)
def test_five_working_days_never_take_less_than_a_week_minus_the_weekend(start: datetime) -> None:
    hold = FreezePolicy().expires(start) - start
    assert timedelta(days=5) <= hold <= timedelta(days=14)
