"""The public pages in Debian's Chromium, driven by Playwright, as citizens use them: a report
with a photo in Kazakh and in Russian, its status link, a check, the keyboard alone,
JavaScript turned off, and axe-core's accessibility rules on every page in every language."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.factories import serving
from tests.web.test_pages import png

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# Without the background-networking flags Chromium keeps trying hosts a closed network refuses.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("site")) as base:
        yield base


def _page(chromium: Browser, language: str, **options: Any) -> Page:
    # A small phone, and axe injected past the site's own script policy.
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        locale=language,
        extra_http_headers={"Accept-Language": language},
        bypass_csp=True,
        **options,
    )
    return context.new_page()


def _violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run()).violations.map(v => v.id + ': ' + "
        "v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(found)


def _report(page: Page, site: str, text: str, photo: Path) -> str:
    page.goto(f"{site}/report")
    page.select_option("#category", "fake_bank_call")
    page.fill("#text", text)
    page.set_input_files("#files", str(photo))
    page.fill("#loss_amount", "150 000")
    page.select_option("#region", "pavlodar")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/status/R\d{8}-\w+\?key="))
    return str(page.url)


@pytest.mark.parametrize(
    ("language", "text", "received"),
    [
        (
            "kk",
            "Банктен қоңырау шалды +7 701 555 12 34, KZ86125KZT5004100100 шотына аударуды сұрады",
            "Хабарламаңыз қабылданды",
        ),
        (
            "ru",
            "Звонили из банка с номера 8 (701) 555-12-34, просили перевести на "
            "KZ86125KZT5004100100",
            "Ваше сообщение принято",
        ),
    ],
)
def test_a_report_with_a_photo_and_its_status_link(
    chromium: Browser, site: str, tmp_path: Path, language: str, text: str, received: str
) -> None:
    photo = tmp_path / "скриншот.png"
    photo.write_bytes(png())
    page = _page(chromium, language)
    link = _report(page, site, text, photo)
    body = page.inner_text("main")
    assert received in body
    assert "+77015551234" in body
    assert "KZ86125KZT5004100100" in body
    page.screenshot(path=str(tmp_path / f"status-{language}.png"), full_page=True)
    # Opened later in another browser, the link shows the same report, without the banner.
    later = _page(chromium, language)
    later.goto(link.replace("&new=1", ""))
    assert received not in later.inner_text("main")
    assert "+77015551234" in later.inner_text("main")
    assert _violations(later) == []


def test_check_with_the_keyboard_alone(chromium: Browser, site: str) -> None:
    page = _page(chromium, "ru")
    page.goto(site)
    # Skip link, brand, three languages, then the check box.
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "value":
            break
    assert page.evaluate("document.activeElement.id") == "value"
    page.keyboard.type("http://kaspi-bonus-kz.com/login")
    page.keyboard.press("Enter")
    page.wait_for_selector("#result .verdict")
    assert "Нет в реестре" in page.inner_text("#result")
    assert "/check?value=" in page.url


def test_the_report_form_works_with_javascript_off(
    chromium: Browser, site: str, tmp_path: Path
) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(png())
    page = _page(chromium, "ru", java_script_enabled=False)
    link = _report(page, site, "Продавец на OLX прислал ссылку olx-dostavka.example/pay", photo)
    assert "Ваше сообщение принято" in page.inner_text("main")
    assert "key=" in link


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_public_page_passes_axe(chromium: Browser, site: str, language: str) -> None:
    page = _page(chromium, language)
    found = {}
    pages = (
        "/",
        "/report",
        "/appeal",
        "/check?value=%2B77015551234",
        "/check?value=nonsense",
        "/x",
    )
    for path in pages:
        page.goto(site + path)
        assert page.evaluate("document.documentElement.lang") == language
        found[path] = _violations(page)
    # A form sent back with errors is a page of its own.
    page.goto(site + "/report")
    page.evaluate("document.querySelector('form').noValidate = true")
    page.click("button[type=submit]")
    page.wait_for_selector("#form-errors")
    found["/report (errors)"] = _violations(page)
    assert found == {path: [] for path in found}, json.dumps(found, ensure_ascii=False)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_page_runs_past_a_small_phones_screen(
    chromium: Browser, site: str, language: str
) -> None:
    page = _page(chromium, language)
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for path in ("/", "/report", "/appeal", "/check?value=%2B77015551234", "/x"):
        page.goto(site + path)
        wide[path] = page.evaluate(
            "[...document.querySelectorAll('body *')].filter("
            "e => e.getBoundingClientRect().right > innerWidth).map(e => e.tagName + '#' + e.id)"
        )
    assert wide == {path: [] for path in wide}


def test_an_owner_files_an_appeal_and_sees_it_waiting(
    chromium: Browser, site: str, tmp_path: Path
) -> None:
    photo = tmp_path / "screen.png"
    photo.write_bytes(png())
    reporter = _page(chromium, "ru")
    _report(reporter, site, "Мошенник писал с @olx_courier_kz и 8 705 123 45 67", photo)
    document = tmp_path / "договор.pdf"
    document.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    owner = _page(chromium, "kk")
    owner.goto(f"{site}/appeal")
    owner.fill("#value", "8 705 123 45 67")
    owner.fill("#text", "Бұл нөмір менікі, 2012 жылдан бері пайдаланамын")
    owner.set_input_files("#files", str(document))
    owner.click("button[type=submit]")
    owner.wait_for_url(re.compile(r"/appeal/A\d{8}-\w+\?key="))
    body = owner.inner_text("main")
    assert "Шағымыңыз қабылданды" in body
    assert "Талдаушының тексеруін күтуде" in body
    assert _violations(owner) == []
