"""The HTTP API end to end, through the real app and database."""

from __future__ import annotations

import base64
from pathlib import Path

from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime, bootstrap
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from tests.factories import bearer, make_settings, token_for

REPORT = {
    "text": "Звонили с 8 701 555 12 34 «из Kaspi», просили перевести на карту 4400 4301 2345 6789. "
    "Сайт hxxps://kaspi-bonus[.]kz/login",
    "category": "fake_bank_call",
    "region": "almaty_city",
    "loss_amount": 250000,
    "contact": "+7 777 123 45 67",
    "language": "ru",
}


def test_citizen_reports_anyone_checks_analyst_confirms_and_blocks(
    client: TestClient, runtime: Runtime
) -> None:
    created = client.post("/api/v1/reports", json=REPORT)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("R")
    assert {(i["kind"], i["value"]) for i in body["indicators"]} == {
        ("phone", "+77015551234"),
        ("card", "440043******6789"),
        ("url", "https://kaspi-bonus.kz/login"),
        ("domain", "kaspi-bonus.kz"),
    }
    assert "contact" not in created.text
    assert "4400 4301" not in created.text

    check = client.get(
        "/api/v1/indicators/check",
        params={"value": "+7 (701) 555-12-34"},
        headers={"Accept-Language": "en"},
    )
    assert check.status_code == 200
    verdict = check.json()
    assert (verdict["kind"], verdict["value"], verdict["verdict"]) == (
        "phone",
        "+77015551234",
        "reported",
    )
    assert verdict["report_count"] == 1
    assert verdict["categories"] == ["fake_bank_call"]
    assert verdict["verdict_text"] == "Reported as fraud"
    assert "+7 777 123 45 67" not in check.text
    assert "77771234567" not in check.text

    analyst = token_for(runtime, "analyst1", Role.ANALYST)
    listing = client.get("/api/v1/indicators", params={"kind": "phone"}, headers=bearer(analyst))
    [phone] = listing.json()["items"]
    detail = client.get(f"/api/v1/indicators/{phone['id']}", headers=bearer(analyst)).json()
    assert [r["id"] for r in detail["reports"]] == [body["id"]]
    assert {r["value"] for r in detail["related"]} == {
        "440043******6789",
        "https://kaspi-bonus.kz/login",
        "kaspi-bonus.kz",
    }

    blocked = client.post(
        f"/api/v1/indicators/{phone['id']}/status",
        headers=bearer(analyst),
        json={
            "status": "blocked",
            "reason": "confirmed SIM-box number",
            "blocked_by": "operator",
            "blocker_name": "Kcell",
        },
    )
    assert blocked.status_code == 200, blocked.text
    again = client.get(
        "/api/v1/indicators/check", params={"value": "87015551234", "lang": "kk"}
    ).json()
    assert again["verdict"] == "blocked"
    assert again["blocks"][0]["by"] == "operator"
    assert again["verdict_text"] == "Алаяқтық, бұғатталған"

    refused = client.post(
        f"/api/v1/indicators/{phone['id']}/status",
        headers=bearer(analyst),
        json={"status": "dismissed", "reason": "mistake"},
    )
    assert refused.status_code == 409
    assert "blocked" in refused.json()["error"]["detail"]


def test_reporter_contact_is_for_analysts_and_every_read_is_audited(
    client: TestClient, runtime: Runtime
) -> None:
    report_id = client.post("/api/v1/reports", json=REPORT).json()["id"]
    analyst = token_for(runtime, "analyst1", Role.ANALYST)
    admin = token_for(runtime, "admin1", Role.ADMIN)
    partner = token_for(runtime, "bank1", Role.PARTNER, "Halyk Bank")

    as_analyst = client.get(f"/api/v1/reports/{report_id}", headers=bearer(analyst)).json()
    assert as_analyst["contact"] == "+7 777 123 45 67"
    assert "4400 4301" not in as_analyst["text"]
    assert "440043******6789" in as_analyst["text"]
    as_admin = client.get(f"/api/v1/reports/{report_id}", headers=bearer(admin)).json()
    assert as_admin["contact"] is None
    assert as_admin["has_contact"] is True
    assert client.get(f"/api/v1/reports/{report_id}", headers=bearer(partner)).status_code == 403
    assert client.get(f"/api/v1/reports/{report_id}").status_code == 401
    listing = client.get("/api/v1/reports", headers=bearer(analyst)).json()
    assert listing["total"] == 1
    assert listing["items"][0]["contact"] is None

    audit = client.get(
        "/api/v1/audit",
        params={"object_type": "report", "object_id": report_id},
        headers=bearer(admin),
    ).json()
    assert [(e["actor"], e["action"]) for e in audit] == [
        ("analyst1", "report.read_contact"),
        ("admin1", "report.read"),
    ]
    assert (
        client.get(
            "/api/v1/audit",
            params={"object_type": "report", "object_id": report_id},
            headers=bearer(analyst),
        ).status_code
        == 403
    )


def test_partner_batch_check(client: TestClient, runtime: Runtime) -> None:
    client.post("/api/v1/reports", json=REPORT)
    partner = token_for(runtime, "bank1", Role.PARTNER, "Halyk Bank")
    values = [
        "8 701 555 12 34",
        "4400430123456789",
        "https://kaspi-bonus.kz/pay",
        "8 702 000 00 00",
        "???",
    ]
    response = client.post(
        "/api/v1/indicators/check", json={"values": values}, headers=bearer(partner)
    )
    assert response.status_code == 200
    verdicts = [r["verdict"] for r in response.json()["results"]]
    assert verdicts == ["reported", "reported", "reported", "unknown", "invalid"]
    assert response.json()["results"][4]["error"]
    assert client.post("/api/v1/indicators/check", json={"values": values}).status_code == 401
    assert client.get("/api/v1/indicators", headers=bearer(partner)).status_code == 403
    too_many = client.post(
        "/api/v1/indicators/check",
        json={"values": ["87015551234"] * 10_000},
        headers=bearer(partner),
    )
    assert too_many.status_code == 413
    assert "1000" in too_many.json()["error"]["detail"]


def test_idempotency_key_stores_a_report_once(client: TestClient, runtime: Runtime) -> None:
    headers = {"Idempotency-Key": "tg-update-5512"}
    first = client.post("/api/v1/reports", json=REPORT, headers=headers)
    second = client.post("/api/v1/reports", json=REPORT, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    other = client.post(
        "/api/v1/reports", json={**REPORT, "text": "другой текст 8 702 000 00 00"}, headers=headers
    )
    assert other.status_code == 409
    analyst = token_for(runtime, "analyst1", Role.ANALYST)
    assert client.get("/api/v1/reports", headers=bearer(analyst)).json()["total"] == 1


def test_bad_input_gets_clear_4xx(client: TestClient, runtime: Runtime) -> None:
    analyst = token_for(runtime, "analyst1", Role.ANALYST)
    cases = [
        client.get("/api/v1/indicators/check", params={"value": "hello there"}),
        client.get("/api/v1/indicators/check", params={"value": "4400 4301 2345 6788"}),
        client.get("/api/v1/indicators/check", params={"value": "x", "kind": "fax"}),
        client.post("/api/v1/reports", json={**REPORT, "category": "alien_abduction"}),
        client.post("/api/v1/reports", json={**REPORT, "loss_amount": -5}),
        client.post("/api/v1/reports", json={**REPORT, "text": "x" * 10_000_000}),
        client.post("/api/v1/reports", json={**REPORT, "text": "y" * 30_000}),
        client.post(
            "/api/v1/reports",
            content=b'{"text": "\xff\xfe", "category": "other"}',
            headers={"Content-Type": "application/json"},
        ),
        client.post(
            "/api/v1/reports", content=b"{not json", headers={"Content-Type": "application/json"}
        ),
        client.post(
            "/api/v1/reports",
            json={
                **REPORT,
                "attachments": [
                    {"filename": "a.png", "content_type": "image/png", "data_base64": "***"}
                ],
            },
        ),
        client.get("/api/v1/indicators/99999", headers=bearer(analyst)),
        client.get("/api/v1/indicators", headers={"Authorization": "Bearer cpk_wrong"}),
        client.get("/api/v1/indicators", headers={"Authorization": "Basic abc"}),
        client.post(
            "/api/v1/indicators/1/status", headers=bearer(analyst), json={"status": "blocked"}
        ),
    ]
    for response in cases:
        assert 400 <= response.status_code < 500, (response.status_code, response.text[:200])
        error = response.json()["error"]
        assert error["code"]
        assert error["title"]
        assert error["detail"]
    assert cases[0].status_code == 400
    assert "hello there" in cases[0].json()["error"]["detail"]
    assert "4400 4301 2345 6788" not in cases[1].text  # a refused card is not echoed in full
    assert cases[5].status_code == 413
    assert cases[6].status_code == 413
    assert cases[11].status_code == 401
    assert cases[11].headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/api/v1/reports", headers=bearer(analyst)).json()["total"] == 0


def test_attachments_are_stored_with_their_hash(client: TestClient, runtime: Runtime) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    payload = {
        **REPORT,
        "attachments": [
            {
                "filename": "chat.png",
                "content_type": "image/png",
                "data_base64": base64.b64encode(png).decode(),
            }
        ],
    }
    report_id = client.post("/api/v1/reports", json=payload).json()["id"]
    analyst = token_for(runtime, "analyst1", Role.ANALYST)
    [attachment] = client.get(f"/api/v1/reports/{report_id}", headers=bearer(analyst)).json()[
        "attachments"
    ]
    assert (attachment["filename"], attachment["size"]) == ("chat.png", 108)


def test_public_endpoints_are_rate_limited_per_client(tmp_path: Path) -> None:
    runtime = bootstrap(make_settings(tmp_path, public_check_rate=5, public_report_rate=2))
    client = TestClient(create_app(runtime))
    statuses = [
        client.get("/api/v1/indicators/check", params={"value": "87015551234"}).status_code
        for _ in range(7)
    ]
    assert statuses == [200] * 5 + [429] * 2
    limited = client.get("/api/v1/indicators/check", params={"value": "87015551234"})
    assert int(limited.headers["Retry-After"]) > 0
    reports = [client.post("/api/v1/reports", json=REPORT).status_code for _ in range(3)]
    assert reports == [201, 201, 429]
    analyst = token_for(runtime, "analyst1", Role.ANALYST)  # a token holder has its own bucket
    assert (
        client.get(
            "/api/v1/indicators/check", params={"value": "87015551234"}, headers=bearer(analyst)
        ).status_code
        == 200
    )


def test_token_holders_are_limited_per_user_not_per_token(tmp_path: Path) -> None:
    runtime = bootstrap(make_settings(tmp_path, token_check_rate=3, token_report_rate=1))
    client = TestClient(create_app(runtime))
    first = token_for(runtime, "bank1", Role.BANK, "CASPKZKA")
    second = runtime.accounts.create_token(actor=CONSOLE, user_name="bank1").secret
    checks = [
        client.get(
            "/api/v1/indicators/check", params={"value": "87015551234"}, headers=bearer(token)
        )
        for token in (first, second, first, second)
    ]
    assert [c.status_code for c in checks] == [200, 200, 200, 429]
    assert int(checks[-1].headers["Retry-After"]) > 0
    assert "bank1" in checks[-1].json()["error"]["detail"]
    # anonymous callers and other users keep their own buckets
    assert (
        client.get("/api/v1/indicators/check", params={"value": "87015551234"}).status_code == 200
    )
    telecom = token_for(runtime, "telecom1", Role.PARTNER, "Beeline")
    reports = [
        client.post("/api/v1/reports", json=REPORT, headers=bearer(telecom)).status_code
        for _ in range(2)
    ]
    assert reports == [201, 429]


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/indicators/check",
        "/api/v1/indicators",
        "/api/v1/indicators/{indicator_id}",
        "/api/v1/indicators/{indicator_id}/status",
        "/healthz",
    ):
        assert path in paths


def test_docs_page_works_without_internet(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_misspelt_filter_is_an_error(client: TestClient, runtime: Runtime) -> None:
    analyst = token_for(runtime, "analyst1", Role.ANALYST)
    response = client.get(
        "/api/v1/indicators", params={"stauts": "blocked"}, headers=bearer(analyst)
    )
    assert response.status_code == 400
    assert "'stauts'" in response.json()["error"]["detail"]
    ok = client.get("/api/v1/indicators/check", params={"value": "87015551234", "lang": "kk"})
    assert ok.status_code == 200


def test_review_findings_stay_fixed(client: TestClient, runtime: Runtime) -> None:
    """Leaks and 500s found in review: each case here once failed."""
    analyst = token_for(runtime, "analyst1", Role.ANALYST)
    partner = token_for(runtime, "bank1", Role.PARTNER, "Halyk Bank")
    own = {
        **REPORT,
        "contact": "+7 777 123 45 67",
        "text": "Продавец 8 701 555 12 34. Мой номер для связи 8 777 123 45 67. "
        "Карта № 4400 4301 2345 6789, ссылка https://pay.example.kz/p?card=4400430123456789",
    }
    created = client.post("/api/v1/reports", json=own).json()
    values = {i["value"] for i in created["indicators"]}
    assert "+77771234567" not in values  # the reporter is not a fraudster
    assert "https://pay.example.kz/p?card=440043******6789" in values
    stored = client.get(f"/api/v1/reports/{created['id']}", headers=bearer(analyst)).json()
    assert "4400430123456789" not in stored["text"].replace(" ", "")
    assert "4400 4301 2345 6789" not in stored["text"]

    [phone] = client.get(
        "/api/v1/indicators", params={"kind": "phone"}, headers=bearer(analyst)
    ).json()["items"]
    client.post(
        f"/api/v1/indicators/{phone['id']}/status",
        headers=bearer(analyst),
        json={
            "status": "blocked",
            "reason": "victim A. N. +77770000000 confirmed",
            "blocked_by": "operator",
        },
    )
    public = client.get("/api/v1/indicators/check", params={"value": "87015551234"}).json()
    assert public["blocks"][0]["by"] == "operator"
    assert public["blocks"][0]["reason"] is None
    again = client.post(
        f"/api/v1/indicators/{phone['id']}/status",
        headers=bearer(analyst),
        json={"status": "blocked", "reason": "again", "blocked_by": "operator"},
    )
    assert again.status_code == 409  # the same blocker twice

    bad = [
        client.post("/api/v1/reports", json={**REPORT, "contact": "a\u0000b"}),
        client.post(
            "/api/v1/reports", json={**REPORT, "text": "сайт xn--zz.kz и xn--80ako6a92e.com"}
        ),
        client.get("/api/v1/indicators/check", params={"value": "4400.4301.2345.6788"}),
    ]
    assert [r.status_code for r in bad[:1]] == [400]
    assert bad[1].status_code == 201
    assert "4400.4301.2345.6788" not in bad[2].text

    client.post(
        "/api/v1/indicators/check", json={"values": ["87015551234"]}, headers=bearer(partner)
    )
    admin = token_for(runtime, "admin1", Role.ADMIN)
    audit = client.get(
        "/api/v1/audit",
        params={"object_type": "actor", "object_id": "bank1"},
        headers=bearer(admin),
    ).json()
    assert audit[0]["action"] == "indicator.batch_check"
    assert audit[0]["details"] == {"values": 1, "known": 1}


def test_forwarded_for_counts_only_behind_a_trusted_proxy(tmp_path: Path) -> None:
    def statuses(trusted: str, folder: str) -> list[int]:
        runtime = bootstrap(
            make_settings(tmp_path / folder, public_check_rate=2, trusted_proxies=trusted)
        )
        client = TestClient(create_app(runtime), client=("10.0.0.5", 50000))
        return [
            client.get(
                "/api/v1/indicators/check",
                params={"value": "87015551234"},
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
            ).status_code
            for n in range(4)
        ]

    # behind the trusted proxy each citizen has a bucket; spoofed headers from others do not help
    assert statuses("10.0.0.0/24", "a") == [200, 200, 200, 200]
    assert statuses("", "b") == [200, 200, 429, 429]


def test_filter_times_outside_sane_years_are_refused_not_overflowed(
    client: TestClient, runtime: Runtime
) -> None:
    analyst = bearer(token_for(runtime, "analyst1", Role.ANALYST))
    for path in ("/api/v1/reports", "/api/v1/indicators"):
        for params in (
            {"since": "9999-12-31T23:59:59-12:00"},
            {"since": "0001-01-01T00:00:00+14:00"},
            {"until": "0001-01-01T00:00:00+05:00"},
        ):
            refused = client.get(path, params=params, headers=analyst)
            assert refused.status_code == 422, (path, params, refused.text)
            assert "between 1970 and 2099" in refused.json()["error"]["detail"]
        within = {"since": "2026-01-01T00:00:00+14:00", "until": "2026-12-31T23:59:59-12:00"}
        assert client.get(path, params=within, headers=analyst).status_code == 200
