"""Run the mule-feature SQL on DuckDB (default) or on Apache Spark, with the same results."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cyberpol.mules.store.features import STEPS
from cyberpol.platform.duckdb import DuckDbFile

_TX = """SELECT transfer_id, CAST(epoch(ts) AS BIGINT) AS ts_s, CAST(amount AS DOUBLE) AS amount,
                from_account, from_bank, to_account, to_bank, channel FROM transfers"""
# Which bank holds each account (see the money trail's ``account_holders``).
_HOLDERS = "SELECT account, bank FROM account_holders"
_ACCT = """SELECT account, bank, holder_id, CAST(epoch(opened_at) AS BIGINT) AS opened_s,
                  holder_birth_year, holder_country, device_id, ip FROM accounts"""


def _last_reads() -> dict[int, list[str]]:
    """For each step, the earlier steps' tables that no step after it reads."""
    last: dict[int, list[str]] = {}
    for i, (name, _) in enumerate(STEPS[:-1]):
        pattern = re.compile(rf"\b{name}\b")
        readers = [j for j, (_, select) in enumerate(STEPS) if j > i and pattern.search(select)]
        if readers and max(readers) < len(STEPS) - 1:
            last.setdefault(max(readers), []).append(name)
    return last


_LAST_READ = _last_reads()
KNOWN_SCHEMA = pa.schema([("account", pa.string()), ("kind", pa.string())])


def duckdb_features(store: DuckDbFile, known: pa.Table) -> pa.Table:
    """Features of every account in the store, computed inside DuckDB."""
    cursor = store.reading()
    try:
        cursor.execute("SET preserve_insertion_order = false")
        cursor.execute(f"CREATE OR REPLACE TEMP VIEW tx AS {_TX}")
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
    from pyspark.sql import SparkSession

    # Spark's Python workers must run this interpreter, not whatever `python3` is on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName("cyberpol-mules")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.read.parquet(str(folder / "tx.parquet")).createOrReplaceTempView("tx")
    spark.read.parquet(str(folder / "acct.parquet")).createOrReplaceTempView("acct")
    spark.read.parquet(str(folder / "held_by.parquet")).createOrReplaceTempView("held_by")
    known_path = folder / "known.parquet"
    pq.write_table(known.cast(KNOWN_SCHEMA), known_path)
    spark.read.parquet(str(known_path)).createOrReplaceTempView("known")
    for name, select in STEPS[:-1]:
        frame = spark.sql(select)
        if name in ("sides", "pair_counts", "base", "own", "pairs"):
            frame = frame.cache()
        frame.createOrReplaceTempView(name)
    result = spark.sql(f"{STEPS[-1][1]} ORDER BY b.account")
    return result.toArrow()
