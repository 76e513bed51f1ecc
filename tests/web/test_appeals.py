"""Appeals from the owner's page to the analyst's decision, through the real app and database."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import Role
from tests.factories import bearer, token_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def app(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime)) as client:
        yield client


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def _appeal(client: TestClient, value: str, language: str = "ru") -> TestClient:
    page = client.get("/appeal", headers={"Accept-Language": language}).text
    return client.post(
        "/appeal",
        data={
            "csrf_token": _token(page),
            "value": value,
            "text": "Это мой номер уже 10 лет, я продавала диван на OLX и получила оплату",
            "contact": "+7 777 000 11 22",
        },
        files=[("files", ("договор.pdf", io.BytesIO(PDF), "application/pdf"))],
        headers={"Accept-Language": language},
        follow_redirects=False,
    )


def test_an_upheld_appeal_dismisses_the_listing_and_the_owner_sees_why(
    app: TestClient, runtime: Runtime
) -> None:
    reported = app.post(
        "/api/v1/reports",
        json={"text": "Мошенник звонил с 8 701 555 12 34", "category": "marketplace_ad"},
    )
    assert reported.status_code == 201
    reporter = reported.json()["id"]
    runtime.reports.subscribe(report_id=reporter, channel="telegram", recipient="7", language="kk")
    answer = _appeal(app, "+7 (701) 555-12-34")
    assert answer.status_code == 303
    link = answer.headers["location"]
    assert re.fullmatch(r"/appeal/A\d{8}-\w{8}\?key=[\w-]+&new=1", link)
    assert "Ожидает проверки аналитиком" in app.get(link).text

    analyst = bearer(token_for(runtime, "dana", Role.ANALYST))
    queue = app.get("/api/v1/appeals", params={"status": "pending"}, headers=analyst).json()
    assert queue["total"] == 1
    item = queue["items"][0]
    assert item["indicator"]["value"] == "+77015551234"
    assert "contact" not in item
    assert item["attachments"][0]["content_type"] == "application/pdf"
    decided = app.post(
        f"/api/v1/appeals/{item['id']}/decision",
        json={"decision": "upheld", "reason": "Договор аренды номера с 2015 года"},
        headers=analyst,
    )
    assert decided.status_code == 200
    assert decided.json()["status"] == "upheld"
    indicator = app.get(f"/api/v1/indicators/{item['indicator_id']}", headers=analyst).json()
    assert indicator["status"] == "dismissed"
    # The reporter hears of the appeal once, and not again of the dismissal it caused.
    runtime.reports.collect_updates()
    told = runtime.reports.due_updates(channel="telegram")
    assert [(u.report_id, u.value, u.status) for u in told] == [
        (reporter, "+77015551234", "appeal_upheld")
    ]
    again = app.post(
        f"/api/v1/appeals/{item['id']}/decision",
        json={"decision": "rejected", "reason": "передумали"},
        headers=analyst,
    )
    assert again.status_code == 409
    owner = app.get(link.replace("&new=1", ""), headers={"Accept-Language": "kk"}).text
    assert "Қанағаттандырылды" in owner
    assert "Договор аренды номера с 2015 года" in owner
    admin = bearer(token_for(runtime, "root", Role.ADMIN))
    for object_id, action in ((item["id"], "appeal.decide"), ("pending", "appeal.list")):
        log = app.get(
            "/api/v1/audit",
            params={"object_type": "appeal", "object_id": object_id},
            headers=admin,
        ).json()
        assert [e["action"] for e in log] == [action]


def test_an_appeal_about_an_unlisted_value_is_refused_in_words(app: TestClient) -> None:
    answer = _appeal(app, "+7 701 000 00 01", language="kk")
    assert answer.status_code == 400
    assert "шағымдануға негіз жоқ" in answer.text
    assert "+7 701 000 00 01" in answer.text  # kept for the retry


def test_someone_elses_key_shows_nothing(app: TestClient) -> None:
    app.post("/api/v1/reports", json={"text": "сайт kaspi-bonus-kz.com", "category": "other"})
    link = _appeal(app, "kaspi-bonus-kz.com").headers["location"]
    number = link.split("/")[2].split("?")[0]
    assert app.get(f"/appeal/{number}").status_code == 404
    assert app.get(f"/appeal/{number}?key=x").status_code == 404


def test_an_upheld_appeal_lifts_a_block_before_it_dismisses(
    app: TestClient, runtime: Runtime
) -> None:
    app.post("/api/v1/reports", json={"text": "сайт halyk-bonus.kz", "category": "phishing_link"})
    analyst = bearer(token_for(runtime, "dana", Role.ANALYST))
    listed = app.get("/api/v1/indicators", headers=analyst).json()["items"][0]
    blocked = app.post(
        f"/api/v1/indicators/{listed['id']}/status",
        json={"status": "blocked", "reason": "фишинг", "blocked_by": "registrar"},
        headers=analyst,
    )
    assert blocked.status_code == 200, blocked.text
    _appeal(app, "halyk-bonus.kz")
    appeal = app.get("/api/v1/appeals", headers=analyst).json()["items"][0]
    decided = app.post(
        f"/api/v1/appeals/{appeal['id']}/decision",
        json={"decision": "upheld", "reason": "Сайт принадлежит ТОО, домен с 2012 года"},
        headers=analyst,
    )
    assert decided.status_code == 200, decided.text
    history = app.get(f"/api/v1/indicators/{listed['id']}", headers=analyst).json()
    assert history["status"] == "dismissed"
    admin = bearer(token_for(runtime, "root", Role.ADMIN))
    log = app.get(
        "/api/v1/audit",
        params={"object_type": "indicator", "object_id": str(listed["id"])},
        headers=admin,
    ).json()
    changes = [e["details"].get("to") for e in log if e["action"] == "indicator.status"]
    assert changes[-2:] == ["confirmed", "dismissed"], log
