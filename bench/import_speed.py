"""Bulk import of known-bad indicators: 1,000,000 rows from a CSV file into the registry.

    python bench/import_speed.py [--rows 1000000] [--postgres URL]

Times `cyberpol import indicators` end to end, as the command runs it: read the file,
normalise with attributes in a worker process, upsert, record blocks, save progress. On
SQLite, and on PostgreSQL when a URL is given (or CYBERPOL_BENCH_POSTGRES_URL is set).
The baseline, run in the same process on the same database, is a bare executemany INSERT
of the already-normalised rows into a table of the same shape: the floor for any importer
on that database. Target: SQLite under 60 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert

from cyberpol.bootstrap import bootstrap
from cyberpol.config import Settings
from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.platform.file_import import pipelined_map
from cyberpol.platform.files.rows import file_digest, read_rows
from cyberpol.synth.reports import synthetic_indicators

SECRET = "bench-secret-0123456789-0123456789-0123456789"


def write_file(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["value", "kind", "status", "category", "blocked_by"])
        writer.writeheader()
        for row in synthetic_indicators(rows, seed=3):
            writer.writerow(row)


def timed_import(path: Path, database_url: str, data_dir: Path) -> float:
    runtime = bootstrap(
        Settings(_env_file=None, data_dir=data_dir, database_url=database_url, secret_key=SECRET)
    )
    start = time.perf_counter()
    rows = ((line, row) for line, row in read_rows(path) if isinstance(row, dict))
    summary = runtime.registry.import_indicators(
        actor=CONSOLE,
        rows=rows,
        digest=file_digest(path),
        source=path.name,
        on_progress=lambda _: None,
        chunk_map=pipelined_map,
    )
    elapsed = time.perf_counter() - start
    print(f"  imported {summary.loaded:,} rows, rejected {len(summary.rejected):,}")
    runtime.engine.dispose()
    return elapsed


def timed_bare_insert(path: Path, database_url: str) -> float:
    engine = create_engine(database_url)
    table = Table(
        "bench_floor",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("kind", String(20)),
        Column("value", String(2100)),
        Column("key", String(2200), unique=True),
        Column("status", String(16)),
    )
    table.drop(engine, checkfirst=True)
    table.create(engine)
    secret = SECRET.encode()
    normalised = {}
    for _line, row in read_rows(path):
        assert isinstance(row, dict), row  # the bench writes the file: every row is readable
        i = parse_indicator(str(row["value"]), card_secret=secret)
        normalised[i.key] = {
            "kind": i.kind.value,
            "value": i.value,
            "key": i.key,
            "status": row["status"],
        }
    values = list(normalised.values())
    start = time.perf_counter()
    with engine.begin() as connection:
        for offset in range(0, len(values), 10_000):
            connection.execute(insert(table), values[offset : offset + 10_000])
    elapsed = time.perf_counter() - start
    table.drop(engine)
    engine.dispose()
    return elapsed


def report(name: str, rows: int, ours: float, floor: float) -> None:
    print(
        f"{name}: import {ours:6.1f} s ({rows / ours:,.0f} rows/s); bare INSERT floor "
        f"{floor:5.1f} s; ratio import/floor {ours / floor:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("CYBERPOL_BENCH_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cyberpol-bench-") as folder:
        work = Path(folder)
        source = work / "known-bad.csv"
        write_file(source, args.rows)
        print(f"{args.rows:,} rows, {source.stat().st_size / 1e6:.0f} MB CSV")
        sqlite_url = f"sqlite:///{work / 'bench.db'}"
        ours = timed_import(source, sqlite_url, work)
        floor = timed_bare_insert(source, sqlite_url)
        report("SQLite", args.rows, ours, floor)
        if args.postgres:
            ours = timed_import(source, args.postgres, work)
            floor = timed_bare_insert(source, args.postgres)
            report("PostgreSQL", args.rows, ours, floor)


if __name__ == "__main__":
    main()
