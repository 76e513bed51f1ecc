"""A freeze cascade end to end through the HTTP API: investigator, two banks, an ATM."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import Role
from cyberpol.kernel.clock import ManualClock
from tests.factories import bearer, token_for

CASE = "261500031000123"
VICTIM_TO_DROP = "KZ86125KZT5004100100"  # the first drop account, at Kaspi
NEXT_DROP = "4400 4301 2345 6789"  # a card at Halyk the money went on to


def connect_bank(client: TestClient, admin: str, code: str, name: str) -> str:
    created = client.post("/api/v1/banks", json={"code": code, "name": name}, headers=bearer(admin))
    assert created.status_code == 201, created.text
    assert created.json()["country"] == "KZ"
    token = client.post(f"/api/v1/banks/{code}/tokens", json={}, headers=bearer(admin))
    assert token.status_code == 201, token.text
    assert token.json()["user"] == f"bank-{code.lower()}"
    return token.json()["token"]


def money(value: str) -> Decimal:
    return Decimal(value)


def test_a_cascade_from_kaspi_to_halyk_and_an_atm(client: TestClient, runtime: Runtime) -> None:
    clock = ManualClock(datetime(2026, 3, 2, 4, 0, tzinfo=UTC))  # Monday 09:00 in Astana
    runtime.clock = clock
    admin = token_for(runtime, "admin1", Role.ADMIN)
    investigator = bearer(token_for(runtime, "i.sadykov", Role.INVESTIGATOR))
    kaspi = bearer(connect_bank(client, admin, "CASPKZKA", "Kaspi Bank"))
    halyk = bearer(connect_bank(client, admin, "HSBKKZKX", "Halyk Bank"))

    issued = client.post(
        "/api/v1/freeze-requests",
        headers=investigator,
        json={
            "case_number": CASE,
            "legal_basis": "Resolution of 2 March 2026, art. 190 part 4 of the Criminal Code",
            "targets": [{"account": VICTIM_TO_DROP, "bank": "CASPKZKA", "amount": "1000000"}],
        },
    )
    assert issued.status_code == 201, issued.text
    [first] = issued.json()["items"]
    assert (first["state"], first["hop"], first["overdue"]) == ("sent", 1, False)
    assert first["answer_due_at"] == "2026-03-03T04:00:00Z"

    # Kaspi sees it, Halyk does not
    assert [
        r["id"] for r in client.get("/api/v1/freeze-requests", headers=kaspi).json()["items"]
    ] == [first["id"]]
    assert client.get("/api/v1/freeze-requests", headers=halyk).json()["total"] == 0
    assert client.get(f"/api/v1/freeze-requests/{first['id']}", headers=halyk).status_code == 404

    clock.advance(hours=1)
    acked = client.post(f"/api/v1/freeze-requests/{first['id']}/acknowledge", headers=kaspi)
    assert acked.status_code == 200
    assert acked.json()["state"] == "acknowledged"
    again = client.post(f"/api/v1/freeze-requests/{first['id']}/acknowledge", headers=kaspi)
    assert again.status_code == 200
    assert again.json()["acknowledged_at"] == acked.json()["acknowledged_at"]

    clock.advance(hours=2)
    answer = {
        "frozen_amount": "300000",
        "onward_transfers": [
            {
                "account": NEXT_DROP,
                "bank": "HSBKKZKX",
                "amount": "500000",
                "moved_at": "2026-03-02T09:41:00+05:00",
                "channel": "card_to_card",
                "reference": "KSP-8812",
            },
            {"amount": "150000", "moved_at": "2026-03-02T09:55:00+05:00", "channel": "cash_out"},
        ],
    }
    too_much = {**answer, "frozen_amount": "600000"}
    refused = client.post(
        f"/api/v1/freeze-requests/{first['id']}/answer", headers=kaspi, json=too_much
    )
    assert refused.status_code == 400
    assert "more than the 400000.00" in refused.json()["error"]["detail"]
    key = {"Idempotency-Key": "kaspi-answer-1"}
    answered = client.post(
        f"/api/v1/freeze-requests/{first['id']}/answer", headers={**kaspi, **key}, json=answer
    )
    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert body["state"] == "partially_frozen"
    assert money(body["frozen_amount"]) == 300000
    assert body["expires_at"] == "2026-03-10T07:00:00Z"  # 5 working days; 9 March is off
    assert [t["exit"] for t in body["onward_transfers"]] == [None, "cash_out"]
    assert all(t["next_request_id"] is None for t in body["onward_transfers"])  # hidden from banks
    assert "4400 4301" not in answered.text
    assert "440043******6789" in answered.text

    # Halyk now has the next hop; Kaspi cannot see it
    [second] = client.get("/api/v1/freeze-requests", headers=halyk).json()["items"]
    assert (second["hop"], money(second["requested_amount"]), second["account"]) == (
        2,
        Decimal(500000),
        "440043******6789",
    )
    assert second["parent_request_id"] is None  # banks do not learn other banks' ids
    assert client.get(f"/api/v1/freeze-requests/{second['id']}", headers=kaspi).status_code == 404
    as_investigator = client.get(f"/api/v1/freeze-requests/{second['id']}", headers=investigator)
    assert as_investigator.json()["parent_request_id"] == first["id"]
    [incoming] = as_investigator.json()["incoming_transfers"]
    assert (incoming["from_bank"], incoming["reference"]) == ("CASPKZKA", "KSP-8812")

    # the same answer again: replayed, nothing new
    for headers in ({**kaspi, **key}, kaspi):
        replay = client.post(
            f"/api/v1/freeze-requests/{first['id']}/answer", headers=headers, json=answer
        )
        assert replay.status_code == 200
        assert replay.headers["Idempotent-Replayed"] == "true"
    assert client.get("/api/v1/freeze-requests", headers=halyk).json()["total"] == 1
    reused = client.post(
        f"/api/v1/freeze-requests/{first['id']}/answer",
        headers={**kaspi, **key},
        json={**answer, "frozen_amount": "299999"},
    )
    assert reused.status_code == 409
    # a different answer to an answered request: refused, naming the state
    late = client.post(
        f"/api/v1/freeze-requests/{first['id']}/answer",
        headers={**kaspi, "Accept-Language": "en"},
        json={"frozen_amount": "1000000"},
    )
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "invalid_transition"
    assert "'partially_frozen'" in late.json()["error"]["detail"]
    assert late.json()["error"]["title"] == "This step is not allowed in the current state"
    ack_late = client.post(
        f"/api/v1/freeze-requests/{first['id']}/acknowledge",
        headers={**kaspi, "Accept-Language": "ru"},
    )
    assert ack_late.status_code == 409
    assert ack_late.json()["error"]["title"] == "Этот шаг невозможен в текущем состоянии"

    clock.advance(hours=1)
    frozen = client.post(
        f"/api/v1/freeze-requests/{second['id']}/answer",
        headers=halyk,
        json={"frozen_amount": "500000"},
    )
    assert frozen.status_code == 200
    assert frozen.json()["state"] == "frozen"

    summary = client.get(f"/api/v1/cases/{CASE}/freeze-summary", headers=investigator)
    assert summary.status_code == 200, summary.text
    [kzt] = summary.json()["totals"]
    assert {
        k: money(kzt[k]) for k in ("traced", "frozen", "returned", "pending", "unaccounted")
    } == {
        "traced": 1000000,
        "frozen": 800000,
        "returned": 0,
        "pending": 0,
        "unaccounted": 50000,
    }
    assert money(kzt["exited"]["cash_out"]) == 150000
    assert money(kzt["exited_total"]) == 150000
    assert summary.json()["requests_by_state"] == {"partially_frozen": 1, "frozen": 1}
    assert client.get(f"/api/v1/cases/{CASE}/freeze-summary", headers=halyk).status_code == 403

    # the victim gets 450,000 back from Halyk
    released = client.post(
        f"/api/v1/freeze-requests/{second['id']}/release",
        headers=investigator,
        json={"returned_amount": "450000", "note": "Court order 2-118/2026"},
    )
    assert released.status_code == 200
    assert released.json()["state"] == "released"
    assert (
        client.post(
            f"/api/v1/freeze-requests/{second['id']}/release",
            headers=halyk,
            json={"returned_amount": "1"},
        ).status_code
        == 403
    )

    # a new request to Halyk goes unanswered past its deadline
    late_one = client.post(
        "/api/v1/freeze-requests",
        headers=investigator,
        json={
            "case_number": CASE,
            "legal_basis": "Same resolution",
            "targets": [{"account": "acc-5512", "bank": "HSBKKZKX", "amount": "20000"}],
        },
    ).json()["items"][0]
    assert (
        client.get(
            "/api/v1/freeze-requests", params={"overdue": "true"}, headers=investigator
        ).json()["total"]
        == 0
    )
    clock.advance(hours=25)
    overdue = client.get(
        "/api/v1/freeze-requests", params={"overdue": "true"}, headers=halyk
    ).json()
    assert [(r["id"], r["overdue"]) for r in overdue["items"]] == [(late_one["id"], True)]

    # the expiry job: Kaspi's hold lapses after 5 working days
    clock.advance(days=8)
    assert runtime.freeze.expire() == [first["id"]]
    expired = client.get(f"/api/v1/freeze-requests/{first['id']}", headers=investigator).json()
    assert expired["state"] == "expired"
    assert [e["action"] for e in expired["events"]] == [
        "issued",
        "acknowledged",
        "answered",
        "expired",
    ]
    final = client.get(f"/api/v1/cases/{CASE}/freeze-summary", headers=investigator).json()
    [kzt] = final["totals"]
    assert {k: money(kzt[k]) for k in ("frozen", "returned", "unfrozen", "pending")} == {
        "frozen": 0,
        "returned": 450000,
        "unfrozen": 350000,  # Kaspi's 300,000 expired, 50,000 of Halyk's went back to the holder
        "pending": 20000,
    }

    # every read of a request is in the audit log
    audit = client.get(
        "/api/v1/audit",
        params={"object_type": "freeze_request", "object_id": str(second["id"])},
        headers=bearer(admin),
    ).json()
    assert ("i.sadykov", "freeze_request.read") in {(e["actor"], e["action"]) for e in audit}
    assert client.get("/api/v1/freeze-requests/999999", headers=kaspi).status_code == 404


def test_freeze_api_refuses_bad_input_clearly(client: TestClient, runtime: Runtime) -> None:
    admin = bearer(token_for(runtime, "admin1", Role.ADMIN))
    investigator = bearer(token_for(runtime, "i.sadykov", Role.INVESTIGATOR))
    analyst = bearer(token_for(runtime, "a.nurlanova", Role.ANALYST))
    client.post("/api/v1/banks", json={"code": "CASPKZKA", "name": "Kaspi"}, headers=admin)
    target = {"account": "acc-1", "bank": "CASPKZKA", "amount": "10"}
    request = {"case_number": "C-1", "legal_basis": "art. 190", "targets": [target]}
    cases = [
        (
            client.post("/api/v1/banks", json={"code": "CASPKZKA", "name": "Kaspi"}, headers=admin),
            409,
        ),
        (client.post("/api/v1/banks", json={"code": "Kaspi", "name": "Kaspi"}, headers=admin), 422),
        (
            client.post(
                "/api/v1/banks", json={"code": "CASPKZKA", "name": "K"}, headers=investigator
            ),
            403,
        ),
        (client.post("/api/v1/banks/ATYNKZKA/tokens", json={}, headers=admin), 404),
        (client.post("/api/v1/freeze-requests", json=request, headers=analyst), 403),
        (
            client.post(
                "/api/v1/freeze-requests",
                json={**request, "targets": [{**target, "bank": "KCJBKZKX"}]},
                headers=investigator,
            ),
            400,
        ),
        (
            client.post(
                "/api/v1/freeze-requests",
                json={**request, "targets": [{**target, "amount": "0.001"}]},
                headers=investigator,
            ),
            422,
        ),
        (client.get("/api/v1/freeze-requests", params={"stat": "sent"}, headers=analyst), 400),
        (client.get("/api/v1/cases/C-404/freeze-summary", headers=analyst), 404),
        (client.post("/api/v1/freeze-requests/1/acknowledge", headers=analyst), 403),
        (client.get("/api/v1/freeze-requests"), 401),
    ]
    for response, status in cases:
        assert response.status_code == status, (status, response.text[:300])
        error = response.json()["error"]
        assert error["code"]
        assert error["title"]
        assert error["detail"]
    assert "'KCJBKZKX' is not connected" in cases[5][0].json()["error"]["detail"]


def test_acting_on_a_request_is_not_audited_as_reading_it(
    client: TestClient, runtime: Runtime
) -> None:
    admin = token_for(runtime, "admin1", Role.ADMIN)
    investigator = bearer(token_for(runtime, "i.sadykov", Role.INVESTIGATOR))
    kaspi = bearer(connect_bank(client, admin, "CASPKZKA", "Kaspi Bank"))
    order = {
        "case_number": CASE,
        "legal_basis": "Resolution of 2 March 2026",
        "targets": [{"account": VICTIM_TO_DROP, "bank": "CASPKZKA", "amount": "1000"}],
    }
    [request] = client.post("/api/v1/freeze-requests", json=order, headers=investigator).json()[
        "items"
    ]
    path = f"/api/v1/freeze-requests/{request['id']}"
    assert client.post(f"{path}/acknowledge", headers=kaspi).status_code == 200
    answered = client.post(f"{path}/answer", json={"frozen_amount": "1000"}, headers=kaspi)
    assert answered.status_code == 200, answered.text
    assert [e["action"] for e in answered.json()["events"]][-1] == "answered"
    replayed = client.post(f"{path}/answer", json={"frozen_amount": "1000"}, headers=kaspi)
    assert replayed.headers["Idempotent-Replayed"] == "true"
    assert replayed.json()["events"] == answered.json()["events"]
    released = client.post(
        f"{path}/release", json={"returned_amount": "1000"}, headers=investigator
    )
    assert released.status_code == 200, released.text

    audit = client.get(
        "/api/v1/audit",
        params={"object_type": "freeze_request", "object_id": str(request["id"])},
        headers=bearer(admin),
    )
    assert audit.status_code == 200
    assert audit.json() == []
