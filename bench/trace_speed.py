"""Money-trail tracing speed over 10,000,000 transfers, against DuckDB and NetworkX.

    .venv/bin/python bench/trace_speed.py [--quick] [--transfers N] [--nx-transfers N]

Generates seeded transfers (heavy-tailed accounts, merchants taking most payments, 30 days,
lognormal amounts, a few percent of exits) with planted drop chains (victims -> 2-4 layers
of drops forwarding ~90 % within hours -> cash-out, crypto, abroad) into a fresh
TransferStore, builds the trace index and times FIFO and haircut traces. Baselines walk as
our trace does before attributing amounts (out within 72 h of the arrival, per hop, 10 hops,
>= 1 % of the amount, no exits): recursive SQL in DuckDB on the same store, and a BFS in
NetworkX over the first --nx-transfers transfers in time (10M edges would not fit in memory)
against our trace on the same subset. Target: p99 under 50 ms on 10M. Ratios matter more
than times. "accounts" is the trail's size for our trace, the walk's for the baselines; "cap
hit" counts walks stopped at 5000 accounts. While traces take seconds, the 10M run takes
about an hour; --traces 100 shortens it.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pyarrow as pa

from cyberpol.money_trail.domain.attribution import TraceMethod, TraceRequest
from cyberpol.money_trail.domain.transfers import EXIT_CHANNELS, TransferChannel
from cyberpol.money_trail.store.tracing import Tracer
from cyberpol.money_trail.store.transfer_store import TransferStore

CHANNELS = tuple(TransferChannel)
CODE = {channel: code for code, channel in enumerate(CHANNELS)}
EXITS = [CODE[c] for c in CHANNELS if c in EXIT_CHANNELS]
SHARES = (0.55, 0.10, 0.30, 0.03, 0.01, 0.01)  # in CHANNELS order: transfer ... foreign
WINDOW, MAX_HOPS, MAX_ACCOUNTS = 72 * 3600, 10, 5000
START, DAYS = 1_709_251_200, 30  # from 2024-03-01 UTC

INSERT_SQL = """
INSERT INTO transfers SELECT
    'T' || lpad(CAST(i AS VARCHAR), 9, '0'), to_timestamp(ts), CAST(amount AS DECIMAL(18, 2)),
    'KZT', 'A' || lpad(CAST(src AS VARCHAR), 7, '0'), 'BANK' || (src % 7),
    'A' || lpad(CAST(dst AS VARCHAR), 7, '0'), 'BANK' || (dst % 7), ({channels})[channel + 1], 1
FROM generated
"""
# UNION (not UNION ALL) drops repeated (account, arrival, hop) rows, so cycles end.
REACH_SQL = """
WITH RECURSIVE walk(account, arrived, hop) AS (
    SELECT to_account, ts, 1 FROM transfers WHERE transfer_id = $id
    UNION
    SELECT t.to_account, t.ts, w.hop + 1
    FROM walk w JOIN transfers t ON t.from_account = w.account
        AND t.ts >= w.arrived AND t.ts <= w.arrived + INTERVAL {window} SECOND
    WHERE w.hop <= {hops} AND t.amount >= $threshold AND t.channel NOT IN ({exits})
)
SELECT count(DISTINCT account) FROM walk
"""


def generate(n: int, seed: int) -> tuple[pa.Table, np.ndarray]:
    """Transfers in time order (position = transfer number) and the victims' positions."""
    rng = np.random.default_rng(seed)
    n_accounts = max(n // 25, 1000)
    people = rng.pareto(2.0, n_accounts) + 1.0  # most people send and receive a little
    shops = rng.pareto(1.1, n_accounts) + 1.0  # a few merchants take most payments
    channel = rng.choice(len(CHANNELS), n, p=SHARES).astype(np.int8)
    src = rng.choice(n_accounts, n, p=people / people.sum())
    dst = rng.choice(n_accounts, n, p=people / people.sum())
    paying = channel == CODE[TransferChannel.PAYMENT]
    dst[paying] = rng.choice(n_accounts, int(paying.sum()), p=shops / shops.sum())
    dst[dst == src] = (dst[dst == src] + 1) % n_accounts
    ts = START + rng.integers(0, DAYS * 86400, n)
    amount = np.round(rng.lognormal(9.5, 1.3, n), 2)
    # planted drop chains: (src, dst, ts, amount, channel)
    rows: list[tuple[int, int, int, float, int]] = []
    victim_rows: list[int] = []
    for _ in range(max(100, n // 40_000)):
        layers = [rng.choice(n_accounts, rng.integers(1, 4)) for _ in range(rng.integers(2, 5))]
        t0 = START + int(rng.integers(0, (DAYS - 3) * 86400))
        flows = [
            (int(v), t0 + int(rng.integers(0, 6 * 3600)), rng.lognormal(13, 0.6))
            for v in rng.choice(n_accounts, rng.integers(1, 4))
        ]  # victims pay the drops
        for depth, layer in enumerate([*layers, None]):  # None: cash-out, crypto, abroad
            held: dict[int, tuple[float, int]] = {}  # drop -> (money received, last arrival)
            for sender, when, paid in flows:
                if depth == 0:
                    victim_rows.append(len(rows))
                to = int(rng.choice(layer)) if layer is not None else int(rng.integers(n_accounts))
                code = int(rng.choice(EXITS)) if layer is None else CODE[TransferChannel.TRANSFER]
                rows.append((sender, to, when, round(paid, 2), code))
                total, latest = held.get(to, (0.0, 0))
                held[to] = (total + paid, max(latest, when))
            flows = [
                (drop, latest + 60 + int(rng.exponential(2 * 3600)), 0.9 * total * share)
                for drop, (total, latest) in held.items()
                for share in rng.dirichlet(np.ones(rng.integers(1, 4)))
            ]  # ~90 % onward
    planted = np.array(rows, dtype=np.float64)
    names = ("src", "dst", "ts", "amount", "channel")
    generated: tuple[np.ndarray, ...] = (src, dst, ts, amount, channel)
    columns = [np.concatenate([c, planted[:, k].astype(c.dtype)]) for k, c in enumerate(generated)]
    order = np.argsort(columns[2], kind="stable")
    table = pa.table(
        {"i": np.arange(len(order))} | {k: c[order] for k, c in zip(names, columns, strict=True)}
    )
    return table, np.flatnonzero(np.isin(order, n + np.array(victim_rows)))


def fill_store(path: Path, table: pa.Table) -> TransferStore:
    store = TransferStore(path)
    channels = "[" + ", ".join(f"'{c.value}'" for c in CHANNELS) + "]"
    with store.writing() as cursor:
        cursor.register("generated", table)
        cursor.execute(INSERT_SQL.format(channels=channels))
        cursor.execute(
            "INSERT INTO loads (load_id, source, rows_loaded) VALUES (1, 'bench', ?)",
            [table.num_rows],
        )
        cursor.unregister("generated")
    return store


def pick_seeds(
    table: pa.Table, victims: np.ndarray, count: int, seed: int
) -> list[tuple[str, str]]:
    """(transfer_id, kind): half victims' transfers into drops, half ordinary non-exits."""
    rng = np.random.default_rng(seed)
    victims = victims[victims < table.num_rows]
    chosen = rng.choice(victims, min(count // 2, len(victims)), replace=False)
    ordinary = np.flatnonzero(~np.isin(table.column("channel").to_numpy(), EXITS))
    others = rng.choice(ordinary, count - len(chosen), replace=False)
    seeds = [(p, "victim") for p in chosen.tolist()] + [(p, "ordinary") for p in others.tolist()]
    return [(f"T{p:09d}", kind) for p, kind in seeds]


def ms(values: list[float], q: float = 50) -> float:
    return 1000 * float(np.percentile(values, q))


def timed(
    label: str, seeds: list[tuple[str, str]], run: Callable[[str], tuple[int, bool]]
) -> list[float]:
    """Latency of ``run(transfer_id) -> (accounts, hit the account cap)`` over the seeds."""
    times, sizes, capped = [], [], 0
    for transfer_id, _ in seeds:
        start = time.perf_counter()
        size, cut = run(transfer_id)
        times.append(time.perf_counter() - start)
        sizes.append(size)
        capped += cut
    kinds = {
        k: [t for t, s in zip(times, seeds, strict=True) if s[1] == k]
        for k in ("victim", "ordinary")
    }
    print(
        f"  {label:8} p50 {ms(times):7.1f}  p95 {ms(times, 95):7.1f}  p99 {ms(times, 99):7.1f} ms"
        f" (p99 victims {ms(kinds['victim'], 99):.1f}, ordinary {ms(kinds['ordinary'], 99):.1f})"
        f"; accounts mean {statistics.mean(sizes):.0f}, cap hit {capped}/{len(seeds)}"
    )
    return times


def build_index(store: TransferStore) -> tuple[Tracer, float]:
    tracer, start = Tracer(store, folder=None), time.perf_counter()
    tracer.index()
    return tracer, time.perf_counter() - start


def our_traces(tracer: Tracer, seeds: list[tuple[str, str]], method: TraceMethod) -> list[float]:
    """Accounts = on the trail; cap = the walk before attribution stopped at MAX_ACCOUNTS."""

    def run(transfer_id: str) -> tuple[int, bool]:
        request = TraceRequest(transfer_id=transfer_id, window=WINDOW, method=method)
        outcome = tracer.trace(request)
        return len(outcome.trail.accounts), outcome.truncated

    for transfer_id, _ in seeds[:5]:  # warm up
        run(transfer_id)
    return timed(method.value, seeds, run)


def first_value(row: tuple[Any, ...] | None) -> Any:
    """The first column of a row the query always returns."""
    assert row is not None
    return row[0]


def duckdb_traces(store: TransferStore, seeds: list[tuple[str, str]]) -> list[float]:
    exits = ", ".join(f"'{c.value}'" for c in EXIT_CHANNELS)
    sql = REACH_SQL.format(window=WINDOW, hops=MAX_HOPS, exits=exits)
    cursor = store.reading()
    amount_sql = "SELECT CAST(amount AS DOUBLE) FROM transfers WHERE transfer_id = ?"
    amounts: dict[str, float] = {
        t: first_value(cursor.execute(amount_sql, [t]).fetchone()) for t, _ in seeds
    }

    def run(transfer_id: str) -> tuple[int, bool]:
        threshold = amounts[transfer_id] * 0.01
        row = cursor.execute(sql, {"id": transfer_id, "threshold": threshold}).fetchone()
        return first_value(row), False

    times = timed("duckdb", seeds, run)
    cursor.close()
    return times


def networkx_graph(
    store: TransferStore,
) -> tuple[nx.MultiDiGraph, dict[str, tuple[str, int, float]], float]:
    """The graph a NetworkX user would build from the store, and a transfer_id lookup."""
    start, cursor = time.perf_counter(), store.reading()
    rows = cursor.execute(
        "SELECT transfer_id, from_account, to_account, CAST(epoch(ts) AS BIGINT), "
        "CAST(amount AS DOUBLE), channel FROM transfers"
    ).fetchall()
    cursor.close()
    exits, graph = {c.value for c in EXIT_CHANNELS}, nx.MultiDiGraph()
    graph.add_edges_from(
        (src, dst, {"ts": ts, "amount": amount, "exit": channel in exits})
        for _, src, dst, ts, amount, channel in rows
    )
    by_id = {row[0]: (row[2], row[3], row[4]) for row in rows}
    return graph, by_id, time.perf_counter() - start


def networkx_walk(
    graph: nx.MultiDiGraph, by_id: dict[str, tuple[str, int, float]], transfer_id: str
) -> tuple[int, bool]:
    """The walk Tracer makes before attributing amounts (same caps, no hub cut-off)."""
    seed_account, seed_ts, amount = by_id[transfer_id]
    first, last, hop = {seed_account: seed_ts}, {seed_account: seed_ts}, {seed_account: 1}
    pending = [seed_account]
    while pending:
        account = pending.pop()
        if hop[account] > MAX_HOPS:
            continue
        since, until = first[account], last[account] + WINDOW
        for _, target, edge in graph.out_edges(account, data=True):
            ts = edge["ts"]
            if not since <= ts <= until or edge["amount"] < amount * 0.01 or edge["exit"]:
                continue
            if target not in first and len(first) < MAX_ACCOUNTS:
                first[target] = last[target] = ts
                hop[target] = hop[account] + 1
                pending.append(target)
            elif target in first and ts > last[target]:
                last[target] = ts
                pending.append(target)
    return len(first), len(first) >= MAX_ACCOUNTS


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=10_000_000)
    parser.add_argument("--nx-transfers", type=int, default=1_000_000)
    parser.add_argument("--traces", type=int, default=500)
    parser.add_argument("--sql-seeds", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="200,000 transfers, 100 traces")
    args = parser.parse_args()
    if args.quick:
        args.transfers, args.nx_transfers, args.traces = 200_000, 50_000, 100
    with tempfile.TemporaryDirectory(prefix="trace-bench-") as tmp:
        start = time.perf_counter()
        table, victims = generate(args.transfers, args.seed)
        store = fill_store(Path(tmp) / "all.duckdb", table)
        took = time.perf_counter() - start
        print(
            f"{table.num_rows:,} transfers, {len(victims)} from victims, stored in {took:.0f} s; "
            f"peak RSS {peak_rss_gb():.2f} GB"
        )
        seeds = pick_seeds(table, victims, args.traces, args.seed)
        subset = table.slice(0, args.nx_transfers)
        small = fill_store(Path(tmp) / "subset.duckdb", subset)
        small_seeds = pick_seeds(subset, victims, args.traces, args.seed)
        del table, subset

        tracer, build = build_index(store)
        print(f"index build {build:.1f} s; peak RSS {peak_rss_gb():.2f} GB")
        fifo = our_traces(tracer, seeds, TraceMethod.FIFO)
        our_traces(tracer, seeds, TraceMethod.HAIRCUT)
        step = max(1, len(seeds) // args.sql_seeds)
        sql = duckdb_traces(store, seeds[::step][: args.sql_seeds])
        fifo_sql_seeds = fifo[::step][: args.sql_seeds]
        store.close()

        print(f"on the first {args.nx_transfers:,} transfers:")
        small_tracer, small_build = build_index(small)
        small_fifo = our_traces(small_tracer, small_seeds, TraceMethod.FIFO)
        graph, by_id, nx_build = networkx_graph(small)
        print(f"  build: networkx {nx_build:.1f} s, our index {small_build:.2f} s")
        nx_times = timed("networkx", small_seeds, lambda t: networkx_walk(graph, by_id, t))
        print(f"  peak RSS {peak_rss_gb():.2f} GB")
        small.close()

    print(f"\ntrace p99 on {args.transfers:,} transfers: {ms(fifo, 99):.1f} ms (target < 50 ms)")
    print(f"duckdb recursive / ours (p50, {len(sql)} seeds): {ms(sql) / ms(fifo_sql_seeds):.3g}x")
    print(f"networkx / ours (p50, {args.nx_transfers:,}): {ms(nx_times) / ms(small_fifo):.3g}x")
    print(f"build networkx / our index ({args.nx_transfers:,}): {nx_build / small_build:.3g}x")


if __name__ == "__main__":
    main()
