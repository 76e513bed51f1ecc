"""Money-trail tracing speed over 10,000,000 transfers, against DuckDB and NetworkX.

    .venv/bin/python bench/trace_speed.py [--quick] [--transfers N] [--nx-transfers N]

Generates a seeded transfer table (heavy-tailed accounts, merchants taking most payments,
30 days, lognormal amounts, a few percent of exits) with planted drop chains (victims ->
2-4 layers of drops forwarding ~90 % within minutes to hours -> cash-out, crypto, abroad),
inserts it straight into a fresh TransferStore, builds the trace index (time, peak RSS)
and times FIFO and haircut traces from victims' transfers and from ordinary ones.
Baselines answer the walk our trace makes before attributing amounts (outgoing transfers
from the arrival to 72 h after it, per hop, up to 10 hops, >= 1 % of the amount, not exits):
a recursive SQL query in DuckDB on the same store, and a time-respecting BFS in NetworkX
over the first --nx-transfers transfers (10M edges would not fit in memory), against our
trace on an index of the same subset. Target: trace p99 under 50 ms on 10M transfers.
Ratios are printed as well as times, as the machine's speed varies.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pyarrow as pa

from cyberpol.analytics.tracing import Tracer
from cyberpol.analytics.transfer_store import TransferStore
from cyberpol.domain.money_trail import TraceMethod, TraceRequest
from cyberpol.domain.transfers import EXIT_CHANNELS, TransferChannel

CHANNELS = tuple(TransferChannel)
CODE = {channel: code for code, channel in enumerate(CHANNELS)}
EXITS = [CODE[c] for c in CHANNELS if c in EXIT_CHANNELS]
SHARES = {"transfer": 0.55, "card_to_card": 0.10, "payment": 0.30, "cash_out": 0.03}
SHARES |= {"crypto": 0.01, "foreign": 0.01}
WINDOW, MAX_HOPS, MAX_ACCOUNTS = 72 * 3600, 10, 5000
KINDS = ("victim", "ordinary")
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
    channel = rng.choice(len(CHANNELS), n, p=[SHARES[c.value] for c in CHANNELS]).astype(np.int8)
    src = rng.choice(n_accounts, n, p=people / people.sum())
    dst = rng.choice(n_accounts, n, p=people / people.sum())
    paying = channel == CODE[TransferChannel.PAYMENT]
    dst[paying] = rng.choice(n_accounts, int(paying.sum()), p=shops / shops.sum())
    dst[dst == src] = (dst[dst == src] + 1) % n_accounts
    ts = START + rng.integers(0, DAYS * 86400, n)
    amount = np.round(rng.lognormal(9.5, 1.3, n), 2)
    rows, victim_rows = [], []  # planted drop chains: (src, dst, ts, amount, channel)
    for _ in range(max(100, n // 40_000)):
        layers = [rng.choice(n_accounts, rng.integers(1, 4)) for _ in range(rng.integers(2, 5))]
        inflow, arrival = {}, {}
        t0 = START + int(rng.integers(0, (DAYS - 3) * 86400))
        for account in rng.choice(n_accounts, rng.integers(1, 4)):  # victims pay the first drops
            drop, paid = int(rng.choice(layers[0])), round(float(rng.lognormal(13, 0.6)), 2)
            when = t0 + int(rng.integers(0, 6 * 3600))
            victim_rows.append(len(rows))
            rows.append((int(account), drop, when, paid, CODE[TransferChannel.TRANSFER]))
            inflow[drop] = inflow.get(drop, 0.0) + paid
            arrival[drop] = max(arrival.get(drop, 0), when)
        for depth, layer in enumerate(layers):
            last = depth + 1 == len(layers)
            for drop in {int(d) for d in layer if int(d) in inflow}:
                for share in rng.dirichlet(np.ones(rng.integers(1, 4))):
                    part = round(0.9 * inflow[drop] * float(share), 2)
                    when = arrival[drop] + 60 + int(rng.exponential(2 * 3600))
                    to = int(rng.integers(n_accounts) if last else rng.choice(layers[depth + 1]))
                    code = int(rng.choice(EXITS)) if last else CODE[TransferChannel.TRANSFER]
                    rows.append((drop, to, when, part, code))
                    if not last:
                        inflow[to] = inflow.get(to, 0.0) + part
                        arrival[to] = max(arrival.get(to, 0), when)
    planted = np.array(rows, dtype=np.float64)
    names = ("src", "dst", "ts", "amount", "channel")
    columns = [
        np.concatenate([c, planted[:, k].astype(c.dtype)])
        for k, c in enumerate((src, dst, ts, amount, channel))
    ]
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
        cursor.execute("INSERT INTO loads VALUES (1, 'bench', now(), ?)", [table.num_rows])
        cursor.unregister("generated")
    return store


def pick_seeds(table: pa.Table, victims: np.ndarray, count: int, seed: int) -> list[tuple]:
    """(transfer_id, kind): half victims' transfers into drops, half ordinary non-exits."""
    rng = np.random.default_rng(seed)
    victims = victims[victims < table.num_rows]
    chosen = rng.choice(victims, min(count // 2, len(victims)), replace=False)
    ordinary = np.flatnonzero(~np.isin(table.column("channel").to_numpy(), EXITS))
    others = rng.choice(ordinary, count - len(chosen), replace=False)
    seeds = [(p, "victim") for p in chosen.tolist()] + [(p, "ordinary") for p in others.tolist()]
    return [(f"T{p:09d}", kind) for p, kind in seeds]


def ms(values: list[float], q: float) -> float:
    return 1000 * float(np.percentile(values, q))


def build_index(store: TransferStore) -> tuple[Tracer, float]:
    tracer, start = Tracer(store, folder=None), time.perf_counter()
    tracer.index()
    return tracer, time.perf_counter() - start


def time_traces(tracer: Tracer, seeds: list[tuple], method: TraceMethod) -> list[float]:
    for transfer_id, _ in seeds[:5]:  # warm up
        tracer.trace(TraceRequest(transfer_id=transfer_id, window=WINDOW, method=method))
    times, trail_sizes, capped = [], [], 0
    for transfer_id, _ in seeds:
        start = time.perf_counter()
        outcome = tracer.trace(TraceRequest(transfer_id=transfer_id, window=WINDOW, method=method))
        times.append(time.perf_counter() - start)
        trail_sizes.append(len(outcome.trail.accounts))
        capped += outcome.truncated
    kind = {k: [t for t, s in zip(times, seeds, strict=True) if s[1] == k] for k in KINDS}
    print(
        f"  {method.value:8} p50 {ms(times, 50):7.1f}  p95 {ms(times, 95):7.1f}  p99 "
        f"{ms(times, 99):7.1f} ms  (p99 victims {ms(kind['victim'], 99):.1f}, ordinary "
        f"{ms(kind['ordinary'], 99):.1f}); trail accounts mean "
        f"{statistics.mean(trail_sizes):.1f}; walk hit the {MAX_ACCOUNTS}-account cap "
        f"{capped}/{len(seeds)}"
    )
    return times


def duckdb_times(store: TransferStore, seeds: list[tuple]) -> list[float]:
    exits = ", ".join(f"'{c.value}'" for c in EXIT_CHANNELS)
    sql = REACH_SQL.format(window=WINDOW, hops=MAX_HOPS, exits=exits)
    cursor, times, reached = store.reading(), [], []
    for transfer_id, _ in seeds:
        amount_sql = "SELECT CAST(amount AS DOUBLE) FROM transfers WHERE transfer_id = ?"
        (amount,) = cursor.execute(amount_sql, [transfer_id]).fetchone()
        start = time.perf_counter()
        (count,) = cursor.execute(sql, {"id": transfer_id, "threshold": amount * 0.01}).fetchone()
        times.append(time.perf_counter() - start)
        reached.append(count)
    cursor.close()
    print(
        f"  duckdb   p50 {ms(times, 50):7.1f}  p99 {ms(times, 99):7.1f} ms over {len(seeds)} "
        f"seeds; accounts reached mean {statistics.mean(reached):.0f}"
    )
    return times


def networkx_graph(store: TransferStore) -> tuple[nx.MultiDiGraph, dict, float]:
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


def networkx_reach(graph: nx.MultiDiGraph, seed_account: str, seed_ts: int, threshold: float):
    """The walk Tracer makes before attributing amounts (same caps, no hub cut-off)."""
    first, last, hop = {seed_account: seed_ts}, {seed_account: seed_ts}, {seed_account: 1}
    pending = [seed_account]
    while pending:
        account = pending.pop()
        if hop[account] > MAX_HOPS:
            continue
        since, until = first[account], last[account] + WINDOW
        for _, target, edge in graph.out_edges(account, data=True):
            ts = edge["ts"]
            if not since <= ts <= until or edge["amount"] < threshold or edge["exit"]:
                continue
            if target not in first and len(first) < MAX_ACCOUNTS:
                first[target] = last[target] = ts
                hop[target] = hop[account] + 1
                pending.append(target)
            elif target in first and ts > last[target]:
                last[target] = ts
                pending.append(target)
    return len(first)


def networkx_times(graph: nx.MultiDiGraph, by_id: dict, seeds: list[tuple]) -> list[float]:
    times, reached = [], []
    for transfer_id, _ in seeds:
        start = time.perf_counter()
        account, ts, amount = by_id[transfer_id]
        reached.append(networkx_reach(graph, account, ts, amount * 0.01))
        times.append(time.perf_counter() - start)
    print(
        f"  networkx p50 {ms(times, 50):7.1f}  p99 {ms(times, 99):7.1f} ms; accounts reached "
        f"mean {statistics.mean(reached):.0f}"
    )
    return times


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
        print(
            f"{table.num_rows:,} transfers ({len(victims):,} from victims) generated and "
            f"stored in {time.perf_counter() - start:.1f} s; peak RSS {peak_rss_gb():.2f} GB"
        )
        seeds = pick_seeds(table, victims, args.traces, args.seed)
        subset = table.slice(0, args.nx_transfers)
        small = fill_store(Path(tmp) / "subset.duckdb", subset)
        small_seeds = pick_seeds(subset, victims, args.traces, args.seed)
        del table, subset

        tracer, build = build_index(store)
        print(f"index build {build:.1f} s; peak RSS {peak_rss_gb():.2f} GB")
        fifo = time_traces(tracer, seeds, TraceMethod.FIFO)
        time_traces(tracer, seeds, TraceMethod.HAIRCUT)
        step = max(1, len(seeds) // args.sql_seeds)
        sql = duckdb_times(store, seeds[::step][: args.sql_seeds])
        ours_same_seeds = fifo[::step][: args.sql_seeds]
        store.close()

        print(f"on the first {args.nx_transfers:,} transfers:")
        small_tracer, small_build = build_index(small)
        small_fifo = time_traces(small_tracer, small_seeds, TraceMethod.FIFO)
        graph, by_id, nx_build = networkx_graph(small)
        print(
            f"  build: networkx {nx_build:.1f} s, our index {small_build:.1f} s; "
            f"peak RSS {peak_rss_gb():.2f} GB"
        )
        nx_times = networkx_times(graph, by_id, small_seeds)
        small.close()

    ratio = statistics.median(sql) / statistics.median(ours_same_seeds)
    print(
        f"\ntrace p99 on {args.transfers:,} transfers: {ms(fifo, 99):.1f} ms (target < 50 ms);"
        f" p50 {ms(fifo, 50):.1f} ms; index build {build:.1f} s"
    )
    print(f"duckdb recursive / ours (p50, {len(sql)} seeds, {args.transfers:,}): {ratio:.1f}x")
    print(
        f"networkx / ours (p50, {args.nx_transfers:,}): "
        f"{statistics.median(nx_times) / statistics.median(small_fifo):.1f}x; "
        f"graph build networkx / our index: {nx_build / small_build:.1f}x"
    )


if __name__ == "__main__":
    main()
