"""Banks as hostile partners: bank A tries to reach bank B's customers through the exchange.

Kaspi (CASPKZKA) plays bank A and Halyk (HSBKKZKX) bank B throughout.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.synth.payments import draw_card, draw_iban
from tests.factories import bearer, token_for

A, B = "CASPKZKA", "HSBKKZKX"
CASE = {"case_number": "2026-750-0042", "legal_basis": "UPK RK art. 161"}


@pytest.fixture
def api(sqlite_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_runtime)) as client:
        yield client


@pytest.fixture
def tokens(sqlite_runtime: Runtime) -> dict[str, dict[str, str]]:
    for code in (A, B):
        sqlite_runtime.freeze.connect_bank(actor=CONSOLE, code=code, name=code)
    return {
        "a": bearer(token_for(sqlite_runtime, "kaspi-feed", Role.BANK, A)),
        "b": bearer(token_for(sqlite_runtime, "halyk-feed", Role.BANK, B)),
        "investigator": bearer(token_for(sqlite_runtime, "aidos", Role.INVESTIGATOR)),
        "admin": bearer(token_for(sqlite_runtime, "admin1", Role.ADMIN)),
    }


def _transfer(tid: str, source: str, source_bank: str, target: str, target_bank: str) -> Any:
    return {
        "transfer_id": tid,
        "ts": "2026-04-01T10:00:00+05:00",
        "amount": "250000",
        "from_account": source,
        "from_bank": source_bank,
        "to_account": target,
        "to_bank": target_bank,
        "channel": "transfer",
    }


def _send(api: TestClient, token: dict[str, str], *transfers: Any) -> Any:
    response = api.post("/api/v1/transfers", json=list(transfers), headers=token)
    assert response.status_code == 200, response.text
    return response.json()


def _banks_in_trace(api: TestClient, token: dict[str, str], transfer_id: str) -> dict[str, str]:
    response = api.get(f"/api/v1/transfers/{transfer_id}/trace", headers=token)
    assert response.status_code == 200, response.text
    return {a["account"]: a["bank"] for a in response.json()["accounts"]}


@pytest.mark.parametrize("kind", ["iban", "card", "bank's own id"])
def test_a_bank_cannot_claim_another_banks_customer(
    api: TestClient, tokens: dict[str, dict[str, str]], kind: str
) -> None:
    rng = random.Random(kind)
    if kind == "iban":
        victim, drop, own = draw_iban(rng, B), draw_iban(rng, B), draw_iban(rng, A)
    elif kind == "card":
        victim, drop, own = draw_card(rng), draw_card(rng), draw_card(rng)
    else:
        victim, drop, own = "HAL-0001", "HAL-0002", "KSP-0001"
    # B reports its customer being robbed: the money lands in another of B's accounts.
    assert _send(api, tokens["b"], _transfer("B-1", victim, B, drop, B))["loaded"] == 1
    # A names B's drop as its own customer, to the other side of a transfer of its own.
    poison = _send(api, tokens["a"], _transfer("A-1", own, A, drop, A))
    assert poison["loaded"] == 0
    assert poison["rejected"][0]["reason"] == f"to_account is not an account of {A}"

    shown = {k: v for k, v in _banks_in_trace(api, tokens["investigator"], "B-1").items()}
    assert set(shown.values()) == {B}
    issued = api.post(
        "/api/v1/transfers/B-1/freeze-requests", json=CASE, headers=tokens["investigator"]
    )
    assert issued.status_code == 201, issued.text
    assert {r["bank"] for r in issued.json()["items"]} == {B}
    assert api.get("/api/v1/freeze-requests", headers=tokens["a"]).json()["total"] == 0


def test_a_counterpartys_bank_comes_from_its_iban_not_from_the_sender(
    api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    rng = random.Random(2)
    customer, drop = draw_iban(rng, A), draw_iban(rng, B)
    # A's customer pays B's account; A misnames its bank (as A, then as nonsense).
    loaded = _send(api, tokens["a"], _transfer("A-7", customer, A, drop, "IRTYKZKA"))
    assert loaded["loaded"] == 1
    assert _banks_in_trace(api, tokens["investigator"], "A-7")[drop] == B
    # A bank field that is no BIC is dropped with a warning; the IBAN still places the account.
    zero = _send(api, tokens["a"], _transfer("A-8", customer, A, drop, "0"))
    assert zero["loaded"] == 1
    assert zero["warnings"] == [{"line": 1, "reason": "to_bank is not a BIC, left unknown: 0"}]
    assert _banks_in_trace(api, tokens["investigator"], "A-8")[drop] == B


def test_a_bank_writes_attributes_only_for_accounts_it_holds(
    api: TestClient, sqlite_runtime: Runtime, tokens: dict[str, dict[str, str]]
) -> None:
    rng = random.Random(3)
    victim, drop = draw_iban(rng, B), "HAL-7781"
    _send(api, tokens["b"], _transfer("B-2", victim, B, drop, B))
    header = "account,bank,holder_id,opened_at,holder_birth_year,holder_country,device_id,ip\n"
    mine = f"{drop},{B},H-1,2025-01-10T09:00:00+05:00,1961,KZ,dev-b,10.1.1.1\n"
    theirs = f"{drop},{A},H-666,2026-03-31T09:00:00+05:00,2006,UZ,dev-a,10.6.6.6\n"
    ok = api.post(
        "/api/v1/transfers/files",
        files={"file": ("accounts.csv", (header + mine).encode(), "text/csv")},
        headers=tokens["b"],
    )
    assert ok.json()["loaded"] == 1, ok.text
    refused = api.post(
        "/api/v1/transfers/files",
        files={"file": ("accounts.csv", (header + theirs).encode(), "text/csv")},
        headers=tokens["a"],
    )
    assert refused.status_code == 200, refused.text
    assert refused.json()["rejected"] == [
        {"line": 2, "reason": f"account is not an account of {A}"}
    ]
    cursor = sqlite_runtime.exchange().store.reading()
    row = cursor.execute(
        "SELECT bank, holder_id, holder_country, device_id FROM accounts WHERE account = ?", [drop]
    ).fetchall()
    cursor.close()
    assert row == [(B, "H-1", "KZ", "dev-b")]


def test_another_banks_transfer_id_reveals_nothing(
    api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    rng = random.Random(4)
    _send(api, tokens["b"], _transfer("HAL-REF-1", draw_iban(rng, B), B, draw_iban(rng, B), B))
    probe = _transfer("HAL-REF-1", draw_iban(rng, A), A, draw_iban(rng, A), A)
    reason = _send(api, tokens["a"], probe)["rejected"][0]["reason"]
    assert "already loaded" not in reason
    assert "content" not in reason
    assert B not in reason
    # Its own id it may be told about in full.
    own = _transfer("KSP-REF-1", draw_iban(rng, A), A, draw_iban(rng, A), A)
    _send(api, tokens["a"], own)
    again = _send(api, tokens["a"], own | {"amount": "1"})
    assert "already loaded with other content" in again["rejected"][0]["reason"]


def test_admins_do_not_post_transfers_for_banks(
    api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    rng = random.Random(5)
    transfer = _transfer("ADM-1", draw_iban(rng, A), A, draw_iban(rng, B), B)
    response = api.post("/api/v1/transfers", json=[transfer], headers=tokens["admin"])
    assert response.status_code == 403
    upload = api.post(
        "/api/v1/transfers/files",
        files={"file": ("day.csv", b"transfer_id,ts\n", "text/csv")},
        headers=tokens["admin"],
    )
    assert upload.status_code == 403


def test_a_bank_sends_the_exchange_format_only(
    api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    ibm = (
        "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,"
        "Amount Paid,Payment Currency,Payment Format,Is Laundering\n"
        "2022/09/01 00:20,10,8000EBD30,10,8000EBD30,3697.34,US Dollar,3697.34,US Dollar,"
        "Reinvestment,0\n"
    )
    response = api.post(
        "/api/v1/transfers/files",
        files={"file": ("HI-Small_Trans.csv", ibm.encode(), "text/csv")},
        headers=tokens["a"],
    )
    assert response.status_code == 400
    assert "exchange format" in response.text
