"""Transfer exchange and tracing on a real transfer store (DuckDB under the data dir)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import CONSOLE, Actor, Role
from cyberpol.kernel.errors import Forbidden, InvalidInput, NotFound
from cyberpol.money_trail.domain.attribution import TraceMethod, TraceRequest
from cyberpol.money_trail.domain.transfers import TransferLoadSummary
from cyberpol.money_trail.schemas import trace_public
from cyberpol.synth.payments import draw_card, draw_iban

HEADER = "transfer_id,ts,amount,currency,from_account,from_bank,to_account,to_bank,channel"
INVESTIGATOR = Actor("inv", Role.INVESTIGATOR)


def _load(runtime: Runtime, path: Path, layout: str = "auto") -> TransferLoadSummary:
    return runtime.money_trail.import_file(actor=CONSOLE, path=path, layout=layout)


def _trace(
    runtime: Runtime,
    transfer_id: str,
    *,
    method: TraceMethod = TraceMethod.FIFO,
    window: int = 72 * 3600,
) -> dict[str, Any]:
    """The trace as the API and the command line give it."""
    result = runtime.money_trail.trace(
        actor=INVESTIGATOR,
        request=TraceRequest(transfer_id=transfer_id, method=method, window=window),
    )
    return trace_public(result).model_dump(mode="json", by_alias=True)


@pytest.fixture
def scheme(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Two victims pay one drop; money moves on across banks and leaves three ways."""
    rng = random.Random(7)
    homes = {
        "victim1": "HSBKKZKX",
        "victim2": "IRTYKZKA",
        "drop1": "CASPKZKA",
        "drop2": "HSBKKZKX",
        "drop3": "TSESKZKA",
    }
    a = {name: draw_iban(rng, bic) for name, bic in homes.items()}
    a["card"] = draw_card(rng)
    rows = [
        # ordinary life before: a salary lands in drop1 (its own money)
        ("s1", "2026-03-01T09:00:00+05:00", "20000", a["victim1"], "HSBKKZKX", a["drop1"]),
        ("v1", "2026-03-02T10:00:00+05:00", "100000", a["victim1"], "HSBKKZKX", a["drop1"]),
        ("v2", "2026-03-02T10:30:00+05:00", "50000", a["victim2"], "IRTYKZKA", a["drop1"]),
        ("d1", "2026-03-02T11:00:00+05:00", "90000", a["drop1"], "CASPKZKA", a["drop2"]),
        ("d2", "2026-03-02T11:05:00+05:00", "60000", a["drop1"], "CASPKZKA", a["drop3"]),
        ("d3", "2026-03-02T12:00:00+05:00", "40000", a["drop2"], "HSBKKZKX", "ATM-HSBK-0042"),
        ("d4", "2026-03-02T12:30:00+05:00", "45000", a["drop2"], "HSBKKZKX", "EXCH-BYBIT-1"),
        ("d5", "2026-03-02T13:00:00+05:00", "30000", a["drop3"], "TSESKZKA", a["card"]),
        # a week later: past the 72 h window
        (
            "d6",
            "2026-03-10T13:00:00+05:00",
            "25000",
            a["drop3"],
            "TSESKZKA",
            "GE29NB0000000101904917",
        ),
    ]
    banks = {a["drop1"]: "CASPKZKA", a["drop2"]: "HSBKKZKX", a["drop3"]: "TSESKZKA"}
    channels = {"d3": "cash_out", "d4": "crypto", "d5": "card_to_card", "d6": "foreign"}
    lines = [HEADER]
    for tid, ts, amount, source, source_bank, target in rows:
        target_bank = banks.get(target, "CASPKZKA" if target != "EXCH-BYBIT-1" else "CRYPTO")
        channel = channels.get(tid, "transfer")
        lines.append(
            f"{tid},{ts},{amount},KZT,{source},{source_bank},{target},{target_bank},{channel}"
        )
    path = tmp_path / "bank.csv"
    path.write_text("\n".join(lines) + "\n")
    return path, a


def test_a_file_loads_once_and_bad_rows_are_named(
    sqlite_runtime: Runtime, scheme: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    path, accounts = scheme
    first = _load(sqlite_runtime, path)
    assert (first.loaded, first.rejected) == (9, [])
    again = _load(sqlite_runtime, path)
    assert (again.loaded, again.unchanged, again.rejected) == (0, 9, [])
    changed = tmp_path / "changed.csv"
    changed.write_text(
        f"{HEADER}\n"
        f"v1,2026-03-02T10:00:00+05:00,999,KZT,{accounts['victim1']},HSBKKZKX,{accounts['drop1']},CASPKZKA,transfer\n"
        "x1,2026-03-02T10:00:00,5,KZT,a,CASPKZKA,c,HSBKKZKX,transfer\n"
        "x2,2026-03-02T10:00:00Z,0,KZT,a,CASPKZKA,c,HSBKKZKX,transfer\n"
        "x3,2026-03-02T10:00:00Z,5,KZT,KZ00125KZT5004100100,CASPKZKA,c,HSBKKZKX,transfer\n"
        "x4,2026-03-02T10:00:00Z,5,KZT,a,CASPKZKA,c,HSBKKZKX,wire\n"
        "x5,2026-03-02T10:00:00Z,5,KZT,a,caspkzkaxxx,c,HSBK KZ KX,payment\n"
        "x6,2026-03-01,5,KZT,a,CASPKZKA,c,HSBKKZKX,payment\n"
        "x7,2026-03-02T10:00:00+25:00,5,KZT,a,CASPKZKA,c,HSBKKZKX,payment\n"
        "x8,0001-03-02T10:00:00Z,5,KZT,a,CASPKZKA,c,HSBKKZKX,payment\n"
        "x9,99999-03-02T10:00:00Z,5,KZT,a,CASPKZKA,c,HSBKKZKX,payment\n"
        "x10,2026-03-02T10:00:00Z,5,KZT,a,B,c,HSBKKZKX,payment\n"
        "x11,2026-03-02T10:00:00Z,5,KZT,a,CASPKZKA,c,0,transfer\n"
        "x12,2026-03-02T10:00:00Z,5,KZT,a,CASPKZKA,c,BYBIT,crypto\n"
    )
    summary = _load(sqlite_runtime, changed)
    reasons = dict(summary.rejected)
    assert "already loaded with other content" in reasons[2]
    assert "with a zone" in reasons[3]
    assert "must be positive" in reasons[4]
    assert "channel must be one of" in reasons[6]
    for line in (8, 9):  # no time of day; a zone beyond UTC+14
        assert "with a zone" in reasons[line]
    for line in (10, 11):  # years 1 and 99999
        assert "ts" in reasons[line]
    # A bad IBAN on one side, and bank fields that are no BIC, cost the row nothing: the
    # value is kept as given (or the bank left unknown), with a warning.
    assert summary.loaded == 5, reasons
    warnings = dict(summary.warnings)
    assert "checksum" in warnings[5]
    assert warnings[12] == "from_bank is not a BIC, left unknown: B"
    assert warnings[13] == "to_bank is not a BIC, left unknown: 0"
    assert set(warnings) == {5, 12, 13}
    assert sqlite_runtime.exchange().store.transfer_count() == 14


def test_card_numbers_are_never_stored(
    sqlite_runtime: Runtime, scheme: tuple[Path, dict[str, str]]
) -> None:
    path, accounts = scheme
    _load(sqlite_runtime, path)
    store_file = sqlite_runtime.settings.data_dir / "transfers.duckdb"
    sqlite_runtime.exchange().store.close()
    assert accounts["card"].encode() not in store_file.read_bytes()


def test_trace_follows_money_across_banks_to_its_ends(
    sqlite_runtime: Runtime, scheme: tuple[Path, dict[str, str]]
) -> None:
    path, accounts = scheme
    _load(sqlite_runtime, path)
    trace = _trace(sqlite_runtime, "v1", method=TraceMethod.FIFO)
    by_account = {a["account_key"]: a for a in trace["accounts"]}
    # FIFO: drop1's own 20,000 leaves first, so d1 carries 70,000 of the victim's money
    assert by_account[accounts["drop1"]]["hop"] == 1
    assert by_account[accounts["drop1"]]["bank"] == "CASPKZKA"
    assert (
        by_account[accounts["drop2"]] | {"hop": 2, "amount": 70_000.0}
        == by_account[accounts["drop2"]]
    )
    assert by_account[accounts["drop3"]]["amount"] == 30_000.0
    totals = trace["totals"]
    # drop2 got 90,000 holding 70,000 of the victim's (7/9 of that lot) and paid out
    # 40,000 cash then 45,000 crypto, each 7/9 the victim's
    assert totals["cash_out"] == 31_111.11
    assert totals["crypto"] == 35_000.0
    # the foreign transfer a week later is past the window: that money is still there
    assert totals["foreign"] == 0.0
    assert sum(totals.values()) == pytest.approx(100_000.0)
    assert {e["kind"] for e in trace["exits"]} >= {"cash_out", "crypto", "still_there"}
    card_node = next(a for a in trace["accounts"] if a["account_key"].startswith("card:"))
    assert card_node["account"].startswith(accounts["card"][:6] + "******")
    assert card_node["hop"] == 3
    nodes = {n["id"] for n in trace["graph"]["nodes"]}
    assert {e["source"] for e in trace["graph"]["edges"]} <= nodes


def test_haircut_and_wider_windows_change_the_answer_soundly(
    sqlite_runtime: Runtime, scheme: tuple[Path, dict[str, str]]
) -> None:
    path, _ = scheme
    _load(sqlite_runtime, path)
    haircut = _trace(sqlite_runtime, "v1", method=TraceMethod.HAIRCUT)
    wide = _trace(sqlite_runtime, "v1", method=TraceMethod.FIFO, window=10 * 86400)
    for trace in (haircut, wide):
        assert sum(trace["totals"].values()) == pytest.approx(100_000.0, abs=0.05)
        for edge in trace["edges"]:
            assert edge["amount"] <= edge["transfer_amount"]
    assert wide["totals"]["foreign"] > 0
    # drop1 pays 90,000 out of 170,000 (100,000 the victim's): not FIFO's 70,000
    by_account = {a["account_key"]: a for a in haircut["accounts"]}
    assert max(a["amount"] for a in by_account.values() if a["hop"] == 2) == 52_941.18


def test_trace_errors_are_clear(
    sqlite_runtime: Runtime, scheme: tuple[Path, dict[str, str]]
) -> None:
    path, _ = scheme
    _load(sqlite_runtime, path)
    with pytest.raises(NotFound, match="No transfer 'zzz'"):
        _trace(sqlite_runtime, "zzz")
    with pytest.raises(Forbidden):
        sqlite_runtime.money_trail.trace(
            actor=Actor("bank", Role.BANK, "CASPKZKA"), request=TraceRequest(transfer_id="v1")
        )


def test_json_lines_and_parquet_files(sqlite_runtime: Runtime, tmp_path: Path) -> None:
    rng = random.Random(3)
    rows: list[dict[str, str | int]] = [
        {
            "transfer_id": f"j{i}",
            "ts": f"2026-03-0{1 + i % 5}T08:00:00Z",
            "amount": 1000 + i,
            "currency": "KZT",
            "from_account": draw_iban(rng, "CASPKZKA"),
            "from_bank": "CASPKZKA",
            "to_account": draw_iban(rng, "HSBKKZKX"),
            "to_bank": "HSBKKZKX",
            "channel": "transfer",
        }
        for i in range(20)
    ]
    jsonl = tmp_path / "t.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows[:10]) + "\n\n{broken\n")
    summary = _load(sqlite_runtime, jsonl)
    assert (summary.loaded, summary.rejected) == (
        10,
        [(12, "not valid JSON (Expecting property name enclosed in double quotes)")],
    )
    table = pa.Table.from_pylist([{**r, "amount": float(r["amount"])} for r in rows[10:]])
    parquet = tmp_path / "t.parquet"
    pq.write_table(table, parquet)
    assert _load(sqlite_runtime, parquet).loaded == 10
    assert _load(sqlite_runtime, parquet).unchanged == 10


def test_public_benchmark_layouts(sqlite_runtime: Runtime, tmp_path: Path) -> None:
    ibm = tmp_path / "HI-Small_Trans.csv"
    ibm.write_text(
        "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,"
        "Amount Paid,Payment Currency,Payment Format,Is Laundering\n"
        "2022/09/01 00:20,10,8000EBD30,10,8000EBD30,3697.34,US Dollar,3697.34,US Dollar,"
        "Reinvestment,0\n"
        "2022/09/01 00:20,3208,8000F4580,1,8000F5340,0.01,US Dollar,0.01,US Dollar,Cheque,0\n"
        "2022/09/01 00:02,1,8000F5AD0,1,8000F5AD0,1000.00,Euro,1100.00,US Dollar,Wire,1\n"
        "2022/09/01 00:02,1,8000F5AD0,1,8000F5AD0,1000.00,Euro,1100.00,US Dollar,Wire,1\n"
    )
    summary = _load(sqlite_runtime, ibm, layout="ibm-aml")
    assert (summary.layout, summary.loaded, summary.labels) == ("ibm-aml", 4, 4)
    assert _load(sqlite_runtime, ibm).unchanged == 4
    cursor = sqlite_runtime.exchange().store.reading()
    channels = dict(
        cursor.execute("SELECT channel, count(*) FROM transfers GROUP BY ALL").fetchall()
    )
    assert channels == {"transfer": 1, "payment": 1, "foreign": 2}
    counted = cursor.execute(
        "SELECT count(*) FROM transfers WHERE from_account = '10/8000EBD30'"
    ).fetchone()
    assert counted is not None
    assert counted[0] == 1
    log = tmp_path / "tx_log.csv"
    log.write_text(
        "step,type,amount,nameOrig,nameDest,bankOrig,bankDest,isSAR\n"
        "0,INITALBALANCE,500.0,-2,7,source,bank_a,0\n"
        "1,TRANSFER,120.5,7,8,bank_a,bank_b,1\n"
        "2,CASH,50.0,8,-1,bank_b,sink,0\n"
    )
    summary = _load(sqlite_runtime, log)
    assert (summary.layout, summary.loaded, summary.skipped) == ("amlsim", 2, 1)
    with pytest.raises(InvalidInput, match="look like amlsim"):
        _load(sqlite_runtime, log, layout="cyberpol")


def test_account_attribute_files_feed_the_store(sqlite_runtime: Runtime, tmp_path: Path) -> None:
    rng = random.Random(5)
    iban, card = draw_iban(rng, "CASPKZKA"), draw_card(rng)
    path = tmp_path / "accounts.csv"
    path.write_text(
        "account,bank,holder_id,opened_at,holder_birth_year,holder_country,device_id,ip\n"
        f"{iban},caspkzka,H1,2026-02-20T09:00:00+05:00,2004,UZ,dev-1,10.0.0.7\n"
        f"{card},HSBKKZKX,H1,2026-02-21T09:00:00Z,2004,KZ,dev-1,\n"
        "KZ00125KZT5004100100,X,H2,,,,,\n"
        f"{iban},CASPKZKA,H1,last week,,,,\n"
        f"{iban},CASPKZKA,H1,2026-02-20T09:00:00Z,1850,KAZ,,\n"
    )
    summary = _load(sqlite_runtime, path)
    assert summary.layout == "accounts"
    assert summary.loaded == 2
    reasons = dict(summary.rejected)
    assert "checksum" in reasons[4]
    assert "opened_at" in reasons[5]
    assert "birth_year" in reasons[6]
    cursor = sqlite_runtime.exchange().store.reading()
    rows = cursor.execute(
        "SELECT account, bank, holder_country FROM accounts ORDER BY holder_country"
    ).fetchall()
    assert rows[0][1:] == ("HSBKKZKX", "KZ")
    assert rows[0][0].startswith("card:")
    assert rows[1] == (iban, "CASPKZKA", "UZ")
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("nodeid,isFraud,init_balance,fraudStep\n7,1,10.0,3\n8,0,5.0,-1\n")
    assert _load(sqlite_runtime, nodes).labels == 2
