"""Who may call what: every operation of the API against every role, and bank A against bank B.

The table below is the access policy as README states it. A new endpoint fails the first test
until it is given a row, so no operation ships without a decision about who may call it.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.feeds.domain import FeedFormat
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.tlp import Tlp
from cyberpol.synth.payments import draw_iban
from cyberpol.telecom.domain.blocks import BlockTarget, BlockTargetKind
from tests.factories import bearer, token_for
from tests.web.test_pages import png

ANYONE = frozenset(
    {"anonymous", "analyst", "investigator", "supervisor", "prosecutor", "admin", "partner", "bank",
     "operator"}
)  # fmt: skip
CASEWORK = frozenset({"analyst", "investigator"})
# Supervisors and prosecutors read the unit's work; supervisors also assign and correct cases.
OVERSIGHT = frozenset({"supervisor", "prosecutor"})
READERS = CASEWORK | OVERSIGHT
MANAGERS = CASEWORK | {"supervisor"}
STAFF = READERS | {"admin"}
BATCH = frozenset({"analyst", "investigator", "supervisor", "admin", "partner", "bank", "operator"})

# (method, path) -> the roles allowed. Everyone else gets 401 without a token, 403 with one.
# The console's role has no token, so it never reaches the HTTP API.
ALLOWED: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/healthz"): ANYONE,
    ("GET", "/api/v1/audit"): frozenset({"admin"}),
    ("GET", "/api/v1/indicators/check"): ANYONE,
    ("POST", "/api/v1/indicators/check"): BATCH,
    ("GET", "/api/v1/indicators"): STAFF,
    ("GET", "/api/v1/indicators/{indicator_id}"): STAFF,
    ("POST", "/api/v1/indicators/{indicator_id}/status"): CASEWORK,
    ("POST", "/api/v1/reports"): ANYONE,
    ("GET", "/api/v1/reports"): STAFF,
    ("GET", "/api/v1/reports/{report_id}"): STAFF,
    ("GET", "/api/v1/reports/{report_id}/attachments/{attachment_id}"): READERS,
    ("GET", "/api/v1/appeals"): CASEWORK,
    ("POST", "/api/v1/appeals/{appeal_id}/decision"): CASEWORK,
    ("POST", "/api/v1/transfers"): frozenset({"bank"}),
    ("POST", "/api/v1/transfers/files"): frozenset({"bank"}),
    ("GET", "/api/v1/transfers/{transfer_id}/trace"): READERS,
    ("POST", "/api/v1/transfers/{transfer_id}/freeze-requests"): frozenset({"investigator"}),
    ("GET", "/api/v1/mules"): MANAGERS,
    ("POST", "/api/v1/mules/{account}/verdict"): CASEWORK,
    ("POST", "/api/v1/banks"): frozenset({"admin"}),
    ("POST", "/api/v1/banks/{code}/tokens"): frozenset({"admin"}),
    ("POST", "/api/v1/freeze-requests"): frozenset({"investigator"}),
    ("GET", "/api/v1/freeze-requests"): READERS | {"bank"},
    ("GET", "/api/v1/freeze-requests/{request_id}"): READERS | {"bank"},
    ("POST", "/api/v1/freeze-requests/{request_id}/acknowledge"): frozenset({"bank"}),
    ("POST", "/api/v1/freeze-requests/{request_id}/answer"): frozenset({"bank"}),
    ("POST", "/api/v1/freeze-requests/{request_id}/release"): frozenset({"investigator"}),
    ("GET", "/api/v1/cases/{case_number}/freeze-summary"): READERS,
    ("POST", "/api/v1/cases"): MANAGERS,
    ("GET", "/api/v1/cases"): READERS,
    ("GET", "/api/v1/cases/{case_id}"): READERS,
    ("PATCH", "/api/v1/cases/{case_id}"): MANAGERS,
    # Analysts take a case up (investigating); sending, closing, suspending is checked in
    # tests/cases: the investigator's procedural acts.
    ("POST", "/api/v1/cases/{case_id}/transitions"): MANAGERS,
    ("POST", "/api/v1/cases/{case_id}/parties"): MANAGERS,
    ("POST", "/api/v1/cases/{case_id}/links"): MANAGERS,
    ("GET", "/api/v1/cases/linked/{kind}/{ref}"): READERS,
    ("POST", "/api/v1/cases/{case_id}/notes"): MANAGERS,
    ("POST", "/api/v1/cases/{case_id}/evidence"): MANAGERS,
    ("GET", "/api/v1/cases/{case_id}/evidence/{evidence_id}"): READERS,
    ("POST", "/api/v1/calls"): frozenset({"operator"}),
    ("POST", "/api/v1/calls/files"): frozenset({"operator"}),
    ("GET", "/api/v1/operators"): frozenset({"admin"}),
    ("GET", "/api/v1/simbox/sims"): MANAGERS,
    ("GET", "/api/v1/simbox/devices"): MANAGERS,
    ("POST", "/api/v1/simbox/sims/{imsi}/verdict"): CASEWORK,
    ("POST", "/api/v1/protected-numbers"): frozenset({"admin"}),
    ("POST", "/api/v1/calls/verdict"): frozenset({"operator"}),
    ("POST", "/api/v1/roaming"): frozenset({"operator"}),
    ("GET", "/api/v1/calls/blocked"): READERS | {"operator"},
    ("POST", "/api/v1/block-requests"): frozenset({"investigator"}),
    ("GET", "/api/v1/block-requests"): READERS | {"operator"},
    ("GET", "/api/v1/block-requests/{request_id}"): READERS | {"operator"},
    ("POST", "/api/v1/block-requests/{request_id}/acknowledge"): frozenset({"operator"}),
    ("POST", "/api/v1/block-requests/{request_id}/answer"): frozenset({"operator"}),
    ("POST", "/api/v1/block-requests/{request_id}/restore"): frozenset({"investigator"}),
    ("GET", "/api/v1/protected-numbers"): frozenset({"admin"}),
    ("GET", "/api/v1/monitoring/resources"): MANAGERS,
    ("POST", "/api/v1/monitoring/resources"): CASEWORK,
    ("GET", "/api/v1/monitoring/resources/{resource_id}"): MANAGERS,
    ("POST", "/api/v1/monitoring/resources/{resource_id}/state"): CASEWORK,
    ("POST", "/api/v1/monitoring/resources/{resource_id}/block-requests"): CASEWORK,
    ("GET", "/api/v1/monitoring/block-requests"): MANAGERS,
    ("POST", "/api/v1/monitoring/block-requests/{request_id}/answer"): CASEWORK,
    ("POST", "/api/v1/monitoring/scan"): MANAGERS,
    ("POST", "/api/v1/monitoring/texts/classify"): MANAGERS,
    ("GET", "/api/v1/monitoring/stats"): MANAGERS,
    ("GET", "/api/v1/monitoring/ads/rings"): MANAGERS,
    # A platform sends its own ads and reads warnings on its own sellers; nobody else does.
    ("POST", "/api/v1/monitoring/ads"): frozenset({"partner"}),
    ("GET", "/api/v1/monitoring/ads/warnings"): frozenset({"partner"}),
    ("GET", "/api/v1/feeds/subscriptions"): frozenset({"admin"}),
    ("PUT", "/api/v1/feeds/subscriptions/{organisation}"): frozenset({"admin"}),
    ("DELETE", "/api/v1/feeds/subscriptions/{organisation}"): frozenset({"admin"}),
    ("POST", "/api/v1/partner-feeds"): CASEWORK,
    # Partners only with a subscription to the format (the world gives each one).
    ("GET", "/api/v1/feeds/{feed_format}"): CASEWORK | {"partner", "bank", "operator"},
}

BANK_A, BANK_B = "CASPKZKA", "HSBKKZKX"
CALL = {"record_id": "KC-1", "start": "2026-03-02T10:00:00+05:00", "duration_s": 42,
        "record_type": "voice", "direction": "originating", "calling_number": "+77011234567",
        "called_number": "+77021234567"}  # fmt: skip
CASE = "261500031000123"
LEGAL_BASIS = "Resolution of 2 March 2026, art. 190 part 4 of the Criminal Code"


@dataclass
class World:
    """A small but complete system: users of every role, a report, transfers, two banks."""

    client: TestClient
    headers: dict[str, dict[str, str]]
    indicator_id: int
    report_id: str
    transfer_id: str
    drop_at_a: str
    drop_at_b: str
    request_to_a: int
    request_to_b: int
    case_id: int


@pytest.fixture
def world(runtime: Runtime) -> Iterator[World]:
    with TestClient(create_app(runtime)) as client:
        yield build_world(client, runtime)


def build_world(client: TestClient, runtime: Runtime) -> World:
    admin = bearer(token_for(runtime, "admin1", Role.ADMIN))
    headers = {
        "anonymous": {},
        "analyst": bearer(token_for(runtime, "a.nurlanova", Role.ANALYST)),
        "investigator": bearer(token_for(runtime, "i.sadykov", Role.INVESTIGATOR)),
        "supervisor": bearer(token_for(runtime, "b.omarov", Role.SUPERVISOR)),
        "prosecutor": bearer(token_for(runtime, "prokuror.almaty", Role.PROSECUTOR)),
        "admin": admin,
        "partner": bearer(token_for(runtime, "olx", Role.PARTNER, "OLX")),
    }
    for code, name in ((BANK_A, "Kaspi Bank"), (BANK_B, "Halyk Bank")):
        created = client.post("/api/v1/banks", json={"code": code, "name": name}, headers=admin)
        assert created.status_code == 201, created.text
        token = client.post(f"/api/v1/banks/{code}/tokens", json={}, headers=admin)
        assert token.status_code == 201, token.text
        headers[code] = bearer(token.json()["token"])
    headers["bank"] = headers[BANK_A]
    runtime.telecom.connect_operator(actor=CONSOLE, code="KCELL", name="Kcell")
    kcell = runtime.telecom.operator_token(actor=CONSOLE, code="KCELL")
    headers["operator"] = bearer(kcell.secret)
    for organisation in ("OLX", BANK_A, "KCELL"):
        runtime.feeds.subscribe(actor=CONSOLE, organisation=organisation, tlp=Tlp.GREEN,
                                formats=[FeedFormat.CSV])  # fmt: skip

    report = client.post(
        "/api/v1/reports",
        json={"text": "Звонили с 8 701 555 12 34 из 'банка'", "category": "fake_bank_call"},
    )
    assert report.status_code == 201, report.text
    [indicator] = runtime.registry.check_values(values=["87015551234"])
    assert indicator.indicator_id is not None

    rng = random.Random(5)
    victim, drop_at_b = draw_iban(rng, BANK_B), draw_iban(rng, BANK_B)
    drop_at_a = draw_iban(rng, BANK_A)
    sent = client.post(
        "/api/v1/transfers",
        headers=headers[BANK_A],
        json=[
            transfer("A-1", "2026-03-02T10:00:00+05:00", 500000, victim, BANK_B, drop_at_a, BANK_A),
            transfer(
                "A-2", "2026-03-02T10:30:00+05:00", 400000, drop_at_a, BANK_A, drop_at_b, BANK_B
            ),
        ],
    )
    assert sent.status_code == 200, sent.text
    assert sent.json()["loaded"] == 2

    issued = client.post(
        "/api/v1/freeze-requests",
        headers=headers["investigator"],
        json={
            "case_number": CASE,
            "legal_basis": LEGAL_BASIS,
            "targets": [
                {"account": drop_at_a, "bank": BANK_A, "amount": "100000"},
                {"account": drop_at_b, "bank": BANK_B, "amount": "400000"},
            ],
        },
    )
    assert issued.status_code == 201, issued.text
    by_bank = {r["bank"]: r["id"] for r in issued.json()["items"]}
    # Block requests at the operator up to the same id (the path templates share it).
    blocks = runtime.telecom.request_blocks(
        actor=CONSOLE, case_number=CASE, legal_basis=LEGAL_BASIS,
        targets=[BlockTarget(BlockTargetKind.NUMBER, f"+7701555{n:04d}", "KCELL")
                 for n in range(by_bank[BANK_A])],
    )  # fmt: skip
    assert blocks[-1].id == by_bank[BANK_A]
    case = client.post(
        "/api/v1/cases",
        headers=headers["investigator"],
        json={"category": "fake_bank_call", "title": "Звонки «из банка»",
              "report_ids": [report.json()["id"]]},
    )  # fmt: skip
    assert case.status_code == 201, case.text
    return World(
        client=client,
        headers=headers,
        indicator_id=indicator.indicator_id,
        report_id=report.json()["id"],
        transfer_id="A-1",
        drop_at_a=drop_at_a,
        drop_at_b=drop_at_b,
        request_to_a=by_bank[BANK_A],
        request_to_b=by_bank[BANK_B],
        case_id=case.json()["id"],
    )


def transfer(
    transfer_id: str, ts: str, amount: int, from_account: str, from_bank: str, to: str, to_bank: str
) -> dict[str, Any]:
    return {
        "transfer_id": transfer_id,
        "ts": ts,
        "amount": amount,
        "from_account": from_account,
        "from_bank": from_bank,
        "to_account": to,
        "to_bank": to_bank,
        "channel": "transfer",
    }


def call(world: World, method: str, template: str, role: str) -> int:
    """Call one operation as ``role`` with a request that is valid apart from who sends it."""
    path = template.format(
        indicator_id=world.indicator_id,
        report_id=world.report_id,
        transfer_id=world.transfer_id,
        account=world.drop_at_a,
        code=BANK_A,
        request_id=world.request_to_a,
        case_number=CASE,
        appeal_id="A20261203-NOSUCH23",
        attachment_id=1,
        case_id=world.case_id,
        evidence_id=1,
        kind="report",
        ref=world.report_id,
        imsi="401021234567890",
        resource_id=1,
        organisation="TEST-ISP",
        feed_format="csv",
    )
    params, body, files = valid_request(method, template)
    response = world.client.request(
        method, path, params=params, json=body, files=files, headers=world.headers[role]
    )
    assert response.status_code < 500, (method, template, role, response.text)
    return response.status_code


def valid_request(
    method: str, template: str
) -> tuple[dict[str, str], Any, dict[str, tuple[str, bytes, str]] | None]:
    """Query parameters, JSON body and files that the operation accepts."""
    rows = "transfer_id,ts,amount,from_account,from_bank,to_account,to_bank,channel\n"
    bodies: dict[tuple[str, str], Any] = {
        ("POST", "/api/v1/indicators/check"): {"values": ["87015551234"]},
        ("POST", "/api/v1/indicators/{indicator_id}/status"): {
            "status": "confirmed",
            "reason": "call recordings confirm it",
        },
        ("POST", "/api/v1/reports"): {"text": "звонок с 8 701 555 12 34", "category": "other"},
        ("POST", "/api/v1/appeals/{appeal_id}/decision"): {
            "decision": "rejected",
            "reason": "the owner sent no documents",
        },
        ("POST", "/api/v1/transfers"): [],
        ("POST", "/api/v1/calls"): [CALL],
        ("POST", "/api/v1/protected-numbers"): {"numbers": ["102"], "label": "Police"},
        ("POST", "/api/v1/calls/verdict"): {
            "calling_number": "+77015551234",
            "called_number": "+77051234567",
            "trunk_kind": "international",
        },
        ("POST", "/api/v1/roaming"): {"numbers": ["+77015551234"], "roaming": True},
        ("POST", "/api/v1/simbox/sims/{imsi}/verdict"): {"is_simbox": True},
        ("POST", "/api/v1/block-requests"): {
            "case_number": CASE,
            "legal_basis": LEGAL_BASIS,
            "targets": [{"value": "+77015550077", "operator": "KCELL"}],
        },
        ("POST", "/api/v1/block-requests/{request_id}/answer"): {
            "outcome": "rejected",
            "note": "no such subscriber",
        },
        ("POST", "/api/v1/block-requests/{request_id}/restore"): {"reason": "mistake"},
        ("POST", "/api/v1/mules/{account}/verdict"): {"is_mule": True},
        ("POST", "/api/v1/banks"): {"code": "IRTYKZKA", "name": "ForteBank"},
        ("POST", "/api/v1/banks/{code}/tokens"): {},
        ("POST", "/api/v1/freeze-requests"): {
            "case_number": CASE,
            "legal_basis": LEGAL_BASIS,
            "targets": [{"account": "KZ86125KZT5004100100", "bank": BANK_A, "amount": "1000"}],
        },
        ("POST", "/api/v1/freeze-requests/{request_id}/answer"): {"frozen_amount": "100000"},
        ("POST", "/api/v1/freeze-requests/{request_id}/release"): {"returned_amount": "0"},
        ("POST", "/api/v1/transfers/{transfer_id}/freeze-requests"): {
            "case_number": CASE,
            "legal_basis": LEGAL_BASIS,
        },
        ("POST", "/api/v1/cases"): {"category": "other", "title": "Дропы Kaspi, март"},
        ("PATCH", "/api/v1/cases/{case_id}"): {"article": "190 ч.2"},
        ("POST", "/api/v1/cases/{case_id}/transitions"): {
            "to": "investigating",
            "reason": "taken up",
        },
        ("POST", "/api/v1/cases/{case_id}/parties"): {
            "role": "victim",
            "name": "Гүлнар Ахметова",
            "loss": "150000",
            "pensioner": True,
        },
        ("POST", "/api/v1/cases/{case_id}/links"): {"kind": "indicator", "refs": ["1"]},
        ("POST", "/api/v1/cases/{case_id}/notes"): {"text": "Потерпевшая опрошена"},
        ("POST", "/api/v1/monitoring/resources"): {
            "resources": [{"kind": "domain", "value": "kaspi-bonus.top"}]
        },
        ("POST", "/api/v1/monitoring/resources/{resource_id}/state"): {"state": "reviewing"},
        ("POST", "/api/v1/monitoring/resources/{resource_id}/block-requests"): {
            "party": "cert",
            "addressee": "KZ-CERT",
        },
        ("POST", "/api/v1/monitoring/block-requests/{request_id}/answer"): {"outcome": "done"},
        ("POST", "/api/v1/monitoring/scan"): {"names": ["kaspi-bonus.top"]},
        ("POST", "/api/v1/monitoring/texts/classify"): {"texts": ["Ваша карта заблокирована"]},
        ("POST", "/api/v1/monitoring/ads"): {
            "ads": [{"ad_id": "1", "seller_id": "7", "created_at": "2026-10-05 10:00"}]
        },
        ("PUT", "/api/v1/feeds/subscriptions/{organisation}"): {
            "tlp": "green",
            "formats": ["csv"],
        },
        ("POST", "/api/v1/cases/{case_id}/evidence"): {
            "filename": "screen.png",
            "data_base64": base64.b64encode(png()).decode(),
        },
    }
    params = {
        ("GET", "/api/v1/audit"): {"object_type": "report", "object_id": "x"},
        ("GET", "/api/v1/indicators/check"): {"value": "87015551234"},
        ("POST", "/api/v1/partner-feeds"): {"partner": "KZ-CERT"},
    }.get((method, template), {})
    files = None
    if template == "/api/v1/partner-feeds":
        files = {"file": ("feed.csv", b"url\nhttps://kaspi-bonus.top/login\n", "text/csv")}
    if template == "/api/v1/transfers/files":
        files = {"file": ("transfers.csv", rows.encode(), "text/csv")}
    if template == "/api/v1/calls/files":
        header = ",".join(CALL)
        files = {"file": ("cdr.csv", f"{header}\n{','.join(map(str, CALL.values()))}\n".encode(),
                          "text/csv")}  # fmt: skip
    return params, bodies.get((method, template)), files


def operations(client: TestClient) -> set[tuple[str, str]]:
    spec = client.app.openapi()  # type: ignore[attr-defined]
    return {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}


def test_every_operation_has_a_declared_set_of_roles(world: World) -> None:
    assert operations(world.client) == set(ALLOWED)


def test_each_role_reaches_exactly_the_operations_it_is_allowed(world: World) -> None:
    wrong = []
    for method, template in sorted(ALLOWED):
        for role in sorted(ANYONE):
            status = call(world, method, template, role)
            allowed = role in ALLOWED[(method, template)]
            refused = 401 if role == "anonymous" else 403
            if allowed and status in (401, 403):
                wrong.append((method, template, role, status, "should be allowed"))
            if status == 422:  # the check never ran: the test's request must be made valid
                wrong.append((method, template, role, status, "invalid request in the test"))
            if not allowed and status != refused:
                wrong.append((method, template, role, status, f"should be {refused}"))
    assert wrong == []


def test_a_bank_cannot_reach_another_banks_freeze_requests(world: World) -> None:
    client, a, b = world.client, world.headers[BANK_A], world.headers[BANK_B]
    listed = client.get("/api/v1/freeze-requests", headers=a).json()
    assert [r["id"] for r in listed["items"]] == [world.request_to_a]
    asked_for_b = client.get("/api/v1/freeze-requests", params={"bank": BANK_B}, headers=a)
    assert asked_for_b.status_code in (200, 400)
    if asked_for_b.status_code == 200:
        assert asked_for_b.json()["total"] == 0
    theirs = f"/api/v1/freeze-requests/{world.request_to_b}"
    assert client.get(theirs, headers=a).status_code == 404
    assert client.post(f"{theirs}/acknowledge", headers=a).status_code == 404
    answer = {"frozen_amount": "400000"}
    assert client.post(f"{theirs}/answer", json=answer, headers=a).status_code == 404
    # B's own view shows none of A's attempts: its request is still as sent.
    seen_by_b = client.get(theirs, headers=b)
    assert seen_by_b.status_code == 200
    assert seen_by_b.json()["state"] == "sent"
    assert client.get(f"/api/v1/freeze-requests/{world.request_to_a}", headers=b).status_code == 404
    summary = client.get(f"/api/v1/cases/{CASE}/freeze-summary", headers=a)
    assert summary.status_code == 403


def test_a_bank_cannot_see_transfers_or_traces(world: World) -> None:
    for bank in (BANK_A, BANK_B):
        trace = world.client.get(
            f"/api/v1/transfers/{world.transfer_id}/trace", headers=world.headers[bank]
        )
        assert trace.status_code == 403
        assert world.drop_at_a not in trace.text


def test_tokens_that_are_not_ours_are_refused(client: TestClient) -> None:
    for header in ("Bearer not-a-token", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer "):
        response = client.get("/api/v1/reports", headers={"Authorization": header})
        assert response.status_code == 401, (header, response.text)
