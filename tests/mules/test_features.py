"""The drop features on hand-written ledgers: what each one says about an account."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cyberpol.money_trail.store.transfer_load import AccountKeys, load_transfer_file
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.mules.store.engines import KNOWN_SCHEMA, duckdb_features
from cyberpol.mules.store.features import FEATURE_NAMES

START = datetime(2026, 3, 2, 4, tzinfo=UTC)  # 09:00 in Almaty
NO_KNOWN = pa.table({"account": [], "kind": []}, schema=KNOWN_SCHEMA)
Row = tuple[float, str, str, float, str]


def features(
    tmp_path: Path, rows: list[Row], known: pa.Table = NO_KNOWN
) -> dict[str, dict[str, float]]:
    """Each account's features, from transfers (day, from, to, amount, channel)."""
    path = tmp_path / f"t{len(list(tmp_path.iterdir()))}.parquet"
    pq.write_table(
        pa.Table.from_pylist(
            [
                {
                    "transfer_id": f"t{i}",
                    "ts": (START + timedelta(days=day)).isoformat(),
                    "amount": f"{amount:.2f}",
                    "currency": "KZT",
                    "from_account": source,
                    "from_bank": "CASPKZKA",
                    "to_account": target,
                    "to_bank": "HSBKKZKX" if target else "",
                    "channel": channel,
                }
                for i, (day, source, target, amount, channel) in enumerate(rows)
            ]
        ),
        path,
    )
    store = TransferStore(None)
    try:
        load_transfer_file(store, path, accounts=AccountKeys(b"features-test"))
        result = duckdb_features(store, known)
        table = result.to_pylist()
    finally:
        store.close()
    assert tuple(result.column_names) == ("account", "bank", *FEATURE_NAMES)
    return {str(r["account"]): r for r in table}


def _everyday(days: int) -> list[Row]:
    """A household's life: salary twice a month, shopping most days, rent monthly."""
    rows: list[Row] = []
    for day in range(days):
        rows.append((day + 0.1, "HOUSE", f"SHOP{day % 5}", 4_000 + 100 * (day % 7), "transfer"))
        if day % 15 == 0:
            rows.append((day, "EMPLOYER", "HOUSE", 250_000, "transfer"))
        if day % 30 == 10:
            rows.append((day + 0.2, "HOUSE", "LANDLORD", 120_000, "transfer"))
    return rows


def test_rates_read_a_short_window_as_a_long_one(tmp_path: Path) -> None:
    # The same life seen over 30 and over 60 days: totals double, rates do not, so a model
    # trained on one window length reads the other the same way.
    short, long = (
        features(tmp_path, _everyday(30))["HOUSE"],
        features(tmp_path, _everyday(60))["HOUSE"],
    )
    assert long["out_count"] == pytest.approx(2 * short["out_count"], rel=0.05)
    for rate in ("out_per_day", "in_per_day", "out_amount_per_day"):
        assert long[rate] == pytest.approx(short[rate], rel=0.12), rate
    assert long["income_share"] == pytest.approx(short["income_share"], abs=0.05)


def test_a_drop_forwards_what_many_strangers_paid_it_the_same_day(tmp_path: Path) -> None:
    rows = _everyday(40)
    for victim in range(6):  # six victims pay the drop over two days
        day = 20 + victim * 0.3
        rows.append((day, f"VICTIM{victim}", "DROP", 150_000, "transfer"))
        rows.append((day + 0.05, "DROP", "", 135_000, "cash_out"))
        rows.append((day + 0.5, f"VICTIM{victim}", f"SHOP{victim % 5}", 3_000, "transfer"))
    found = features(tmp_path, rows)
    drop, house = found["DROP"], found["HOUSE"]
    assert drop["max_3day_senders"] == 6
    assert drop["forwarded_share"] == pytest.approx(0.9, abs=0.01)
    assert drop["forward_day_share"] == 1.0
    assert drop["fast_share"] == 1.0
    assert house["forwarded_share"] < 0.25
    assert house["max_3day_senders"] == 1
    # Victims pay few others; the household's employer pays only the household here, so
    # compare against the shops' senders instead: the household pays five shops.
    assert drop["sender_out_receivers_rank"] < found["SHOP0"]["sender_out_receivers_rank"]
    assert drop["receiver_in_senders_rank"] == -1  # cash leaves the system: no receiver
    # Ranks are within the period: the drop has the most senders of anyone here.
    assert drop["in_senders_rank"] == 1.0
    assert max(r["in_senders_rank"] for r in found.values() if r is not drop) < 1.0


def test_repeated_counterparties_mark_an_ordinary_life(tmp_path: Path) -> None:
    found = features(tmp_path, _everyday(40))
    # The same shops and employer again and again; the landlord was paid once in 40 days.
    assert found["HOUSE"]["out_repeat_share"] == pytest.approx(39 / 40 * 40 / 41, abs=0.03)
    assert found["HOUSE"]["in_repeat_share"] == 1.0
    assert found["LANDLORD"]["in_repeat_share"] == 0.0


def test_proximity_to_a_confirmed_drop_is_a_two_step_walk_from_it(tmp_path: Path) -> None:
    # DROP pays A and B; A pays C. Walks from DROP reach A and B in one step (1/2 each,
    # weighted 1/2) and C in two (1/2 * 1/2, weighted 1/4); its own walk back never counts.
    rows: list[Row] = [
        (1, "DROP", "A", 100_000, "transfer"),
        (1, "DROP", "B", 100_000, "transfer"),
        (2, "A", "C", 50_000, "transfer"),
    ]
    known = pa.table({"account": ["DROP"], "kind": ["mule"]}, schema=KNOWN_SCHEMA)
    found = features(tmp_path, rows, known)
    assert found["A"]["known_proximity"] == pytest.approx(0.25)
    assert found["B"]["known_proximity"] == pytest.approx(0.25)
    assert found["C"]["known_proximity"] == pytest.approx(0.0625)
    assert found["DROP"]["known_proximity"] == 0
