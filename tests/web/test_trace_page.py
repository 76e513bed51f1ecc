"""The money trail page through the real app, transfer store and database: a victim's
transfer drawn as a graph, freeze requests sent for ticked accounts, a bank answering over
the API, and the marks and the case's totals following its answer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.cases.domain import CaseDraft
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.categories import ScamCategory
from cyberpol.kernel.clock import ManualClock
from tests.factories import bearer, sign_in, signed_in_client

VICTIM = "KZ49601A861002432651"  # Halyk, the pensioner's own account
DROP = "KZ18722S000012345678"  # Kaspi, the first drop
MULE = "KZ43965A220000089122"  # ForteBank, where most of it went on to
CASE = "261500031000321"


def _transfer(tid: str, ts: str, amount: str, src: str, sb: str, dst: str, db: str) -> dict:
    return {"transfer_id": tid, "ts": ts, "amount": amount, "from_account": src,
            "from_bank": sb, "to_account": dst, "to_bank": db, "channel": "transfer"}  # fmt: skip


@pytest.fixture
def desk(runtime: Runtime) -> Iterator[tuple[TestClient, Runtime, ManualClock, dict[str, str]]]:
    clock = ManualClock(datetime(2026, 12, 7, 4, 0, tzinfo=UTC))  # Monday 09:00 in Astana
    runtime.clock = clock
    tokens = {}
    for code, name in (("CASPKZKA", "Kaspi Bank"), ("HSBKKZKX", "Halyk Bank"),
                       ("IRTYKZKA", "ForteBank")):  # fmt: skip
        runtime.freeze.connect_bank(actor=CONSOLE, code=code, name=name)
        tokens[code] = runtime.freeze.bank_token(actor=CONSOLE, code=code).secret
    runtime.cases.open(
        actor=CONSOLE,
        draft=CaseDraft(ScamCategory.FAKE_BANK_CALL, "«Служба безопасности» Halyk",
                        erdr_number=CASE),
    )  # fmt: skip
    with TestClient(create_app(runtime), headers={"Accept-Language": "ru"}) as client:
        kaspi = [
            _transfer("HB-77", "2026-12-07T09:12:00+05:00", "850000", VICTIM, "HSBKKZKX",
                      DROP, "CASPKZKA"),
            _transfer("KS-1", "2026-12-07T09:31:00+05:00", "600000", DROP, "CASPKZKA",
                      MULE, "IRTYKZKA"),
            _transfer("KS-2", "2026-12-07T09:40:00+05:00", "200000", DROP, "CASPKZKA",
                      "ATM-CASPKZKA-0107", ""),
        ]  # fmt: skip
        kaspi[2]["channel"] = "cash_out"
        sent = client.post("/api/v1/transfers", json=kaspi, headers=bearer(tokens["CASPKZKA"]))
        assert sent.status_code == 200, sent.text
        assert sent.json()["loaded"] == 3, sent.text
        signed_in_client(client, runtime, "i.sadykov", Role.INVESTIGATOR)
        yield client, runtime, clock, tokens


def test_an_investigator_freezes_from_the_graph_and_sees_banks_answer(
    desk: tuple[TestClient, Runtime, ManualClock, dict[str, str]],
) -> None:
    client, _, clock, tokens = desk
    page = client.get(f"/trace/HB-77?case={CASE}")
    assert page.status_code == 200, page.text
    graph = json.loads(re.search(r'id="trace-data">(.*?)</script>', page.text, re.S)[1])  # type: ignore[index]
    nodes = {n["data"]["id"]: n["data"] for n in graph["elements"]["nodes"]}
    assert nodes[DROP]["parent"] == "bank:1:CASPKZKA"
    assert nodes[MULE]["ended"] == "still_there"
    assert any(d.get("ended") == "cash_out" for d in nodes.values())  # the ATM, marked
    assert "Обналичено" in page.text
    boxes = re.findall(r'name="account" value="([^"]+)"', page.text)
    assert len(boxes) == 2  # the drop kept 50 000 and the mule 600 000: both can be frozen
    refused = client.post(
        "/trace/HB-77/freeze",
        data={"csrf_token": client.cookies["csrf"], "case": CASE, "account": boxes},
    )
    assert refused.status_code == 400
    assert "Укажите правовое основание" in refused.text
    issued = client.post(
        "/trace/HB-77/freeze",
        data={"csrf_token": client.cookies["csrf"], "case": CASE, "account": boxes,
              "legal_basis": "Постановление следователя от 07.12.2026", "window": "72"},
        follow_redirects=False,
    )  # fmt: skip
    assert issued.status_code == 303
    assert "issued=2" in issued.headers["location"]
    assert "Направлено запросов о заморозке: 2." in client.get(issued.headers["location"]).text
    marks = client.get(f"/trace/HB-77/marks.json?case={CASE}").json()["marks"]
    assert sorted(marks.values()) == ["sent", "sent"]
    # Kaspi freezes what the drop still holds; ForteBank is silent past its due time.
    [kaspi_request] = client.get(
        "/api/v1/freeze-requests", headers=bearer(tokens["CASPKZKA"])
    ).json()["items"]
    clock.advance(hours=2)
    answered = client.post(
        f"/api/v1/freeze-requests/{kaspi_request['id']}/answer",
        json={"frozen_amount": "50000"},
        headers=bearer(tokens["CASPKZKA"]),
    )
    assert answered.status_code == 200, answered.text
    clock.advance(days=2)
    sign_in(client, "i.sadykov")  # two days on, the session has long expired
    marks = client.get(f"/trace/HB-77/marks.json?case={CASE}").json()["marks"]
    assert sorted(marks.values()) == ["frozen", "overdue"]
    case_page = client.get("/cases/1").text
    totals = re.search(r"Деньги по делу.*?</table>", case_page, re.S)
    assert totals
    assert "650 000.00" in totals[0]  # traced: what was asked for
    assert "50 000.00" in totals[0]  # frozen by Kaspi
    assert "просрочено ответов: 1" in case_page
    again = client.post(
        "/trace/HB-77/freeze",
        data={"csrf_token": client.cookies["csrf"], "case": CASE, "account": boxes,
              "legal_basis": "Повторно"},
        follow_redirects=False,
    )  # fmt: skip
    assert "issued=0&asked=2" in again.headers["location"]  # nothing is asked twice
    assert "Уже запрошено по этому делу: 2." in client.get(again.headers["location"]).text
    assert Decimal(kaspi_request["requested_amount"]) == Decimal(50000)


def test_the_page_refuses_what_it_should(
    desk: tuple[TestClient, Runtime, ManualClock, dict[str, str]],
) -> None:
    client, runtime, _, tokens = desk
    assert client.get("/trace/NO-SUCH").status_code == 404
    assert client.get("/trace/HB-77?window=99999").status_code == 422
    forged = client.post(
        "/trace/HB-77/freeze",
        data={"csrf_token": "z" * 43, "case": CASE, "account": [DROP], "legal_basis": "x"},
    )
    assert forged.status_code == 403
    with TestClient(create_app(runtime)) as analyst:
        signed_in_client(analyst, runtime, "a.nurlanova", Role.ANALYST)
        page = analyst.get("/trace/HB-77").text
        assert 'name="account"' not in page  # analysts follow money; investigators freeze it
        refused = analyst.post(
            "/trace/HB-77/freeze",
            data={"csrf_token": analyst.cookies["csrf"], "case": CASE, "account": [DROP],
                  "legal_basis": "x"},
        )  # fmt: skip
        assert refused.status_code == 403
    listed = client.get("/api/v1/freeze-requests", headers=bearer(tokens["CASPKZKA"]))
    assert listed.json()["total"] == 0
