"""The live trace index: transfers that arrive after the main index is built are traced
from a delta, with the answer a full rebuild gives."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from cyberpol.money_trail.domain.attribution import TraceMethod, TraceRequest
from cyberpol.money_trail.domain.trace import TraceResult
from cyberpol.money_trail.store.exchange import TransferExchange
from cyberpol.money_trail.store.trace_view import trace_view
from cyberpol.money_trail.store.tracing import Tracer
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.synth.payments import draw_card, draw_iban
from cyberpol.synth.transfers import generate_transfers

SECRET = b"live-index-test-secret-0123456789"
NEVER = 10**12


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> tuple[pa.Table, pa.Table, Path]:
    """20,000 synthetic transfers with planted fraud, times cut to the minute so that
    many transfers share a second (ties are ordered by arrival)."""
    out = tmp_path_factory.mktemp("synth")
    summary = generate_transfers(out, transfers=20_000, seed=4)
    table = pq.read_table(summary.transfers_path)
    minutes = pc.floor_temporal(table.column("ts"), unit="minute")
    table = table.set_column(table.schema.get_field_index("ts"), "ts", minutes)
    labels = pq.read_table(summary.transfer_labels_path)
    return table, labels, summary.accounts_path


def _transfer(
    transfer_id: str, ts: str, source: str, source_bank: str, target: str, target_bank: str
) -> dict[str, object]:
    return {
        "transfer_id": transfer_id,
        "ts": ts,
        "amount": "100000",
        "currency": "KZT",
        "from_account": source,
        "from_bank": source_bank,
        "to_account": target,
        "to_bank": target_bank,
        "channel": "card_to_card",
    }


def _records(table: pa.Table) -> list[dict[str, object]]:
    rows = table.to_pylist()
    for row in rows:
        row["ts"] = row["ts"].isoformat()
    return rows


def _seeds(table: pa.Table, labels: pa.Table, count: int) -> list[str]:
    """Victims' first transfers and ordinary ones, none of them leaving the banks."""
    fraud = set(labels.filter(labels.column("is_fraud")).column("transfer_id").to_pylist())
    kept = table.filter(pc.is_in(table.column("channel"), pa.array(["transfer", "card_to_card"])))
    ids = kept.column("transfer_id").to_pylist()
    rng = np.random.default_rng(3)
    victims = [t for t in ids if t in fraud]
    chosen = list(rng.choice(victims, min(count // 2, len(victims)), replace=False))
    chosen += list(rng.choice(ids, count - len(chosen), replace=False))
    return [str(t) for t in chosen]


def _traces(
    tracer: Tracer, store: TransferStore, seeds: list[str], method: TraceMethod
) -> list[TraceResult]:
    return [
        trace_view(tracer.trace(TraceRequest(transfer_id=t, method=method)), store) for t in seeds
    ]


def _split(table: pa.Table) -> tuple[pa.Table, pa.Table]:
    """A bank's late files: a random 15 % of the transfers arrive after the index is built,
    many of them earlier in time than transfers already indexed."""
    late = np.random.default_rng(11).random(table.num_rows) < 0.15
    return table.filter(pa.array(~late)), table.filter(pa.array(late))


def test_a_trace_over_the_delta_equals_the_trace_after_a_full_rebuild(
    synth: tuple[pa.Table, pa.Table, Path], tmp_path: Path
) -> None:
    table, labels, accounts_file = synth
    early, late = _split(table)
    exchange = TransferExchange(
        TransferStore(tmp_path / "t.duckdb"), card_secret=SECRET, index_folder=None
    )
    exchange.tracer = Tracer(exchange.store, folder=None, rebuild_after=NEVER)
    pq.write_table(early, tmp_path / "early.parquet")
    exchange.load_file(tmp_path / "early.parquet")
    # A bank reports payments to two cards it does not hold: no holder is known for them
    # yet, so the index shows them at the bank the payment named.
    rng = random.Random(5)
    payer, cards = draw_iban(rng, "CASPKZKA"), [draw_card(rng), draw_card(rng)]
    paid = [
        _transfer(f"PAY{n}", "2025-03-05T10:00:00+05:00", payer, "CASPKZKA", card, "HSBKKZKX")
        for n, card in enumerate(cards)
    ]
    exchange.load_records(paid, source="api:caspi", own_bank="CASPKZKA")
    main = exchange.tracer.index().main
    # Late transfers come as a file and through the API in pieces; then the banks send
    # their account files, which settle who holds accounts the main index already has.
    pq.write_table(late.slice(0, 1000), tmp_path / "late.parquet")
    assert exchange.load_file(tmp_path / "late.parquet").loaded == 1000
    for start in range(1000, late.num_rows, 800):
        part = _records(late.slice(start, 800))
        assert not exchange.load_records(part, source="api:test", own_bank=None).rejected
    exchange.load_file(accounts_file)
    # Then another bank turns out to hold them: one by reporting a transfer out of the first
    # card, the other in an account file.
    onward = _transfer(
        "ONWARD", "2025-03-05T11:00:00+05:00", cards[0], "TSESKZKA", payer, "CASPKZKA"
    )
    exchange.load_records([onward], source="api:tses", own_bank="TSESKZKA")
    (tmp_path / "held.csv").write_text(f"account,bank\n{cards[1]},TSESKZKA\n")
    assert exchange.load_file(tmp_path / "held.csv").loaded == 1

    live = exchange.tracer.index()
    assert live.main is main
    assert live.delta.size == late.num_rows + 1
    new_accounts = len(live.delta.accounts)
    assert new_accounts > 0, "some accounts appear only in the late transfers"
    assert len(live.changed_banks) == 2, "both cards are now shown at TSESKZKA"
    seeds = ["PAY0", "PAY1", *_seeds(table, labels, 120)]
    assert any(t in set(late.column("transfer_id").to_pylist()) for t in seeds)
    rebuilt = Tracer(exchange.store, folder=None)
    for method in TraceMethod:
        with_delta = _traces(exchange.tracer, exchange.store, seeds, method)
        full = _traces(rebuilt, exchange.store, seeds, method)
        assert rebuilt.index().delta.size == 0
        for seed, got, expected in zip(seeds, with_delta, full, strict=True):
            assert got == expected, (seed, method)
        assert sum(len(r.accounts) for r in full) > 2 * len(seeds), "traces go places"
        assert {r.accounts[0].bank for r in with_delta[:2]} == {"TSESKZKA"}

    # An account new in the delta, traced from a moment with an amount.
    newcomer = live.delta.accounts[0].as_py()
    since = int(pc.min(late.column("ts")).value // 1_000_000)
    request = TraceRequest(account=newcomer, ts=since, amount=50_000.0)
    assert trace_view(exchange.tracer.trace(request), exchange.store) == trace_view(
        rebuilt.trace(request), exchange.store
    )


def test_a_large_delta_is_folded_into_the_main_index_in_the_background(
    synth: tuple[pa.Table, pa.Table, Path], tmp_path: Path
) -> None:
    table, labels, _ = synth
    early, late = _split(table)
    store = TransferStore(tmp_path / "t.duckdb")
    exchange = TransferExchange(store, card_secret=SECRET, index_folder=tmp_path / "index")
    exchange.tracer = Tracer(store, folder=tmp_path / "index", rebuild_after=100)
    pq.write_table(early, tmp_path / "early.parquet")
    exchange.load_file(tmp_path / "early.parquet")
    exchange.tracer.index()
    exchange.load_records(_records(late), source="api:test", own_bank=None)
    seeds = _seeds(table, labels, 20)
    before = _traces(exchange.tracer, store, seeds, TraceMethod.FIFO)  # starts the rebuild
    exchange.tracer.wait_for_rebuild(timeout=60)
    after = exchange.tracer.index()
    assert after.delta.size == 0
    assert after.main.size == table.num_rows
    assert _traces(exchange.tracer, store, seeds, TraceMethod.FIFO) == before
    # A restart loads the saved index and reads only what arrived since as its delta.
    extra = table.slice(0, 5).to_pylist()
    for number, row in enumerate(extra):
        row["transfer_id"] = f"EXTRA{number}"
        row["ts"] = row["ts"].isoformat()
    exchange.load_records(extra, source="api:test", own_bank=None)
    restarted = Tracer(store, folder=tmp_path / "index", rebuild_after=NEVER)
    live = restarted.index()
    assert live.main.size == table.num_rows
    assert live.delta.size == 5
    assert _traces(restarted, store, ["EXTRA0", *seeds], TraceMethod.FIFO) == _traces(
        Tracer(store, folder=None), store, ["EXTRA0", *seeds], TraceMethod.FIFO
    )


def test_a_saved_index_of_another_store_is_not_used(tmp_path: Path) -> None:
    """Same row count, other transfers: the saved index is rebuilt, not trusted."""
    rows = "transfer_id,ts,amount,currency,from_account,from_bank,to_account,to_bank,channel\n"
    line = "{},2026-03-01T10:00:00+05:00,100,KZT,A1,CASPKZKA,A2,HSBKKZKX,transfer\n"
    for name in ("one", "two"):
        (tmp_path / f"{name}.csv").write_text(rows + line.format(name))
        store = TransferStore(tmp_path / f"{name}.duckdb")
        exchange = TransferExchange(store, card_secret=SECRET, index_folder=tmp_path / "index")
        exchange.load_file(tmp_path / f"{name}.csv")
        assert exchange.tracer.index().transfer_ids[0].as_py() == name
        store.close()
