"""Memory and time of the trace index and of drop scoring, for the README's sizing section.

    .venv/bin/python bench/sizing.py [--transfers 2000000]

Generates N synthetic transfers (``cyberpol synth transfers``' generator), loads them into a
fresh store, then measures each phase in a process of its own so one phase's peak memory
does not hide another's: the trace index build (time, peak RSS above the bare process, the
index's own bytes and bytes per transfer, size on disk, time to load it back memory-mapped)
and DuckDB features + rules scoring of every account (time, peak RSS). Prints the same
figures scaled linearly to 10,000,000 transfers, marked as extrapolated.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from cyberpol.money_trail.store.trace_index import TraceIndex
from cyberpol.money_trail.store.transfer_load import AccountKeys, load_transfer_file
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.mules.store.engines import KNOWN_SCHEMA, duckdb_features
from cyberpol.mules.store.scoring import score_features
from cyberpol.synth.transfers import generate_transfers

TEN_MILLION = 10_000_000


def _peak_mb() -> float:
    # VmHWM starts afresh with the child's own image; ru_maxrss can carry the parent's peak.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _arrow_bytes(array: pa.Array) -> int:
    return sum(buffer.size for buffer in array.buffers() if buffer is not None)


def _index_phase(store_path: Path, folder: Path, results: Queue[dict[str, Any]]) -> None:
    bare = _peak_mb()
    store = TransferStore(store_path)
    started = time.perf_counter()
    index = TraceIndex.build(store)
    build = time.perf_counter() - started
    peak = _peak_mb() - bare
    arrays = sum(a.nbytes for a in index.arrays.values())
    per_transfer = sum(
        a.nbytes for name, a in index.arrays.items() if name not in ("out_start", "in_start")
    )
    strings = sum(_arrow_bytes(a) for a in (index.accounts, index.banks, index.transfer_ids))
    index.save(folder)
    store.close()
    on_disk = sum(f.stat().st_size for f in folder.iterdir())
    started = time.perf_counter()
    TraceIndex.load(folder)
    results.put(
        {
            "transfers": index.size,
            "accounts": len(index.accounts),
            "build_s": build,
            "peak_mb": peak,
            "array_mb": arrays / 2**20,
            "array_bytes_per_transfer": per_transfer / index.size,
            "string_mb": strings / 2**20,
            "disk_mb": on_disk / 2**20,
            "load_s": time.perf_counter() - started,
        }
    )


def _scoring_phase(store_path: Path, results: Queue[dict[str, Any]]) -> None:
    bare = _peak_mb()
    store = TransferStore(store_path)
    started = time.perf_counter()
    features = duckdb_features(store, KNOWN_SCHEMA.empty_table())
    featured = time.perf_counter() - started
    scores = score_features(features, None)
    total = time.perf_counter() - started
    store.close()
    flagged = int(np.sum(scores.column("flagged").to_numpy(zero_copy_only=False)))
    results.put(
        {
            "accounts": features.num_rows,
            "features_s": featured,
            "total_s": total,
            "peak_mb": _peak_mb() - bare,
            "flagged": flagged,
        }
    )


def _in_child(target: Any, *args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    results: Queue[dict[str, Any]] = context.Queue()
    child = context.Process(target=target, args=(*args, results))
    child.start()
    answer = results.get()
    child.join()
    assert child.exitcode == 0, child.exitcode
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sizing-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        generate_transfers(folder / "synth", transfers=args.transfers, seed=args.seed)
        generated = time.perf_counter() - started
        store_path = folder / "transfers.duckdb"
        store = TransferStore(store_path)
        started = time.perf_counter()
        for name in ("transfers.parquet", "accounts.parquet"):
            summary = load_transfer_file(store, folder / "synth" / name, accounts=AccountKeys(b"k"))
            assert not summary.rejected, summary.rejected[:3]
        loaded = time.perf_counter() - started
        store.close()
        store_mb = store_path.stat().st_size / 2**20
        print(
            f"{args.transfers:,} transfers generated in {generated:.0f} s, loaded in "
            f"{loaded:.0f} s; store {store_mb:.0f} MB"
        )
        index = _in_child(_index_phase, store_path, folder / "index")
        scoring = _in_child(_scoring_phase, store_path)

    scale = TEN_MILLION / index["transfers"]
    print(
        f"trace index: {index['transfers']:,} transfers, {index['accounts']:,} accounts; "
        f"build {index['build_s']:.1f} s, peak RSS +{index['peak_mb']:.0f} MB; arrays "
        f"{index['array_mb']:.0f} MB ({index['array_bytes_per_transfer']:.0f} B per transfer), "
        f"ids and names {index['string_mb']:.0f} MB; on disk {index['disk_mb']:.0f} MB, "
        f"loaded back (memory-mapped) in {index['load_s']:.2f} s"
    )
    print(
        f"scoring (DuckDB features + rules): {scoring['accounts']:,} accounts; features "
        f"{scoring['features_s']:.1f} s, total {scoring['total_s']:.1f} s, peak RSS "
        f"+{scoring['peak_mb']:.0f} MB; flagged {scoring['flagged']:,}"
    )
    print(
        f"extrapolated linearly to 10M transfers: store {store_mb * scale:,.0f} MB; index build "
        f"{index['build_s'] * scale:.0f} s, peak +{index['peak_mb'] * scale / 1024:.1f} GB, "
        f"index {(index['array_mb'] + index['string_mb']) * scale / 1024:.2f} GB in memory, "
        f"{index['disk_mb'] * scale / 1024:.2f} GB on disk; scoring "
        f"{scoring['total_s'] * scale:.0f} s, peak +{scoring['peak_mb'] * scale / 1024:.1f} GB"
    )


if __name__ == "__main__":
    main()
