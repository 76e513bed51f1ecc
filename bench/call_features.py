"""SIM features over a generated week of call records, in DuckDB.

    python bench/call_features.py [--records 10000000] [--seed 3]

Generates the records (`cyberpol synth calls`), loads them through the call exchange (every
row checked) into a call store on disk, then works out every SIM's features. Prints each
phase's time, the process's peak memory, and the features' ratio to a bare per-SIM
``GROUP BY`` over the same store in the same process (the baseline). Target (issue 12):
features and scoring of 10,000,000 records under 3 minutes on 2 cores, under 8 GB.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from cyberpol.synth.calls import generate_calls
from cyberpol.telecom.store.call_store import CallStore
from cyberpol.telecom.store.features import duckdb_sim_features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cyberpol-bench-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        summary = generate_calls(work / "synth", records=args.records, seed=args.seed)
        generated = time.perf_counter() - started
        store = CallStore(work / "calls.duckdb")
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
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"{summary.records:,} records, {summary.sims:,} SIMs ({summary.simbox_sims:,} in "
          f"{sum(summary.boxes.values())} boxes), {summary.days} days")  # fmt: skip
    print(f"  generate {generated:.1f} s; load through the exchange {load_s:.1f} s "
          f"({loaded.rejected} rejected)")  # fmt: skip
    print(f"  features of {features.num_rows:,} SIMs: {feature_s:.1f} s; a bare per-SIM "
          f"GROUP BY: {baseline:.2f} s; ratio {feature_s / baseline:.1f}")  # fmt: skip
    print(f"  peak memory of the process: {peak:.1f} GB (target < 8 GB)")


if __name__ == "__main__":
    main()
