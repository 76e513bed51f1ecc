"""SIM features and SIM-box scoring over a generated week of call records, in DuckDB (and
Spark with --spark).

    python bench/call_features.py [--records 10000000] [--seed 3] [--spark]

Generates the records (`cyberpol synth calls`), loads them through the call exchange (every
row checked) into a call store on disk, works out every SIM's features, then scores every
SIM as `cyberpol simbox score` does (features, the shipped model, boxes, the run stored).
Prints each phase's time, the process's peak memory, the features' ratio to a bare per-SIM
``GROUP BY`` over the same store in the same process (the baseline), and how the run's flags
compare with what the generator planted. With --spark, the same scoring with the features
on Spark (CYBERPOL_SPARK_MASTER, default local[2]) and whether it flags the same SIMs.
Target (issue 12): features and scoring of 10,000,000 records under 3 minutes on 2 cores,
under 8 GB; Spark completes and agrees.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from cyberpol.synth.calls import generate_calls
from cyberpol.telecom.store.call_store import CallStore
from cyberpol.telecom.store.features import duckdb_sim_features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--spark", action="store_true", help="score with Spark too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cyberpol-bench-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        summary = generate_calls(work / "synth", records=args.records, seed=args.seed)
        generated = time.perf_counter() - started
        store = CallStore(
            work / "calls.duckdb",
            spark_master=os.environ.get("CYBERPOL_SPARK_MASTER", "local[2]"),
        )
        started = time.perf_counter()
        loaded = store.load_file(
            work / "synth" / "calls.parquet", operator=None, requested_format="auto"
        )
        load_s = time.perf_counter() - started
        with store.file.writing() as db:
            started = time.perf_counter()
            db.execute("SELECT imsi, count(*) FROM calls GROUP BY imsi").fetchall()
            baseline = time.perf_counter() - started
            started = time.perf_counter()
            features = duckdb_sim_features(db)
            feature_s = time.perf_counter() - started
        started = time.perf_counter()
        run = store.score_sims()
        score_s = time.perf_counter() - started
        flagged = {s.imsi for s in store.sim_scores(limit=10**8, flagged_only=True)}
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
        labels = pq.read_table(work / "synth" / "sim_labels.parquet").to_pylist()
        boxes = {r["imsi"] for r in labels if r["is_simbox"]}
        spark = ""
        if args.spark:
            started = time.perf_counter()
            on_spark = store.score_sims(engine="spark")
            spark_s = time.perf_counter() - started
            again = {s.imsi for s in store.sim_scores(limit=10**8, flagged_only=True)}
            spark = (f"  on Spark: {spark_s:.1f} s, {on_spark.flagged:,} flagged in "
                     f"{on_spark.devices} boxes; same SIMs flagged: {again == flagged} "
                     f"({len(again ^ flagged)} differ)")  # fmt: skip
        store.close()
    print(f"{summary.records:,} records, {summary.sims:,} SIMs ({summary.simbox_sims:,} in "
          f"{sum(summary.boxes.values())} boxes), {summary.days} days")  # fmt: skip
    print(f"  generate {generated:.1f} s; load through the exchange {load_s:.1f} s "
          f"({loaded.rejected} rejected)")  # fmt: skip
    print(f"  features of {features.num_rows:,} SIMs: {feature_s:.1f} s; a bare per-SIM "
          f"GROUP BY: {baseline:.2f} s; ratio {feature_s / baseline:.1f}")  # fmt: skip
    found = len(flagged & boxes)
    print(f"  scoring as `simbox score` ({run.model}): {score_s:.1f} s; features and scoring "
          f"{feature_s + score_s:.1f} s (target < 180 s)")  # fmt: skip
    print(f"  flagged {run.flagged:,} SIMs in {run.devices} boxes (planted "
          f"{sum(summary.boxes.values())}); precision {found / max(len(flagged), 1):.4f}, "
          f"recall {found / max(len(boxes), 1):.4f}")  # fmt: skip
    print(f"  peak memory of the process (DuckDB side): {peak:.1f} GB (target < 8 GB)")
    if spark:
        print(spark)


if __name__ == "__main__":
    main()
