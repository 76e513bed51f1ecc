"""The SIM features on Spark equal DuckDB's, SIM by SIM, and a scoring run on Spark flags
the same SIMs and boxes."""

from __future__ import annotations

import math
import os
import shutil
from pathlib import Path

import pytest

from cyberpol.synth.calls import generate_calls
from cyberpol.telecom.store.call_store import CallStore
from cyberpol.telecom.store.engines import export_cdr, spark_sim_features
from cyberpol.telecom.store.features import duckdb_sim_features


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CallStore:
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test Spark: java is missing (scripts/test installs it)")
        pytest.skip("java is not installed (scripts/test installs it)")
    week = tmp_path_factory.mktemp("spark-week")
    generate_calls(week, records=100_000, seed=31)
    store = CallStore(None, spark_master="local[2]")
    store.load_file(week / "calls.parquet", operator=None, requested_format="auto")
    return store


def test_spark_computes_every_feature_as_duckdb_does(store: CallStore, tmp_path: Path) -> None:
    with store.file.writing() as db:
        ours = duckdb_sim_features(db)
        cdr = export_cdr(db, tmp_path)
    theirs = spark_sim_features(cdr, master="local[2]")
    assert theirs.column_names == ours.column_names
    assert theirs.num_rows == ours.num_rows > 300
    different = []
    for name in ours.column_names:
        for i, (a, b) in enumerate(zip(ours.column(name).to_pylist(),
                                       theirs.column(name).to_pylist(), strict=True)):  # fmt: skip
            same = (
                math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
                if isinstance(a, float) or isinstance(b, float)
                else a == b
            )
            if not same:
                different.append((name, ours.column("imsi")[i].as_py(), a, b))
    assert different == []


def test_a_run_on_spark_flags_what_a_run_on_duckdb_flags(store: CallStore) -> None:
    on_duckdb = store.score_sims(engine="duckdb")
    flagged = {s.imsi: s.device for s in store.sim_scores(limit=10**6, flagged_only=True)}
    on_spark = store.score_sims(engine="spark")
    assert on_spark == on_duckdb
    assert on_duckdb.flagged > 0
    assert {s.imsi: s.device for s in store.sim_scores(limit=10**6, flagged_only=True)} == flagged
