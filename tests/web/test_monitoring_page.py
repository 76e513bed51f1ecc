"""The monitoring desk through the real pages and stores: an analyst reads the queue with the
reasons in her language, adds a site, confirms it, asks KZ-CERT to block it and records the
answer; a refused step says why on the page; banks and strangers get no desk."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.monitoring.domain.resources import ResourceKind, ResourceSource
from cyberpol.monitoring.service import NewResource
from tests.factories import signed_in_client


@pytest.fixture
def desk(sqlite_runtime: Runtime) -> Iterator[tuple[TestClient, Runtime]]:
    runtime = sqlite_runtime
    runtime.monitoring.add(actor=CONSOLE, items=[
        NewResource(ResourceKind.DOMAIN, name, ResourceSource.DOMAIN_FEED, "ct-2026-12-01.csv")
        for name in ("xn--kspi-53d.kz", "krisha-remont.kz", "olx-dostavka.top")
    ])  # fmt: skip
    with TestClient(create_app(runtime), headers={"Accept-Language": "ru"}) as client:
        signed_in_client(client, runtime, "a.nurlanova", Role.ANALYST)
        yield client, runtime


def _token(client: TestClient) -> str:
    return client.cookies["csrf"]


def test_an_analyst_takes_a_site_from_the_queue_to_a_block(
    desk: tuple[TestClient, Runtime],
) -> None:
    client, runtime = desk
    page = client.get("/monitoring")
    assert page.status_code == 200, page.text
    text = page.text
    assert "Мониторинг интернета" in text
    assert "Буквы другого алфавита, похожие на буквы бренда" in text  # kаspi.kz, in words
    assert "Название бренда со словами-приманками" in text  # olx-dostavka.top
    assert text.index("xn--kspi-53d.kz") < text.index("krisha-remont.kz")  # by score

    added = client.post("/monitoring", data={"csrf_token": _token(client), "kind": "url",
                        "value": "https://halyk-bonus.top/login/card", "note": "из SMS"},
                        follow_redirects=False)  # fmt: skip
    assert added.status_code == 303
    here = added.headers["location"].split("?")[0]
    page = client.get(here).text
    assert "Ссылка ведёт на страницу входа" in page
    assert "halykbank.kz" in page

    step = client.post(f"{here}/state", data={"csrf_token": _token(client), "state": "confirmed"},
                       follow_redirects=False)  # fmt: skip
    assert step.status_code == 303
    asked = client.post(f"{here}/block-requests", data={
        "csrf_token": _token(client), "party": "cert", "addressee": "KZ-CERT"},
        follow_redirects=False)  # fmt: skip
    assert asked.status_code == 303
    page = client.get(here).text
    assert "Блокировка запрошена" in page
    answer = re.search(r'action="(/monitoring/\d+/block-requests/\d+/answer)"', page)
    assert answer
    client.post(answer.group(1), data={"csrf_token": _token(client), "outcome": "done"})
    page = client.get(here).text
    assert "Заблокировано" in page
    # The history in words: where it came from, to whom the request went, the answer.
    assert "Откуда: Аналитик" in page
    assert "Кому: Национальный CERT" in page
    assert "Адресат: KZ-CERT" in page
    assert "source_ref" not in page
    assert "addressee:" not in page
    resource_id = int(here.rsplit("/", 1)[1])
    assert (
        runtime.monitoring.resource(actor=CONSOLE, resource_id=resource_id).resource.state
        == "blocked"
    )


def test_a_refused_step_says_why_and_a_link_cannot_put_words_on_the_page(
    desk: tuple[TestClient, Runtime],
) -> None:
    client, _ = desk
    refused = client.post("/monitoring", data={"csrf_token": _token(client), "kind": "domain",
                          "value": "это не домен"})  # fmt: skip
    assert refused.status_code == 400
    assert 'class="errors" role="alert"' in refused.text
    planted = client.get("/monitoring?refused=Позвоните+на+8+700+000+00+00")
    assert "Позвоните" not in planted.text
    stale = client.post("/monitoring", data={"csrf_token": "x" * 43, "kind": "domain",
                        "value": "kaspi-bonus.top"}, follow_redirects=False)  # fmt: skip
    assert stale.headers["location"] == "/monitoring?refused=expired"
    assert "Форма устарела" in client.get(stale.headers["location"]).text
    nothing = client.get("/monitoring?q=kaspi-bonus").text
    assert "kaspi-bonus.top" not in nothing
    assert client.get("/monitoring/99999").status_code == 404


def test_banks_and_strangers_get_no_desk(desk: tuple[TestClient, Runtime]) -> None:
    client, runtime = desk
    client.cookies.clear()
    away = client.get("/monitoring", follow_redirects=False)
    assert away.status_code == 303
    assert away.headers["location"].startswith("/login")
    signed_in_client(client, runtime, "kaspi.ops", Role.BANK, "CASPKZKA")
    assert client.get("/monitoring").status_code == 403
    assert client.get("/monitoring/1").status_code == 403


def test_an_analyst_checks_a_forwarded_sms_on_the_page(
    desk: tuple[TestClient, Runtime],
) -> None:
    client, _ = desk
    client.headers["Accept-Language"] = "kk"
    form = client.get("/monitoring/texts")
    assert form.status_code == 200
    assert "Мәтінді тексеру" in form.text
    sms = ("Құрметті клиент! Kaspi қауіпсіздік қызметі: картаңыздан күдікті аударым. "
           "Бұғаттау үшін SMS кодын айтыңыз")  # fmt: skip
    judged = client.post("/monitoring/texts", data={"csrf_token": _token(client), "text": sms})
    assert judged.status_code == 200
    assert (
        "Алаяқтық: Банктен немесе оның қауіпсіздік қызметінен деген жалған қоңырау" in judged.text
    )
    assert "Қазақ тілі" in judged.text
    assert sms in judged.text  # the text stays in the form
    otp = "Ваш код 4821. Никому его не сообщайте, даже сотрудникам банка."
    client.headers["Accept-Language"] = "ru"
    genuine = client.post("/monitoring/texts", data={"csrf_token": _token(client), "text": otp})
    assert "Не мошенничество" in genuine.text
    empty = client.post("/monitoring/texts", data={"csrf_token": _token(client), "text": "  "})
    assert empty.status_code == 400
    assert "Вставьте текст" in empty.text
    stale = client.post("/monitoring/texts", data={"csrf_token": "x" * 43, "text": "код"},
                        follow_redirects=False)  # fmt: skip
    assert stale.headers["location"] == "/monitoring/texts?refused=expired"
    assert "Форма устарела" in client.get(stale.headers["location"]).text
    long = client.post("/monitoring/texts", data={"csrf_token": _token(client),
                                                  "text": "а" * 6_000})  # fmt: skip
    assert long.status_code == 413
    assert 'role="alert"' in long.text
