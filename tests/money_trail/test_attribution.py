"""Attribution of a victim's money through mixing accounts: worked examples and invariants."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberpol.kernel.errors import InvalidInput
from cyberpol.money_trail.domain.attribution import (
    Ending,
    LedgerEvent,
    TraceMethod,
    TraceRequest,
    Trail,
    follow_money,
    parse_window,
)
from cyberpol.money_trail.store.exchange import TransferExchange
from cyberpol.money_trail.store.transfer_store import TransferStore

HOUR = 3600
DROP, OTHER, NEXT1, NEXT2 = 1, 2, 3, 4


def _example(method: TraceMethod) -> Trail:
    # The docstring's drop: 20,000 of its own, 100,000 from the victim (seed, t=0),
    # 50,000 from another victim, then 90,000 and 60,000 out.
    events = [
        LedgerEvent(10, 1, OTHER, DROP, 50_000.0, None),
        LedgerEvent(20, 2, DROP, NEXT1, 90_000.0, None),
        LedgerEvent(30, 3, DROP, NEXT2, 60_000.0, None),
    ]
    return follow_money(
        seed_account=DROP,
        seed_ts=0,
        seed_amount=100_000.0,
        events=events,
        opening={DROP: 20_000.0},
        window=72 * HOUR,
        method=method,
        threshold=1_000.0,
    )


def test_fifo_worked_example() -> None:
    trail = _example(TraceMethod.FIFO)
    assert [round(e.amount, 2) for e in trail.edges] == [70_000.0, 30_000.0]
    assert trail.accounts[NEXT1].received == pytest.approx(70_000)
    assert trail.accounts[DROP].remaining == pytest.approx(0)


def test_haircut_worked_example() -> None:
    trail = _example(TraceMethod.HAIRCUT)
    assert [round(e.amount, 2) for e in trail.edges] == [52_941.18, 35_294.12]
    assert round(trail.accounts[DROP].remaining, 2) == 11_764.71
    # Nothing left the banks: all of it sits in the drop and the two next accounts.
    assert trail.endings[Ending.STILL_THERE] == pytest.approx(100_000)


def test_money_past_the_window_is_still_there() -> None:
    events = [LedgerEvent(80 * HOUR, 1, DROP, NEXT1, 100_000.0, None)]
    trail = follow_money(
        seed_account=DROP,
        seed_ts=0,
        seed_amount=100_000.0,
        events=events,
        opening={},
        window=72 * HOUR,
        method=TraceMethod.FIFO,
        threshold=1.0,
    )
    assert trail.edges == []
    assert trail.endings[Ending.STILL_THERE] == pytest.approx(100_000)


def test_exits_and_small_pieces_end_the_trail() -> None:
    events = [
        LedgerEvent(60, 1, DROP, 9, 50_000.0, Ending.CASH_OUT),
        LedgerEvent(70, 2, DROP, NEXT1, 40_000.0, None),
        LedgerEvent(80, 3, DROP, NEXT2, 500.0, None),
        LedgerEvent(90, 4, NEXT1, 10, 40_000.0, Ending.CRYPTO),
    ]
    trail = follow_money(
        seed_account=DROP,
        seed_ts=0,
        seed_amount=100_000.0,
        events=events,
        opening={},
        window=72 * HOUR,
        method=TraceMethod.HAIRCUT,
        threshold=1_000.0,
    )
    assert trail.endings[Ending.CASH_OUT] == pytest.approx(50_000)
    assert trail.endings[Ending.CRYPTO] == pytest.approx(40_000)
    assert trail.endings[Ending.BELOW_THRESHOLD] == pytest.approx(500)
    assert trail.endings[Ending.STILL_THERE] == pytest.approx(9_500)
    assert NEXT2 not in trail.accounts
    assert trail.accounts[NEXT1].hop == 2


_events = st.lists(
    st.tuples(
        st.integers(0, 100_000),  # ts
        st.integers(0, 5),  # source
        st.integers(0, 5),  # target
        st.floats(1.0, 200_000.0),
        st.sampled_from([None, None, None, Ending.CASH_OUT, Ending.CRYPTO]),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(
    raw=_events,
    method=st.sampled_from(list(TraceMethod)),
    opening=st.dictionaries(st.integers(0, 5), st.floats(0, 100_000.0), max_size=6),
    seed_amount=st.floats(1.0, 500_000.0),
)
def test_every_unit_of_the_victims_money_ends_in_exactly_one_place(
    raw: list[tuple[int, int, int, float, Ending | None]],
    method: TraceMethod,
    opening: dict[int, float],
    seed_amount: float,
) -> None:
    events = [
        LedgerEvent(ts, position, source, target, amount, ending)
        for position, (ts, source, target, amount, ending) in enumerate(raw)
        if source != target
    ]
    trail = follow_money(
        seed_account=0,
        seed_ts=0,
        seed_amount=seed_amount,
        events=events,
        opening=opening,
        window=50_000,
        method=method,
        threshold=seed_amount * 0.01,
    )
    assert sum(trail.endings.values()) == pytest.approx(seed_amount, rel=1e-9, abs=1e-6)
    for edge in trail.edges:
        assert 0 < edge.amount <= edge.transfer_amount + 1e-6
    for account in trail.accounts.values():
        assert account.passed_on <= account.received + 1e-6
        assert -1e-6 <= account.remaining <= account.received + 1e-6


@pytest.mark.parametrize(("text", "seconds"), [("72h", 259_200), ("3d", 259_200), ("90m", 5400)])
def test_windows(text: str, seconds: int) -> None:
    assert parse_window(text) == seconds


@pytest.mark.parametrize("text", ["5y", "", "0h", "200d", "abc"])
def test_bad_windows_say_why(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"window|Not a window"):
        parse_window(text)


def test_a_trace_result_carries_money_as_decimals_that_add_up(tmp_path: Path) -> None:
    """The store's trace: figures to the tiyn, what stays adds up to the still-there total."""
    store = TransferStore(tmp_path / "transfers.duckdb")
    exchange = TransferExchange(store, card_secret=b"k" * 32, index_folder=None)
    rows = [
        ("v1", "10:00", "100000.00", "VICTIM", "DROP1", "transfer"),
        ("t1", "11:00", "60000.00", "DROP1", "DROP2", "transfer"),
        ("t2", "11:30", "10000.50", "DROP1", "ATM-1", "cash_out"),
        ("t3", "12:00", "20000.25", "DROP2", "EXCH-1", "crypto"),
    ]
    records = [
        {
            "transfer_id": tid,
            "ts": f"2026-03-02T{hhmm}:00+05:00",
            "amount": amount,
            "currency": "KZT",
            "from_account": source,
            "from_bank": "HSBKKZKX",
            "to_account": target,
            "to_bank": "CASPKZKA",
            "channel": channel,
        }
        for tid, hhmm, amount, source, target, channel in rows
    ]
    try:
        assert exchange.load_records(records, source="test", own_bank=None).loaded == 4
        result = exchange.trace(TraceRequest(transfer_id="v1"))
    finally:
        store.close()
    money = [result.amount, result.threshold, *result.totals.values()]
    money += [m for a in result.accounts for m in (a.amount, a.passed_on, a.remaining)]
    money += [m for e in result.edges for m in (e.amount, e.transfer_amount)]
    assert all(isinstance(m, Decimal) for m in money)
    assert all(m.as_tuple().exponent == -2 for m in money)
    assert result.totals[Ending.CASH_OUT] == Decimal("10000.50")
    assert result.totals[Ending.CRYPTO] == Decimal("20000.25")
    still = result.still_there()
    assert {a.account for a in still} == {"DROP1", "DROP2"}
    assert sum(a.remaining for a in still) == result.totals[Ending.STILL_THERE]
    assert sum(result.totals.values()) == result.amount == Decimal("100000.00")
    assert result.last_incoming() == {"DROP1": "v1", "DROP2": "t1"}
