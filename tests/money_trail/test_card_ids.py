"""A card number never enters the transfer store: ids holding one are refused, file names
and rejection reasons are masked."""

from __future__ import annotations

from pathlib import Path

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import CONSOLE
from cyberpol.money_trail.store.transfer_load import CARD_IN_ID

DIGITS = "4400430123456789"
IBAN_A, IBAN_B = "KZ86125KZT5004100100", "KZ75125KZT1001300335"


def _row(transfer_id: str, ts: str = "2026-03-01T10:00:00+05:00") -> str:
    return f"{transfer_id},{ts},1000,KZT,{IBAN_A},HSBKKZKX,{IBAN_B},CASPKZKA,transfer"


def test_transfer_ids_holding_a_card_are_refused_and_names_masked(
    sqlite_runtime: Runtime, tmp_path: Path
) -> None:
    path = tmp_path / f"выписка {DIGITS}.csv"
    path.write_text(
        "transfer_id,ts,amount,currency,from_account,from_bank,to_account,to_bank,channel\n"
        + "\n".join(
            [
                _row("TX-000000000000000001"),  # a long numeric id, no card
                _row(f"TX-{DIGITS}"),
                _row("4400-4301-2345-6789"),
                _row("20260301100000-0001"),  # a timestamp-based id
                _row("tx-5", ts="card 4400 4301 2345 6789"),
            ]
        )
        + "\n"
    )
    summary = sqlite_runtime.money_trail.import_file(actor=CONSOLE, path=path)
    assert summary.loaded == 2
    assert summary.rejected[:2] == [(3, CARD_IN_ID), (4, CARD_IN_ID)]
    assert "440043******6789" in summary.rejected[2][1]
    assert summary.source == "выписка 440043******6789.csv"
    store_file = sqlite_runtime.settings.data_dir / "transfers.duckdb"
    sqlite_runtime.close_exchange()
    assert DIGITS.encode() not in store_file.read_bytes()
    cursor = sqlite_runtime.exchange().store.reading()
    assert cursor.execute("SELECT source FROM loads").fetchall() == [(summary.source,)]
