"""Batch drop scoring at scale: features + scoring of N synthetic transfers on DuckDB.

Scoring is as ``cyberpol mules score`` scores: the model, then the accounts fed by flagged
ones (``mules.store.chains``).

Target (issue 3): 10,000,000 transfers in under 3 minutes on 2 cores, peak memory under
8 GB; the same job on Spark completes and agrees. Prints the time against a plain DuckDB
per-account aggregate over the same table (a ratio, since this machine's speed varies).

    .venv/bin/python bench/mule_scoring_speed.py                 # 10M, DuckDB only
    .venv/bin/python bench/mule_scoring_speed.py --transfers 1000000 --spark
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from cyberpol.money_trail.store.transfer_load import AccountKeys, load_transfer_file
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.mules.store.chains import fed_by_flagged
from cyberpol.mules.store.engines import KNOWN_SCHEMA, duckdb_features
from cyberpol.mules.store.model import train_mule_model
from cyberpol.mules.store.scoring import account_features, score_features
from cyberpol.synth.transfers import generate_transfers

_BASELINE = """SELECT account, count(*), sum(amount) FROM (
    SELECT from_account AS account, amount FROM transfers
    UNION ALL SELECT to_account, amount FROM transfers) GROUP BY account"""


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def _store(folder: Path, transfers: int, seed: int) -> tuple[TransferStore, Path]:
    synth = folder / f"synth{seed}"
    started = time.perf_counter()
    generate_transfers(synth, transfers=transfers, seed=seed)
    print(
        f"generated {transfers:,} transfers (seed {seed}) in {time.perf_counter() - started:.0f} s"
    )
    store = TransferStore(folder / f"store{seed}.duckdb")
    keys = AccountKeys(b"bench-key")
    started = time.perf_counter()
    for name in ("transfers.parquet", "accounts.parquet"):
        summary = load_transfer_file(store, synth / name, accounts=keys)
        assert not summary.rejected, summary.rejected[:3]
    print(f"  imported in {time.perf_counter() - started:.0f} s; peak RSS {_peak_gb():.2f} GB")
    return store, synth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=10_000_000)
    parser.add_argument("--train-transfers", type=int, default=300_000)
    parser.add_argument("--spark", action="store_true", help="also run Spark and compare")
    args = parser.parse_args()
    empty = KNOWN_SCHEMA.empty_table()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        train_store, train_synth = _store(folder, args.train_transfers, seed=1)
        features = duckdb_features(train_store, empty)
        labels = pq.read_table(train_synth / "account_labels.parquet").to_pydict()
        mule = dict(zip(labels["account"], labels["is_mule"], strict=True))
        y = np.array([mule.get(a, False) for a in features.column("account").to_pylist()])
        model = train_mule_model(features, y)
        train_store.close()

        store, _ = _store(folder, args.transfers, seed=2)
        cursor = store.reading()
        started = time.perf_counter()
        cursor.execute(_BASELINE).fetchall()
        baseline = time.perf_counter() - started
        cursor.close()
        started = time.perf_counter()
        features = duckdb_features(store, empty)
        featured = time.perf_counter() - started
        scores = score_features(features, model, lambda flagged: fed_by_flagged(store, flagged))
        total = time.perf_counter() - started
        print(
            f"duckdb: {features.num_rows:,} accounts; features {featured:.1f} s, "
            f"features + scoring {total:.1f} s (target < 180 s); "
            f"flagged {sum(scores.column('flagged').to_pylist()):,}; peak RSS {_peak_gb():.2f} GB"
        )
        print(
            f"per-account aggregate baseline {baseline:.1f} s; "
            f"ours / baseline {total / baseline:.1f}x"
        )
        if args.spark:
            started = time.perf_counter()
            spark = account_features(store, empty, engine="spark", spark_master="local[2]")
            print(f"spark: features {time.perf_counter() - started:.0f} s")
            for name in features.column_names[2:]:
                a = features.column(name).to_numpy(zero_copy_only=False).astype(float)
                b = spark.column(name).to_numpy(zero_copy_only=False).astype(float)
                assert np.allclose(a, b, rtol=1e-9, atol=1e-6), name
            print("spark and duckdb features agree on every account")


if __name__ == "__main__":
    main()
