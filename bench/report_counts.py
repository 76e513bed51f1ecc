"""Cost of a report as its indicator's history grows: 0, 1,000, 10,000 and 100,000 reports.

    python bench/report_counts.py [--reports 200] [--postgres URL]

One phone number gathers earlier reports by distinct reporters, written in bulk straight
into the tables (reports, sightings, reporters, the counter) as the registry would hold
them. At each level the bench times `reports.submit` (what `POST /api/v1/reports` runs)
and `reports.import_reports` (what `cyberpol import reports` runs) for new reports naming
that phone, each by a new reporter. The baseline, run in the same process on the same
database, is the same work at 0 earlier reports; the ratio of per-report cost at 100,000
to that baseline should stay about 1, since counters move by increments. On SQLite, and
on PostgreSQL when a URL is given (or CYBERPOL_BENCH_POSTGRES_URL is set; the bench
writes into that database, so give it a scratch one).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select, update

from cyberpol.bootstrap import Runtime, bootstrap
from cyberpol.config import Settings
from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.registry.tables import indicator_reporters, indicators, sightings
from cyberpol.reports.domain import ReportSubmission
from cyberpol.reports.tables import reports

SECRET = "bench-secret-0123456789-0123456789-0123456789"
LEVELS = (0, 1_000, 10_000, 100_000)
# A phone of its own per run, so a database reused for the bench starts it at 0 reports.
PHONE = f"+7701{random.randrange(10**7):07d}"
TEXT = f"Звонили с {PHONE}, представились службой безопасности банка, просили код из SMS"
RUN = uuid.uuid4().hex[:8]


def seed(runtime: Runtime, indicator_id: int, start: int, stop: int) -> None:
    """Reports ``start`` to ``stop`` by distinct reporters naming the indicator, in bulk."""
    at = datetime(2026, 1, 1, tzinfo=UTC)
    for offset in range(start, stop, 10_000):
        batch = [
            (f"RB{RUN}-{n}", f"bench-{RUN}-{n}") for n in range(offset, min(stop, offset + 10_000))
        ]
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
                        "text": TEXT,
                        "reporter_fingerprint": reporter,
                    }
                    for report_id, reporter in batch
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
                        "region": "almaty_city",
                        "reported_at": at,
                    }
                    for report_id, reporter in batch
                ],
            )
            db.execute(
                insert(indicator_reporters),
                [{"indicator_id": indicator_id, "reporter_fingerprint": r} for _, r in batch],
            )
            db.execute(
                update(indicators)
                .where(indicators.c.id == indicator_id)
                .values(report_count=indicators.c.report_count + len(batch))
            )
    if runtime.engine.dialect.name == "sqlite":
        # As the server's regular checkpoints would have: a bulk write leaves a long WAL.
        with runtime.engine.connect() as db:
            db.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def timed_submits(runtime: Runtime, count: int, text: str = TEXT) -> list[float]:
    """Seconds per report for ``count`` reports naming the phone, each by a new reporter."""
    submission = ReportSubmission(
        text=text,
        category=ScamCategory.FAKE_BANK_CALL,
        channel=Channel.API,
        region=Region.ALMATY_CITY,
        loss_amount=Decimal("150000"),
    )
    times = []
    for _ in range(count):
        start = time.perf_counter()
        runtime.reports.submit(submission=submission, client_ref=uuid.uuid4().hex)
        times.append(time.perf_counter() - start)
    return times


def timed_import(runtime: Runtime, count: int, text: str = TEXT) -> float:
    """Rows per second of an import of ``count`` reports naming the phone."""
    rows = iter([(n + 2, {"text": text, "category": "fake_bank_call"}) for n in range(count)])
    start = time.perf_counter()
    summary = runtime.reports.import_reports(
        actor=CONSOLE,
        rows=rows,
        digest=uuid.uuid4().hex * 2,
        source="bench.csv",
        on_progress=lambda _n: None,
    )
    elapsed = time.perf_counter() - start
    assert summary.loaded == count, summary
    return count / elapsed


def run(name: str, database_url: str, data_dir: Path, count: int) -> None:
    runtime = bootstrap(
        Settings(_env_file=None, data_dir=data_dir, database_url=database_url, secret_key=SECRET)
    )
    print(f"{name}: {count} submits and a {count}-row import per level")
    # Warm up (first imports, statement caches, the page cache) on another phone, so the
    # baseline at 0 reports times the same steady state as the levels after it.
    warm_up = TEXT.replace(PHONE, "+77770000000")
    timed_submits(runtime, 20, warm_up)
    timed_import(runtime, 20, warm_up)
    seeded, baseline, indicator_id = 0, (0.0, 0.0), None
    for level in LEVELS:
        if indicator_id is not None:
            seed(runtime, indicator_id, seeded, level)
            seeded = level
        per_report = statistics.median(timed_submits(runtime, count))
        rate = timed_import(runtime, count)
        # The database grows with the seeded reports too: a phone with none of them, timed
        # at the same level, tells that cost apart from the phone's own history.
        control = statistics.median(timed_submits(runtime, count, warm_up))
        if indicator_id is None:
            with runtime.engine.connect() as db:
                indicator_id = db.execute(
                    select(indicators.c.id).where(indicators.c.value == PHONE)
                ).scalar_one()
            baseline = (per_report, rate)
        with runtime.engine.connect() as db:
            reported = db.execute(
                select(indicators.c.report_count).where(indicators.c.id == indicator_id)
            ).scalar_one()
        print(
            f"  {level:>7,} earlier reports (count now {reported:,}): submit "
            f"{per_report * 1000:6.2f} ms median, ratio {per_report / baseline[0]:4.2f} "
            f"(another phone {control * 1000:.2f} ms); "
            f"import {rate:5.0f} rows/s, ratio {baseline[1] / rate:4.2f}"
        )
    runtime.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200, help="reports timed per level")
    parser.add_argument("--postgres", default=os.environ.get("CYBERPOL_BENCH_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cyberpol-bench-") as folder:
        work = Path(folder)
        run("SQLite", f"sqlite:///{work / 'bench.db'}", work, args.reports)
        if args.postgres:
            run("PostgreSQL", args.postgres, work, args.reports)
    print("ratio: per-report cost at that level / at 0 earlier reports (1.0 = flat)")


if __name__ == "__main__":
    main()
