"""The public pages through the real app and database, as a browser without JavaScript uses
them: plain GETs and multipart form posts, the cookie jar as a browser keeps it."""

from __future__ import annotations

import hashlib
import html
import io
import re
import struct
import zlib
from collections.abc import Iterator
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text as sql

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import Actor, Role
from tests.factories import bearer, token_for

ANALYST = Actor("aigerim", Role.ANALYST)


def png(width: int = 2, height: int = 2) -> bytes:
    """A real (tiny) PNG, as a phone's screenshot starts."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def browser(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime), base_url="http://testserver") as client:
        yield client


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the form carries a CSRF token"
    return found.group(1)


def _form(**fields: str) -> dict[str, str]:
    return {"category": "marketplace_ad", "text": "", **fields}


def test_start_page_in_each_language(browser: TestClient) -> None:
    answer = browser.get("/", headers={"Accept-Language": "kk-KZ,kk;q=0.9"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert '<html lang="kk">' in answer.text
    assert "Төлемес бұрын тексеріңіз" in answer.text
    assert "Сообщить о мошенничестве" in browser.get("/", headers={"Accept-Language": "ru"}).text
    browser.get("/language/en?next=/")
    assert '<html lang="en">' in browser.get("/").text
    assert "Check before you pay" in browser.get("/").text


def test_language_switch_never_leaves_the_site(browser: TestClient) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        answer = browser.get(f"/language/ru?next={target}", follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/"


def test_report_with_a_photo_then_its_status_link(browser: TestClient, runtime: Runtime) -> None:
    page = browser.get("/report", headers={"Accept-Language": "ru"}).text
    answer = browser.post(
        "/report",
        data={
            "csrf_token": _token(page),
            "category": "fake_bank_call",
            "text": "Звонили со службы безопасности банка с номера +7 701 555 12 34, "
            "просили перевести на KZ86125KZT5004100100",
            "loss_amount": "150 000",
            "region": "pavlodar",
            "contact": "+7 777 000 11 22",
        },
        files=[("files", ("скрин.png", io.BytesIO(png()), "image/png"))],
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    link = answer.headers["location"]
    assert link.startswith("/status/R")
    assert "key=" in link
    status = browser.get(link)
    assert status.status_code == 200
    assert "+77015551234" in status.text
    number = link.split("/")[2].split("?")[0]
    assert number in status.text
    assert "Ваше сообщение принято" in status.text
    # Switching language on the page keeps the private link.
    switch = re.search(r'href="(/language/kk\?next=[^"]+)"', status.text)
    assert switch
    kazakh = browser.get(html.unescape(switch.group(1)))
    assert kazakh.status_code == 200
    assert "Хабарламаңыз қабылданды" in kazakh.text
    # The report went through the one use case: analysts see it, with its photo.
    report = runtime.reports.get(actor=ANALYST, report_id=number)
    assert report.channel.value == "web"
    assert report.loss_amount == Decimal("150000.00")
    assert [a.content_type for a in report.attachments] == ["image/png"]
    # Without the key, or with another report's key, the page is not there.
    assert browser.get(f"/status/{number}").status_code == 404
    assert browser.get(f"/status/{number}?key=AAAAAAAAAAAAAAAAAAAAAAAA").status_code == 404


def test_a_form_without_its_token_is_refused_and_nothing_is_stored(browser: TestClient) -> None:
    browser.get("/report")
    answer = browser.post("/report", data=_form(text="номер +7 701 555 12 34", csrf_token="x"))
    assert answer.status_code == 403
    assert "номер +7 701 555 12 34" in answer.text  # what they typed is kept for the retry


def test_a_program_named_like_a_photo_is_refused(browser: TestClient) -> None:
    page = browser.get("/report", headers={"Accept-Language": "en"}).text
    answer = browser.post(
        "/report",
        data=_form(csrf_token=_token(page), text="scam site kaspi-bonus.example"),
        files=[("files", ("photo.jpg", io.BytesIO(b"MZ\x90\x00" + b"\x00" * 64), "image/jpeg"))],
        headers={"Accept-Language": "en"},
    )
    assert answer.status_code == 400
    assert "photo.jpg is not a photo, PDF or voice message" in answer.text
    page = browser.get("/report", headers={"Accept-Language": "kk"}).text
    answer = browser.post(
        "/report",
        data=_form(csrf_token=_token(page), text=""),
        headers={"Accept-Language": "kk"},
    )
    assert answer.status_code == 400
    assert "Не болғанын сипаттап беріңіз." in answer.text


def test_check_page_and_an_empty_check(browser: TestClient) -> None:
    answer = browser.get("/check", params={"value": "8 701 555 12 34"})
    assert answer.status_code == 200
    assert "+77015551234" in answer.text
    assert browser.get("/check", params={"value": " "}).status_code == 400
    card = browser.get("/check", params={"value": "4400 4301 2345 6789"})
    assert "4400 4301 2345 6789" not in card.text


def test_a_missing_page_is_a_page(browser: TestClient) -> None:
    answer = browser.get("/nowhere")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert browser.get("/api/v1/nowhere").headers["content-type"].startswith("application/json")


def test_a_file_too_large_for_the_form_gets_a_page(runtime: Runtime) -> None:
    limits = runtime.settings
    too_big = limits.max_attachments * limits.max_attachment_bytes + 8 * 1024 * 1024
    with TestClient(create_app(runtime)) as client:
        answer = client.post(
            "/report",
            content=b"x" * 16,
            headers={
                "Content-Type": "multipart/form-data; boundary=x",
                "Content-Length": str(too_big),
                "Accept-Language": "ru",
            },
        )
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert '<html lang="ru">' in answer.text


def test_a_shared_link_with_trackers_still_opens(browser: TestClient) -> None:
    answer = browser.get("/check?value=%2B77015551234&utm_source=whatsapp&fbclid=abc")
    assert answer.status_code == 200
    assert browser.get("/api/v1/indicators/check?value=1&value=2").status_code == 400


def test_evidence_is_kept_once_and_read_by_analysts_only(
    browser: TestClient, runtime: Runtime
) -> None:
    photo = png(5, 4)
    numbers = []
    for said in ("звонили с 8 701 555 12 34", "снова звонили с 8 701 555 12 34"):
        page = browser.get("/report").text
        answer = browser.post(
            "/report",
            data=_form(csrf_token=_token(page), text=said),
            files=[("files", ("скрин.png", io.BytesIO(photo), "application/octet-stream"))],
            follow_redirects=False,
        )
        numbers.append(answer.headers["location"].split("/")[2].split("?")[0])
    with runtime.engine.connect() as db:
        stored = db.execute(sql("SELECT count(*) FROM evidence_files")).scalar_one()
        copies = db.execute(sql("SELECT count(content) FROM attachments")).scalar_one()
    assert (stored, copies) == (1, 0)  # one file for two reports, not kept beside them
    analyst = bearer(token_for(runtime, "dana", Role.ANALYST))
    report = browser.get(f"/api/v1/reports/{numbers[1]}", headers=analyst).json()
    file = report["attachments"][0]
    assert file["content_type"] == "image/png"  # as the content tells, not as the form said
    url = f"/api/v1/reports/{numbers[1]}/attachments/{file['id']}"
    answer = browser.get(url, headers=analyst)
    assert answer.content == photo
    assert answer.headers["x-evidence-sha256"] == hashlib.sha256(photo).hexdigest()
    assert answer.headers["content-disposition"].startswith("attachment")
    admin = bearer(token_for(runtime, "root", Role.ADMIN))
    assert browser.get(url, headers=admin).status_code == 403
    log = browser.get(
        "/api/v1/audit", params={"object_type": "report", "object_id": numbers[1]}, headers=admin
    ).json()
    assert "report.read_evidence" in [e["action"] for e in log]


def test_a_wrong_method_names_the_right_ones(browser: TestClient) -> None:
    for method, path, allowed in (
        ("DELETE", "/", "GET"),
        ("PUT", "/report", "GET, POST"),
        ("DELETE", "/api/v1/reports", "GET, POST"),
    ):
        answer = browser.request(method, path)
        assert answer.status_code == 405
        assert answer.headers["allow"] == allowed


def test_a_report_without_a_chosen_scheme_is_sent_back(browser: TestClient) -> None:
    page = browser.get("/report", headers={"Accept-Language": "ru"}).text
    assert '<option value="">Выберите</option>' in page
    answer = browser.post(
        "/report",
        data={"csrf_token": _token(page), "category": "", "text": "Звонили с 8 701 555 12 34"},
        headers={"Accept-Language": "ru"},
    )
    assert answer.status_code == 400
    assert "Звонили с 8 701 555 12 34" in answer.text  # kept for the retry
