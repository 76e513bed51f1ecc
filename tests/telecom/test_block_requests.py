"""Block requests to operators through the real API and database: one per target, each
operator sees and answers its own, answers open follow-ups and count the holder's SIMs,
suspended numbers become blocked indicators and are blocked at the switch."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.audit import AuditObject
from tests.factories import bearer, token_for

ERDR = "261500031000123"
IMSI = "401021234567890"
IMEI = "356938035643809"  # passes Luhn


@dataclass
class Desk:
    client: TestClient
    runtime: Runtime
    investigator: dict[str, str]
    analyst: dict[str, str]
    kcell: dict[str, str]
    beeline: dict[str, str]

    def send(self, *targets: dict[str, Any], who: dict[str, str] | None = None) -> Any:
        return self.client.post("/api/v1/block-requests", headers=who or self.investigator,
                                json={"case_number": ERDR, "legal_basis": "ст. 190 УК РК",
                                      "targets": list(targets)})  # fmt: skip

    def answer(self, request_id: int, who: dict[str, str], **body: Any) -> Any:
        return self.client.post(f"/api/v1/block-requests/{request_id}/answer", headers=who,
                                json=body)  # fmt: skip


@pytest.fixture
def desk(runtime: Runtime) -> Iterator[Desk]:
    telecom = runtime.telecom
    telecom.connect_operator(actor=CONSOLE, code="KCELL", name="Kcell JSC")
    telecom.connect_operator(actor=CONSOLE, code="BEELINE", name="Beeline Kazakhstan")
    with TestClient(create_app(runtime)) as client:
        desk = Desk(
            client, runtime,
            bearer(token_for(runtime, "inv.sadykov", Role.INVESTIGATOR)),
            bearer(token_for(runtime, "a.nurlanova", Role.ANALYST)),
            bearer(telecom.operator_token(actor=CONSOLE, code="KCELL").secret),
            bearer(telecom.operator_token(actor=CONSOLE, code="BEELINE").secret),
        )  # fmt: skip
        # Kcell's records make +7 701 555 12 34 its subscriber.
        record = {"record_id": "k-1", "start": "2026-11-30T10:00:00+05:00", "duration_s": 40,
                  "record_type": "voice", "direction": "originating",
                  "calling_number": "87015551234", "called_number": "+77051112233"}  # fmt: skip
        assert client.post("/api/v1/calls", headers=desk.kcell, json=[record]).status_code == 200
        yield desk


def test_requests_go_to_each_operator_and_only_it_sees_them(desk: Desk) -> None:
    sent = desk.send(
        {"value": "+7 701 555-12-34"},  # the operator found from its records
        {"kind": "sim", "value": IMSI, "operator": "kcell"},
        {"kind": "device", "value": IMEI, "operator": "BEELINE"},
    )
    assert sent.status_code == 200, sent.text
    number, sim, device = sent.json()
    assert (number["value"], number["operator"], number["state"]) == ("+77015551234", "KCELL",
                                                                       "sent")  # fmt: skip
    assert (sim["operator"], device["operator"]) == ("KCELL", "BEELINE")
    # Two working days: sent on a Thursday evening, due on Monday evening.
    due = datetime.fromisoformat(number["due_at"]) - datetime.fromisoformat(number["sent_at"])
    assert timedelta(days=2) <= due <= timedelta(days=6)
    # Asking again gives the live request, not a second one.
    again = desk.send({"value": "87015551234"})
    assert again.json()[0]["id"] == number["id"]
    kcell = desk.client.get("/api/v1/block-requests", headers=desk.kcell).json()
    assert {r["id"] for r in kcell["items"]} == {number["id"], sim["id"]}
    assert desk.client.get(f"/api/v1/block-requests/{device['id']}",
                           headers=desk.kcell).status_code == 404  # fmt: skip
    assert desk.answer(device["id"], desk.kcell, outcome="suspended").status_code == 404
    # Unknown owner, unknown operator, a bad IMEI, no rights.
    unknown = desk.send({"value": "+77779998877"})
    assert unknown.status_code == 400
    assert "Name the operator" in unknown.json()["error"]["detail"]
    assert desk.send({"value": IMSI, "kind": "sim", "operator": "TELE2"}).status_code == 400
    assert desk.send({"value": "356938035643800", "kind": "device",
                      "operator": "KCELL"}).status_code == 400  # fmt: skip
    assert desk.send({"value": "+77015551234"}, who=desk.analyst).status_code == 403
    assert desk.send({"value": "+77015551234"}, who=desk.kcell).status_code == 403


def test_an_answer_names_the_holder_opens_follow_ups_and_counts_sims(desk: Desk) -> None:
    [first] = desk.send({"value": "+77015551234"}).json()
    ack = desk.client.post(f"/api/v1/block-requests/{first['id']}/acknowledge",
                           headers=desk.kcell)  # fmt: skip
    assert ack.json()["state"] == "acknowledged"
    others = ["+77015550001", "8 701 555 00 02", "+77015550003"]
    answered = desk.answer(first["id"], desk.kcell, outcome="suspended",
                           holder_id="900101300123", other_numbers=others)  # fmt: skip
    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert body["request"]["state"] == "suspended"
    assert body["request"]["holder_numbers"] == 4
    assert not body["request"]["over_sim_limit"]
    assert sorted(f["value"] for f in body["follow_ups"]) == [
        "+77015550001", "+77015550002", "+77015550003"]  # fmt: skip
    assert {f["parent_id"] for f in body["follow_ups"]} == {first["id"]}
    assert {f["operator"] for f in body["follow_ups"]} == {"KCELL"}
    # The same answer again: nothing new.
    replay = desk.answer(first["id"], desk.kcell, outcome="suspended",
                         holder_id="900101300123", other_numbers=others)  # fmt: skip
    assert replay.json()["replayed"] is True
    assert replay.json()["follow_ups"] == []
    # Beeline answers about the same person: eleven numbers in all, over the limit.
    [second] = desk.send({"value": "+77051234500", "operator": "BEELINE"}).json()
    more = [f"+7705123450{i}" for i in range(1, 8)]
    over = desk.answer(second["id"], desk.beeline, outcome="suspended",
                       holder_id="900101300123", other_numbers=more).json()  # fmt: skip
    assert over["request"]["holder_numbers"] == 12
    assert over["request"]["over_sim_limit"] is True
    # The holder's own id is nowhere to be read.
    detail = desk.client.get(f"/api/v1/block-requests/{first['id']}", headers=desk.investigator)
    assert "900101300123" not in detail.text
    assert [e["action"] for e in detail.json()["events"]] == ["sent", "acknowledged", "answered"]
    audit = desk.runtime.accounts.read_audit(actor=CONSOLE, object_type=AuditObject.BLOCK_REQUEST,
                                             object_id=str(first["id"]))  # fmt: skip
    assert [a.actor for a in audit if a.action.value == "block_request.read"] == ["inv.sadykov"]


def test_a_suspended_number_is_blocked_in_the_registry_and_at_the_switch(desk: Desk) -> None:
    [request] = desk.send({"value": "+77015551234"}).json()
    call = {"calling_number": "+77015551234", "called_number": "+77051112233",
            "trunk_kind": "national"}  # fmt: skip
    before = desk.client.post("/api/v1/calls/verdict", headers=desk.beeline, json=call).json()
    assert before["verdict"] == "allow"
    desk.answer(request["id"], desk.kcell, outcome="suspended", note="SIM suspended 14:05")
    found = desk.client.get("/api/v1/indicators", headers=desk.analyst,
                            params={"q": "+77015551234"}).json()["items"]  # fmt: skip
    [indicator] = [i for i in found if i["value"] == "+77015551234"]
    assert indicator["status"] == "blocked"
    after = desk.client.post("/api/v1/calls/verdict", headers=desk.beeline, json=call).json()
    assert (after["verdict"], after["reason"]) == ("block", "registry_blocked")
    # The investigator lifts it; the operator cannot, and a rejected request cannot be.
    restore = f"/api/v1/block-requests/{request['id']}/restore"
    assert desk.client.post(restore, headers=desk.kcell, json={"reason": "x"}).status_code == 403
    restored = desk.client.post(f"/api/v1/block-requests/{request['id']}/restore",
                                headers=desk.investigator, json={"reason": "ошибка"})  # fmt: skip
    assert restored.json()["state"] == "restored"
    # Restored, the number may be asked about again.
    [fresh] = desk.send({"value": "+77015551234"}).json()
    assert fresh["id"] != request["id"]


def test_rejections_bad_answers_and_overdue_requests(desk: Desk) -> None:
    a, b = desk.send({"value": "+77015551234"},
                     {"kind": "sim", "value": IMSI, "operator": "KCELL"}).json()  # fmt: skip
    no_reason = desk.answer(a["id"], desk.kcell, outcome="rejected")
    assert no_reason.status_code == 400
    named = desk.answer(a["id"], desk.kcell, outcome="rejected", note="нет абонента",
                        holder_id="1")  # fmt: skip
    assert named.status_code == 400
    bad_number = desk.answer(a["id"], desk.kcell, outcome="suspended", other_numbers=["+7701"])
    assert bad_number.status_code == 400
    assert "other_numbers" in bad_number.json()["error"]["detail"]
    rejected = desk.answer(a["id"], desk.kcell, outcome="rejected", note="номер не наш")
    assert rejected.json()["request"]["state"] == "rejected"
    late = desk.answer(a["id"], desk.kcell, outcome="suspended")
    assert late.status_code == 409
    # A week later the SIM request is still unanswered: overdue.
    later = datetime.now(UTC) + timedelta(days=7)
    desk.runtime.clock = lambda: later
    overdue = desk.client.get("/api/v1/block-requests", headers=desk.investigator,
                              params={"overdue": "true"}).json()  # fmt: skip
    assert [r["id"] for r in overdue["items"]] == [b["id"]]
    assert overdue["items"][0]["overdue"] is True
