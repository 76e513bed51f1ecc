"""One investigation in Debian's Chromium, under the site's real content security policy: sign
in, triage a victim's report and open a case from it, follow the victim's transfer on the
graph, send freeze requests from it, let a bank answer over the API, watch the graph and the
case's totals change, and export the month's statistics as XLSX and read them back."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, ConsoleMessage, Page

from cyberpol.bootstrap import bootstrap
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.reports.domain import ReportSubmission
from tests.e2e.test_browser import CHROMIUM, _page, _violations
from tests.factories import make_settings, serving

PASSWORD = "тергеу жұмысы 2026"
VICTIM = "KZ49601A861002432651"  # Halyk: a pensioner's own account
DROP = "KZ18722S000012345678"  # Kaspi: the first drop
MULE = "KZ43965A220000089122"  # ForteBank: where most of it went
ERDR = "261500031000909"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"
)


def _transfer(tid: str, ts: str, amount: str, src: str, sb: str, dst: str, db: str) -> dict:
    return {"transfer_id": tid, "ts": ts, "amount": amount, "from_account": src,
            "from_bank": sb, "to_account": dst, "to_bank": db, "channel": "transfer"}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    where = tmp_path_factory.mktemp("flow")
    runtime = bootstrap(make_settings(where))
    runtime.accounts.create_user(actor=CONSOLE, name="i.sadykov", role=Role.INVESTIGATOR)
    runtime.accounts.set_password(actor=CONSOLE, name="i.sadykov", password=PASSWORD)
    tokens = {}
    for code, name in (("CASPKZKA", "Kaspi Bank"), ("HSBKKZKX", "Halyk Bank"),
                       ("IRTYKZKA", "ForteBank")):  # fmt: skip
        runtime.freeze.connect_bank(actor=CONSOLE, code=code, name=name)
        tokens[code] = runtime.freeze.bank_token(actor=CONSOLE, code=code).secret
    runtime.reports.submit(
        submission=ReportSubmission(
            "Мне позвонили с +7 747 120 33 48, сказали что из службы безопасности Halyk, "
            "и я перевела 850 000 тенге на «безопасный счёт» KZ18722S000012345678.",
            ScamCategory.FAKE_BANK_CALL, Channel.TELEGRAM, Region.PAVLODAR,
        )
    )  # fmt: skip
    runtime.engine.dispose()
    with serving(where) as base:
        kaspi = [
            _transfer("HB-77", "2026-12-01T09:12:00+05:00", "850000", VICTIM, "HSBKKZKX",
                      DROP, "CASPKZKA"),
            _transfer("KS-1", "2026-12-01T09:31:00+05:00", "600000", DROP, "CASPKZKA",
                      MULE, "IRTYKZKA"),
        ]  # fmt: skip
        sent = httpx.post(
            f"{base}/api/v1/transfers",
            json=kaspi,
            headers={"Authorization": f"Bearer {tokens['CASPKZKA']}"},
        )
        assert sent.json()["loaded"] == 2, sent.text
        yield base, tokens


def _strict_page(chromium: Browser, errors: list[str]) -> Page:
    """A desk-sized page that keeps the site's script policy and collects console errors."""
    page = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="ru",
        extra_http_headers={"Accept-Language": "ru"},
    ).new_page()  # fmt: skip

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", keep)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def test_from_a_report_to_frozen_money(
    chromium: Browser, site: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    base, tokens = site
    errors: list[str] = []
    page = _strict_page(chromium, errors)
    page.goto(f"{base}/triage")
    page.fill("#username", "i.sadykov")
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/triage")
    group = page.locator("section.group", has_text="+77471203348")
    group.locator("input[name=report]").first.check()
    group.locator("input[name=indicator]").check()
    page.fill("#title", "Звонок «службы безопасности Halyk», пенсионерка, Павлодар")
    page.click("button[value=open_case]")
    page.wait_for_url(f"{base}/cases/*")
    case_url = page.url
    assert "Звонок «службы безопасности Halyk»" in page.inner_text("h1")
    page.click("summary:has-text('Исправить сведения')")
    page.fill("#edit-erdr", ERDR)
    page.click("form[action$='/edit'] button")
    page.wait_for_url(case_url)
    page.click("summary:has-text('Связать')")
    page.select_option("#link-kind", "transfer")
    page.fill("#link-refs", "HB-77")
    page.click("form[action$='/links'] button")
    page.click("a[href^='/trace/HB-77']")
    page.wait_for_selector("#graph[data-ready='1']")
    drawn = int(page.get_attribute("#graph", "data-drawn-ms") or "0")
    assert drawn < 1000
    nodes = page.evaluate("window.cyberpolTrace.nodes(\"[kind = 'account']\").length")
    assert nodes == 2
    page.screenshot(path=str(tmp_path / "trace-before.png"), full_page=True)
    page.fill("#legal_basis", "Постановление о наложении ареста от 01.12.2026")
    page.click("form[action$='/freeze'] button[type=submit]")
    page.wait_for_selector("p.notice")
    assert "Направлено запросов о заморозке: 2." in page.inner_text("p.notice")
    marks = page.evaluate(
        "window.cyberpolTrace.nodes(\"[kind = 'account']\").map(n => n.data('mark')).sort()"
    )
    assert marks == ["sent", "sent"]
    # Kaspi answers over its API: it froze what the drop still held.
    kaspi = {"Authorization": f"Bearer {tokens['CASPKZKA']}"}
    [request] = httpx.get(f"{base}/api/v1/freeze-requests", headers=kaspi).json()["items"]
    answered = httpx.post(
        f"{base}/api/v1/freeze-requests/{request['id']}/answer",
        json={"frozen_amount": "250000"},
        headers=kaspi,
    )
    assert answered.status_code == 200, answered.text
    # The open page picks the answer up on its next refresh, without a reload.
    page.wait_for_selector("td[data-mark-for]:has-text('Заморожено')", timeout=15_000)
    marks = page.evaluate(
        "window.cyberpolTrace.nodes(\"[kind = 'account']\").map(n => n.data('mark')).sort()"
    )
    assert marks == ["frozen", "sent"]
    page.screenshot(path=str(tmp_path / "trace-after.png"), full_page=True)
    page.goto(case_url)
    money = page.inner_text("table.totals")
    assert "850 000.00" in money  # traced: what was asked for
    assert "250 000.00" in money  # frozen by Kaspi
    # The month's figures, exported as the unit's briefing and read back.
    page.click("nav.sections a[href='/stats']")
    page.wait_for_selector("#region-map[data-ready='1']")
    with page.expect_download() as download:
        page.click("a[href^='/stats/export.xlsx']")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    totals = {row[0]: row[1] for row in book["Итоги"].iter_rows(min_row=2, values_only=True)}
    assert totals["Поступило заявлений"] == 1
    assert totals["Зарегистрировано дел"] == 1
    assert totals["Запрошена заморозка счетов"] == 2
    assert totals["Заморожено счетов"] == 1
    assert totals["Заморожено, тенге"] == 250000
    assert errors == [], json.dumps(errors, ensure_ascii=False)
    found = {}
    for language in ("kk", "ru", "en"):
        checked = _page(chromium, language)  # axe is injected past the script policy
        checked.context.add_cookies(page.context.cookies())  # type: ignore[arg-type]
        checked.goto(f"{base}/trace/HB-77?case={ERDR}")
        checked.wait_for_selector("#graph[data-ready='1']")
        found[f"/trace ({language})"] = _violations(checked)
        checked.goto(f"{base}/stats")
        checked.wait_for_selector("#region-map[data-ready='1']")
        found[f"/stats ({language})"] = _violations(checked)
    assert found == {path: [] for path in found}, json.dumps(found, ensure_ascii=False)
