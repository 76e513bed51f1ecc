"""Run the mule-feature SQL on DuckDB (default) or on Apache Spark, with the same results."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cyberpol.mules.store.features import STEPS
from cyberpol.platform.duckdb import DuckDbFile
from cyberpol.platform.spark import spark_session

_TX = """SELECT transfer_id, CAST(epoch(ts) AS BIGINT) AS ts_s, CAST(amount AS DOUBLE) AS amount,
                from_account, from_bank, to_account, to_bank, channel FROM transfers"""
# Which bank holds each account (see the money trail's ``account_holders``).
_HOLDERS = "SELECT account, bank FROM account_holders"
_ACCT = """SELECT account, bank, holder_id, CAST(epoch(opened_at) AS BIGINT) AS opened_s,
                  holder_birth_year, holder_country, device_id, ip FROM accounts"""


def _readers() -> dict[str, list[int]]:
    """For each step but the last, the later steps whose SQL reads its table."""
    readers: dict[str, list[int]] = {}
    for i, (name, _) in enumerate(STEPS[:-1]):
        pattern = re.compile(rf"\b{name}\b")
        readers[name] = [
            j for j, (_, select) in enumerate(STEPS) if j > i and pattern.search(select)
        ]
    return readers


def _last_reads() -> dict[int, list[str]]:
    """For each step, the earlier steps' tables that no step after it reads."""
    last: dict[int, list[str]] = {}
    for name, readers in _READERS.items():
        if readers and max(readers) < len(STEPS) - 1:
            last.setdefault(max(readers), []).append(name)
    return last


_READERS = _readers()
_LAST_READ = _last_reads()
# Spark recomputes a view each time it is read: keep those read more than once.
_SHARED = frozenset(name for name, readers in _READERS.items() if len(readers) > 1)
KNOWN_SCHEMA = pa.schema([("account", pa.string()), ("kind", pa.string())])


def duckdb_features(
    store: DuckDbFile, known: pa.Table, *, between: tuple[int, int] | None = None
) -> pa.Table:
    """Features of every account in the store, computed inside DuckDB; ``between`` (epoch
    seconds, end excluded) keeps only the transfers of that window."""
    cursor = store.reading()
    try:
        cursor.execute("SET preserve_insertion_order = false")
        window = (
            ""
            if between is None
            else f" WHERE {int(between[0])} <= ts_s AND ts_s < {int(between[1])}"
        )
        cursor.execute(f"CREATE OR REPLACE TEMP VIEW tx AS SELECT * FROM ({_TX}){window}")
        cursor.execute(f"CREATE OR REPLACE TEMP VIEW acct AS {_ACCT}")
        cursor.execute(f"CREATE OR REPLACE TEMP VIEW held_by AS {_HOLDERS}")
        cursor.register("known_arrow", known.cast(KNOWN_SCHEMA))
        cursor.execute("CREATE OR REPLACE TEMP TABLE known AS SELECT * FROM known_arrow")
        for index, (name, select) in enumerate(STEPS[:-1]):
            cursor.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {select}")
            # Temp tables live in memory: drop each once no later step reads it.
            for done in _LAST_READ.get(index, ()):
                cursor.execute(f"DROP TABLE {done}")
        return cursor.sql(f"{STEPS[-1][1]} ORDER BY b.account").to_arrow_table()
    finally:
        cursor.close()


def training_windows(
    store: DuckDbFile, *, count: int = 5, share: float = 0.5
) -> list[tuple[int, int]]:
    """``count`` windows, each ``share`` of the store's time span, evenly spaced over it."""
    cursor = store.reading()
    try:
        first, last = cursor.execute(
            "SELECT CAST(epoch(min(ts)) AS BIGINT), CAST(epoch(max(ts)) AS BIGINT) FROM transfers"
        ).fetchall()[0]
    finally:
        cursor.close()
    if first is None or last - first < 2 * 86400:
        return []
    width = int((last + 1 - first) * share)
    step = (last + 1 - first - width) / max(count - 1, 1)
    return [(first + int(i * step), first + int(i * step) + width) for i in range(count)]


def duckdb_training_features(store: DuckDbFile, known: pa.Table) -> pa.Table:
    """Features over the whole period and over shorter windows inside it, one table.

    A model is later asked about windows of other lengths, and about accounts that were
    quiet for part of them; training on windows like those lifted F1 on AMLGentex's time
    split from 0.56 to 0.72 on the validation split (bench/mule_quality.py). An account
    appears once per window it was active in.
    """
    parts = [duckdb_features(store, known)]
    parts += [duckdb_features(store, known, between=w) for w in training_windows(store)]
    return pa.concat_tables(parts)


def export_inputs(store: DuckDbFile, folder: Path) -> None:
    """Write the transfer and account views as Parquet, for Spark or another machine."""
    folder.mkdir(parents=True, exist_ok=True)
    cursor = store.reading()
    try:
        for name, select in (("tx", _TX), ("acct", _ACCT), ("held_by", _HOLDERS)):
            target = (folder / f"{name}.parquet").as_posix().replace("'", "''")
            cursor.execute(f"COPY ({select}) TO '{target}' (FORMAT parquet)")
    finally:
        cursor.close()


def spark_features(folder: Path, known: pa.Table, *, master: str) -> pa.Table:
    """The same features computed by Spark from ``export_inputs``' Parquet files."""
    spark = spark_session(master, "cyberpol-mules")
    spark.read.parquet(str(folder / "tx.parquet")).createOrReplaceTempView("tx")
    spark.read.parquet(str(folder / "acct.parquet")).createOrReplaceTempView("acct")
    spark.read.parquet(str(folder / "held_by.parquet")).createOrReplaceTempView("held_by")
    known_path = folder / "known.parquet"
    pq.write_table(known.cast(KNOWN_SCHEMA), known_path)
    spark.read.parquet(str(known_path)).createOrReplaceTempView("known")
    for name, select in STEPS[:-1]:
        frame = spark.sql(select)
        if name in _SHARED:
            frame = frame.cache()
        frame.createOrReplaceTempView(name)
    result = spark.sql(f"{STEPS[-1][1]} ORDER BY b.account")
    return result.toArrow()
