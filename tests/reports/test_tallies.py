"""The report counts the statistics read stay equal to a recount of the reports themselves:
on SQLite and PostgreSQL, across a month's edge in Kazakhstan, with and without a region."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.clock import ManualClock
from cyberpol.reports.domain import ReportSubmission
from cyberpol.reports.store.figures import recount_tallies
from cyberpol.reports.tables import report_tallies


def _tallies(runtime: Runtime) -> list[tuple[str, str, str, int]]:
    with runtime.engine.connect() as db:
        rows = db.execute(select(report_tallies).order_by(*report_tallies.c)).all()
    return [(row.month, row.region, row.category, row.reports) for row in rows]


def test_counts_kept_as_reports_arrive_equal_a_recount(runtime: Runtime) -> None:
    clock = ManualClock(datetime(2026, 11, 30, 18, 59, tzinfo=UTC))  # 23:59 in Astana
    runtime.clock = clock
    start = clock.now
    for minutes, region in ((0, Region.ASTANA), (2, Region.ASTANA), (3, None), (4, Region.ASTANA)):
        clock.now = start + timedelta(minutes=minutes)
        runtime.reports.submit(
            submission=ReportSubmission(
                "Лже-брокер в Telegram, вывод денег «за комиссию» на карту 4400430123456789",
                ScamCategory.INVESTMENT_SCAM, Channel.TELEGRAM, region,
            )
        )  # fmt: skip
    kept = _tallies(runtime)
    assert kept == [
        ("2026-11", "astana", "investment_scam", 1),
        ("2026-12", "", "investment_scam", 1),
        ("2026-12", "astana", "investment_scam", 2),
    ]
    with runtime.engine.begin() as db:
        recount_tallies(db)
    assert _tallies(runtime) == kept
