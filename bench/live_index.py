"""The next trace after transfers arrive: a delta over the main index against a full rebuild.

    .venv/bin/python bench/live_index.py [--transfers N] [--arrivals N] [--traces N]

Fills a store as bench/trace_speed.py does (10,000,000 transfers by default), builds the
trace index, then 1,000 transfers arrive through the exchange the API uses (half of them
onward payments out of accounts the traced victims' money reached, a tenth to accounts
never seen before). Then 200 traces are timed twice in this process: with the delta (the
first trace reads the delta) and as before this change (the first trace after an arrival
rebuilt the whole index). Target: p99 with the delta under 100 ms. Every trace's answer is
compared with the answer after a full rebuild.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from cyberpol.money_trail.domain.attribution import TraceRequest
from cyberpol.money_trail.domain.trace import TraceResult
from cyberpol.money_trail.store.exchange import TransferExchange
from cyberpol.money_trail.store.trace_view import trace_view
from cyberpol.money_trail.store.tracing import Tracer
from trace_speed import fill_store, generate, ms, peak_rss_gb, pick_seeds

NEVER = 10**12  # no background rebuild during the timing
BANKS = ("CASPKZKA", "HSBKKZKX", "KCJBKZKX", "TSESKZKA")


def arrivals(
    exchange: TransferExchange, seeds: list[tuple[str, str]], count: int, seed: int
) -> list[dict[str, object]]:
    """Transfers as a bank would post them: onward from the seeds' receivers, and ordinary."""
    rng = np.random.default_rng(seed)
    cursor = exchange.store.reading()
    rows = cursor.execute(
        "SELECT to_account, epoch(ts) FROM transfers WHERE transfer_id IN (SELECT unnest(?))",
        [[t for t, _ in seeds]],
    ).fetchall()
    accounts = [
        a
        for (a,) in cursor.execute(
            "SELECT from_account FROM transfers USING SAMPLE 5000"
        ).fetchall()
    ]
    cursor.close()
    records: list[dict[str, object]] = []
    for number in range(count):
        if number % 2 == 0:
            source, when = rows[number // 2 % len(rows)]
            when = float(when) + float(rng.integers(60, 6 * 3600))
        else:
            source, when = accounts[int(rng.integers(len(accounts)))], 1_709_251_200 + 86400 * 15
        fresh = number % 10 == 1
        target = f"NEW{number:06d}" if fresh else accounts[int(rng.integers(len(accounts)))]
        records.append(
            {
                "transfer_id": f"LIVE{number:06d}",
                "ts": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(when)),
                "amount": f"{rng.lognormal(10.5, 1.0):.2f}",
                "currency": "KZT",
                "from_account": source,
                "from_bank": BANKS[number % len(BANKS)],
                "to_account": target,
                "to_bank": BANKS[(number + 1) % len(BANKS)],
                "channel": "transfer",
            }
        )
    return records


def timed_traces(tracer: Tracer, ids: list[str]) -> tuple[list[float], list[TraceResult]]:
    times: list[float] = []
    answers: list[TraceResult] = []
    for transfer_id in ids:
        start = time.perf_counter()
        outcome = tracer.trace(TraceRequest(transfer_id=transfer_id))
        times.append(time.perf_counter() - start)
        answers.append(trace_view(outcome, tracer.store))
    return times, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=10_000_000)
    parser.add_argument("--arrivals", type=int, default=1_000)
    parser.add_argument("--traces", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="live-bench-") as tmp:
        start = time.perf_counter()
        table, victims = generate(args.transfers, args.seed)
        store = fill_store(Path(tmp) / "all.duckdb", table)
        seeds = pick_seeds(table, victims, args.traces, args.seed)
        del table
        print(f"{args.transfers:,} transfers stored in {time.perf_counter() - start:.0f} s")
        exchange = TransferExchange(store, card_secret=b"bench" * 8, index_folder=None)
        exchange.tracer = live = Tracer(store, folder=None, rebuild_after=NEVER)
        start = time.perf_counter()
        live.index()
        build = time.perf_counter() - start
        print(f"main index built in {build:.1f} s; peak RSS {peak_rss_gb():.2f} GB")

        start = time.perf_counter()
        summary = exchange.load_records(
            arrivals(exchange, seeds, args.arrivals, args.seed), source="api:bench", own_bank=None
        )
        print(
            f"{summary.loaded} transfers arrived through the API in "
            f"{time.perf_counter() - start:.2f} s ({len(summary.rejected)} rejected)"
        )
        ids = [t for t, _ in seeds]
        with_delta, live_answers = timed_traces(live, ids)
        delta = live.index().delta
        print(
            f"with the delta ({delta.size:,} transfers, {len(delta.accounts)} new accounts): "
            f"first trace {1000 * with_delta[0]:.1f} ms, p50 {ms(with_delta):.1f}, "
            f"p99 {ms(with_delta, 99):.1f} ms"
        )
        old = Tracer(store, folder=None, rebuild_after=NEVER)  # before: rebuild on first trace
        rebuilt, full_answers = timed_traces(old, ids)
        print(
            f"as before (full rebuild on the first trace): first trace "
            f"{1000 * rebuilt[0]:.0f} ms, p50 {ms(rebuilt):.1f}, p99 {ms(rebuilt, 99):.1f} ms"
        )
        same = sum(a == b for a, b in zip(live_answers, full_answers, strict=True))
        reached = sum(
            any(e.transfer_id.startswith("LIVE") for e in answer.edges) for answer in live_answers
        )
        print(
            f"answers equal to the full rebuild's: {same}/{len(ids)} ({reached} use new transfers)"
        )
        print(
            f"\np99 of the next {len(ids)} traces on {args.transfers:,}: "
            f"{ms(with_delta, 99):.1f} ms with the delta (target < 100 ms); "
            f"full rebuild / delta (p99): {ms(rebuilt, 99) / ms(with_delta, 99):.3g}x, "
            f"first trace: {rebuilt[0] / with_delta[0]:.3g}x"
        )
        store.close()


if __name__ == "__main__":
    main()
