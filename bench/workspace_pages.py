"""The workspace's pages over a unit's years of work: 1,000,000 reports and 50,000 cases.

    python bench/workspace_pages.py [--reports 1000000] [--cases 50000] [--postgres URL]

Reports (each naming one to three of ~400,000 indicators shared between them), their
sightings, cases with victims, links and state changes are written in bulk into the tables.
Then each page is requested through the real app as a signed-in investigator (routing,
session, use case, audit, template): the case list (first page, filtered by state, region
and words, a page deep in the list), the triage queue (as it opens, filtered by region,
scheme and channel, a later page) and the statistics for a year. It prints the median and
p95 of each and its ratio to the same page over a small unit (1,000 reports, 50 cases) timed
in the same process: the baseline. Targets: p95 under 150 ms for lists, 1 s for statistics.
On SQLite, and on PostgreSQL when a URL is given (or CYBERPOL_BENCH_POSTGRES_URL is set;
the bench writes into that database, so give it a scratch one).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from rich.progress import Progress
from sqlalchemy import Table, create_engine, insert, text

from cyberpol.bootstrap import Runtime, bootstrap
from cyberpol.cases.store.figures import recount_case_tallies
from cyberpol.cases.tables import case_events, case_links, case_parties, cases
from cyberpol.config import Settings
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.registry.tables import indicator_reporters, indicators, sightings
from cyberpol.reports.store.figures import recount_tallies
from cyberpol.reports.tables import reports

SECRET = "bench-secret-0123456789-0123456789-0123456789"
PASSWORD = "тергеу жұмысы 2026 bench"
NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
CHUNK = 20_000
PAGES = {
    "cases": "/cases",
    "cases by state": "/cases?state=investigating",
    "cases by region": "/cases?region=almaty_city",
    "cases by words": "/cases?q=OLX",
    "cases page 200": "/cases?page=200",
    "triage": "/triage",
    "triage by region": "/triage?region=karaganda",
    "triage by scheme": "/triage?category=investment_scam",
    "triage by channel": "/triage?channel=api",
    "triage page 50": "/triage?page=50",
    "statistics, a year": "/stats",
}
TEXTS = (
    "Позвонили с {phone}, представились службой безопасности банка, просили код из SMS.",
    "Продавец на OLX попросил предоплату на карту, номер {phone}, потом пропал.",
    "Маған {phone} нөмірінен хабарласып, несие рәсімделді деді.",
    "Investment platform promised 30% a week; the manager called from {phone}.",
)


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def seed(runtime: Runtime, n_reports: int, n_cases: int, progress: Progress | None) -> None:
    """Reports, indicators and their sightings, and cases, in bulk (as years of work leave)."""
    rng = random.Random(5)
    regions, categories = list(Region), list(ScamCategory)
    channels = [Channel.TELEGRAM, Channel.WEB, Channel.WEB, Channel.API, Channel.IMPORT]
    n_indicators = max(100, n_reports * 2 // 5)
    task = (
        progress.add_task("seeding", total=n_indicators + n_reports + n_cases) if progress else None
    )

    def tick(n: int) -> None:
        if progress is not None and task is not None:
            progress.advance(task, n)

    def write(table: Table, chunk: list[dict[str, Any]]) -> None:
        with runtime.engine.begin() as db:
            db.execute(insert(table), chunk)

    def phone(i: int) -> str:
        return f"+7701{i:07d}"

    def indicator_rows() -> Iterator[dict[str, Any]]:
        for i in range(1, n_indicators + 1):
            seen = NOW - timedelta(seconds=rng.uniform(0, 400 * 86400))
            yield {"id": i, "kind": "phone", "value": phone(i), "key": f"phone:{phone(i)}",
                   "status": rng.choices(("reported", "confirmed", "blocked", "dismissed"),
                                         (70, 15, 10, 5))[0],
                   "status_reason": None, "attributes": {}, "categories": [],
                   "report_count": 0, "source": "report", "first_seen": seen,
                   "last_seen": seen, "updated_at": seen}  # fmt: skip

    for chunk in _chunks(indicator_rows()):
        write(indicators, chunk)
        tick(len(chunk))

    def report_rows() -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        for n in range(n_reports):
            at = NOW - timedelta(seconds=rng.uniform(0, 400 * 86400))
            region = rng.choice(regions).value if rng.random() < 0.9 else None
            category = rng.choice(categories).value
            # A few numbers are named by many reports, most by one or two (Zipf-like).
            named = {
                min(n_indicators, int(rng.paretovariate(0.6)))
                if rng.random() < 0.3
                else rng.randrange(1, n_indicators + 1)
                for _ in range(rng.choice((1, 1, 2, 3)))
            }
            rid = f"R{at:%Y%m%d}-{n:08d}"
            fingerprint = f"{n:064x}"
            yield (
                {"id": rid, "created_at": at, "channel": rng.choice(channels).value,
                 "category": category, "region": region,
                 "loss_amount": Decimal(rng.randrange(5, 2000) * 1000), "currency": "KZT",
                 "language": "ru", "text": rng.choice(TEXTS).format(phone=phone(min(named))),
                 "contact": None, "reporter_fingerprint": fingerprint,
                 "idempotency_key": None, "request_digest": None, "source_ref": None},
                [{"report_id": rid, "indicator_id": i, "reporter_fingerprint": fingerprint,
                  "category": category, "region": region, "reported_at": at} for i in named],
            )  # fmt: skip

    batch: list[dict[str, Any]] = []
    seen_rows: list[dict[str, Any]] = []
    for row, named in report_rows():
        batch.append(row)
        seen_rows += named
        if len(batch) == CHUNK:
            write(reports, batch)
            write(sightings, seen_rows)
            write(indicator_reporters, [{"indicator_id": s["indicator_id"],
                                         "reporter_fingerprint": s["reporter_fingerprint"]}
                                        for s in seen_rows])  # fmt: skip
            tick(len(batch))
            batch, seen_rows = [], []
    if batch:
        write(reports, batch)
        write(sightings, seen_rows)
        write(indicator_reporters, [{"indicator_id": s["indicator_id"],
                                     "reporter_fingerprint": s["reporter_fingerprint"]}
                                    for s in seen_rows])  # fmt: skip
        tick(len(batch))
    with runtime.engine.begin() as db:
        recount_tallies(db)  # as the reports' own writes would have counted them
        db.execute(text(
            "UPDATE indicators SET report_count = (SELECT count(*) FROM indicator_reporters r "
            "WHERE r.indicator_id = indicators.id)"
        ))  # fmt: skip
    sealed = runtime.contact_sealer.seal("Жәбірленуші Б.", context="bench")
    states = ("registered", "investigating", "investigating", "sent_to_court", "closed",
              "suspended")  # fmt: skip
    titles = ("Предоплата на OLX", "Звонки «службы безопасности»", "Лже-инвестиции",
              "Кредиты на имя потерпевших")  # fmt: skip
    for start in range(0, n_cases, CHUNK // 4):
        rows, parties, links, events = [], [], [], []
        for case_id in range(start + 1, min(n_cases, start + CHUNK // 4) + 1):
            opened = NOW - timedelta(seconds=rng.uniform(0, 400 * 86400))
            state = rng.choice(states)
            rows.append({"id": case_id, "erdr_number": f"26{case_id:013d}",
                         "title": rng.choice(titles), "article": "190 ч.2",
                         "category": rng.choice(categories).value,
                         "region": rng.choice(regions).value, "state": state,
                         "close_ground": "non_rehabilitating" if state == "closed" else None,
                         "investigator": f"inv{case_id % 40}", "opened_by": "bench",
                         "opened_at": opened, "state_since": opened,
                         "deadline": opened + timedelta(days=60), "frozen_amount": 0,
                         "returned_amount": 0, "version": 1})  # fmt: skip
            for _ in range(rng.choice((1, 1, 2, 4))):
                parties.append({"case_id": case_id, "role": "victim", "name": sealed,
                                "contact": None, "loss": Decimal(rng.randrange(20, 900) * 1000),
                                "pensioner": rng.random() < 0.4, "report_id": None,
                                "added_by": "bench", "added_at": opened})  # fmt: skip
            links.append({"case_id": case_id, "kind": "report",
                          "ref": f"R{opened:%Y%m%d}-{case_id:08d}", "added_by": "bench",
                          "added_at": opened})  # fmt: skip
            for n in range(rng.choice((0, 0, 1, 3))):  # drops found as the money was followed
                found = opened + timedelta(days=2)
                links.append({"case_id": case_id, "kind": "drop_account",
                              "ref": f"KZ{case_id % 97:02d}722S{case_id:08d}{n:04d}",
                              "added_by": "bench", "added_at": found})  # fmt: skip
            events.append({"case_id": case_id, "at": opened, "actor": "bench",
                           "from_state": None, "to_state": "registered", "ground": None,
                           "reason": "opened"})  # fmt: skip
            if state != "registered":
                events.append({"case_id": case_id, "at": opened + timedelta(days=3),
                               "actor": "bench", "from_state": "registered", "to_state": state,
                               "ground": rows[-1]["close_ground"], "reason": "bench"})  # fmt: skip
        for table, chunk in ((cases, rows), (case_parties, parties), (case_links, links),
                             (case_events, events)):  # fmt: skip
            write(table, chunk)
        tick(len(rows))
    with runtime.engine.begin() as db:
        recount_case_tallies(db)  # as the cases' own changes would have counted them
    if runtime.engine.dialect.name == "postgresql":
        with runtime.engine.begin() as db:
            for name in ("cases", "indicators"):  # ids given here: move the sequences on
                db.execute(text(f"SELECT setval('{name}_id_seq', (SELECT max(id) FROM {name}))"))
            db.execute(text("ANALYZE"))
    else:
        with runtime.engine.begin() as db:
            db.execute(text("ANALYZE"))


def timed(client: TestClient, path: str, rounds: int) -> list[float]:
    client.get(path)  # warm: statement caches, the page cache
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        answer = client.get(path)
        times.append(time.perf_counter() - start)
        assert answer.status_code == 200, (path, answer.status_code)
    return times


def measure(runtime: Runtime, rounds: int) -> dict[str, tuple[float, float]]:
    runtime.accounts.create_user(actor=CONSOLE, name="bench.inv", role=Role.INVESTIGATOR)
    runtime.accounts.set_password(actor=CONSOLE, name="bench.inv", password=PASSWORD)
    found = {}
    with TestClient(create_app(runtime)) as client:
        form = client.get("/login").text
        token = form.split('name="csrf_token" value="')[1].split('"')[0]
        signed = client.post(
            "/login",
            data={"csrf_token": token, "username": "bench.inv", "password": PASSWORD},
            follow_redirects=False,
        )
        assert signed.status_code == 303, signed.text
        for name, path in PAGES.items():
            times = timed(client, path, rounds)
            p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
            found[name] = (statistics.median(times), p95)
    return found


def run(
    name: str, url: str | None, folder: Path, n_reports: int, n_cases: int, rounds: int
) -> None:
    results = []
    for size, (reports_n, cases_n) in (("baseline", (1000, 50)), ("full", (n_reports, n_cases))):
        data = folder / f"{name}-{size}"
        database = url or f"sqlite:///{data / 'bench.db'}"
        if url:  # a scratch PostgreSQL database: start each size from an empty one
            scratch = create_engine(url)
            with scratch.begin() as db:
                db.execute(text("DROP SCHEMA public CASCADE"))
                db.execute(text("CREATE SCHEMA public"))
            scratch.dispose()
        runtime = bootstrap(Settings(_env_file=None, data_dir=data, database_url=database,
                                     secret_key=SECRET))  # fmt: skip
        runtime.clock = lambda: NOW
        started = time.perf_counter()
        with Progress(transient=True) as progress:
            seed(runtime, reports_n, cases_n, progress)
        print(f"{name} {size}: {reports_n:,} reports, {cases_n:,} cases seeded in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        results.append(measure(runtime, rounds))
        runtime.engine.dispose()
    baseline, full = results
    print(f"{name}: {'page':<20} {'median':>9} {'p95':>9} {'target':>8} {'ratio p95':>10}")
    for page in PAGES:
        median, p95 = full[page]
        target = 1.0 if page.startswith("statistics") else 0.150
        mark = "met" if p95 < target else "MISSED"
        print(f"  {page:<20} {median * 1000:7.1f}ms {p95 * 1000:7.1f}ms {target * 1000:6.0f}ms "
              f"{p95 / baseline[page][1]:8.2f}x  {mark}")  # fmt: skip
    print("ratio p95: the page over the full unit / over the small baseline unit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--postgres", default=os.environ.get("CYBERPOL_BENCH_POSTGRES_URL"))
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cyberpol-bench-") as folder:
        work = Path(folder)
        if not args.no_sqlite:
            run("SQLite", None, work, args.reports, args.cases, args.rounds)
        if args.postgres:
            run("PostgreSQL", args.postgres, work, args.reports, args.cases, args.rounds)


if __name__ == "__main__":
    main()
