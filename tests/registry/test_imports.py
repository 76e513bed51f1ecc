"""Bulk imports: rejected rows with reasons, all-or-nothing chunks, resuming, idempotency."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Table, func, select

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import CONSOLE
from cyberpol.registry.service.imports import import_indicators
from cyberpol.registry.tables import indicator_blocks, indicators, sightings
from cyberpol.reports.service.imports import import_reports
from cyberpol.reports.tables import reports

ROWS: list[dict[str, object]] = [
    {"value": "8 701 555 12 34", "status": "confirmed", "category": "fake_bank_call"},
    {"value": "4400 4301 2345 6789", "kind": "card", "status": "blocked", "blocked_by": "bank"},
    {"value": "hxxps://kaspi-bonus[.]kz/login", "status": "confirmed"},
    {"value": "not a thing at all"},
    {"value": "8 701 555 12 34", "kind": "iban"},
    {"value": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "status": "maybe"},
    {"value": "@invest_pro_kz", "status": "blocked"},
]


def numbered(rows: list[dict[str, object]]) -> list[tuple[int, dict[str, object]]]:
    return list(enumerate(rows, start=2))  # line 1 is the CSV header


def count(runtime: Runtime, table: Table) -> int:
    with runtime.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_indicator_import_reports_rejected_rows_and_is_idempotent(runtime: Runtime) -> None:
    summary = import_indicators(
        uow=runtime.registry.uow(),
        clock=runtime.clock,
        actor=CONSOLE,
        rows=numbered(ROWS),
        digest="d1",
        source="list.csv",
        card_secret=runtime.card_secret,
        chunk_size=3,
    )
    assert summary.loaded == 3
    reasons = dict(summary.rejected)
    assert sorted(reasons) == [5, 6, 7, 8]
    assert "Cannot tell what" in reasons[5]
    assert "IBAN" in reasons[6]
    assert "status 'maybe'" in reasons[7]
    assert "blocked_by" in reasons[8]
    assert count(runtime, indicators) == 4  # phone, card, url and the url's domain
    assert count(runtime, indicator_blocks) == 1
    again = import_indicators(
        uow=runtime.registry.uow(),
        clock=runtime.clock,
        actor=CONSOLE,
        rows=numbered(ROWS),
        digest="d1",
        source="list.csv",
        card_secret=runtime.card_secret,
    )
    assert again.already_done
    assert again.loaded == 0
    # the same rows in another file: nothing new, no second block stacked on the card
    import_indicators(
        uow=runtime.registry.uow(),
        clock=runtime.clock,
        actor=CONSOLE,
        rows=numbered(ROWS),
        digest="d2",
        source="copy.csv",
        card_secret=runtime.card_secret,
    )
    assert count(runtime, indicators) == 4
    assert count(runtime, indicator_blocks) == 1


class Crash(Exception):
    pass


def crashing(
    rows: list[tuple[int, dict[str, object]]], after: int
) -> Iterator[tuple[int, dict[str, object]]]:
    for position, row in enumerate(rows):
        if position == after:
            raise Crash("disk full")
        yield row


REPORTS: list[dict[str, object]] = [
    {
        "text": f"Звонили с номера 8 701 555 {n:02d} {n:02d}, представились банком",
        "category": "fake_bank_call",
        "region": "astana",
        "loss_amount": "150 000",
        "contact": f"+7701000{n:04d}",
    }
    for n in range(10, 40)
]


def test_report_import_failing_halfway_leaves_whole_chunks_and_resumes(runtime: Runtime) -> None:
    rows = numbered(REPORTS)
    with pytest.raises(Crash):
        import_reports(
            uow=runtime.reports.uow(),
            clock=runtime.clock,
            actor=CONSOLE,
            rows=crashing(rows, after=17),
            digest="r1",
            source="r.csv",
            card_secret=runtime.card_secret,
            limits=runtime.report_limits,
            chunk_size=5,
        )
    # chunks of 5: rows 0-14 committed, rows 15-16 of the broken chunk rolled back entirely
    assert count(runtime, reports) == 15
    assert count(runtime, sightings) == 15
    resumed = import_reports(
        uow=runtime.reports.uow(),
        clock=runtime.clock,
        actor=CONSOLE,
        rows=rows,
        digest="r1",
        source="r.csv",
        card_secret=runtime.card_secret,
        limits=runtime.report_limits,
        chunk_size=5,
    )
    assert resumed.resumed_after == 15
    assert resumed.loaded == 15
    assert count(runtime, reports) == 30
    assert count(runtime, indicators) == 30


def test_report_import_rejects_bad_rows_with_reasons(runtime: Runtime) -> None:
    rows = numbered(
        [
            {"text": "", "category": "other"},
            {"text": "мошенник 8 701 555 12 34", "category": "nonsense"},
            {"text": "мошенник 8 701 555 12 34", "region": "mars"},
            {"text": "мошенник 8 701 555 12 34", "loss_amount": "много"},
            {"text": "мошенник 8 701 555 12 34", "category": "romance", "region": "shymkent"},
        ]
    )
    summary = import_reports(
        uow=runtime.reports.uow(),
        clock=runtime.clock,
        actor=CONSOLE,
        rows=rows,
        digest="r2",
        source="r.jsonl",
        card_secret=runtime.card_secret,
        limits=runtime.report_limits,
    )
    assert summary.loaded == 1
    assert [line for line, _ in summary.rejected] == [2, 3, 4, 5]
    assert "Missing 'text'" in summary.rejected[0][1]
    assert "category 'nonsense'" in summary.rejected[1][1]


def test_historical_reports_keep_their_time_and_seen_dates(runtime: Runtime) -> None:
    rows = numbered(
        [
            {
                "text": "продавец 8 701 555 12 34",
                "category": "marketplace_ad",
                "reported_at": "2026-03-01T10:00:00+05:00",
            },
            {
                "text": "опять 8 701 555 12 34",
                "category": "marketplace_ad",
                "reported_at": "2026-01-15T09:00:00+05:00",
            },
            {
                "text": "и снова 8 701 555 12 34",
                "category": "marketplace_ad",
                "reported_at": "yesterday",
            },
            {
                "text": "8 701 555 12 34",
                "category": "marketplace_ad",
                "reported_at": "2026-02-01T10:00:00",
            },
        ]
    )
    summary = import_reports(
        uow=runtime.reports.uow(),
        clock=runtime.clock,
        actor=CONSOLE,
        rows=rows,
        digest="r3",
        source="old.csv",
        card_secret=runtime.card_secret,
        limits=runtime.report_limits,
    )
    assert summary.loaded == 2
    assert "ISO 8601" in summary.rejected[0][1]
    assert "time zone" in summary.rejected[1][1]
    uow = runtime.registry.uow()
    with uow:
        [phone] = uow.indicators.find_by_keys(["phone:+77015551234"]).values()
    assert phone.first_seen.isoformat() == "2026-01-15T04:00:00+00:00"
    assert (
        phone.last_seen.isoformat() == "2026-03-01T05:00:00+00:00"
    )  # not moved back by the older row


def test_bulk_writes_store_times_as_sqlalchemy_does(sqlite_runtime: Runtime) -> None:
    """Raw bulk inserts must write the same text form as the ORM path, or SQLite compares
    '... 12:00:00+00:00' with '... 12:00:00' as strings and orders them wrongly."""
    from sqlalchemy import text

    rows = numbered([{"value": "8 701 555 12 34", "status": "blocked", "blocked_by": "operator"}])
    import_indicators(
        uow=sqlite_runtime.registry.uow(),
        clock=sqlite_runtime.clock,
        actor=CONSOLE,
        rows=rows,
        digest="t1",
        source="t.csv",
        card_secret=sqlite_runtime.card_secret,
    )
    with sqlite_runtime.engine.connect() as connection:
        stored = connection.execute(
            text(
                "SELECT i.first_seen, i.last_seen, b.created_at FROM indicators i "
                "JOIN indicator_blocks b ON b.indicator_id = i.id"
            )
        ).one()
    assert all("+" not in value for value in stored)
    assert all("T" not in value for value in stored)
