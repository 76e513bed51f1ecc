"""Cases through the real API and database: opened from citizens' reports, moved through
the procedure, with victims, evidence and links, by analysts and investigators."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import Role
from tests.factories import bearer, token_for
from tests.web.test_pages import png

# Friday 11 December 2026, 10:00 in Astana; Wednesday the 16th is Independence Day.
FRIDAY = datetime(2026, 12, 11, 5, 0, tzinfo=UTC)


@pytest.fixture
def api(runtime: Runtime) -> Iterator[tuple[TestClient, Runtime]]:
    fixed = replace(runtime, clock=lambda: FRIDAY)
    with TestClient(create_app(fixed)) as client:
        yield client, fixed


def _report(client: TestClient, text_: str) -> str:
    answer = client.post("/api/v1/reports", json={"text": text_, "category": "fake_bank_call"})
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def test_a_case_from_reports_through_the_procedure(api: tuple[TestClient, Runtime]) -> None:
    client, runtime = api
    analyst = bearer(token_for(runtime, "a.nurlanova", Role.ANALYST))
    investigator = bearer(token_for(runtime, "i.sadykov", Role.INVESTIGATOR))
    first = _report(client, "Звонили «из банка» с 8 701 555 12 34, просили код из SMS")
    second = _report(client, "Мне тоже звонили с +7 701 555 12 34, перевела 150 000")
    runtime.reports.subscribe(report_id=first, channel="telegram", recipient="42", language="ru")

    opened = client.post(
        "/api/v1/cases",
        json={"category": "fake_bank_call", "title": "Звонки «службы безопасности банка»",
              "region": "karaganda", "report_ids": [first, second]},
        headers=analyst,
    )  # fmt: skip
    assert opened.status_code == 201, opened.text
    case = opened.json()
    assert case["state"] == "registered"
    assert case["article"] == "190"
    assert case["reports"] == 2
    # Three working days, Independence Day not counted.
    assert case["deadline"].startswith("2026-12-17")
    told = runtime.reports.due_updates(channel="telegram")
    assert [(u.report_id, u.status, u.value) for u in told] == [
        (first, "joined_case", case["number"])
    ]
    url = f"/api/v1/cases/{case['id']}"

    wrong = client.post(f"{url}/transitions", json={"to": "sent_to_court", "reason": "готово"},
                        headers=investigator)  # fmt: skip
    assert wrong.status_code == 409
    assert "cannot become sent_to_court; it can become: investigating" in wrong.text
    taken = client.post(f"{url}/transitions", json={"to": "investigating", "reason": "принято"},
                        headers=analyst)  # fmt: skip
    assert taken.status_code == 200
    assert taken.json()["deadline"].startswith("2027-02-11")  # 40 working days
    closing = {"to": "closed", "reason": "примирение сторон", "ground": "non_rehabilitating"}
    assert client.post(f"{url}/transitions", json=closing, headers=analyst).status_code == 403
    no_ground = {"to": "closed", "reason": "примирение сторон"}
    refused = client.post(f"{url}/transitions", json=no_ground, headers=investigator)
    assert refused.status_code == 400
    assert "ground" in refused.text
    closed = client.post(f"{url}/transitions", json=closing, headers=investigator).json()
    assert (closed["state"], closed["close_ground"], closed["deadline"]) == (
        "closed", "non_rehabilitating", None)  # fmt: skip
    reopened = client.post(f"{url}/transitions", json={"to": "investigating",
                           "reason": "новые обстоятельства"}, headers=investigator)  # fmt: skip
    assert reopened.json()["state"] == "investigating"
    assert [e["to_state"] for e in reopened.json()["events"]] == [
        "registered", "investigating", "closed", "investigating"]  # fmt: skip


def test_victims_evidence_and_links_are_kept_and_their_reads_audited(
    api: tuple[TestClient, Runtime],
) -> None:
    client, runtime = api
    investigator = bearer(token_for(runtime, "i.sadykov", Role.INVESTIGATOR))
    admin = bearer(token_for(runtime, "root", Role.ADMIN))
    case = client.post("/api/v1/cases", json={"category": "marketplace_ad",
                       "title": "Шуба на OLX", "erdr_number": "261500031000123"},
                       headers=investigator).json()  # fmt: skip
    url = f"/api/v1/cases/{case['id']}"
    for name, loss, pensioner in (
        ("Гүлнар Ахметова", "150000", True),
        ("Иван Петров", "85000.50", False),
    ):
        victim = {"role": "victim", "name": name, "loss": loss, "pensioner": pensioner}
        added = client.post(f"{url}/parties", json=victim, headers=investigator)
        assert added.status_code == 201, added.text
    suspect = {"role": "suspect", "name": "Неизвестный", "loss": "100"}
    assert client.post(f"{url}/parties", json=suspect, headers=investigator).status_code == 400
    photo = png(5, 5)
    kept = client.post(f"{url}/evidence", json={"filename": "переписка.png",
                       "description": "скриншот переписки с продавцом",
                       "data_base64": base64.b64encode(photo).decode()},
                       headers=investigator).json()  # fmt: skip
    assert kept["sha256"] == hashlib.sha256(photo).hexdigest()
    assert kept["added_by"] == "i.sadykov"
    program = {"filename": "фото.jpg", "data_base64": base64.b64encode(b"MZ\x90\x00" * 50).decode()}
    assert client.post(f"{url}/evidence", json=program, headers=investigator).status_code == 400
    # A drop's card given in full is kept masked, and found by the full number all the same.
    linked = client.post(f"{url}/links", json={"kind": "drop_account",
                         "refs": ["4400 4301 2345 6789", "KZ86125KZT5004100100"]},
                         headers=investigator)  # fmt: skip
    assert linked.status_code == 200, linked.text
    refs = {link["ref"] for link in linked.json()["links"]}
    assert "4400 4301 2345 6789" not in refs
    found = client.get("/api/v1/cases/linked/drop_account/KZ86125KZT5004100100",
                       headers=investigator)  # fmt: skip
    assert found.json() == [case["id"]]

    full = client.get(url, headers=investigator).json()
    assert full["damage"] == "235000.50"
    assert (full["victims"], full["pensioners"]) == (2, 1)
    assert {p["name"] for p in full["parties"]} == {"Гүлнар Ахметова", "Иван Петров"}
    file = client.get(f"{url}/evidence/{kept['id']}", headers=investigator)
    assert file.content == photo
    assert file.headers["x-evidence-sha256"] == kept["sha256"]
    with runtime.engine.connect() as db:
        names = db.execute(text("SELECT name FROM case_parties")).scalars().all()
        links = db.execute(text("SELECT ref FROM case_links")).scalars().all()
    assert not any("Ахметова" in n for n in names)  # sealed
    assert "4400 4301 2345 6789" not in links
    log = client.get("/api/v1/audit", params={"object_type": "case", "object_id": str(case["id"])},
                     headers=admin).json()  # fmt: skip
    actions = [e["action"] for e in log]
    assert actions.count("case.read_parties") == 1
    assert "case.evidence_read" in actions
    assert "case.evidence_add" in actions
    # Admins run the system, not cases; banks never see them.
    assert client.get(url, headers=admin).status_code == 403


def test_one_erdr_number_is_one_case(api: tuple[TestClient, Runtime]) -> None:
    client, runtime = api
    analyst = bearer(token_for(runtime, "a.nurlanova", Role.ANALYST))
    body = {"category": "pyramid", "title": "Пирамида", "erdr_number": "261500031000777"}
    assert client.post("/api/v1/cases", json=body, headers=analyst).status_code == 201
    again = client.post("/api/v1/cases", json=body, headers=analyst)
    assert again.status_code == 409
    assert "261500031000777" in again.text
    bad = client.post("/api/v1/cases", json=body | {"erdr_number": "12-34"}, headers=analyst)
    assert bad.status_code == 422
    unknown = client.post("/api/v1/cases", json={"category": "other", "title": "x",
                          "report_ids": ["R20261211-NOSUCH00"]}, headers=analyst)  # fmt: skip
    assert unknown.status_code == 404
    listed = client.get("/api/v1/cases", params={"q": "261500031000777"}, headers=analyst).json()
    assert listed["total"] == 1
