"""Files written by other banks' systems: whole ledgers, whatever the counterparty looks like.

The file below is shaped like a core-banking export, not like ``synth``: cash withdrawals
with no receiving account or bank, a Russian 20-digit account with a SWIFT code abroad, a
crypto wallet with no bank, a beneficiary IBAN mistyped in a payment order, lower-case
BICs, mixed-case channels and amounts with thousands separators and decimal commas.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import CONSOLE, Actor, Role
from cyberpol.money_trail.domain.attribution import TraceRequest
from cyberpol.money_trail.schemas import trace_public
from cyberpol.synth.payments import draw_iban

HEADER = "transfer_id,ts,amount,currency,from_account,from_bank,to_account,to_bank,channel\n"
INVESTIGATOR = Actor("inv", Role.INVESTIGATOR)


def _export(tmp_path: Path, victim: str, drop: str) -> Path:
    mistyped = drop[:-1] + ("0" if drop[-1] != "0" else "1")
    rows = [
        f'HB-1,2026-11-02T10:00:00+05:00,"1 250 000,00",KZT,{victim},hsbkkzkx,{drop},HSBKKZKX,'
        "transfer",
        f'HB-2,2026-11-02T10:20:00+05:00,"400 000,00",KZT,{drop},HSBKKZKX,,,Cash_Out',
        f"HB-3,2026-11-02T10:25:00+05:00,300000,KZT,{drop},HSBKKZKX,40817810099910004312,"
        "SABRRUMM,foreign",
        f'HB-4,2026-11-02T10:30:00+05:00,"250000,5",KZT,{drop},HSBKKZKX,'
        "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE,,CRYPTO",
        f"HB-5,2026-11-02T10:40:00+05:00,200 000,KZT,{drop},HSBKKZKX,{mistyped},KCJBKZKX,transfer",
        f'HB-6,2026-11-02T10:45:00+05:00,"99 999,50",KZT,{drop},HSBKKZKX,АТМ Алматы Абая 52,,'
        "cash_out",
    ]
    path = tmp_path / "vypiska_2026-11-02.txt"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _trace(runtime: Runtime, transfer_id: str) -> dict[str, Any]:
    result = runtime.money_trail.trace(
        actor=INVESTIGATOR, request=TraceRequest(transfer_id=transfer_id)
    )
    return trace_public(result).model_dump(mode="json", by_alias=True)


def test_an_export_with_cash_withdrawals_and_foreign_payees_loads_whole(
    sqlite_runtime: Runtime, tmp_path: Path
) -> None:
    rng = random.Random(9)
    victim, drop = draw_iban(rng, "HSBKKZKX"), draw_iban(rng, "HSBKKZKX")
    summary = sqlite_runtime.money_trail.import_file(
        actor=CONSOLE, path=_export(tmp_path, victim, drop)
    )
    assert summary.rejected == []
    assert summary.loaded == 6
    assert [line for line, _ in summary.warnings] == [6]
    assert "to_account kept as given" in summary.warnings[0][1]
    assert "checksum" in summary.warnings[0][1]

    trace = _trace(sqlite_runtime, "HB-1")
    totals = {k: Decimal(str(v)) for k, v in trace["totals"].items()}
    assert totals["cash_out"] == Decimal("499999.50")
    assert totals["foreign"] == Decimal("300000.00")
    assert totals["crypto"] == Decimal("250000.50")
    accounts = {a["account"]: a for a in trace["accounts"]}
    # Every tenge of the drop left it; only the mistyped IBAN still holds some, at BCC.
    assert Decimal(str(accounts[drop]["remaining"])) == 0
    kept = [a for a in trace["accounts"] if a["hop"] == 2]
    assert [(a["bank"], a["remaining"]) for a in kept] == [("KCJBKZKX", 200000.0)]
    assert sum(totals.values()) == Decimal("1250000.00")


def test_semicolon_separated_exports_load(sqlite_runtime: Runtime, tmp_path: Path) -> None:
    rng = random.Random(12)
    source, target = draw_iban(rng, "CASPKZKA"), draw_iban(rng, "HSBKKZKX")
    path = tmp_path / "export.csv"
    path.write_text(
        HEADER.replace(",", ";")
        + f"S-1;2026-11-04T09:00:00+05:00;1 000,50;KZT;{source};CASPKZKA;{target};HSBKKZKX;"
        "transfer\n",
        encoding="cp1251",
    )
    summary = sqlite_runtime.money_trail.import_file(actor=CONSOLE, path=path)
    assert (summary.loaded, summary.rejected) == (1, [])


def test_a_bank_sends_cash_withdrawals_without_a_counterparty(
    sqlite_runtime: Runtime,
) -> None:
    rng = random.Random(10)
    drop = draw_iban(rng, "CASPKZKA")
    bank = Actor("kaspi-feed", Role.BANK, organisation="CASPKZKA")
    base: dict[str, str | None] = {
        "ts": "2026-11-02T12:00:00+05:00",
        "currency": "KZT",
        "from_account": drop,
    }
    records: list[dict[str, str | None]] = [
        base | {"transfer_id": "K-1", "amount": "1000", "from_bank": "CASPKZKA",
                "to_account": None, "to_bank": None, "channel": "cash_out"},
        # A payee the bank does not know, in a plain transfer: the money left for an
        # account the data does not name.
        base | {"transfer_id": "K-2", "amount": "500", "from_bank": "CASPKZKA",
                "to_account": "", "to_bank": "", "channel": "transfer"},
        # Its own side broken: still refused, with the line.
        base | {"transfer_id": "K-3", "amount": "500", "from_bank": "CASPKZKA",
                "from_account": "KZ00722S000000000000", "to_account": drop,
                "to_bank": "CASPKZKA", "channel": "transfer"},
    ]  # fmt: skip
    summary = sqlite_runtime.money_trail.submit(actor=bank, records=records)
    assert summary.loaded == 2
    assert [line for line, _ in summary.rejected] == [3]
    assert summary.rejected[0][1].startswith("from_account:")


def test_a_payout_beyond_what_the_ledger_shows_is_reported_as_a_gap(
    sqlite_runtime: Runtime, tmp_path: Path
) -> None:
    rng = random.Random(11)
    victim, drop, mule = (draw_iban(rng, "HSBKKZKX") for _ in range(3))
    path = tmp_path / "gap.csv"
    path.write_text(
        HEADER
        + f"G-1,2026-11-03T09:00:00+05:00,100000,KZT,{victim},HSBKKZKX,{drop},HSBKKZKX,transfer\n"
        # 150,000 leaves an account the data shows holding 100,000: 50,000 came from
        # somewhere no bank reported.
        + f"G-2,2026-11-03T09:30:00+05:00,150000,KZT,{drop},HSBKKZKX,{mule},HSBKKZKX,transfer\n"
    )
    sqlite_runtime.money_trail.import_file(actor=CONSOLE, path=path)
    accounts = {a["account"]: a for a in _trace(sqlite_runtime, "G-1")["accounts"]}
    assert accounts[drop]["unseen_outflow"] == 50000.0
    assert accounts[drop]["unseen_since"].startswith("2026-11-03T04:30:00")
    assert accounts[mule]["unseen_outflow"] == 0.0
    assert accounts[mule]["unseen_since"] is None
