"""Indicator counters kept by increments agree with a recount of the sightings, and stay cheap."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import event, insert, select, text

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.errors import InvalidInput
from cyberpol.registry.tables import indicator_reporters, indicators, sightings
from cyberpol.reports.domain import ReportSubmission
from cyberpol.reports.service.submission import Submitted, record_report
from cyberpol.reports.tables import reports
from tests.registry.test_store import check, submit

PHONE = "+77015551234"
CARD = "4400 4301 2345 6789"


def counters(runtime: Runtime) -> dict[int, tuple[int, datetime, list[str]]]:
    """What the registry shows for every reported indicator: count, first seen, categories."""
    with runtime.engine.connect() as db:
        rows = db.execute(
            select(
                indicators.c.id,
                indicators.c.report_count,
                indicators.c.first_seen,
                indicators.c.categories,
            ).where(indicators.c.id.in_(select(sightings.c.indicator_id)))
        )
        return {r.id: (r.report_count, _utc(r.first_seen), r.categories) for r in rows}


def recount(runtime: Runtime) -> dict[int, tuple[int, datetime, list[str]]]:
    """The same, recounted from every sighting as the registry did before it kept counters."""
    found: dict[int, tuple[set[str], datetime, set[str]]] = {}
    with runtime.engine.connect() as db:
        for row in db.execute(select(sightings)):
            reporters, first, categories = found.get(
                row.indicator_id, (set(), _utc(row.reported_at), set())
            )
            reporters.add(row.reporter_fingerprint)
            categories.add(row.category)
            found[row.indicator_id] = (reporters, min(first, _utc(row.reported_at)), categories)
        distinct = {
            (r.indicator_id, r.reporter_fingerprint)
            for r in db.execute(select(indicator_reporters))
        }
    assert distinct == {
        (indicator_id, reporter)
        for indicator_id, (reporters, _, _) in found.items()
        for reporter in reporters
    }
    return {i: (len(r), first, sorted(c)) for i, (r, first, c) in found.items()}


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def test_counters_equal_a_recount_after_a_realistic_mix(runtime: Runtime) -> None:
    talk = f"Звонили с 8 701 555 12 34, просили перевести на карту {CARD}"
    submit(runtime, talk, contact="+77770001122")
    submit(runtime, talk, contact="8 777 000 11 22")  # the same reporter, typed differently
    # ... who then names the phone again with a new site: counted for the site only
    submit(runtime, "опять 8 701 555 12 34, сайт hxxp://kaspi-gift[.]kz", contact="+77770001122")
    for n in range(12):
        submit(runtime, "снова 8 701 555 12 34", client=f"10.2.0.{n}")
    submit(runtime, "и опять 8 701 555 12 34", client="10.2.0.3")  # an anonymous client again
    submit(
        runtime,
        "сайт hxxps://kaspi-bonus[.]kz/login, звонок с +7 701 555 12 34",
        category=ScamCategory.PHISHING_LINK,
        client="10.3.0.1",
    )
    submit(runtime, "продавец 8 702 000 00 01", category=ScamCategory.MARKETPLACE_AD)
    # A historical report moves first seen back; one whose transaction fails counts nowhere.
    summary = runtime.reports.import_reports(
        actor=CONSOLE,
        rows=iter(
            [
                (
                    2,
                    {
                        "text": "8 701 555 12 34",
                        "category": "romance",
                        "reported_at": "2025-01-02T10:00:00+05:00",
                    },
                ),
                (3, {"text": "8 701 555 12 34", "category": "no_such_category"}),
            ]
        ),
        digest="d" * 64,
        source="history.csv",
        on_progress=lambda _n: None,
    )
    assert (summary.loaded, len(summary.rejected)) == (1, 1)
    with pytest.raises(RuntimeError):
        die_before_commit(runtime, "8 701 555 12 34 и 8 705 111 22 33")
    with pytest.raises(InvalidInput):
        submit(runtime, "")

    assert counters(runtime) == recount(runtime)
    [phone, unrolled, site] = check(runtime, PHONE, "+77051112233", "kaspi-gift.kz")
    assert site.report_count == 1
    assert phone.report_count == 15  # 1 + 12 + phishing + import; repeats counted once
    assert phone.first_seen == datetime(2025, 1, 2, 5, 0, tzinfo=UTC)
    assert set(phone.categories) == {"fake_bank_call", "phishing_link", "romance"}
    assert unrolled.verdict == "unknown"


def test_concurrent_reports_are_each_counted_once(runtime: Runtime) -> None:
    """Reports racing on the same indicators, some by one reporter, in either order of naming."""
    barrier = threading.Barrier(6)
    errors: list[Exception] = []
    done: list[Submitted] = []

    def send(worker: int) -> None:
        texts = ["8 701 555 12 34 и 8 702 000 00 01", "8 702 000 00 01 и 8 701 555 12 34"]
        barrier.wait()
        for n in range(5):
            contact = "+77770001122" if n == 0 else None  # one reporter in every thread
            try:
                done.append(
                    submit(runtime, texts[worker % 2], contact=contact, client=f"10.{worker}.0.{n}")
                )
            except Exception as exc:  # any failure is reported by the assertion below
                errors.append(exc)

    threads = [threading.Thread(target=send, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(done) == 30
    assert counters(runtime) == recount(runtime)
    assert [r.report_count for r in check(runtime, PHONE, "+77020000001")] == [25, 25]


def die_before_commit(runtime: Runtime, text: str) -> None:
    """A report written in a transaction that never commits (the server killed mid-way)."""
    with runtime.reports.uow() as uow:
        record_report(
            uow=uow,
            submission=_submission(text, ScamCategory.OTHER),
            card_secret=runtime.reports.card_secret,
            now=datetime.now(UTC),
        )
        raise RuntimeError("the server died before commit")


def _submission(text: str, category: ScamCategory) -> ReportSubmission:
    return ReportSubmission(
        text=text,
        category=category,
        channel=Channel.API,
        region=Region.ALMATY_CITY,
        loss_amount=Decimal("1000"),
    )


def seed_earlier_reports(runtime: Runtime, indicator_id: int, count: int) -> None:
    """``count`` reports by distinct reporters naming one indicator, written in bulk."""
    at = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [(f"RSEED-{indicator_id}-{n}", f"seed-{indicator_id}-{n}") for n in range(count)]
    with runtime.engine.begin() as db:
        db.execute(
            insert(reports),
            [
                {
                    "id": report_id,
                    "created_at": at,
                    "channel": "import",
                    "category": "fake_bank_call",
                    "currency": "KZT",
                    "text": "seed",
                    "reporter_fingerprint": reporter,
                }
                for report_id, reporter in rows
            ],
        )
        db.execute(
            insert(sightings),
            [
                {
                    "report_id": report_id,
                    "indicator_id": indicator_id,
                    "reporter_fingerprint": reporter,
                    "category": "fake_bank_call",
                    "reported_at": at,
                }
                for report_id, reporter in rows
            ],
        )
        db.execute(
            insert(indicator_reporters),
            [{"indicator_id": indicator_id, "reporter_fingerprint": r} for _, r in rows],
        )
        db.execute(
            text("UPDATE indicators SET report_count = report_count + :n WHERE id = :id"),
            {"n": count, "id": indicator_id},
        )


def test_a_report_costs_the_same_however_often_its_indicator_was_reported(
    sqlite_runtime: Runtime,
) -> None:
    """Measured in SQLite virtual-machine steps, which unlike time do not vary between runs."""
    runtime = sqlite_runtime
    fresh, busy = "8 701 000 00 01", "8 701 000 00 02"
    for value in (fresh, busy):
        submit(runtime, f"звонок {value}", client="10.0.0.1")
    [busy_id] = [r.indicator_id for r in check(runtime, busy)]
    assert busy_id is not None
    seed_earlier_reports(runtime, busy_id, 5000)
    steps = [0]

    def count_steps() -> int:
        steps[0] += 1
        return 0

    def on_checkout(connection: sqlite3.Connection, _record: object, _proxy: object) -> None:
        connection.set_progress_handler(count_steps, 1)

    event.listen(runtime.engine, "checkout", on_checkout)
    cost = {}
    for value in (fresh, busy):
        steps[0] = 0
        submit(runtime, f"снова {value}", client="10.0.0.2")
        cost[value] = steps[0]
    event.remove(runtime.engine, "checkout", on_checkout)
    [after] = check(runtime, busy)
    assert after.report_count == 5002
    assert cost[busy] < 1.2 * cost[fresh], cost
