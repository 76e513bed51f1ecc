"""The SIM features on DuckDB (default) or on Apache Spark, from the same SQL steps.

Spark reads the subscriber's side of every record (the ``cdr`` view) from a Parquet file the
call store writes, so a cluster can work on a copy far from the store.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.spark import spark_session
from cyberpol.telecom.store.features import CDR_VIEW, STEPS, duckdb_sim_features

ENGINES = ("duckdb", "spark")


def _read_more_than_once() -> frozenset[str]:
    """Steps whose table later steps read more than once (Spark recomputes a view per read)."""
    shared = set()
    for i, (name, _) in enumerate(STEPS):
        pattern = re.compile(rf"\b{name}\b")
        if sum(bool(pattern.search(select)) for _, select in STEPS[i + 1 :]) > 1:
            shared.add(name)
    return frozenset(shared)


_SHARED = _read_more_than_once()


def export_cdr(db: duckdb.DuckDBPyConnection, folder: Path) -> Path:
    """The ``cdr`` view as Parquet, for Spark or another machine."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "cdr.parquet"
    quoted = target.as_posix().replace("'", "''")
    db.execute(f"COPY ({CDR_VIEW}) TO '{quoted}' (FORMAT parquet)")
    return target


def spark_sim_features(cdr: Path, *, master: str) -> pa.Table:
    """The same features computed by Spark from ``export_cdr``'s file, ordered by IMSI."""
    spark = spark_session(master, "cyberpol-simbox")
    spark.read.parquet(str(cdr)).createOrReplaceTempView("cdr")
    for name, select in STEPS:
        frame = spark.sql(select)
        if name in _SHARED:
            frame = frame.cache()
        frame.createOrReplaceTempView(name)
    return spark.sql("SELECT * FROM features ORDER BY imsi").toArrow()


def sim_features(db: duckdb.DuckDBPyConnection, *, engine: str, spark_master: str) -> pa.Table:
    """Every SIM's features on the engine asked for."""
    if engine == "duckdb":
        return duckdb_sim_features(db)
    if engine != "spark":
        raise InvalidInput(f"Unknown engine {engine!r}; use {' or '.join(ENGINES)}")
    with tempfile.TemporaryDirectory(prefix="cyberpol-cdr-") as folder:
        cdr = export_cdr(db, Path(folder))
        table = spark_sim_features(cdr, master=spark_master)
    # Spark gives its own integer widths; the store's scoring reads DuckDB's schema.
    return table.cast(duckdb_sim_features_schema(db), safe=False)


def duckdb_sim_features_schema(db: duckdb.DuckDBPyConnection) -> pa.Schema:
    db.execute(f"CREATE OR REPLACE TEMP VIEW cdr AS {CDR_VIEW} LIMIT 0")
    try:
        for name, select in STEPS:
            db.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {select}")
        return db.sql("SELECT * FROM features").to_arrow_table().schema
    finally:
        for name, _ in reversed(STEPS):
            db.execute(f"DROP VIEW IF EXISTS {name}")
        db.execute("DROP VIEW IF EXISTS cdr")
